"""Sitemaps: an index at ``/sitemap.xml`` over articles (50,000 URLs a file), sections,
organisations, authors and a Google News sitemap of the last two days.

Every address in them is on the configured site address (``NEWSROOM_BASE_URL``): Django's
sitemap views would take the host and scheme of the request, and the files are cached for
everyone.
"""

from datetime import timedelta
from functools import cached_property
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, Q, Subquery
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from articles.models import Article, Author, Category, Organisation
from newsroom import pagecache as caching
from public import seo

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


class Sitemap(DjangoSitemap):
    """A sitemap whose addresses are on the configured site address."""

    def get_protocol(self, protocol=None) -> str:
        return urlsplit(settings.NEWSROOM_BASE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.NEWSROOM_BASE_URL).netloc


class CountedOncePaginator(Paginator):
    """Counts the published articles once for each generation of the public pages.

    The count only decides how many files the index names, and every change that could alter
    it starts a new generation (``newsroom.pagecache``); counting 100,000 articles on each visit
    was most of the index's time.
    """

    @cached_property
    def count(self) -> int:
        key = f"newsroom:published-count:{caching.current_state()['id']}"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, caching.PAGE_TIMEOUT)
        return count


class ArticleSitemap(Sitemap):
    """Every published article, oldest first so that full files never change."""

    limit = 50_000
    changefreq = "weekly"

    @property
    def paginator(self):
        return CountedOncePaginator(self._items(), self.limit)

    def items(self):
        return (
            Article.objects.published()
            .order_by("published_at", "pk")
            .only("pk", "slug", "published_at", "updated_at")
        )

    def lastmod(self, article):
        return seo.modified_at(article)

    def get_latest_lastmod(self):
        # Django's default would load every article to find the newest date.
        latest = Article.objects.published().aggregate(
            updated=Max("updated_at"), published=Max("published_at")
        )
        return max(filter(None, latest.values()), default=None)


class NewsSitemap(Sitemap):
    """Google News: articles published in the last two days, at most 1,000, newest first."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .order_by("-published_at", "-pk")
            .only("pk", "slug", "title", "published_at", "updated_at")[:NEWS_LIMIT]
        )

    def lastmod(self, article):
        return seo.modified_at(article)

    def get_latest_lastmod(self):
        latest = self.items().first()
        return seo.modified_at(latest) if latest else None


def _with_published_articles(model):
    """The rows of ``model`` that have a published article (an empty page is not worth a URL).

    Asked row by row for the first such article (a subquery with ``LIMIT 1``, which the
    database answers along an index and stops), not by collecting the sections of every
    published article, which grows with the archive. ``EXISTS`` is not used: PostgreSQL
    plans it as a hash of all the links, 100 ms at 100,000 articles.
    """
    # Unordered: any published article will do, the first one found.
    published = Article.objects.published().order_by()
    if model is Category:
        first = published.filter(category=OuterRef("pk"))
        used = Category.objects.alias(first=Subquery(first.values("pk")[:1])).filter(
            first__isnull=False
        )
        return Category.objects.filter(
            Q(pk__in=used.values("pk")) | Q(pk__in=used.values("parent_id"))
        )
    relation = {Organisation: "organisations", Author: "authors"}[model]
    first = published.filter(**{relation: OuterRef("pk")}).values("pk")[:1]
    return model.objects.alias(first=Subquery(first)).filter(first__isnull=False)


class SectionSitemap(Sitemap):
    """The pages of sections, organisations or authors that have published articles."""

    changefreq = "daily"
    model = None

    def items(self):
        return _with_published_articles(self.model).order_by("pk").only("pk", "slug")


class CategorySitemap(SectionSitemap):
    model = Category


class OrganisationSitemap(SectionSitemap):
    model = Organisation


class AuthorSitemap(SectionSitemap):
    model = Author


class PagesSitemap(Sitemap):
    """The home page, the list of latest news and the list of corrections."""

    changefreq = "hourly"

    def items(self):
        return ["public:home", "public:latest", "public:corrections"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PagesSitemap,
    "news": NewsSitemap,
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "organisations": OrganisationSitemap,
    "authors": AuthorSitemap,
}
TEMPLATES = {"news": "sitemaps/news.xml"}


@sitemap_views.x_robots_tag
def index(request):
    """``/sitemap.xml``: the index of every sitemap file (as Django's own index view, whose
    addresses would come from the request's host)."""
    entries, newest, every_one_dated = [], None, True
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = seo.absolute(reverse("public:sitemap-section", kwargs={"section": name}))
        lastmod = sitemap.get_latest_lastmod()
        if lastmod is None:
            every_one_dated = False
        else:
            newest = lastmod if newest is None else max(newest, lastmod)
        entries.append(sitemap_views.SitemapIndexItem(location, lastmod))
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append(sitemap_views.SitemapIndexItem(f"{location}?p={page}", lastmod))
    headers = None
    if every_one_dated and newest is not None:
        headers = {"Last-Modified": http_date(newest.timestamp())}
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": entries},
        content_type="application/xml",
        headers=headers,
    )


def section(request, section):
    """``/sitemap-<section>.xml``: one sitemap file (``?p=2`` for the next 50,000 articles)."""
    return sitemap_views.sitemap(
        request,
        SITEMAPS,
        section=section,
        template_name=TEMPLATES.get(section, "sitemap.xml"),
    )


# Django's sitemap view reads the file's number from ``p``; the page cache keys on it.
section.cache_params = ("p",)
