"""What search engines and social networks read: title, description, canonical URL,
OpenGraph, Twitter card and JSON-LD (``NewsArticle`` on articles, ``Organization`` and
``WebSite`` on the home page).

Views build one ``PageMeta`` and ``base.html`` renders it, so every page says these things the
same way.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from articles.models import Article
from newsroom.site_address import absolute_url
from photos.models import Photo
from photos.renditions import renditions_for

LOGO_PATH = "img/logo.png"
LOGO_SIZE = 512
DESCRIPTION_LENGTH = 160


def absolute(url: str) -> str:
    """``url`` as an absolute URL on the site's configured address (never the request's Host)."""
    return absolute_url(url)


def describe(text: str) -> str:
    """A meta description: the text on one line, cut near ``DESCRIPTION_LENGTH`` characters."""
    return Truncator(" ".join((text or "").split())).chars(DESCRIPTION_LENGTH)


@dataclass
class PageMeta:
    """Everything ``base.html`` puts in ``<head>`` for search engines and link previews."""

    heading: str  # the page's own name; empty on the home page
    description: str
    canonical: str
    og_type: str = "website"
    image_url: str = ""
    image_width: int = 0
    image_height: int = 0
    image_alt: str = ""
    json_ld: list[dict] = field(default_factory=list)
    robots: str = ""  # e.g. "noindex, follow" for search results
    article: Article | None = None
    modified: object = None  # when an article last changed for readers
    prev_url: str = ""
    next_url: str = ""

    @property
    def title(self) -> str:
        """The ``<title>``: the page's name, then the site's."""
        return page_title(self.heading)

    def use_photo(self, photo: Photo | None) -> None:
        """Show ``photo`` in link previews."""
        if photo and photo.image:
            self.image_url = absolute(photo.image.url)
            self.image_width, self.image_height = photo.width, photo.height
            self.image_alt = photo.alt_text


def page_title(*parts: str) -> str:
    """``Part – Part – Site name``: the page's own name first, as readers scan tabs."""
    return " – ".join([*(part for part in parts if part), settings.NEWSROOM_SITE_NAME])


def logo() -> dict:
    """The site's logo as a schema.org ``ImageObject``."""
    return {
        "@type": "ImageObject",
        "url": absolute(static(LOGO_PATH)),
        "width": LOGO_SIZE,
        "height": LOGO_SIZE,
    }


def publisher() -> dict:
    """The centre as a schema.org ``Organization``."""
    organisation = {
        "@type": "Organization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": absolute(reverse("public:home")),
        "logo": logo(),
    }
    # What the footer shows too (NEWSROOM_… settings), when set.
    if settings.NEWSROOM_ADDRESS:
        organisation["address"] = {
            "@type": "PostalAddress",
            "streetAddress": settings.NEWSROOM_ADDRESS,
            "addressCountry": "VN",
        }
    if settings.NEWSROOM_PHONE:
        organisation["telephone"] = settings.NEWSROOM_PHONE
    if settings.NEWSROOM_EMAIL:
        organisation["email"] = settings.NEWSROOM_EMAIL
    if settings.NEWSROOM_RESPONSIBLE_EDITOR:
        organisation["employee"] = {
            "@type": "Person",
            "name": settings.NEWSROOM_RESPONSIBLE_EDITOR,
            "jobTitle": _("Chịu trách nhiệm nội dung"),
        }
    if settings.NEWSROOM_LICENCE:
        organisation["description"] = settings.NEWSROOM_LICENCE
    return organisation


def home_json_ld() -> list[dict]:
    """``Organization`` and ``WebSite`` (with the site search) for the home page."""
    home = absolute(reverse("public:home"))
    search = absolute(reverse("public:search"))
    return [
        {"@context": "https://schema.org", **publisher()},
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": settings.NEWSROOM_SITE_NAME,
            "url": home,
            "inLanguage": "vi",
            "potentialAction": {
                "@type": "SearchAction",
                "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_terms}}"},
                "query-input": "required name=search_terms",
            },
        },
    ]


def local_iso(moment) -> str:
    """ISO 8601 in the site's time zone, to the second: ``2022-01-13T21:44:00+07:00``."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def notes_of(article: Article) -> list:
    """The article's corrections and updates, oldest first, when they were fetched with it
    (``prefetch_related("corrections")``); none otherwise, without a query."""
    return list(getattr(article, "_prefetched_objects_cache", {}).get("corrections", []))


def modified_at(article: Article):
    """When the article last changed for readers (its content, or a correction or update note
    added or changed): never before its publication."""
    notes = [note.updated_at for note in notes_of(article)]
    return max(filter(None, [article.updated_at, article.published_at, *notes]))


def corrections_json_ld(article: Article) -> list[dict]:
    """The notes as schema.org ``CorrectionComment`` items (the ``correction`` property)."""
    return [
        {
            "@type": "CorrectionComment",
            "text": f"{note.get_kind_display()}: {note.text}",
            "datePublished": local_iso(note.noted_at),
        }
        for note in notes_of(article)
    ]


def article_json_ld(article: Article) -> dict:
    """A schema.org ``NewsArticle`` for ``article`` (its byline, organisations and tags loaded)."""
    canonical = absolute(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "headline": article.title,
        "description": describe(article.lead),
        "inLanguage": "vi",
        "dateModified": local_iso(modified_at(article)),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute(author.get_absolute_url()),
            }
            for author in article.byline
        ],
        "publisher": publisher(),
    }
    if article.published_at:  # a preview of a draft has no publication time yet
        data["datePublished"] = local_iso(article.published_at)
    photo = article.featured_photo
    if photo and photo.image:
        data["image"] = article_images(photo)
    if article.category:
        data["articleSection"] = article.category.name
    corrections = corrections_json_ld(article)
    if corrections:
        data["correction"] = corrections
    keywords = [tag.name for tag in article.tags.all()]
    keywords += [organisation.name for organisation in article.organisations.all()]
    if keywords:
        data["keywords"] = keywords
    return data


def article_images(photo: Photo) -> list[str]:
    """The photo in the shapes search engines ask for (16:9, 4:3, 1:1), the widest of each;
    the photo itself until its renditions are made."""
    shapes = [renditions_for(photo, shape) for shape in ("16x9", "4x3", "1x1")]
    found = [absolute(made[-1].fallback_url) for made in shapes if made]
    return found or [absolute(photo.image.url)]


def article_meta(article: Article) -> PageMeta:
    """The head of an article page."""
    meta = PageMeta(
        heading=article.title,
        description=describe(article.lead or article.title),
        canonical=absolute(article.get_absolute_url()),
        og_type="article",
        json_ld=[article_json_ld(article)],
        article=article,
        modified=modified_at(article),
    )
    meta.use_photo(article.featured_photo)
    return meta
