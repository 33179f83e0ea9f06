"""What search engines and link previews read: title, description, canonical, OpenGraph,
Twitter cards and JSON-LD, parsed from the pages."""

import json
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders

from public import seo
from tests.factories import ArticleFactory, AuthorFactory, CategoryFactory, PhotoFactory, TagFactory

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The metadata of a page: <title>, meta tags, link rels and JSON-LD blocks."""

    def __init__(self, page: str):
        super().__init__()
        self.meta, self.links, self.json_ld, self.title = {}, {}, [], ""
        self._in = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and ("property" in attributes or "name" in attributes):
            key = attributes.get("property") or attributes["name"]
            self.meta.setdefault(key, attributes.get("content"))
        elif tag == "link" and attributes.get("rel") in {"canonical", "prev", "next"}:
            self.links[attributes["rel"]] = attributes["href"]
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in = "json"
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "json":
            self.json_ld.append(json.loads(data))
        elif self._in == "title":
            self.title += data


def head(client, url: str) -> Head:
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.content.decode())


@pytest.fixture
def article(db):
    article = ArticleFactory(
        live=True,
        title="Kỳ họp HĐND thành phố cuối năm",
        lead="Sáng 5/12, HĐND thành phố khai mạc kỳ họp thường lệ cuối năm. " * 5,
        category=CategoryFactory(name="Thời sự"),
        featured_photo=PhotoFactory(),
        published_at=datetime(2022, 1, 13, 14, 44, tzinfo=UTC),
    )
    article.set_byline([AuthorFactory(name="Trần Tương"), AuthorFactory(name="Trần Bình")])
    article.tags.add(TagFactory(name="Kỳ họp"))
    return article


def test_article_json_ld_is_a_complete_news_article(client, article):
    """The article page describes itself as a NewsArticle with everything Google asks for."""
    (data,) = head(client, article.get_absolute_url()).json_ld
    url = f"http://testserver{article.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert data["description"].startswith("Sáng 5/12, HĐND thành phố khai mạc")
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    # The 16:9, 4:3 and 1:1 crops (the photo is 64 by 48 pixels).
    shapes = [address.rsplit("/", 1)[1] for address in data["image"]]
    assert shapes == ["16x9-64.jpg", "4x3-64.jpg", "1x1-48.jpg"]
    assert data["datePublished"] == "2022-01-13T21:44:00+07:00"
    assert datetime.fromisoformat(data["dateModified"]) >= article.published_at
    assert data["author"] == [
        {
            "@type": "Person",
            "name": author.name,
            "url": f"http://testserver{author.get_absolute_url()}",
        }
        for author in article.byline
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Trung tâm Truyền thông và Văn hóa"
    assert publisher["logo"]["url"] == "http://testserver/static/img/logo.png"
    assert finders.find(seo.LOGO_PATH)
    assert data["articleSection"] == "Thời sự"
    assert "Kỳ họp" in data["keywords"]


def test_article_head_has_title_description_canonical_and_previews(client, article):
    """Title, a description of at most 160 characters, canonical URL, OpenGraph and a large
    Twitter card with the featured photo."""
    page = head(client, article.get_absolute_url())
    url = f"http://testserver{article.get_absolute_url()}"
    assert page.title == f"{article.title} – Trung tâm Truyền thông và Văn hóa"
    assert len(page.meta["description"]) <= 160
    assert page.meta["description"].endswith("…")
    assert page.links["canonical"] == url
    assert page.meta["og:type"] == "article"
    assert page.meta["og:title"] == article.title
    assert page.meta["og:url"] == url
    assert page.meta["og:locale"] == "vi_VN"
    assert page.meta["og:image"] == f"http://testserver{article.featured_photo.image.url}"
    assert page.meta["og:image:width"] == "64"
    assert page.meta["article:published_time"] == "2022-01-13T21:44:00+07:00"
    assert page.meta["article:section"] == "Thời sự"
    assert page.meta["twitter:card"] == "summary_large_image"
    assert page.meta["twitter:image"] == page.meta["og:image"]


def test_article_without_photo_gets_a_small_card_and_no_image(client):
    """Without a featured photo the preview is a summary card and JSON-LD names no image."""
    article = ArticleFactory(live=True, featured_photo=None)
    page = head(client, article.get_absolute_url())
    assert page.meta["twitter:card"] == "summary"
    assert "og:image" not in page.meta
    assert "image" not in page.json_ld[0]


def test_markup_in_a_title_cannot_break_out_of_the_json_ld(client):
    """A title with </script> stays inside the JSON-LD and reads back unchanged."""
    title = 'Tin "nóng" </script><script>alert(1)</script> & chú thích'
    article = ArticleFactory(live=True, title=title)
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    assert Head(page).json_ld[0]["headline"] == title


def test_home_describes_the_organisation_and_the_website_search(client):
    """The home page has Organization and WebSite JSON-LD, the latter with the site search."""
    organisation, website = head(client, "/").json_ld
    assert organisation["@type"] == "Organization"
    assert organisation["url"] == "http://testserver/"
    assert organisation["logo"]["@type"] == "ImageObject"
    assert website["@type"] == "WebSite"
    assert website["inLanguage"] == "vi"
    action = website["potentialAction"]
    assert action["target"]["urlTemplate"] == "http://testserver/tim-kiem/?q={search_terms}"
    assert action["query-input"] == "required name=search_terms"


def test_list_pages_have_their_own_title_description_and_canonical(client):
    """A section page names itself in the title, describes itself and is its own canonical."""
    category = CategoryFactory(name="Kinh tế", description="Tin kinh tế của thành phố.")
    page = head(client, category.get_absolute_url())
    assert page.title == "Kinh tế – Trung tâm Truyền thông và Văn hóa"
    assert page.meta["description"] == "Tin kinh tế của thành phố."
    assert page.links["canonical"] == f"http://testserver{category.get_absolute_url()}"
    assert page.meta["og:type"] == "website"
    assert page.json_ld == []
