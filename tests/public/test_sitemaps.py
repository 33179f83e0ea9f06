"""Sitemaps read as XML: the index, each section, the article split and Google News."""

import time
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import Article
from public.sitemaps import NEWS_LIMIT, SITEMAPS
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    OrganisationFactory,
    newsroom_with,
)

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url: str) -> ElementTree.Element:
    """Fetch ``url`` and parse it as XML."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own output


def locations(root: ElementTree.Element) -> list[str]:
    return [loc.text for loc in root.findall(".//sm:loc", NS)]


def test_index_lists_every_sitemap(client):
    """/sitemap.xml is an index naming the pages, news, articles, sections, organisations
    and authors sitemaps."""
    ArticleFactory(live=True)
    root = xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    assert locations(root) == [f"http://testserver/sitemap-{section}.xml" for section in SITEMAPS]
    assert root.find("sm:sitemap/sm:lastmod", NS) is not None


def test_article_sitemap_lists_published_articles_with_last_change(client):
    """Published articles only, oldest first, each with the date it last changed."""
    old = ArticleFactory(live=True, published_at=timezone.now() - timedelta(days=400))
    new = ArticleFactory(live=True)
    ArticleFactory(title="Bản nháp")
    ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(hours=1)
    )
    root = xml(client, "/sitemap-articles.xml")
    assert locations(root) == [
        f"http://testserver{old.get_absolute_url()}",
        f"http://testserver{new.get_absolute_url()}",
    ]
    lastmod = root.find("sm:url/sm:lastmod", NS).text
    assert lastmod == timezone.localdate(old.updated_at).isoformat()


def test_articles_are_split_into_files_of_fifty_thousand(client):
    """With 50,001 published articles the index names two article files; the second holds
    the newest one."""
    published_at = timezone.now() - timedelta(days=30)
    Article.objects.bulk_create(
        Article(
            title=f"Bài {n}",
            slug=f"bai-{n}",
            status=Article.Status.PUBLISHED,
            published_at=published_at + timedelta(seconds=n),
        )
        for n in range(50_001)
    )
    started = time.monotonic()
    index = locations(xml(client, "/sitemap.xml"))
    assert "http://testserver/sitemap-articles.xml" in index
    assert "http://testserver/sitemap-articles.xml?p=2" in index
    newest = Article.objects.get(slug="bai-50000")
    assert locations(xml(client, "/sitemap-articles.xml?p=2")) == [
        f"http://testserver{newest.get_absolute_url()}"
    ]
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404
    # The index counts rather than loads the articles: it stays fast.
    assert time.monotonic() - started < 5


def test_news_sitemap_holds_the_last_two_days_with_publication_details(client):
    """Google News: articles of the last two days, newest first, with the publication's
    name, language vi, the local publication time and the title."""
    recent = ArticleFactory(live=True, title="Kỳ họp HĐND & UBND")
    ArticleFactory(live=True, published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(title="Bản nháp hôm nay", published_at=timezone.now())
    root = xml(client, "/sitemap-news.xml")
    (url,) = root.findall("sm:url", NS)
    assert url.find("sm:loc", NS).text == f"http://testserver{recent.get_absolute_url()}"
    news = url.find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Trung tâm Truyền thông và Văn hóa"
    assert news.find("news:publication/news:language", NS).text == "vi"
    assert news.find("news:title", NS).text == "Kỳ họp HĐND & UBND"
    published = news.find("news:publication_date", NS).text
    assert published == timezone.localtime(recent.published_at).isoformat()
    assert published.endswith("+07:00")


def test_news_sitemap_stops_at_one_thousand(client):
    """However much was published in two days, the news sitemap names at most 1,000."""
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Tin {n}",
            slug=f"tin-{n}",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=n + 1),
        )
        for n in range(NEWS_LIMIT + 5)
    )
    urls = locations(xml(client, "/sitemap-news.xml"))
    assert len(urls) == NEWS_LIMIT
    assert urls[0].endswith(f"/tin-tuc/tin-0-{Article.objects.get(slug='tin-0').pk}/")


def test_section_sitemaps_list_pages_with_published_articles(client):
    """Sections (with their parent), organisations and authors that have a published
    article are listed; the others are not."""
    parent = CategoryFactory(name="Kinh tế")
    child = CategoryFactory(name="Nông thôn mới", parent=parent)
    empty = CategoryFactory(name="Trống")
    organisation, idle_organisation = OrganisationFactory(), OrganisationFactory()
    author, draft_author = AuthorFactory(), AuthorFactory()
    article = ArticleFactory(live=True, category=child)
    article.organisations.add(organisation)
    article.set_byline([author])
    draft = ArticleFactory(category=empty)
    draft.organisations.add(idle_organisation)
    draft.set_byline([draft_author])

    categories = locations(xml(client, "/sitemap-categories.xml"))
    assert f"http://testserver{parent.get_absolute_url()}" in categories
    assert f"http://testserver{child.get_absolute_url()}" in categories
    assert f"http://testserver{empty.get_absolute_url()}" not in categories
    assert locations(xml(client, "/sitemap-organisations.xml")) == [
        f"http://testserver{organisation.get_absolute_url()}"
    ]
    assert locations(xml(client, "/sitemap-authors.xml")) == [
        f"http://testserver{author.get_absolute_url()}"
    ]
    assert locations(xml(client, "/sitemap-pages.xml")) == [
        "http://testserver/",
        "http://testserver/tin-moi/",
        "http://testserver/dinh-chinh/",
    ]


def test_unknown_sitemap_section_is_not_found(client):
    """A sitemap file that does not exist answers 404."""
    assert client.get("/sitemap-khong-co.xml").status_code == 404


@pytest.mark.parametrize("count", [1, 10])
def test_index_makes_the_same_queries_whatever_the_number(client, count, django_assert_num_queries):
    """The sitemap index costs a fixed number of queries with 1 or 10 articles (and so with
    100,000): sections are asked for a first published article each, not collected from
    every article."""
    newsroom_with(count)
    with django_assert_num_queries(8):
        index = locations(xml(client, "/sitemap.xml"))
    assert "http://testserver/sitemap-organisations.xml" in index


def test_article_count_is_counted_once_a_generation(client, django_assert_num_queries):
    """The number of article files comes from one count per generation of the public pages:
    a second look at the index (page cache off) does not count again; after a publication
    the new generation is read and the articles counted again."""
    from django.test import override_settings

    newsroom_with(1)
    with override_settings(NEWSROOM_PAGE_CACHE=False):
        client.get("/sitemap.xml")
        with django_assert_num_queries(6) as again:
            client.get("/sitemap.xml")
        ArticleFactory(live=True)  # a save: a new generation
        with django_assert_num_queries(8) as after:
            client.get("/sitemap.xml")
    counts = [
        [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*) AS")]
        for queries in (again, after)
    ]
    assert not any('FROM "articles_article" WHERE' in sql for sql in counts[0])
    assert any('FROM "articles_article" WHERE' in sql for sql in counts[1])
