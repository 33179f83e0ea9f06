"""Sitemaps: an index at ``/sitemap.xml`` over articles (50,000 URLs a file), sections,
organisations, authors and a Google News sitemap of the last two days.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from . import seo
from .models import Article, Author, Category, Organisation

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


class ArticleSitemap(Sitemap):
    """Every published article, oldest first so that full files never change."""

    limit = 50_000
    changefreq = "weekly"

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
    """The rows of ``model`` that have a published article (an empty page is not worth a URL)."""
    published = Article.objects.published()
    if model is Category:
        return Category.objects.filter(
            pk__in=published.values("category__parent_id")
        ) | Category.objects.filter(pk__in=published.values("category_id"))
    relation = {Organisation: "organisations", Author: "authors"}[model]
    return model.objects.filter(pk__in=published.values(f"{relation}__pk"))


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
    """The home page and the list of latest news."""

    changefreq = "hourly"

    def items(self):
        return ["articles:home", "articles:latest"]

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


def index(request):
    """``/sitemap.xml``: the index of every sitemap file."""
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="articles:sitemap-section")


def section(request, section):
    """``/sitemap-<section>.xml``: one sitemap file (``?p=2`` for the next 50,000 articles)."""
    return sitemap_views.sitemap(
        request,
        SITEMAPS,
        section=section,
        template_name=TEMPLATES.get(section, "sitemap.xml"),
    )
