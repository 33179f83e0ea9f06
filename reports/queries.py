"""The coverage figures, counted by the database in a constant number of queries.

Each question is asked once for a period and the one before it together: the rows are the
published articles of both, and a flag (published on or after the period's start) splits the
counts. What counts is what ``Article.objects.published()`` says the public sees, so drafts,
taken-down and scheduled articles never count.

Photos are the library photos a counted article shows, as its featured photo or in its body,
each counted once per row however many articles show it. Organisations may nest: rolled up,
an article about a sub-organisation counts once for its top organisation (three levels deep).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils.translation import gettext as _

from articles.models import Article, ArticleAuthor, Category, Organisation
from reports.periods import LOCAL, Period

ArticleOrganisation = Article.organisations.through


def shared_bylines() -> str:
    """How a shared byline counts: "whole" (one for each author) or "divided" (1/n each)."""
    mode = getattr(settings, "NEWSROOM_REPORT_SHARED_BYLINES", "whole")
    return "divided" if mode == "divided" else "whole"


@dataclass
class Row:
    """One line of a coverage table: a name and its figures for the period and the one before."""

    key: object
    name: str
    articles: Decimal | int = 0
    previous_articles: Decimal | int = 0
    photos: int = 0
    previous_photos: int = 0
    parent: str = ""

    @property
    def change(self):
        return self.articles - self.previous_articles

    @property
    def photo_change(self):
        return self.photos - self.previous_photos


@dataclass
class Coverage:
    period: Period
    previous: Period
    rolled_up: bool
    shared: str
    total: Row = None
    organisations: list[Row] = field(default_factory=list)
    sections: list[Row] = field(default_factory=list)
    authors: list[Row] = field(default_factory=list)
    photographers: list[Row] = field(default_factory=list)
    monthly: dict = field(default_factory=dict)  # organisation name → {month: articles}


def _published_in(period: Period, previous: Period):
    return Article.objects.published().filter(
        published_at__gte=previous.starts_at, published_at__lt=period.ends_at
    )


def _current(prefix: str, period: Period) -> Q:
    return Q(**{f"{prefix}published_at__gte": period.starts_at})


def _article_counts(base, key, prefix: str, period: Period) -> dict:
    """key → (articles in the period, articles in the one before), distinct articles."""
    now = _current(prefix, period)
    article = f"{prefix}id" if prefix else "id"
    rows = (
        base.order_by()
        .annotate(k=key)
        .values("k")
        .annotate(
            current=Count(article, filter=now, distinct=True),
            before=Count(article, filter=~now, distinct=True),
        )
    )
    return {row["k"]: (row["current"], row["before"]) for row in rows}


def _photo_counts(base, key_for, prefix: str, period: Period) -> dict:
    """key → (photos in the period, photos in the one before), each photo once per key.

    A photo reaches an article by two roads (featured, body); the database joins the two as a
    UNION of (key, photo, in the period) triples, which removes repeats, and sums the flags.
    """
    flag = Case(
        When(_current(prefix, period), then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    roads = []
    for road in (f"{prefix}featured_photo", f"{prefix}body_photo_links__photo"):
        roads.append(
            base.order_by()
            .filter(**{f"{road}__isnull": False})
            .annotate(k=key_for(road), photo=F(f"{road}_id"), flag=flag)
            .values("k", "photo", "flag")
        )
    sql, params = roads[0].union(roads[1]).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT u.k, SUM(u.flag), SUM(1 - u.flag) FROM ({sql}) u GROUP BY u.k",  # noqa: S608
            params,
        )
        return {k: (int(now), int(before)) for k, now, before in cursor.fetchall()}


def _organisation_key(rolled_up: bool):
    if rolled_up:
        return Coalesce(
            "organisation__parent__parent_id", "organisation__parent_id", "organisation_id"
        )
    return F("organisation_id")


def _rows(names: dict, articles: dict, photos: dict) -> list[Row]:
    rows = []
    for key in set(articles) | set(photos):
        now, before = articles.get(key, (0, 0))
        photos_now, photos_before = photos.get(key, (0, 0))
        name, parent = names.get(key, (str(key), ""))
        rows.append(Row(key, name, now, before, photos_now, photos_before, parent))
    rows.sort(key=lambda row: (-row.articles, -row.photos, row.name))
    return rows


def coverage(period: Period, *, rolled_up: bool = True) -> Coverage:
    """Published articles and photos per organisation, section, author and photographer."""
    previous = period.previous()
    report = Coverage(period, previous, rolled_up, shared_bylines())
    articles = _published_in(period, previous)

    totals = articles.aggregate(
        current=Count("id", filter=_current("", period)),
        before=Count("id", filter=~_current("", period)),
    )
    total_photos = _photo_counts(articles, lambda road: Value(0), "", period).get(0, (0, 0))
    report.total = Row(None, "", totals["current"], totals["before"], *total_photos)

    links = ArticleOrganisation.objects.filter(article__in=articles)
    key = _organisation_key(rolled_up)
    organisations = {
        org.pk: (org.name, org.parent.name if org.parent_id else "")
        for org in Organisation.objects.select_related("parent")
    }
    report.organisations = _rows(
        organisations,
        _article_counts(links, key, "article__", period),
        _photo_counts(links, lambda road: key, "article__", period),
    )

    section_key = Coalesce("category__parent_id", "category_id") if rolled_up else F("category_id")
    sections = {
        section.pk: (section.name, section.parent.name if section.parent_id else "")
        for section in Category.objects.select_related("parent")
    }
    sections[None] = (str(_("(Chưa có chuyên mục)")), "")
    report.sections = _rows(
        sections,
        _article_counts(articles, section_key, "", period),
        _photo_counts(articles, lambda road: section_key, "", period),
    )

    report.authors = _authors(articles, period, report.shared)
    photographers = _photo_counts(articles, lambda road: F(f"{road}__credit"), "", period)
    unnamed = str(_("(Không ghi nguồn ảnh)"))
    report.photographers = _rows(
        {credit: (credit or unnamed, "") for credit in photographers}, {}, photographers
    )
    report.monthly = _monthly(links, key, organisations, period)
    return report


def _authors(articles, period: Period, shared: str) -> list[Row]:
    """Articles per author; a shared byline counts whole for each, or 1/n when divided."""
    size = Subquery(
        ArticleAuthor.objects.filter(article=OuterRef("article"))
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    share = Value(1.0) / Cast(size, FloatField()) if shared == "divided" else Value(1.0)
    now = _current("article__", period)
    rows = (
        ArticleAuthor.objects.filter(article__in=articles)
        .order_by()
        .annotate(share=share)
        .values("author_id", "author__name")
        .annotate(current=Sum("share", filter=now), before=Sum("share", filter=~now))
    )
    result = []
    for row in rows:
        now_value, before_value = (_figure(row["current"]), _figure(row["before"]))
        result.append(Row(row["author_id"], row["author__name"], now_value, before_value))
    result.sort(key=lambda row: (-row.articles, row.name))
    return result


def _figure(value) -> Decimal | int:
    """A share sum as a whole number when it is one, otherwise rounded to two decimals."""
    value = Decimal(str(round(value or 0, 2)))
    return int(value) if value == value.to_integral_value() else value


def _monthly(links, key, organisations: dict, period: Period) -> dict:
    """Top organisations' (or each organisation's) articles per local month of the period."""
    rows = (
        links.filter(article__published_at__gte=period.starts_at)
        .order_by()
        .annotate(k=key, month=TruncMonth("article__published_at", tzinfo=LOCAL))
        .values("k", "month")
        .annotate(n=Count("article_id", distinct=True))
    )
    table = defaultdict(dict)
    for row in rows:
        name = organisations.get(row["k"], (str(row["k"]), ""))[0]
        table[name][row["month"].astimezone(LOCAL).date().replace(day=1)] = row["n"]
    return dict(table)
