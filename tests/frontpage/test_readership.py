"""Most read: reads counted from the page's beacon without cookies or addresses, robots and
reloads left out, written to the database in bulk; the lists on the home and article pages;
the counts in the admin."""

import pickle
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import EDITOR, JOURNALIST
from frontpage import readership
from frontpage.models import ReadCount
from public import rendering
from tests.factories import ArticleFactory, newsroom_with, user_in_role
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


@pytest.fixture(autouse=True)
def flush_by_hand(settings):
    """Nothing is flushed by itself unless a test says so."""
    settings.NEWSROOM_READ_FLUSH_EVERY = 10**6
    settings.NEWSROOM_READ_FLUSH_SECONDS = 10**6
    cache.set(readership.FLUSHED, {"number": 0, "at": 9e18}, None)


def beacon(client, article, address="203.0.113.7", agent=BROWSER, **headers):
    return client.post(
        reverse("public:read", args=[article.pk]),
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
        **headers,
    )


def reads(article) -> int:
    return sum(ReadCount.objects.filter(article=article).values_list("count", flat=True))


def test_a_reader_counts_once_per_window_and_nothing_personal_is_kept(client, settings):
    """One address reading an article counts once however often it reloads; another address
    counts; the same address counts again after the window. The beacon sets no cookie, is never
    cached, and the address is in no cache entry and no table."""
    article = ArticleFactory(live=True)
    first = beacon(client, article)
    assert first.status_code == 204
    assert not first.cookies
    assert "no-store" in first["Cache-Control"]
    for _ in range(5):
        beacon(client, article)
    beacon(client, article, address="198.51.100.4")
    assert not any("203.0.113.7" in key for key in cache._cache)
    assert not any(b"203.0.113.7" in pickle.dumps(value) for value in cache._cache.values())
    readership.flush()
    assert reads(article) == 2
    later = timezone.now() + timedelta(seconds=settings.NEWSROOM_READ_REPEAT_SECONDS + 1)
    with time_machine.travel(later):
        beacon(client, article)
        readership.flush()
    assert reads(article) == 3


@pytest.mark.parametrize(
    ("agent", "headers"),
    [
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", {}),
        ("facebookexternalhit/1.1", {}),
        ("curl/8.5.0", {}),
        ("", {}),
        (BROWSER + " HeadlessChrome", {}),
        (BROWSER, {"HTTP_SEC_PURPOSE": "prefetch"}),
    ],
    ids=["googlebot", "facebook", "curl", "no agent", "headless", "prefetch"],
)
def test_robots_and_prefetches_are_not_counted(client, agent, headers):
    """Robots, link previews, scripts and prefetches get the same 204 and count nothing."""
    article = ArticleFactory(live=True)
    assert beacon(client, article, agent=agent, **headers).status_code == 204
    readership.flush()
    assert reads(article) == 0


def test_only_a_post_counts_and_a_bad_id_is_harmless(client):
    """A GET is refused (405); a beacon for an id that is no article is dropped at the flush."""
    article = ArticleFactory(live=True)
    assert client.get(reverse("public:read", args=[article.pk])).status_code == 405
    assert client.post("/doc/99999999999999999999/").status_code in (204, 404)
    assert beacon(client, type("Gone", (), {"pk": 987654})()).status_code == 204
    beacon(client, article)
    readership.flush()
    assert list(ReadCount.objects.values_list("article_id", "count")) == [(article.pk, 1)]


def test_reads_cost_no_query_and_a_flush_writes_them_in_bulk(client, settings):
    """Reads go to the cache (no query); every Nth read writes them all in a fixed number of
    queries, whatever their number, and adds to what is there."""
    # (Local memory keeps 300 entries: each read is two until the flush.)
    settings.NEWSROOM_READ_FLUSH_EVERY = 90
    articles = [ArticleFactory(live=True) for _ in range(3)]
    ReadCount.objects.create(article=articles[0], day=timezone.localdate(), count=1000)
    with CaptureQueriesContext(connection) as quiet:
        for number in range(89):
            beacon(client, articles[number % 3], address=f"10.0.{number // 200}.{number % 200}")
    assert len(quiet) == 0
    with CaptureQueriesContext(connection) as flushing:
        beacon(client, articles[2], address="10.9.9.9")
    # ids known, rows locked, update, insert; then the two lists made again
    assert len(flushing) <= 8, [q["sql"] for q in flushing]
    assert [reads(article) for article in articles] == [1030, 30, 30]


def test_a_flush_is_due_after_some_seconds_too(client, settings):
    """A quiet site still gets its reads written once NEWSROOM_READ_FLUSH_SECONDS have passed."""
    settings.NEWSROOM_READ_FLUSH_SECONDS = 60
    cache.set(readership.FLUSHED, {"number": 0, "at": 0.0}, None)
    article = ArticleFactory(live=True)
    beacon(client, article)
    assert reads(article) == 1


def test_most_read_lists_on_home_and_article_pages(client):
    """After reads are written, "Đọc nhiều" lists today's and the week's most read, most first,
    on the home page and an article page; a taken-down article is not listed."""
    world = newsroom_with(4)
    articles = world["articles"]
    today = timezone.localdate()
    ReadCount.objects.create(article=articles[0], day=today, count=5)
    ReadCount.objects.create(article=articles[1], day=today, count=9)
    ReadCount.objects.create(article=articles[2], day=today - timedelta(days=3), count=50)
    hidden = ArticleFactory(title="Bài đã gỡ", status=Article.Status.DRAFT)
    ReadCount.objects.create(article=hidden, day=today, count=99)
    readership.refresh_lists()
    for url in ("/", articles[3].get_absolute_url()):
        page = client.get(url).content.decode()
        block = page.split('id="most-read-heading"', 1)[1].split("</section>", 1)[0]
        today_list, week_list = block.split("Trong tuần")
        assert today_list.index(articles[1].title) < today_list.index(articles[0].title)
        assert articles[2].title not in today_list
        assert week_list.index(articles[2].title) < week_list.index(articles[1].title)
        assert "Bài đã gỡ" not in block


def test_the_list_adds_no_query_to_a_page(client, django_assert_num_queries):
    """With the lists kept (made at each flush), the home page makes its usual queries and a
    cached page none."""
    newsroom_with(2)
    rendering.rebuild()
    ReadCount.objects.create(article=Article.objects.first(), day=timezone.localdate(), count=3)
    readership.refresh_lists()
    with django_assert_num_queries(7):
        assert "Đọc nhiều" in client.get("/").content.decode()
    with django_assert_num_queries(0):
        assert "Đọc nhiều" in client.get("/").content.decode()


def test_article_page_sends_its_beacon_and_previews_do_not(client):
    """The article page names its beacon for the script; the page itself counts nothing."""
    article = ArticleFactory(live=True)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'data-read="/doc/{article.pk}/"' in page
    assert '<script src="/static/js/reader.js' in page
    readership.flush()
    assert reads(article) == 0


def test_editors_see_the_counts_in_the_admin(client, roles):
    """Editors read the counts per article (today, week, all), most read first; a journalist
    cannot open the list."""
    quiet, popular = ArticleFactory(live=True), ArticleFactory(live=True)
    today = timezone.localdate()
    ReadCount.objects.create(article=quiet, day=today, count=2)
    ReadCount.objects.create(article=popular, day=today, count=40)
    ReadCount.objects.create(article=popular, day=today - timedelta(days=30), count=100)
    editor = client_for(user_in_role(EDITOR, "bientapvien"))
    page = editor.get(reverse("admin:frontpage_articlereads_changelist")).content.decode()
    assert page.index(popular.title) < page.index(quiet.title)
    assert '<td class="field-reads_total">140</td>' in page
    assert '<td class="field-reads_today">40</td>' in page
    journalist = client_for(user_in_role(JOURNALIST, "phongvien"))
    assert journalist.get(reverse("admin:frontpage_articlereads_changelist")).status_code == 403
