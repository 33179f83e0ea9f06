"""The page cache keeps one copy of each real page: query parameters a page does not read,
tracking tags and the visitor's Host make no new entries, and one visitor's searches fill
it only so far (finding 5 of the security test)."""

import time

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from newsroom import pagecache as caching
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

VISITOR = "203.0.113.7"


def stored_pages() -> int:
    """How many pages the configured cache backend holds (local memory, or Redis)."""
    backend = caches["default"]
    if isinstance(backend, LocMemCache):
        keys = list(backend._cache)
    else:
        client = backend._cache.get_client()
        keys = [key.decode() for key in client.scan_iter(match="*public-page:*")]
    return sum(":public-page:" in key for key in keys)


def junk(number: int) -> str:
    """Parameters no page reads, each request different, as a scanner sends them."""
    return f"x={number}&utm_source=zalo{number}&fbclid=F{number}&gclid=G{number}&_={number}"


def test_unknown_parameters_on_the_front_page_make_no_new_entries(client):
    """200 visits to /?x=N (and the like) leave one copy of the front page, each visitor
    getting the front page."""
    ArticleFactory(live=True, title="Hội LHPN phường ra quân")
    for number in range(200):
        response = client.get(f"/?{junk(number)}", REMOTE_ADDR=VISITOR)
        assert response.status_code == 200
        assert "Hội LHPN phường ra quân" in response.content.decode()
    assert stored_pages() == 1


def test_a_list_page_keeps_its_page_number_and_drops_the_rest(client):
    """/tin-moi/?page=2 with junk is the cached page 2, whose links carry no junk."""
    oldest = ArticleFactory(live=True)
    ArticleFactory.create_batch(20, live=True)
    for number in range(50):
        response = client.get(f"/tin-moi/?page=2&{junk(number)}", REMOTE_ADDR=VISITOR)
        assert response.status_code == 200
        page = response.content.decode()
        assert f"zalo{number}" not in page
        assert "fbclid" not in page
        assert oldest.get_absolute_url() in page
    client.get("/tin-moi/")
    assert stored_pages() == 2


def test_repeated_reordered_and_empty_parameters_are_one_page(client):
    """?page=2&page=2, an empty q, the parameters in another order: still one entry each."""
    ArticleFactory.create_batch(20, live=True)
    article = ArticleFactory(live=True, title="Thành Đoàn tập huấn kỹ năng số")
    for url in (
        "/tin-moi/?page=2",
        "/tin-moi/?page=3&page=2",
        "/tin-moi/?page=2&q=",
        "/tin-moi/?utm_medium=x&page=2",
    ):
        assert client.get(url).status_code == 200
    for url in (
        "/tim-kiem/?q=ky+nang&page=",
        "/tim-kiem/?page=&q=ky+nang",
        "/tim-kiem/?q=x&q=ky+nang",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert article.get_absolute_url() in response.content.decode()
    assert stored_pages() == 2


def test_the_host_header_makes_no_new_entries(client, settings):
    """The same page asked for under every allowed host name is kept once."""
    settings.ALLOWED_HOSTS = ["*"]
    ArticleFactory(live=True)
    for number in range(20):
        assert client.get("/", HTTP_HOST=f"h{number}.example:81").status_code == 200
    assert stored_pages() == 1


def test_one_visitor_searching_fills_the_cache_only_so_far(client, settings):
    """200 different searches from one address store at most the per-visitor allowance;
    every search is still answered with its results, and another visitor's searches are
    still kept."""
    limit = settings.NEWSROOM_PAGE_CACHE_SEARCHES_PER_CLIENT
    ArticleFactory(live=True, title="Đại hội Hội Cựu chiến binh")
    for number in range(200):
        response = client.get(
            f"/tim-kiem/?q=cuu+chien+binh+{number}&{junk(number)}", REMOTE_ADDR=VISITOR
        )
        assert response.status_code == 200
        assert f"cuu chien binh {number}" in response.content.decode()
    assert stored_pages() == limit
    assert client.get("/tim-kiem/?q=cuu+chien+binh", REMOTE_ADDR="198.51.100.9").status_code == 200
    assert stored_pages() == limit + 1


def test_a_visitor_over_the_allowance_still_gets_pages_kept_by_others(
    client, settings, django_assert_num_queries
):
    """Past the allowance, a search someone else already made is served from the cache."""
    settings.NEWSROOM_PAGE_CACHE_SEARCHES_PER_CLIENT = 2
    article = ArticleFactory(live=True, title="Thành Đoàn ra quân")
    client.get("/tim-kiem/?q=thanh+doan", REMOTE_ADDR="198.51.100.9")
    for number in range(3):
        client.get(f"/tim-kiem/?q=doan+{number}", REMOTE_ADDR=VISITOR)
    with django_assert_num_queries(0):
        response = client.get("/tim-kiem/?q=thanh+doan&utm_source=x", REMOTE_ADDR=VISITOR)
    assert article.get_absolute_url() in response.content.decode()


def test_addresses_of_one_ipv6_network_share_one_allowance(client, settings):
    """Addresses of one /64 network (one home or one phone) count as one visitor."""
    settings.NEWSROOM_PAGE_CACHE_SEARCHES_PER_CLIENT = 3
    ArticleFactory(live=True)
    for number in range(10):
        client.get(f"/tim-kiem/?q=hoi+{number}", REMOTE_ADDR=f"2001:db8:1:2::{number + 1:x}")
    assert stored_pages() == 3


def test_local_copies_are_bounded_by_number_too(client, monkeypatch):
    """Past LOCAL_PAGE_COUNT the least recently served copies are dropped; the pages are still
    served."""
    monkeypatch.setattr(caching, "LOCAL_PAGE_COUNT", 2)
    ArticleFactory.create_batch(41, live=True)
    for url in ("/", "/tin-moi/", "/tin-moi/?page=2", "/tin-moi/?page=3"):
        assert client.get(url).status_code == 200
    assert len(caching._local.pages) == 2
    assert client.get("/").status_code == 200


def test_the_allowance_does_not_start_again_at_a_clock_boundary(client, settings, monkeypatch):
    """A client searching across a quarter-hour boundary gets one allowance, not two (the
    old fixed window let CI store twice the allowance when the run crossed the boundary)."""
    settings.NEWSROOM_PAGE_CACHE_SEARCHES_PER_CLIENT = 4
    ArticleFactory(live=True)
    boundary = (int(time.time()) // caching.QUOTA_SECONDS + 1) * caching.QUOTA_SECONDS
    for number, moment in enumerate([boundary - 2] * 3 + [boundary + 2] * 3):
        monkeypatch.setattr(time, "time", lambda moment=moment: moment)
        client.get(f"/tim-kiem/?q=hoi+{number}", REMOTE_ADDR=VISITOR)
    assert stored_pages() == 4
