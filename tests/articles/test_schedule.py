"""End times and embargoes (issue 19, item 5): an article leaves the public site by itself at
its end time, an embargoed story shows nowhere public before its time, to the second."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import preview_links, schedule, workflow
from articles.models import Article, Transition
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from articles.selectors import next_publication_time
from articles.workflow import WorkflowError
from tests.factories import ReadyArticleFactory, TagFactory, user_in_role

pytestmark = pytest.mark.django_db
Status = Article.Status
WORD = "Quyzetta"


@pytest.fixture
def people(roles):
    return {
        "journalist": user_in_role(JOURNALIST, "phongvien"),
        "editor": user_in_role(EDITOR, "bientapvien"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap"),
    }


def story(title, **extra):
    article = ReadyArticleFactory(title=f"{title} {WORD} phường Hòa Bình", **extra)
    article.tags.add(TagFactory())
    return article


def public_urls(article) -> list[str]:
    """Every public address that could show ``article``: lists, pages, feeds, sitemaps, search."""
    section, organisation = article.category, article.organisations.get()
    author, tag = article.byline[0], article.tags.get()
    when = timezone.localtime(article.published_at or timezone.now())
    urls = [
        reverse("public:home"),
        reverse("public:latest"),
        reverse("public:feed-latest-rss"),
        reverse("public:feed-latest-atom"),
        reverse("public:category", args=[section.slug]),
        reverse("public:feed-category-rss", args=[section.slug]),
        reverse("public:feed-category-atom", args=[section.slug]),
        reverse("public:organisation", args=[organisation.slug]),
        reverse("public:feed-organisation-rss", args=[organisation.slug]),
        reverse("public:feed-organisation-atom", args=[organisation.slug]),
        reverse("public:author", args=[author.slug]),
        reverse("public:tag", args=[tag.slug]),
        reverse("public:archive-year", args=[f"{when:%Y}"]),
        reverse("public:archive-month", args=[f"{when:%Y}", f"{when:%m}"]),
        reverse("public:archive-day", args=[f"{when:%Y}", f"{when:%m}", f"{when:%d}"]),
        reverse("public:search") + f"?q={WORD.lower()}",
        reverse("public:detail", args=[article.slug, article.pk]),
        reverse("public:detail-by-id", args=[article.pk]),
    ]
    index = Client().get(reverse("public:sitemap")).content.decode()
    urls += [
        re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", index)
    ]
    return urls


def shows(article) -> list[str]:
    """The public addresses whose answer names the article (its title or its address)."""
    client = Client()
    found = []
    for url in public_urls(article):
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404), url
        body = response.content.decode()
        addresses = [article.get_absolute_url(), f"/tin-tuc/{article.pk}/"]
        if response.status_code == 200 and (WORD in body or any(a in body for a in addresses)):
            found.append(url)
    return found


# --- the end time --------------------------------------------------------------------------


def test_an_expired_article_leaves_every_public_page_at_the_second(people):
    start = timezone.now().replace(microsecond=0)
    article = story("Hết hạn", status=Status.PUBLISHED, published_at=start - timedelta(hours=1))
    end = start + timedelta(hours=1)
    schedule.set_time_limits(
        article=article, actor=people["chief"], expires_at=end, embargo_until=None
    )
    with time_machine.travel(end - timedelta(seconds=1), tick=False):
        assert article in Article.objects.published()
        seen = shows(article)
        assert reverse("public:detail-by-id", args=[article.pk]) in seen
        assert reverse("public:feed-latest-rss") in seen
        assert reverse("public:search") + f"?q={WORD.lower()}" in seen
        assert any("sitemap-" in url for url in seen)  # the crawl reaches the sitemaps
        assert len(seen) >= 15
        assert next_publication_time() == end.timestamp()
    with time_machine.travel(end, tick=False):
        assert article not in Article.objects.published()
        assert not Article.objects.get(pk=article.pk).is_public
        assert shows(article) == []  # the cached pages of a second ago are not served


# --- the embargo ---------------------------------------------------------------------------


def test_an_embargoed_story_is_published_at_its_time_and_never_before(people):
    start = timezone.now().replace(microsecond=0)
    lifted = start + timedelta(hours=2)
    article = story("Cấm đăng", status=Status.APPROVED)
    schedule.set_time_limits(
        article=article, actor=people["chief"], expires_at=None, embargo_until=lifted
    )
    _link, key = preview_links.create(article=article, user=people["editor"])
    signed = reverse("public:signed-preview", args=[key])
    # "Publish now" under embargo schedules it for the embargo's end.
    transition = workflow.perform(article=article, action="publish", actor=people["chief"])
    assert transition.action == Transition.Action.SCHEDULE
    article.refresh_from_db()
    assert article.published_at == lifted
    # Even a publication time forced earlier (an old row, a bulk edit) does not show it.
    Article.objects.filter(pk=article.pk).update(published_at=start - timedelta(minutes=5))
    with time_machine.travel(lifted - timedelta(seconds=1), tick=False):
        assert shows(article) == []
        assert Client().get(signed).status_code == 404
        # Staff see it with its embargo time, in the calendar.
        from tests.helpers import client_for

        page = client_for(people["chief"]).get(
            reverse("planning:calendar") + f"?ngay={timezone.localdate().isoformat()}"
        )
        assert WORD in page.text and "Cấm đăng đến" in page.text
    with time_machine.travel(lifted, tick=False):
        assert reverse("public:detail-by-id", args=[article.pk]) in shows(article)


def test_next_change_of_the_page_cache_counts_embargoes(people):
    lifted = timezone.now().replace(microsecond=0) + timedelta(minutes=30)
    article = story("Hẹn", status=Status.PUBLISHED, published_at=timezone.now() - timedelta(days=1))
    Article.objects.filter(pk=article.pk).update(embargo_until=lifted)
    assert next_publication_time() == lifted.timestamp()


# --- who may, and what is refused ----------------------------------------------------------


@pytest.mark.parametrize("who", ["journalist", "editor"])
def test_only_the_chief_sets_end_times_and_embargoes(people, who):
    article = story("Quyền", status=Status.APPROVED)
    with pytest.raises(PermissionDenied):
        schedule.set_time_limits(
            article=article,
            actor=people[who],
            expires_at=timezone.now() + timedelta(days=1),
            embargo_until=None,
        )
    article.refresh_from_db()
    assert article.expires_at is None


def test_refused_limits_say_why(people):
    now = timezone.now()
    live = story("Đang đăng", status=Status.PUBLISHED, published_at=now - timedelta(hours=1))
    with pytest.raises(WorkflowError, match="sau thời điểm xuất bản"):
        schedule.set_time_limits(
            article=live,
            actor=people["chief"],
            expires_at=now - timedelta(hours=2),
            embargo_until=None,
        )
    with pytest.raises(WorkflowError, match="không thể đặt lệnh cấm đăng"):
        schedule.set_time_limits(
            article=live,
            actor=people["chief"],
            expires_at=None,
            embargo_until=now + timedelta(hours=1),
        )
    draft = story("Nháp")
    with pytest.raises(WorkflowError, match="phải ở tương lai"):
        schedule.set_time_limits(
            article=draft,
            actor=people["chief"],
            expires_at=None,
            embargo_until=now - timedelta(hours=1),
        )


def test_the_chief_sets_limits_through_the_page_and_others_are_refused(people):
    from tests.helpers import client_for

    article = story(
        "Trang", status=Status.PUBLISHED, published_at=timezone.now() - timedelta(hours=1)
    )
    url = reverse("planning:time-limits", args=[article.pk])
    end = timezone.localtime() + timedelta(days=3)
    data = {
        "expires_at_0": end.strftime("%d/%m/%Y"),
        "expires_at_1": end.strftime("%H:%M"),
        "embargo_until_0": "",
        "embargo_until_1": "",
    }
    assert client_for(people["editor"]).post(url, data).status_code == 403
    assert client_for(people["chief"]).get(url).status_code == 200
    assert client_for(people["chief"]).post(url, data).status_code == 302
    article.refresh_from_db()
    assert timezone.localtime(article.expires_at).strftime("%d/%m/%Y %H:%M") == end.strftime(
        "%d/%m/%Y %H:%M"
    )
    past = {**data, "expires_at_0": "01/01/2020", "expires_at_1": "08:00"}
    response = client_for(people["chief"]).post(url, past)
    assert response.status_code == 200 and "sau thời điểm xuất bản" in response.text
