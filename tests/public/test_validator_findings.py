"""What outside validators flagged (issue 18, item 7): search landmarks, feed categories, the
RSS guid, JSON-LD image shapes, Last-Modified, robots.txt against noindex."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django.utils.http import http_date, parse_http_date
from PIL import Image

from articles.models import Article
from public import rendering
from tests.factories import ArticleFactory, CategoryFactory, PhotoFactory, TagFactory

pytestmark = pytest.mark.django_db


def search_landmarks(page: str) -> list[str]:
    forms = re.findall(r'<form[^>]*role="search"[^>]*>', page)
    return [(re.search(r'aria-label="([^"]*)"', form) or [None, ""])[1] for form in forms]


@pytest.mark.parametrize("url", ["/tim-kiem/?q=hoi", "/khong-co-trang-nay/"])
def test_search_and_404_pages_name_their_search_landmarks_apart(client, url):
    """The header's search and the page's own are two landmarks with different names (axe
    landmark-unique)."""
    names = search_landmarks(client.get(url).content.decode())
    assert len(names) == 2
    assert len(set(names)) == 2


def test_feed_item_names_a_category_once_when_a_tag_shares_the_section_name(client):
    """A tag called like the section ("Nông thôn mới") is one category in the feed, not two."""
    section = CategoryFactory(name="Nông thôn mới")
    article = ArticleFactory(live=True, category=section)
    article.tags.add(TagFactory(name="nông thôn mới"), TagFactory(name="Giao thông"))
    rss = client.get("/tin-moi/rss/").content.decode()
    assert re.findall(r"<category>([^<]+)</category>", rss) == ["Nông thôn mới", "Giao thông"]


def test_rss_guid_is_the_canonical_address_that_answers_200(client):
    """The guid is a permalink (no isPermaLink="false") to the canonical address, which
    answers 200 rather than a redirect."""
    article = ArticleFactory(live=True)
    rss = client.get("/tin-moi/rss/").content.decode()
    (guid,) = re.findall(r"<guid(?: [^>]*)?>([^<]+)</guid>", rss)
    assert 'isPermaLink="false"' not in rss
    assert guid == f"http://testserver{article.get_absolute_url()}"
    assert client.get(guid.removeprefix("http://testserver")).status_code == 200


def test_json_ld_images_are_16_9_4_3_and_1_1_files_big_enough(client):
    """The article's JSON-LD names three images, 16:9, 4:3 and 1:1, each a real file of at least
    50,000 pixels (Google's rule), from a 1600×1000 photo."""
    photo = PhotoFactory(image__width=1600, image__height=1000)
    article = ArticleFactory(live=True, featured_photo=photo)
    page = client.get(article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    (news,) = [d for d in map(json.loads, blocks) if d["@type"] == "NewsArticle"]
    ratios = []
    for address in news["image"]:
        path = photo.image.storage.path(address.removeprefix("http://testserver/media/"))
        with Image.open(path) as image:
            assert image.width * image.height >= 50_000
            ratios.append(round(image.width / image.height, 2))
    assert ratios == [1.78, 1.33, 1.0]


def test_last_modified_is_when_the_content_changed_and_the_same_everywhere(client):
    """An article page's Last-Modified is its own change time (not when a cache was filled),
    the list's is its newest article's; a conditional GET with it gets 304."""
    article = ArticleFactory(live=True)
    rendering.rebuild()
    article.refresh_from_db()
    expected = http_date(article.updated_at.timestamp())
    response = client.get(article.get_absolute_url())
    assert response["Last-Modified"] == expected
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        from newsroom.pagecache import new_generation

        new_generation()  # another worker, or a new generation: the same date
        assert client.get(article.get_absolute_url())["Last-Modified"] == expected
        again = client.get(article.get_absolute_url(), headers={"if-modified-since": expected})
        assert again.status_code == 304
    newer = ArticleFactory(live=True)
    listed = client.get("/tin-moi/")["Last-Modified"]
    assert parse_http_date(listed) == int(newer.updated_at.timestamp())
    home = client.get("/")["Last-Modified"]
    assert parse_http_date(home) == int(newer.updated_at.timestamp())


def test_search_page_is_noindex_and_not_disallowed(client):
    """A crawler may fetch search results, so it sees their noindex; the admin and previews
    stay disallowed."""
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /tim-kiem/" not in lines
    assert "Disallow: /admin/" in lines and "Disallow: /xem-truoc/" in lines
    page = client.get("/tim-kiem/?q=hoi").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in page
    assert Article.objects.count() == 0


def test_time_elements_carry_no_microseconds(client):
    """An article published by the button (a time with microseconds) gets a datetime the HTML
    standard accepts: seconds at most (the Nu checker found "…27.096383+07:00")."""
    # A minute back: "now" with other microseconds could lie in the future (scheduled, hidden).
    published = (timezone.now() - timedelta(minutes=1)).replace(microsecond=96383)
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=published)
    for url in ("/", article.get_absolute_url()):
        page = client.get(url).content.decode()
        stamps = re.findall(r'<time datetime="([^"]+)"', page)
        assert stamps and all(
            re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0700", stamp) for stamp in stamps
        ), stamps
