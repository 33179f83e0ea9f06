"""The royalty sheet (nhuận bút): the points editors gave the period's published articles.

Each author's points are summed by the database; a shared byline gives each author the
article's points whole, or divided among them, as NEWSROOM_REPORT_SHARED_BYLINES says.
"""

from django.db.models import Count, ExpressionWrapper, F, FloatField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from articles.models import Article, ArticleAuthor
from reports.models import RoyaltyGrade
from reports.periods import Period
from reports.queries import _figure, shared_bylines
from reports.tables import Table, period_table


def _graded(period: Period):
    return Article.objects.published().filter(
        published_at__gte=period.starts_at,
        published_at__lt=period.ends_at,
        royalty_grade__isnull=False,
    )


def per_author(period: Period) -> list[list]:
    """[author, articles, points] for each author with a graded article, most points first."""
    if shared_bylines() == "divided":
        size = Subquery(
            ArticleAuthor.objects.filter(article=OuterRef("article"))
            .order_by()
            .values("article")
            .annotate(n=Count("pk"))
            .values("n")
        )
        share = Value(1.0) / Cast(size, FloatField())
    else:
        share = Value(1.0)
    points = ExpressionWrapper(
        Cast("article__royalty_grade__points", FloatField()) * F("share"), output_field=FloatField()
    )
    rows = (
        ArticleAuthor.objects.filter(article__in=_graded(period))
        .order_by()
        .annotate(share=share)
        .annotate(weighted=points)
        .values("author__name")
        .annotate(articles=Sum("share"), points=Sum("weighted"))
    )
    sheet = [
        [row["author__name"], _figure(row["articles"]), _figure(row["points"])] for row in rows
    ]
    sheet.sort(key=lambda row: (-row[2], row[0]))
    return sheet


def graded_articles(period: Period) -> list[list]:
    """[published date, title, byline, grade, points, graded by] for each graded article."""
    grades = RoyaltyGrade.objects.filter(article__in=_graded(period)).select_related(
        "article", "graded_by"
    )
    bylines = {}
    entries = ArticleAuthor.objects.filter(article__in=_graded(period)).select_related("author")
    for entry in entries:
        place = (entry.position, entry.pk, entry.author.name)
        bylines.setdefault(entry.article_id, []).append(place)
    rows = []
    for grade in grades.order_by("article__published_at", "article_id"):
        local = grade.article.published_at.astimezone(period.starts_at.tzinfo).date()
        names = " - ".join(name for *_order, name in sorted(bylines.get(grade.article_id, [])))
        by = grade.graded_by.get_full_name() or grade.graded_by.username if grade.graded_by else ""
        rows.append([local, grade.article.title, names, grade.grade, _figure(grade.points), by])
    return rows


def tables(period: Period) -> list[Table]:
    return [
        period_table(period, period.previous()),
        Table(
            "tac-gia",
            _("Nhuận bút theo tác giả"),
            [_("Tác giả"), _("Số bài được chấm"), _("Tổng điểm")],
            per_author(period),
        ),
        Table(
            "bai-viet",
            _("Các bài đã chấm"),
            [
                _("Ngày xuất bản"),
                _("Bài viết"),
                _("Tác giả"),
                _("Loại"),
                _("Điểm"),
                _("Người chấm"),
            ],
            graded_articles(period),
        ),
    ]
