"""The anonymous page cache: fast repeat visits, changes shown at once, staff kept apart,
and conditional GETs answered with 304."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.roles import EDITOR_IN_CHIEF
from newsroom import pagecache as caching
from tests.factories import (
    AbbreviationFactory,
    ArticleAuthorFactory,
    ArticleFactory,
    AuthorFactory,
    ReadyArticleFactory,
    TagFactory,
    UserFactory,
    newsroom_with,
    user_in_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(roles):
    """The editor-in-chief, who publishes and takes articles down through the workflow."""
    return user_in_role(EDITOR_IN_CHIEF, "tongbientap")


def affected_urls(world: dict) -> list[str]:
    """Every public URL an article of ``world`` appears on."""
    day = timezone.localtime(world["article"].published_at)
    category, organisation = world["category"].slug, world["organisation"].slug
    return [
        "/",
        "/tin-moi/",
        world["category"].get_absolute_url(),
        world["organisation"].get_absolute_url(),
        world["author"].get_absolute_url(),
        world["tag"].get_absolute_url(),
        f"/luu-tru/{day:%Y/%m/%d}/",
        "/tim-kiem/?q=hoi+nong+dan",
        "/tin-moi/rss/",
        f"/chuyen-muc/{category}/atom/",
        f"/to-chuc/{organisation}/rss/",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
    ]


@pytest.mark.parametrize("url", ["/", "/tin-moi/rss/", "/sitemap.xml", "/tim-kiem/?q=hoi"])
def test_repeat_anonymous_visit_makes_no_query(client, django_assert_num_queries, url):
    """The second anonymous visit to a page, feed or sitemap is served from the cache."""
    newsroom_with(2)
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    assert second.status_code == 200


def test_publishing_shows_at_once_on_every_affected_page(client, chief):
    """An article published through the workflow appears at once on every page, feed and
    sitemap that lists it, though they were all cached before."""
    world = newsroom_with(1)
    urls = affected_urls(world)
    for url in urls:
        client.get(url)
    fresh = ReadyArticleFactory(
        title="Hội Nông dân tin vừa đăng",
        category=world["category"],
        status=Article.Status.APPROVED,
    )
    fresh.organisations.add(world["organisation"])
    fresh.tags.add(world["tag"])
    ArticleAuthorFactory(article=fresh, author=world["author"])
    for url in urls:  # approved is not public yet: nothing shows
        assert fresh.get_absolute_url() not in client.get(url).content.decode(), url
    # Published at the world article's time, so both fall on the same archive day even when
    # the test runs across midnight in Vietnam.
    workflow.perform(
        article=fresh, action="publish", actor=chief, published_at=world["article"].published_at
    )
    for url in urls:
        assert fresh.get_absolute_url() in client.get(url).content.decode(), url


def test_unpublishing_removes_the_article_everywhere_at_once(client, chief):
    """After an article is taken down through the workflow it is gone from every list, feed
    and sitemap, and its own page answers 404."""
    world = newsroom_with(1)
    article, urls = world["article"], affected_urls(world)
    for url in [*urls, article.get_absolute_url()]:
        assert client.get(url).status_code == 200
    workflow.perform(article=article, action="unpublish", actor=chief)
    for url in urls:
        assert article.get_absolute_url() not in client.get(url).content.decode(), url
    assert client.get(article.get_absolute_url()).status_code == 404


def test_deleting_removes_the_article_at_once(client):
    """A deleted article is gone from the cached home page and its own page."""
    article = ArticleFactory(live=True)
    url = article.get_absolute_url()
    client.get("/"), client.get(url)
    article.delete()
    assert url not in client.get("/").content.decode()
    assert client.get(url).status_code == 404


def test_editing_shows_at_once(client):
    """A corrected title shows on the article, in lists and in the feed straight away."""
    article = ArticleFactory(live=True, title="Tiêu đề có lỗi chính tả")
    urls = [article.get_absolute_url(), "/", "/tin-moi/rss/"]
    for url in urls:
        client.get(url)
    article.title = "Tiêu đề đã sửa"
    article.save()
    for url in urls:
        page = client.get(url).content.decode()
        assert "Tiêu đề đã sửa" in page, url
        assert "Tiêu đề có lỗi chính tả" not in page, url


def test_tag_byline_and_glossary_changes_show_at_once(client):
    """Removing a tag, adding an author or a glossary entry changes the cached pages."""
    tag, author = TagFactory(), AuthorFactory()
    article = ArticleFactory(live=True, lead="Kỳ họp HĐND.")
    article.tags.add(tag)
    for url in (tag.get_absolute_url(), author.get_absolute_url(), article.get_absolute_url()):
        client.get(url)
    article.tags.remove(tag)
    ArticleAuthorFactory(article=article, author=author)
    AbbreviationFactory(short_form="HĐND", expansion="Hội đồng nhân dân")
    assert article.title not in client.get(tag.get_absolute_url()).content.decode()
    assert article.title in client.get(author.get_absolute_url()).content.decode()
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<abbr title="Hội đồng nhân dân">HĐND</abbr>' in page


def test_replacing_the_byline_shows_at_once(client):
    """A byline replaced in one go (as the importer and revision restore do) shows at once."""
    article = ArticleFactory(live=True)
    article.set_byline([AuthorFactory(name="Trần Tương")])
    assert "Trần Tương" in client.get(article.get_absolute_url()).content.decode()
    article.set_byline([AuthorFactory(name="Trần Bình")])
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Trần Bình" in page
    assert "Trần Tương" not in page


def test_scheduled_article_appears_when_its_time_comes(client):
    """A cached home page picks up a scheduled article as soon as its time has come."""
    ArticleFactory(live=True)
    scheduled = ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=2),
        title="Bài hẹn giờ",
    )
    assert "Bài hẹn giờ" not in client.get("/").content.decode()
    with time_machine.travel(scheduled.published_at - timedelta(seconds=5)):
        assert "Bài hẹn giờ" not in client.get("/").content.decode()
    with time_machine.travel(scheduled.published_at + timedelta(seconds=1)):
        assert "Bài hẹn giờ" in client.get("/").content.decode()


def test_commit_starts_a_new_generation_of_pages(client, django_capture_on_commit_callbacks):
    """Pages cached while a change was still uncommitted (by other processes, from the old
    data) are thrown away when it commits."""
    ArticleFactory(live=True)
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(live=True, title="Bài trong giao dịch")
        client.get("/")
        during = caching.current_state()["id"]
    assert caching.current_state()["id"] != during
    assert "Bài trong giao dịch" in client.get("/").content.decode()


def test_staff_never_get_the_cached_public_page_and_the_public_never_a_staff_page(client):
    """Staff see their edit link even when the public page is cached, and vice versa."""
    article = ArticleFactory(live=True)
    url = article.get_absolute_url()
    assert "Sửa bài này" not in client.get(url).content.decode()  # cached for the public

    client.force_login(UserFactory(is_superuser=True))
    staff_response = client.get(url)
    assert "Sửa bài này" in staff_response.content.decode()
    assert "private" in staff_response["Cache-Control"]
    assert "no-store" in staff_response["Cache-Control"]
    assert "ETag" not in staff_response

    client.logout()
    assert "Sửa bài này" not in client.get(url).content.decode()


def test_staff_visit_first_does_not_fill_the_public_cache(client):
    """A page first opened by staff is rendered again for the first reader."""
    article = ArticleFactory(live=True)
    client.force_login(UserFactory(is_superuser=True))
    client.get(article.get_absolute_url())
    client.logout()
    assert "Sửa bài này" not in client.get(article.get_absolute_url()).content.decode()


def test_responses_vary_on_cookie_and_ask_browsers_to_revalidate(client):
    """Public pages say they depend on the login cookie and must be revalidated."""
    response = client.get("/")
    assert "Cookie" in response["Vary"]
    assert response["Cache-Control"] == "public, no-cache"
    assert response["Last-Modified"]


def test_conditional_get_with_the_etag_gets_304(client):
    """A browser that has the page gets 304 Not Modified with no body, until it changes."""
    article = ArticleFactory(live=True)
    etag = client.get("/")["ETag"]
    not_modified = client.get("/", headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    article.title = "Tiêu đề mới"
    article.save()
    changed = client.get("/", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_conditional_get_with_the_date_gets_304(client):
    """If-Modified-Since with the page's Last-Modified gets 304; after a change, 200."""
    ArticleFactory(live=True)
    last_modified = client.get("/tin-moi/rss/")["Last-Modified"]
    response = client.get("/tin-moi/rss/", headers={"if-modified-since": last_modified})
    assert response.status_code == 304
    with time_machine.travel(timezone.now() + timedelta(seconds=5)):  # HTTP dates: seconds
        ArticleFactory(live=True)
        response = client.get("/tin-moi/rss/", headers={"if-modified-since": last_modified})
    assert response.status_code == 200


def test_tracking_parameters_share_the_cached_page_but_others_do_not(
    client, django_assert_num_queries
):
    """?utm_source=… or ?fbclid=… is the same page; ?page=2 is another."""
    ArticleFactory.create_batch(21, live=True)
    client.get("/tin-moi/")
    with django_assert_num_queries(0):
        client.get("/tin-moi/?utm_source=zalo&fbclid=abc")
    second = client.get("/tin-moi/?page=2&utm_medium=social")
    assert len(second.context["articles"]) == 1


def test_head_request_is_answered_from_the_cache(client, django_assert_num_queries):
    """A HEAD after a GET needs no query."""
    ArticleFactory(live=True)
    client.get("/")
    with django_assert_num_queries(0):
        assert client.head("/").status_code == 200


# --- This process's copies in front of the shared cache ---------------------------------------


def test_a_change_made_in_another_process_shows_within_a_tenth_of_a_second(client):
    """Another process starting a new generation (seen here as the shared cache losing the
    generation) reaches this process's pages once its copy of the generation is older than
    STATE_SECONDS, even though it still holds the old page."""
    article = ArticleFactory(live=True, title="Tin cũ của Hội CCB")
    # The clock stands still while the copy is fresh, so a slow machine cannot age it.
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.get("/")
        Article.objects.filter(pk=article.pk).update(title="Tin mới của Hội CCB")  # no signal
        caching.cache.delete(caching.STATE_KEY)  # what new_generation() does elsewhere
        assert "Tin cũ của Hội CCB" in client.get("/").content.decode()  # the copy is fresh
    later = start + timedelta(seconds=caching.STATE_SECONDS * 2)
    with time_machine.travel(later, tick=False):
        assert "Tin mới của Hội CCB" in client.get("/").content.decode()


def test_a_served_copy_is_a_response_of_its_own(client):
    """Changing the response one visitor got (as a middleware might) changes nothing for the
    next visitor."""
    ArticleFactory(live=True)
    client.get("/")
    first = client.get("/")
    first["X-Only-For-One"] = "1"
    first.set_cookie("visitor", "one")
    second = client.get("/")
    assert second is not first
    assert "X-Only-For-One" not in second
    assert not second.cookies
    assert second.content == first.content


def test_local_copies_stay_within_their_memory_budget(client, monkeypatch):
    """Past LOCAL_PAGE_BYTES the least recently served copies are dropped, and those pages
    are still served (from the shared cache)."""
    world = newsroom_with(1)
    monkeypatch.setattr(caching, "LOCAL_PAGE_BYTES", 1)
    for url in ("/", "/tin-moi/", world["article"].get_absolute_url()):
        assert client.get(url).status_code == 200
    assert len(caching._local.pages) <= 1
    assert client.get("/").status_code == 200


def test_anonymous_visit_without_a_session_cookie_loads_no_session(client):
    """A reader with no session cookie is served without the session being read or the
    response varying on it a second time."""
    ArticleFactory(live=True)
    response = client.get("/")
    assert response.wsgi_request.session.accessed is False
    assert response["Vary"] == "Cookie, Accept-Encoding"  # compressed answers vary on it too


def test_page_cache_can_be_turned_off(client, settings):
    """With NEWSROOM_PAGE_CACHE off every visit renders the page again, without ETag."""
    settings.NEWSROOM_PAGE_CACHE = False
    ArticleFactory(live=True, title="Tin không lưu đệm")
    client.get("/")
    response = client.get("/")
    assert "Tin không lưu đệm" in response.content.decode()
    assert "ETag" not in response
    assert response["Vary"] == "Cookie, Accept-Encoding"


def test_a_kept_page_is_answered_before_its_url_is_resolved(client, settings):
    """PageCacheMiddleware answers a page this process has kept before the URL is resolved:
    with a URL configuration where "/" no longer leads to the front page, the kept page still
    answers, with the headers the other middleware add, while the new address of the front
    page, not kept yet, is rendered."""
    ArticleFactory(live=True, title="Hội Nông dân phường ra quân")
    with time_machine.travel(timezone.now(), tick=False):  # the generation's copy stays fresh
        first = client.get("/")
        settings.ROOT_URLCONF = "tests.urls_without_pages"
        kept = client.get("/")
        assert kept.status_code == 200
        assert kept.content == first.content
        for header in ("Content-Security-Policy", "X-Frame-Options", "ETag", "Vary"):
            assert kept[header] == first[header], header
        assert client.get("/trang-chu-da-chuyen/").status_code == 200


def test_the_early_answer_is_for_anonymous_visitors_only(client, settings):
    """A signed-in editor asking for a page the process has kept gets a page rendered for
    them (here: not found, as "/" no longer leads to the front page), never the public copy."""
    ArticleFactory(live=True)
    staff = UserFactory(is_staff=True)
    with time_machine.travel(timezone.now(), tick=False):
        client.get("/")
        client.force_login(staff)
        settings.ROOT_URLCONF = "tests.urls_without_pages"
        assert client.get("/").status_code == 404


def test_saving_a_draft_keeps_the_cached_pages(client, chief, django_assert_num_queries):
    """A journalist saving a draft (its text, byline, tags, organisations) all day leaves the
    readers' cached pages alone; publishing it, and taking it down, are seen at once."""
    newsroom_with(2)
    draft = ReadyArticleFactory(title="Bản nháp chưa đăng về Hội Nông dân")
    writer, tag = AuthorFactory(name="Phóng viên mới"), TagFactory(name="Nháp")
    client.get("/")
    draft.title = "Bản nháp sửa lần hai"
    draft.save()
    ArticleAuthorFactory(article=draft, author=writer)
    draft.tags.add(tag)
    reloaded = Article.objects.get(pk=draft.pk)
    reloaded.lead = "Sapo sửa trên bản đã tải lại, đủ dài để qua danh mục kiểm tra."
    reloaded.save()
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200
    Article.objects.filter(pk=draft.pk).update(status=Article.Status.APPROVED)  # reviewed
    workflow.perform(article=Article.objects.get(pk=draft.pk), action="publish", actor=chief)
    assert "Bản nháp sửa lần hai" in client.get("/").content.decode()
    workflow.perform(article=Article.objects.get(pk=draft.pk), action="unpublish", actor=chief)
    assert "Bản nháp sửa lần hai" not in client.get("/").content.decode()
