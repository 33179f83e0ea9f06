"""RSS 2.0 and Atom feeds of the latest published articles: all, per section, per organisation.

Each entry carries the title, the lead as summary (with a line for each correction or update
note), the byline, publication and update times (Atom's ``updated``: the latest content change
or note), the section and tags as categories, and the featured photo as an enclosure.
"""

import mimetypes
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.models import BYLINES, Article, Category, Organisation
from public import seo

FEED_SIZE = 30


@dataclass(frozen=True)
class FeedSubject:
    """What a feed is about for one request (a feed object is shared between requests)."""

    request: object
    section: Model | None = None


def enclosure(article: Article) -> Enclosure | None:
    """The featured photo as an enclosure with its absolute URL, size and type."""
    photo = article.featured_photo
    if not photo or not photo.image:
        return None
    try:
        length = photo.image.size
    except OSError:  # the file is missing from storage: still name the image
        length = 0
    mime_type = mimetypes.guess_type(photo.image.name)[0] or "image/jpeg"
    return Enclosure(seo.absolute(photo.image.url), str(length), mime_type)


class LatestArticlesFeed(Feed):
    """The latest published articles (RSS 2.0)."""

    feed_type = Rss201rev2Feed
    language = "vi"  # the articles' language, not the browser's preferred one

    def get_object(self, request, *args, **kwargs):
        return FeedSubject(request)

    def articles(self, subject: FeedSubject):
        return Article.objects.published()

    def items(self, subject: FeedSubject):
        # What an item shows: section, photo, byline and tags (not the organisations).
        articles = (
            self.articles(subject)
            .newest_first()
            .select_related("category", "featured_photo")
            .prefetch_related(BYLINES, "tags", "corrections")
            .defer("body")
        )
        items = list(articles[:FEED_SIZE])
        for article in items:
            # Computed once here for the item_* methods below (the photo's size reads storage).
            article.feed_enclosure = enclosure(article)
        return items

    def title(self, subject: FeedSubject) -> str:
        if subject.section is None:
            return _("%(site)s – Tin mới") % {"site": settings.NEWSROOM_SITE_NAME}
        return seo.page_title(subject.section.name)

    # Every link is made absolute here on the configured address (seo.absolute): left as a
    # path, Django's Feed would complete it with the request's Host header and scheme.

    def link(self, subject: FeedSubject) -> str:
        if subject.section is None:
            return seo.absolute(reverse("public:latest"))
        return seo.absolute(subject.section.get_absolute_url())

    def feed_url(self, subject: FeedSubject) -> str:
        return seo.absolute(subject.request.path)

    def subtitle(self, subject: FeedSubject) -> str:
        """What the feed is about, as plain text (Atom's subtitle is text)."""
        if subject.section is None:
            return _("Tin bài mới nhất của %(site)s.") % {"site": settings.NEWSROOM_SITE_NAME}
        return getattr(subject.section, "description", "") or str(subject.section)

    def description(self, subject: FeedSubject) -> str:
        # RSS readers show a channel description as HTML, like the items' (below).
        return escape(self.subtitle(subject))

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        # Readers take an RSS description and an Atom summary as HTML; the lead is plain text,
        # so it is escaped here or "<script>" typed in a lead would become markup there.
        lines = [escape(article.lead)]
        for note in seo.notes_of(article):  # the corrections and updates, oldest first
            when = timezone.localtime(note.noted_at).strftime("%d/%m/%Y %H:%M")
            lines.append(escape(f"{note.get_kind_display()} ({when}): {note.text}"))
        return "<br>".join(lines)

    def item_link(self, article: Article) -> str:
        return seo.absolute(article.get_absolute_url())

    def item_guid(self, article: Article) -> str:
        if self.feed_type is Atom1Feed:
            # An Atom id names the entry and is never fetched: the id address, which stays the
            # same when an editor changes the title (and so the slug).
            return seo.absolute(reverse("public:detail-by-id", kwargs={"pk": article.pk}))
        # RSS's guid is a permalink readers open: the canonical address, which answers 200
        # (the id address answers 301, which the feed validator flags).
        return self.item_link(article)

    def item_pubdate(self, article: Article):
        return article.published_at

    def item_updateddate(self, article: Article):
        return seo.modified_at(article)

    def item_author_name(self, article: Article) -> str | None:
        return ", ".join(author.name for author in article.byline) or None

    def item_categories(self, article: Article) -> list[str]:
        """The section and the tags, each name once (a tag may share the section's name)."""
        names = [article.category.name] if article.category else []
        names += [tag.name for tag in article.tags.all()]
        unique = {}
        for name in names:
            unique.setdefault(name.casefold(), name)
        return list(unique.values())

    def item_enclosures(self, article: Article) -> list[Enclosure]:
        return [article.feed_enclosure] if article.feed_enclosure else []


class CategoryFeed(LatestArticlesFeed):
    """The latest published articles of one section and its subsections (RSS 2.0)."""

    def get_object(self, request, slug):
        return FeedSubject(request, get_object_or_404(Category, slug=slug))

    def articles(self, subject: FeedSubject):
        return Article.objects.published().in_category(subject.section)


class OrganisationFeed(LatestArticlesFeed):
    """The latest published articles about one organisation (RSS 2.0)."""

    def get_object(self, request, slug):
        return FeedSubject(request, get_object_or_404(Organisation, slug=slug))

    def articles(self, subject: FeedSubject):
        return Article.objects.published().for_organisation(subject.section)


def atom(feed: Feed) -> Feed:
    """The same feed in Atom 1.0 (``feed`` is an instance; each URL has its own)."""
    feed.feed_type = Atom1Feed
    return feed
