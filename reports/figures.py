"""Every coverage figure of a period and the one before it, in one SQL statement.

The counted articles (what ``Article.objects.published()`` says the public sees, in the two
periods) are read once, from the ``(status, published_at)`` index alone on PostgreSQL, and named
``counted``; each article's photos (featured and in the body, each once) are found once and
named ``shown`` (a photo both featured and in the body is there twice: every use below
counts distinct photos); each article's organisations (rolled up or not) once, ``organised``. Every
table of the report is then a grouping of those, and the statement returns them all together as
rows of (table, key, label, month, figure in the period, figure in the one before).

Before, each table asked again for the counted articles and joined them to the photos by two
roads and a UNION, eleven statements and 1.2 s for a year at 100,000 articles; see
bench/results/findings.md for the plan of this one.
"""

import datetime as dt

from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Coalesce

from articles.models import Article, ArticleAuthor, ArticleBodyPhoto, Author, Organisation
from photos.models import Photo
from reports.periods import LOCAL, Period

LINKS = Article.organisations.through

# Each part of the result, and the tables they fill.
TOTAL, TOTAL_PHOTOS = "total", "total-photos"
ORGANISATIONS, ORGANISATION_PHOTOS, MONTHS = "organisations", "organisation-photos", "months"
SECTIONS, SECTION_PHOTOS = "sections", "section-photos"
AUTHORS, PHOTOGRAPHERS = "authors", "photographers"

_STATEMENT = """
WITH counted AS ({counted}),
shown AS (
    SELECT article, cur, featured AS photo FROM counted WHERE featured IS NOT NULL
    UNION ALL
    SELECT c.article, c.cur, b.photo_id FROM counted c JOIN {body} b ON b.article_id = c.article
),
organised AS (
    SELECT {distinct} c.article, c.cur, c.month, {organisation_key} AS k
    FROM counted c
    JOIN {links} l ON l.article_id = c.article
    JOIN {organisation} o ON o.id = l.organisation_id
    LEFT JOIN {organisation} up ON up.id = o.parent_id
),
credited AS (
    SELECT c.article, c.cur, y.author_id, {share} AS share
    FROM counted c JOIN {bylines} y ON y.article_id = c.article
)
SELECT '{total}', {no_key}, {no_label}, {no_month}, SUM(cur), SUM(1 - cur) FROM counted
UNION ALL
SELECT '{total_photos}', {no_key}, {no_label}, {no_month}, SUM(cur), SUM(1 - cur)
FROM (SELECT DISTINCT photo, cur FROM shown) p
UNION ALL
SELECT '{organisations}', k, {no_label}, {no_month}, SUM(cur), SUM(1 - cur)
FROM organised GROUP BY k
UNION ALL
SELECT '{organisation_photos}', k, {no_label}, {no_month}, SUM(cur), SUM(1 - cur)
FROM (
    SELECT DISTINCT o.k, s.photo, s.cur FROM organised o JOIN shown s ON s.article = o.article
) p GROUP BY k
UNION ALL
SELECT '{months}', k, {no_label}, month, COUNT(*), 0 FROM organised WHERE cur = 1
GROUP BY k, month
UNION ALL
SELECT '{sections}', section, {no_label}, {no_month}, SUM(cur), SUM(1 - cur)
FROM counted GROUP BY section
UNION ALL
SELECT '{section_photos}', section, {no_label}, {no_month}, SUM(cur), SUM(1 - cur)
FROM (
    SELECT DISTINCT c.section, s.photo, s.cur FROM counted c JOIN shown s ON s.article = c.article
) p GROUP BY section
UNION ALL
SELECT '{authors}', a.id, a.name, {no_month}, SUM(y.share * y.cur), SUM(y.share * (1 - y.cur))
FROM credited y JOIN {author} a ON a.id = y.author_id GROUP BY a.id, a.name
UNION ALL
SELECT '{photographers}', {no_key}, credit, {no_month}, SUM(cur), SUM(1 - cur)
FROM (
    SELECT DISTINCT p.credit, s.photo, s.cur FROM shown s JOIN {photo} p ON p.id = s.photo
) p GROUP BY credit
"""


def _counted(period: Period, previous: Period, rolled_up: bool):
    """The counted articles of both periods: id, section, featured photo, flag, month."""
    months = period.months()
    month_of = Case(
        *[
            When(published_at__gte=dt.datetime.combine(first, dt.time(), LOCAL), then=Value(number))
            for number, first in reversed(list(enumerate(months)))
            if number
        ],
        default=Value(0),
        output_field=IntegerField(),
    )
    section = Coalesce("category__parent_id", "category_id") if rolled_up else F("category_id")
    return (
        Article.objects.published()
        .filter(published_at__gte=previous.starts_at, published_at__lt=period.ends_at)
        .order_by()
        .values(
            article=F("id"),
            section=section,
            featured=F("featured_photo_id"),
            cur=Case(
                When(published_at__gte=period.starts_at, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            month=month_of,
        )
    )


def statement(period: Period, *, rolled_up: bool, divided: bool) -> tuple[str, list]:
    """The SQL and its parameters (those of the counted articles' query, compiled by Django)."""
    counted, params = _counted(period, period.previous(), rolled_up).query.sql_with_params()
    table = {
        "body": ArticleBodyPhoto._meta.db_table,
        "links": LINKS._meta.db_table,
        "organisation": Organisation._meta.db_table,
        "bylines": ArticleAuthor._meta.db_table,
        "author": Author._meta.db_table,
        "photo": Photo._meta.db_table,
    }
    sql = _STATEMENT.format(
        counted=counted,
        **{name: connection.ops.quote_name(value) for name, value in table.items()},
        # Rolled up, a sub-organisation counts for its top one (three levels deep); an article
        # about two organisations of one group then appears twice, hence DISTINCT.
        distinct="DISTINCT" if rolled_up else "",
        organisation_key="COALESCE(up.parent_id, o.parent_id, o.id)" if rolled_up else "o.id",
        share="1.0 / COUNT(*) OVER (PARTITION BY c.article)" if divided else "1.0",
        # Typed, so the UNION's columns have one type each on PostgreSQL.
        no_key="CAST(NULL AS BIGINT)",
        no_label="CAST(NULL AS TEXT)",
        no_month="CAST(NULL AS INTEGER)",
        total=TOTAL,
        total_photos=TOTAL_PHOTOS,
        organisations=ORGANISATIONS,
        organisation_photos=ORGANISATION_PHOTOS,
        months=MONTHS,
        sections=SECTIONS,
        section_photos=SECTION_PHOTOS,
        authors=AUTHORS,
        photographers=PHOTOGRAPHERS,
    )
    return sql, list(params)


def figures(period: Period, *, rolled_up: bool, divided: bool) -> list[tuple]:
    """The rows of the statement: (part, key, label, month, in the period, in the one before)."""
    sql, params = statement(period, rolled_up=rolled_up, divided=divided)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            return cursor.fetchall()
        # PostgreSQL cannot see that each article is one row of ``counted`` and guesses
        # millions of joined rows where there are 80,000; past ``jit_above_cost`` it would
        # compile the plan first: 3.4 s at 100,000 articles for a statement that runs in 0.4 s.
        # SET LOCAL lasts to the end of the transaction (no savepoint: nothing is written).
        with transaction.atomic(savepoint=False):
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(sql, params)
            return cursor.fetchall()
