"""Read queries that the reader's site and the admin share, each said once.

- related articles: the published articles sharing the most organisations and tags with one
  article, for its page (and the previews);
- the next scheduled publication (or update), which ends the page cache's generation;
- the desk: a user's own articles, the last workflow action and editor, the desk's counts.
"""

import logging
from datetime import UTC, datetime, timedelta

from django.db import connections, router
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles import pending, workflow
from articles.models import Article, ArticleAuthor, Revision, Transition

Status = Article.Status
logger = logging.getLogger(__name__)

RELATED_SIZE = 6
RELATED_CANDIDATES = 30


def related_articles(article: Article, size: int = RELATED_SIZE) -> list[Article]:
    """Published articles sharing the most organisations and tags with ``article``, newest first.

    Only the newest ``RELATED_CANDIDATES`` articles sharing an organisation, and as many
    sharing a tag, are compared: ranking every article that shares something (most of the
    archive, since organisations are few) cost a second a page at 100,000 articles. Each set is
    found by walking the (status, published_at) index newest first and stopping; asked for with
    one condition on both kinds of link, PostgreSQL hashes every link of the archive instead.
    ``article`` has its organisations and tags prefetched.

    The ranking is one SQL statement written here (``related_ranking_sql``), then the cards are
    fetched by id: built by the ORM, the same statement (two subqueries with correlated counts)
    cost about 15 ms of Python a page to compile, a third of the whole article page.
    """
    organisations = [organisation.pk for organisation in article.organisations.all()]
    links = [
        (Article.organisations.through, "organisation_id", organisations),
        (Article.tags.through, "tag_id", [tag.pk for tag in article.tags.all()]),
    ]
    links = [(through, field, ids) for through, field, ids in links if ids]
    if not links:
        return []
    connection = connections[router.db_for_read(Article)]
    sql, params = related_ranking_sql(connection, article.pk, links, size)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ranked = cursor.fetchall()
    cards = Article.objects.published().for_cards().in_bulk([pk for pk, _ in ranked])
    related = []
    for pk, shared in ranked:
        if pk in cards:  # unpublished in between: left out
            cards[pk].shared = shared
            related.append(cards[pk])
    return related


def related_ranking_sql(connection, article_id: int, links, size: int) -> tuple[str, list]:
    """The ids of the ``size`` best related articles with how much each shares, best first.

    ``links``: (through model, column of the other side, the article's ids on that side).
    Only quoted table and column names of our own models are written into the text; every
    value is a parameter.
    """
    quote = connection.ops.quote_name
    articles = quote(Article._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    shared, shared_params, candidates, candidate_params = [], [], [], []
    for number, (through, column, ids) in enumerate(links):
        table, marks = quote(through._meta.db_table), ", ".join(["%s"] * len(ids))
        shared.append(
            f"(SELECT COUNT(*) FROM {table} l WHERE l.article_id = c.id AND l.{quote(column)} "  # noqa: S608
            f"IN ({marks}))"
        )
        shared_params += ids
        candidates.append(
            f"SELECT id FROM (SELECT a.id FROM {articles} a WHERE a.status = %s "  # noqa: S608
            f"AND a.published_at <= %s AND a.id <> %s AND a.id IN (SELECT l.article_id FROM "
            f"{table} l WHERE l.{quote(column)} IN ({marks})) ORDER BY a.published_at DESC, "
            f"a.id DESC LIMIT %s) c{number}"
        )
        candidate_params += [Article.Status.PUBLISHED.value, now, article_id, *ids]
        candidate_params.append(RELATED_CANDIDATES)
    sql = (
        f"SELECT c.id, {' + '.join(shared)} AS shared FROM ({' UNION '.join(candidates)}) c "  # noqa: S608
        f"INNER JOIN {articles} a ON a.id = c.id "
        "ORDER BY shared DESC, a.published_at DESC, a.id DESC LIMIT %s"
    )
    return sql, [*shared_params, *candidate_params, size]


def next_publication_time() -> float | None:
    """When the public site next changes by the clock alone (a timestamp), or None: a scheduled
    article goes public, an article's end time comes, an embargo lifts, or a scheduled update
    replaces a public version. The page cache's generation ends then
    (``newsroom.pagecache.expire_at_next``).
    """
    return clock_times()[0]


def clock() -> float | None:
    """The page cache's clock (``expire_at_next``), asked when a generation begins: publish
    the scheduled updates whose time has come, then say when the public site next changes.
    Nothing due costs the one query of ``clock_times``."""
    upcoming, update_due = clock_times()
    if update_due:
        try:
            pending.publish_due()
        except Exception:
            # Every public page asks the clock: a failing update must not take the site down.
            # It stays due, is logged, and is tried again when the next generation begins.
            logger.exception("A scheduled update could not be published")
        upcoming, _ = clock_times()
    return upcoming


def clock_times() -> tuple[float | None, bool]:
    """(the next time the public site changes by the clock, whether a scheduled update is
    already due). One statement of four subqueries, each the first row along its own index:
    a new generation costs one query, as it did when only scheduling counted.
    """
    now = timezone.now()
    published = Article.objects.filter(status=Status.PUBLISHED)
    firsts = [
        published.filter(**{f"{field}__gt": now}).order_by(field).values(field)[:1]
        for field in ("published_at", "expires_at", "embargo_until")
    ]
    # The earliest scheduled update, due or not: one already due is published first.
    updates = published.filter(pending_status=Status.PUBLISHED, pending_publish_at__isnull=False)
    firsts.append(updates.order_by("pending_publish_at").values("pending_publish_at")[:1])
    parts, params = [], []
    for first in firsts:
        sql, first_params = first.query.sql_with_params()
        parts.append(f"({sql})")
        params += first_params
    connection = connections[router.db_for_read(Article)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        times = [_instant(value) for value in cursor.fetchone()]
    update_due = times[3] is not None and times[3] <= now
    if update_due:
        times[3] = None
    upcoming = min((time for time in times if time is not None), default=None)
    return (upcoming.timestamp() if upcoming else None), update_due


def _instant(value) -> datetime | None:
    """A time as the database driver returns it (SQLite: naive, or text, in UTC) made aware."""
    if value is None:
        return None
    parsed = value if isinstance(value, datetime) else parse_datetime(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# --- The desk (the admin's first page and the article list's desk filter) -------------------


def with_last_action(articles):
    """Annotate each article with the action of its latest transition."""
    latest = Transition.objects.filter(article=OuterRef("pk")).order_by("-created_at", "-pk")
    return articles.annotate(last_action=Subquery(latest.values("action")[:1]))


def own_articles(user):
    """The ids of the articles ``user`` created or signs, as a subquery: two index lookups
    (created by, byline) rather than a pass over the whole archive joined to the bylines."""
    created = Article.objects.filter(created_by=user).order_by().values("pk")
    signed = ArticleAuthor.objects.filter(author__user=user).order_by().values("article_id")
    return created.union(signed)


def desk_counts(user) -> dict[str, int]:
    """The numbers on a user's desk, in one query.

    Only the articles some queue counts are read (unpublished, scheduled, or published this
    week), found along the (status, date) index: the published archive, nearly all of a
    100,000-article table, is never scanned, so the desk costs the same at any size.
    """
    now = timezone.now()
    week_ago = now - timedelta(days=7)
    own = own_articles(user)
    on_desk = workflow.visible_articles(user, Article.objects.all()).filter(
        Q(status__in=[Status.DRAFT, Status.IN_REVIEW, Status.APPROVED])
        | Q(status=Status.PUBLISHED, published_at__gt=week_ago)
    )
    return with_last_action(on_desk).aggregate(
        drafts=Count("pk", filter=Q(status=Status.DRAFT, pk__in=own)),
        returned=Count(
            "pk",
            filter=Q(status=Status.DRAFT, pk__in=own, last_action=Transition.Action.RETURN),
        ),
        in_review=Count("pk", filter=Q(status=Status.IN_REVIEW)),
        approved=Count("pk", filter=Q(status=Status.APPROVED)),
        scheduled=Count("pk", filter=Q(status=Status.PUBLISHED, published_at__gt=now)),
        recent=Count(
            "pk",
            filter=Q(status=Status.PUBLISHED, published_at__lte=now, published_at__gt=week_ago),
        ),
    )


def with_last_editor(articles):
    """Annotate each article with the name of whoever saved its latest revision (the full name,
    the username when there is none): one subquery along the (article, number) index."""
    latest = Revision.objects.filter(article=OuterRef("pk")).order_by("-number")
    full = Trim(Concat("created_by__first_name", Value(" "), "created_by__last_name"))
    name = Coalesce(NullIf(full, Value("")), "created_by__username")
    return articles.annotate(last_editor=Subquery(latest.values_list(name)[:1]))
