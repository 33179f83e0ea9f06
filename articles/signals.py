"""Wiring: which model changes reindex search and start a new generation of cached pages."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from articles import search
from articles.models import (
    Abbreviation,
    Article,
    ArticleAuthor,
    Author,
    Category,
    Organisation,
    Tag,
)
from newsroom import pagecache as caching
from photos.models import Photo

# Everything a public page, feed or sitemap shows.
PUBLIC_MODELS = (Article, ArticleAuthor, Author, Category, Organisation, Photo, Tag, Abbreviation)


def connect() -> None:
    """Connect the receivers (called once from ``ArticlesConfig.ready``)."""
    post_save.connect(search.reindex_on_save, sender=Article, dispatch_uid="search-reindex")
    for model in PUBLIC_MODELS:
        uid = f"public-pages-{model._meta.model_name}"
        post_save.connect(caching.invalidate, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(caching.invalidate, sender=model, dispatch_uid=f"{uid}-delete")
    for through in (Article.organisations.through, Article.tags.through):
        m2m_changed.connect(
            caching.invalidate, sender=through, dispatch_uid=f"public-pages-{through.__name__}"
        )
