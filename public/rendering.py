"""Render once, serve many: the parts of an article page and its list cards that depend only on
the article, rendered when it (or something it shows) changes and stored in
``articles.models.RenderedArticle``.

- ``page_pieces(article)``: the stored head, header-and-body and footer of a published article,
  rendered again and stored first when missing or stale;
- ``card_html(article, kind)``: the stored card (``{% card %}``), rendered when not fresh;
- ``store(article)`` / ``rebuild(ids)``: render and store (after commits, and ``rebuild_rendered``).

A piece is fresh while its stamp equals ``stamp(article)``: the rendering code's version, the
site's addresses and the article's ``updated_at``. ``articles.signals`` clears the stamps when
anything else a piece shows changes and sends ``renderings_stale``; ``connect`` (called from
``PublicConfig.ready``) renders those articles again once the change is committed.
"""

import functools
import hashlib

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, connections, router, transaction
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import BYLINES, Abbreviation, Article, RenderedArticle
from articles.selectors import RELATED_SIZE, related_ranking_sql
from articles.signals import renderings_stale
from articles.text import mark_abbreviations
from newsroom.site_address import absolute_url
from public import seo

# Raise when a template or function that makes a stored piece changes: every piece is then
# rendered again on its next visit (or by ``rebuild_rendered``).
RENDER_VERSION = 7  # 7: the reader's page (issue 18) and the notes under the body (issue 19)

# A card as each list shows it: the parameters of ``public/_card.html``.
CARD_KINDS = {
    "list": {},
    "grid": {"level": 3, "no_lead": True},
    "compact": {"level": 3, "variant": "compact"},
    "lead": {"variant": "lead", "eager": True},
}
# After a change shared by many articles (an organisation, the glossary), the newest this many
# are rendered at once after the commit; the others when first visited or by rebuild_rendered.
RENDER_AFTER_COMMIT = 100

STORED_PAGE_FIELDS = ("head_html", "article_html", "footer_html", "links")


@functools.lru_cache(maxsize=8)
def _site_digest(
    base: str, media_url: str, static_url: str, storage: str, site_name: str, publisher: str
) -> str:
    # The addresses a piece writes out: the site's, the media's and the logo's (its hashed name);
    # and the publisher's details in its JSON-LD (the footer's settings).
    site = "|".join(
        [base, media_url, static_url, storage, static(seo.LOGO_PATH), site_name, publisher]
    )
    return hashlib.sha256(site.encode()).hexdigest()[:16]


def stamp(article: Article) -> str:
    """What a piece of ``article`` rendered now would be made from."""
    site = _site_digest(
        absolute_url("/"),
        settings.MEDIA_URL,
        settings.STATIC_URL,
        settings.STORAGES["staticfiles"]["BACKEND"],
        settings.NEWSROOM_SITE_NAME,
        "|".join(
            [
                settings.NEWSROOM_LICENCE,
                settings.NEWSROOM_RESPONSIBLE_EDITOR,
                settings.NEWSROOM_ADDRESS,
                settings.NEWSROOM_PHONE,
                settings.NEWSROOM_EMAIL,
            ]
        ),
    )
    updated = article.updated_at.isoformat() if article.updated_at else ""
    # The featured photo's file and renditions too (fetched with the article): its renditions
    # are written after the photo's own save signal, and by make_renditions without one.
    photo = article.featured_photo if article.featured_photo_id else None
    shown = f"{photo.image.name}|{photo.renditions.get('dir', '')}" if photo else ""
    return f"{RENDER_VERSION}|{site}|{updated}|{hashlib.sha256(shown.encode()).hexdigest()[:16]}"


def with_stored_cards(articles):
    """``articles`` with their stored cards, in the same query (not their stored pages)."""
    deferred = [f"rendered__{name}" for name in STORED_PAGE_FIELDS]
    return articles.select_related("rendered").defer(*deferred)


def stored_rendering(article: Article) -> RenderedArticle | None:
    """The rendering fetched with ``article`` (``with_stored_cards``), or None, without a query."""
    if "stored_rendering" in article.__dict__:
        return article.__dict__["stored_rendering"]
    if not Article.rendered.is_cached(article):
        return None
    try:
        return article.rendered
    except ObjectDoesNotExist:
        return None


def card_html(article: Article, kind: str = "list") -> str:
    """``article``'s card for a list (``kind`` in ``CARD_KINDS``): stored when fresh."""
    stored = stored_rendering(article)
    if stored is not None and stored.cards_stamp and stored.cards_stamp == stamp(article):
        html = stored.cards.get(kind)
        if html is not None:
            return mark_safe(html)  # noqa: S308 — rendered by Django's templates, escaped there
    return render_card(article, kind)


def render_card(article: Article, kind: str) -> str:
    return render_to_string("public/_card.html", {"article": article, **CARD_KINDS[kind]})


def glossary() -> dict[str, str]:
    return dict(Abbreviation.objects.values_list("short_form", "expansion"))


def page_context(article: Article, glossary: dict[str, str]) -> dict:
    """What the article's own templates need (``article`` with its byline, organisations and
    tags prefetched)."""
    seen: set[str] = set()  # an abbreviation is explained once, in the lead or the body
    return {
        "article": article,
        "site_name": settings.NEWSROOM_SITE_NAME,
        "lead_html": mark_safe(mark_abbreviations(escape(article.lead), glossary, seen)),  # noqa: S308
        # The body was cleaned by articles.richtext.sanitize_html when it was saved, and
        # mark_abbreviations escapes all text it writes back.
        "body_html": mark_safe(mark_abbreviations(article.body, glossary, seen)),  # noqa: S308
        "meta": seo.article_meta(article),
        "public_notes": seo.notes_of(article),
    }


def render_pieces(article: Article, glossary: dict[str, str], *, head: bool = True) -> dict:
    """The article's pieces rendered now, in the site's language and time zone."""
    prefetch_related_objects([article], "corrections")  # no query when fetched already
    with translation.override(settings.LANGUAGE_CODE), timezone.override(settings.TIME_ZONE):
        context = page_context(article, glossary)
        pieces = {
            "title": context["meta"].title,
            "article_html": render_to_string("public/article/_main.html", context),
            "footer_html": render_to_string("public/article/_footer.html", context),
            "head_html": render_to_string("public/_head_meta.html", context) if head else "",
            "links": {
                "organisations": [organisation.pk for organisation in article.organisations.all()],
                "tags": [tag.pk for tag in article.tags.all()],
            },
            "meta": context["meta"],
        }
        pieces["cards"] = {kind: render_card(article, kind) for kind in CARD_KINDS}
    return pieces


def store(article: Article, glossary: dict[str, str]) -> dict:
    """Render ``article``'s pieces and store them; returns them (safe strings)."""
    prefetch_related_objects([article], BYLINES, "organisations", "tags", "corrections")
    pieces = render_pieces(article, glossary)
    current = stamp(article)
    values = {
        "page_stamp": current,
        "cards_stamp": current,
        **{name: str(pieces[name]) for name in ("head_html", "article_html", "footer_html")},
        "links": pieces["links"],
        "cards": {kind: str(html) for kind, html in pieces["cards"].items()},
    }
    using = router.db_for_write(RenderedArticle)
    if not RenderedArticle.objects.using(using).filter(article_id=article.pk).update(**values):
        try:
            with transaction.atomic(using=using):
                RenderedArticle.objects.using(using).create(article_id=article.pk, **values)
        except IntegrityError:  # another request stored it meanwhile: theirs is as good
            pass
    return pieces


def page_pieces(article: Article) -> dict:
    """The stored pieces of a published ``article`` (fetched with ``select_related("rendered")``),
    rendered and stored first when missing or stale."""
    stored = stored_rendering(article)
    if stored is not None and stored.page_stamp and stored.page_stamp == stamp(article):
        return {
            "title": seo.page_title(article.title),
            "head_html": mark_safe(stored.head_html),  # noqa: S308 — our templates' output
            "article_html": mark_safe(stored.article_html),  # noqa: S308
            "footer_html": mark_safe(stored.footer_html),  # noqa: S308
            "links": stored.links,
        }
    return store(article, glossary())


def related_cards(article: Article, links: dict, size: int = RELATED_SIZE) -> list[Article]:
    """The related block's cards, best first, with their stored cards (two queries)."""
    tables = [
        (Article.organisations.through, "organisation_id", links.get("organisations") or []),
        (Article.tags.through, "tag_id", links.get("tags") or []),
    ]
    tables = [(through, field, ids) for through, field, ids in tables if ids]
    if not tables:
        return []
    connection = connections[router.db_for_read(Article)]
    sql, params = related_ranking_sql(connection, article.pk, tables, size)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ranked = cursor.fetchall()
    published = with_stored_cards(Article.objects.published().for_cards())
    cards = published.in_bulk([pk for pk, _ in ranked])
    related = []
    for pk, shared in ranked:
        if pk in cards:  # unpublished in between: left out
            cards[pk].shared = shared
            related.append(cards[pk])
    return related


def rebuild(article_ids=None, *, newest: int | None = None, batch: int = 200) -> int:
    """Render and store the pieces of the published (or scheduled) articles among
    ``article_ids`` (all when None; the ``newest`` so many when given); returns how many."""
    articles = Article.objects.filter(status=Article.Status.PUBLISHED)
    articles = articles.order_by("-published_at", "-pk")
    if article_ids is not None:
        articles = articles.filter(pk__in=list(article_ids))
    if newest is not None:
        articles = articles[:newest]
    terms = glossary()
    done = 0
    pks = list(articles.values_list("pk", flat=True))
    for start in range(0, len(pks), batch):
        chunk = Article.objects.select_related("category", "featured_photo").filter(
            pk__in=pks[start : start + batch]
        )
        for article in chunk.prefetch_related(BYLINES, "organisations", "tags", "corrections"):
            store(article, terms)
            done += 1
    return done


def render_after_commit(sender, articles, **kwargs) -> None:
    """``renderings_stale``: render the newest of ``articles`` again once the change commits."""
    if not transaction.get_connection().in_atomic_block:
        # Saved outside a transaction, the article's byline and links may still be on their
        # way (``set_byline`` after ``save`` sends no signal for a first byline): rendering now
        # could store a page without them. Left stale, it is rendered on its first visit.
        return
    chosen = articles.filter(status=Article.Status.PUBLISHED).order_by("-published_at", "-pk")
    # robust: the change is committed whatever happens here; a piece that fails to render now
    # is rendered on its next visit, and the editor's save still succeeds.
    transaction.on_commit(lambda: rebuild_stale(chosen[:RENDER_AFTER_COMMIT]), robust=True)


def rebuild_stale(articles) -> None:
    """Render those of ``articles`` whose stored page is missing or stale (one commit may have
    asked for the same article several times: the first render serves them all)."""
    ids = list(articles.values_list("pk", flat=True))
    fresh = set(
        RenderedArticle.objects.filter(article_id__in=ids)
        .exclude(page_stamp="")
        .exclude(cards_stamp="")
        .values_list("article_id", flat=True)
    )
    stale = [pk for pk in ids if pk not in fresh]
    if stale:
        rebuild(stale)


def connect() -> None:
    """Render stale articles after each commit (called once from ``PublicConfig.ready``)."""
    renderings_stale.connect(render_after_commit, dispatch_uid="public-render-after-commit")
