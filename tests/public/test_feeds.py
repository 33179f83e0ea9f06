"""RSS 2.0 and Atom feeds, read by a real feed parser as a feed reader would."""

from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.utils import timezone

from articles.models import Article
from public.feeds import FEED_SIZE
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    OrganisationFactory,
    PhotoFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

FEED_KINDS = [("rss", "rss20"), ("atom", "atom10")]


def read(client, url: str):
    """Fetch ``url`` and parse it with feedparser; fail on anything a reader would reject."""
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def article(db):
    """A public article with a two-author byline, a section, tags and a featured photo."""
    article = ArticleFactory(
        live=True,
        title="Hội LHPN ra mắt mô hình phân loại rác",
        lead="Mô hình có 120 hộ tham gia.",
        category=CategoryFactory(name="Mặt trận - Đoàn thể"),
        featured_photo=PhotoFactory(),
        published_at=datetime(2022, 1, 13, 14, 44, tzinfo=UTC),
    )
    article.set_byline([AuthorFactory(name="Trần Tương"), AuthorFactory(name="Trần Bình")])
    article.tags.add(TagFactory(name="Bảo vệ môi trường"))
    return article


@pytest.mark.parametrize(("kind", "version"), FEED_KINDS)
def test_latest_feed_entry_has_everything_a_reader_shows(client, article, kind, version):
    """Title, link, summary, authors, dates, categories and the photo as an enclosure."""
    feed = read(client, f"/tin-moi/{kind}/")
    assert feed.version == version
    assert feed.feed.language == "vi"
    assert feed.feed.link == "http://testserver/tin-moi/"
    (entry,) = feed.entries
    assert entry.title == article.title
    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.summary == article.lead
    assert entry.author == "Trần Tương, Trần Bình"
    assert entry.published_parsed[:5] == (2022, 1, 13, 14, 44)
    if kind == "atom":  # an id, never fetched: stays when the title (slug) changes
        assert entry.id == f"http://testserver/tin-tuc/{article.pk}/"
    else:  # a permalink readers open: the canonical address, no redirect
        assert entry.id == f"http://testserver{article.get_absolute_url()}"
    assert {tag.term for tag in entry.tags} == {"Mặt trận - Đoàn thể", "Bảo vệ môi trường"}
    (enclosure,) = [link for link in entry.links if link.rel == "enclosure"]
    assert enclosure.href == f"http://testserver{article.featured_photo.image.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == article.featured_photo.image.size > 0
    if kind == "atom":
        assert entry.updated_parsed is not None


def test_feed_lists_the_newest_articles_first_and_at_most_thirty(client):
    """The latest feed holds the newest 30 published articles, newest first."""
    now = timezone.now()
    for hours in range(FEED_SIZE + 5):
        ArticleFactory(live=True, title=f"Tin {hours}", published_at=now - timedelta(hours=hours))
    feed = read(client, "/tin-moi/rss/")
    assert [entry.title for entry in feed.entries] == [f"Tin {n}" for n in range(FEED_SIZE)]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_section_and_organisation_feeds_hold_their_own_articles(client, kind):
    """A section's feed includes its subsections; an organisation's only its articles."""
    economy = CategoryFactory(name="Kinh tế")
    rural = CategoryFactory(name="Nông thôn mới", parent=economy)
    farmers = OrganisationFactory(name="Hội Nông dân")
    road = ArticleFactory(live=True, category=rural, title="Làm đường nông thôn")
    road.organisations.add(farmers)
    ArticleFactory(live=True, title="Tin khác")

    feed = read(client, f"/chuyen-muc/{economy.slug}/{kind}/")
    assert [entry.title for entry in feed.entries] == [road.title]
    assert feed.feed.title.startswith("Kinh tế – ")
    assert feed.feed.link == f"http://testserver{economy.get_absolute_url()}"

    feed = read(client, f"/to-chuc/{farmers.slug}/{kind}/")
    assert [entry.title for entry in feed.entries] == [road.title]


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.APPROVED, "published_at": timezone.now() - timedelta(days=1)},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_feeds_hold_no_unpublished_article(client, state):
    """Drafts, approved and scheduled articles are in no feed."""
    category, organisation = CategoryFactory(), OrganisationFactory()
    hidden = ArticleFactory(category=category, title="Chưa công bố", **state)
    hidden.organisations.add(organisation)
    for url in (
        "/tin-moi/rss/",
        "/tin-moi/atom/",
        f"/chuyen-muc/{category.slug}/rss/",
        f"/to-chuc/{organisation.slug}/atom/",
    ):
        feed = read(client, url)
        assert feed.entries == []


def test_article_without_photo_or_byline_still_makes_a_valid_entry(client):
    """No enclosure and no author element when there is no photo or byline."""
    ArticleFactory(live=True, featured_photo=None)
    feed = read(client, "/tin-moi/atom/")
    (entry,) = feed.entries
    assert [link for link in entry.links if link.rel == "enclosure"] == []
    assert "author" not in entry


def test_feed_language_is_vietnamese_for_an_english_browser(client, article):
    """A feed reader asking for English still learns the articles are Vietnamese."""
    response = client.get("/tin-moi/rss/", headers={"accept-language": "en"})
    assert feedparser.parse(response.content).feed.language == "vi"


def test_unknown_section_feed_is_not_found(client):
    """A feed for a section or organisation that does not exist answers 404."""
    assert client.get("/chuyen-muc/khong-co/rss/").status_code == 404
    assert client.get("/to-chuc/khong-co/atom/").status_code == 404


def test_pages_announce_their_feeds(client, article):
    """Every page links the latest feeds; a section page also links its own."""
    page = client.get(article.category.get_absolute_url()).content.decode()
    assert 'type="application/rss+xml" title="Tin mới (RSS)" href="/tin-moi/rss/"' in page
    assert f'href="/chuyen-muc/{article.category.slug}/atom/"' in page
