"""Wiring: which model changes reindex search, start a new generation of cached pages and make
stored renderings stale."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal

from articles import search
from articles.models import (
    Abbreviation,
    Article,
    ArticleAuthor,
    Author,
    Category,
    Correction,
    Organisation,
    RenderedArticle,
    Tag,
)
from newsroom import pagecache as caching
from photos.models import Photo

# Everything else a public page, feed or sitemap shows; articles and their bylines, tags and
# organisations count only when readers could see the article (``public_article_saved``).
PUBLIC_MODELS = (Author, Category, Correction, Organisation, Photo, Tag, Abbreviation)


def public_article_saved(sender, instance, created=False, raw=False, **kwargs):
    """An article's save starts a new generation of cached pages only when readers could see
    it before or after: a journalist saving a draft all day leaves the cache alone."""
    if raw or instance.touches_the_public(created=created):
        caching.invalidate()
    instance.was_published = instance.status == Article.Status.PUBLISHED


def article_related_changed(sender, instance, action=None, **kwargs):
    """A byline row, or an article's organisations or tags, changed (from the article's side):
    as ``public_article_saved``, for the article it belongs to."""
    if action is not None and not action.startswith("post_"):
        return
    try:
        article = instance.article if isinstance(instance, ArticleAuthor) else instance
    except Article.DoesNotExist:  # the row goes with its article, already deleted
        article = None
    if not isinstance(article, Article) or article.touches_the_public():
        caching.invalidate(action=action)


def connect() -> None:
    """Connect the receivers (called once from ``ArticlesConfig.ready``)."""
    post_save.connect(search.reindex_on_save, sender=Article, dispatch_uid="search-reindex")
    post_save.connect(public_article_saved, sender=Article, dispatch_uid="public-pages-article")
    post_delete.connect(caching.invalidate, sender=Article, dispatch_uid="public-pages-gone")
    for model in (ArticleAuthor,):
        post_save.connect(article_related_changed, sender=model, dispatch_uid="public-byline")
        post_delete.connect(article_related_changed, sender=model, dispatch_uid="public-byline-x")
    for model in PUBLIC_MODELS:
        uid = f"public-pages-{model._meta.model_name}"
        post_save.connect(caching.invalidate, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(caching.invalidate, sender=model, dispatch_uid=f"{uid}-delete")
    for through in (Article.organisations.through, Article.tags.through):
        m2m_changed.connect(
            article_related_changed,
            sender=through,
            dispatch_uid=f"public-pages-{through.__name__}",
        )
    connect_renderings()


# --- Stored renderings (``RenderedArticle``) ------------------------------------------------------

# Sent after the stored pieces of ``articles`` (an Article queryset) were marked stale, so that
# whoever renders them (``public.rendering``, connected in ``PublicConfig.ready``: articles
# never imports the site) can render them again once the change is committed.
renderings_stale = Signal()


def mark_stale(articles, *, cards: bool = False) -> None:
    """The stored pages (and with ``cards``, the list cards) of ``articles`` are out of date."""
    stored = RenderedArticle.objects.filter(article_id__in=articles.values("pk"))
    stored.mark_stale(page=True, cards=cards)
    renderings_stale.send(sender=RenderedArticle, articles=articles)


def article_saved(sender, instance, **kwargs):
    """Everything an article's page and cards show may have changed (``save`` with
    ``update_fields`` may leave ``updated_at`` as it was)."""
    mark_stale(Article.objects.filter(pk=instance.pk), cards=True)


def byline_changed(sender, instance, **kwargs):
    mark_stale(Article.objects.filter(pk=instance.article_id))


def note_changed(sender, instance, **kwargs):
    """A correction or update note: the page shows it and its time (``dateModified``)."""
    mark_stale(Article.objects.filter(pk=instance.article_id))


def links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Organisations or tags added to or taken from an article (from either side)."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        mark_stale(Article.objects.filter(pk=instance.pk))
    elif action == "pre_clear":
        field = "organisations" if isinstance(instance, Organisation) else "tags"
        mark_stale(Article.objects.filter(**{field: instance}))
    elif pk_set:
        mark_stale(Article.objects.filter(pk__in=pk_set))


def shown_by(field: str, *, cards: bool = False):
    """A receiver for a model the pages show through ``field`` (its name, link, picture)."""

    def receiver(sender, instance, **kwargs):
        mark_stale(Article.objects.filter(**{field: instance}), cards=cards)

    return receiver


def photo_saved(sender, instance, **kwargs):
    """A photo's caption, alt text, credit, file or renditions: its articles' pages and, where
    it is the featured photo, their cards."""
    mark_stale(Article.objects.filter(featured_photo=instance), cards=True)
    mark_stale(Article.objects.filter(body_photos=instance))


def glossary_changed(sender, instance, **kwargs):
    """Any article may use the short form: every stored page is rendered again."""
    mark_stale(Article.objects.all())


def connect_renderings() -> None:
    """Which changes make stored renderings stale (called from ``connect``)."""
    post_save.connect(article_saved, sender=Article, dispatch_uid="rendered-article")
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(byline_changed, sender=ArticleAuthor, dispatch_uid=f"rendered-byline-{name}")
        signal.connect(
            glossary_changed, sender=Abbreviation, dispatch_uid=f"rendered-glossary-{name}"
        )
        signal.connect(note_changed, sender=Correction, dispatch_uid=f"rendered-note-{name}")
    for through in (Article.organisations.through, Article.tags.through):
        m2m_changed.connect(
            links_changed, sender=through, dispatch_uid=f"rendered-{through.__name__}"
        )
    post_save.connect(photo_saved, sender=Photo, dispatch_uid="rendered-photo")
    shown = [
        (Author, "authors", False),
        (Organisation, "organisations", False),
        (Tag, "tags", False),
        (Category, "category", True),
    ]
    for model, field, cards in shown:
        uid = f"rendered-{model._meta.model_name}"
        receiver = shown_by(field, cards=cards)
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        # Before the deletion: afterwards the links that name the articles are gone.
        pre_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
