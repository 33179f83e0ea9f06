"""The newsroom's nouns, one module per family; import them from here.

- ``taxonomy``: organisations, authors (bylines), sections, tags, the glossary;
- ``article``: the article, its byline and the library photos its body shows;
- ``editorial``: revisions, transitions, notes, presence and preview links;
- ``search_document``: what search reads;
- ``rendered``: an article's page and cards rendered once, when what they show changes;
- ``corrections``: the dated corrections and updates readers see under an article.

Models import ``photos.models`` and ``newsroom``'s infrastructure, never the site or the admin.
"""

from articles.models.article import (
    BYLINES,
    Article,
    ArticleAuthor,
    ArticleBodyPhoto,
    ArticleQuerySet,
    protect_shown_photos,
)
from articles.models.base import SluggedModel
from articles.models.corrections import Correction, CorrectionQuerySet
from articles.models.editorial import (
    Autosave,
    EditPresence,
    Note,
    PreviewLink,
    PreviewLinkQuerySet,
    Revision,
    Transition,
)
from articles.models.rendered import RenderedArticle
from articles.models.search_document import SearchDocument
from articles.models.taxonomy import (
    Abbreviation,
    Author,
    Category,
    Organisation,
    OrganisationQuerySet,
    Tag,
    refuse_deleting_used_organisations,
)

__all__ = [
    "BYLINES",
    "Abbreviation",
    "Article",
    "ArticleAuthor",
    "ArticleBodyPhoto",
    "ArticleQuerySet",
    "Author",
    "Autosave",
    "Category",
    "Correction",
    "CorrectionQuerySet",
    "EditPresence",
    "Note",
    "Organisation",
    "OrganisationQuerySet",
    "PreviewLink",
    "PreviewLinkQuerySet",
    "RenderedArticle",
    "Revision",
    "SearchDocument",
    "SluggedModel",
    "Tag",
    "Transition",
    "protect_shown_photos",
    "refuse_deleting_used_organisations",
]
