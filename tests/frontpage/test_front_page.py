"""The edited front page: the lead and featured stories the newsroom chose, their end times,
the order of the sections, and the admin page that edits them."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import EDITOR, EDITOR_IN_CHIEF
from frontpage.models import FrontPage, FrontPageSection, FrontPageStory
from public import rendering
from tests.factories import ArticleFactory, CategoryFactory, ReadyArticleFactory, user_in_role
from tests.helpers import client_for
from tests.htmltools import form_fields

pytestmark = pytest.mark.django_db


def published(count, **extra):
    """``count`` published articles, the first the newest (an hour apart)."""
    now = timezone.now()
    return [
        ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=index + 1),
            title=f"Bài số {index} về Hội Nông dân",
            **extra,
        )
        for index in range(count)
    ]


def lead_title(page: str) -> str:
    block = page.split('class="front-lead"', 1)[1].split("</div>", 1)[0]
    return re.search(r'class="card-title"><a [^>]*>([^<]+)</a>', block).group(1)


def featured_titles(page: str) -> list[str]:
    if 'class="front-featured"' not in page:
        return []
    block = page.split('class="front-featured"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'class="card-title"><a [^>]*>([^<]+)</a>', block)


def choose(article, position, ends_at=None):
    return FrontPageStory.objects.create(
        front_page=FrontPage.get(), article=article, position=position, ends_at=ends_at
    )


def test_without_choices_the_newest_leads_and_the_next_three_are_featured(client):
    """Nothing chosen: the newest article is the lead story and the next three are featured."""
    articles = published(6)
    page = client.get("/").content.decode()
    assert lead_title(page) == articles[0].title
    assert featured_titles(page) == [article.title for article in articles[1:4]]


def test_chosen_lead_and_featured_stories_show_in_their_order(client):
    """An older article chosen as lead leads; chosen featured ones follow in the chosen order,
    and an empty place shows the newest article not shown yet."""
    articles = published(8)
    choose(articles[6], 1)
    choose(articles[5], 3)
    choose(articles[7], 2)
    page = client.get("/").content.decode()
    assert lead_title(page) == articles[6].title
    assert featured_titles(page) == [articles[7].title, articles[5].title, articles[0].title]
    # The latest list does not repeat the stories on top.
    latest = page.split('id="latest-heading"', 1)[1].split("</section>", 1)[0]
    assert articles[6].title not in latest and articles[0].title not in latest
    assert articles[1].title in latest


def test_a_choice_ends_at_its_time_even_on_a_cached_page(client):
    """A lead chosen until 10:00 leads (from the cache) until then, and the newest leads after,
    with no cron job and no edit: the page cache's generation ends at that time."""
    articles = published(5)
    ends_at = timezone.now() + timedelta(hours=2)
    choose(articles[4], 1, ends_at=ends_at)
    assert lead_title(client.get("/").content.decode()) == articles[4].title
    with time_machine.travel(ends_at - timedelta(minutes=1)):
        assert lead_title(client.get("/").content.decode()) == articles[4].title
    with time_machine.travel(ends_at + timedelta(seconds=1)):
        assert lead_title(client.get("/").content.decode()) == articles[0].title


def test_a_chosen_story_that_is_taken_down_leaves_its_place_to_the_newest(client):
    """Taking the chosen lead down puts the newest back on top at once."""
    articles = published(4)
    choose(articles[3], 1)
    assert lead_title(client.get("/").content.decode()) == articles[3].title
    Article.objects.filter(pk=articles[3].pk).update(status=Article.Status.DRAFT)
    articles[3].refresh_from_db()
    articles[3].save()  # a save, as the workflow makes, tells the page cache
    page = client.get("/").content.decode()
    assert lead_title(page) == articles[0].title
    assert articles[3].title not in page


def test_sections_follow_the_front_page_order_and_only_the_chosen_ones(client):
    """With sections chosen, the front page shows their blocks in that order, and no other."""
    names = ("Thời sự", "Văn hóa", "Thể thao")
    news, culture, sport = (CategoryFactory(name=name, position=i) for i, name in enumerate(names))
    for category in (news, culture, sport):
        published(5, category=category)
    page = client.get("/").content.decode()
    default = [m for m in re.findall(r'id="section-(\d+)"', page)]
    assert default == [str(news.pk), str(culture.pk), str(sport.pk)]
    front = FrontPage.get()
    FrontPageSection.objects.create(front_page=front, category=sport, position=1)
    FrontPageSection.objects.create(front_page=front, category=news, position=2)
    page = client.get("/").content.decode()
    assert re.findall(r'id="section-(\d+)"', page) == [str(sport.pk), str(news.pk)]


def test_lead_story_has_a_large_photo(client):
    """The lead's photo is asked for at up to 50rem wide on a desktop and the full width of a
    phone, not the 16rem of a list card."""
    ReadyArticleFactory(status=Article.Status.PUBLISHED, published_at=timezone.now())
    rendering.rebuild()
    page = client.get("/").content.decode()
    lead = page.split('class="front-lead"', 1)[1].split("</div>", 1)[0]
    assert 'sizes="(min-width: 80rem) 50rem, (min-width: 64rem) 64vw, 100vw"' in lead
    assert 'loading="eager"' in lead


# --- The admin page -----------------------------------------------------------------------


def admin_url():
    return reverse("admin:frontpage_frontpage_change", args=[FrontPage.get().pk])


def front_form(client) -> dict:
    response = client.get(admin_url())
    assert response.status_code == 200
    return form_fields(response.content.decode(), "frontpage_form")


def add_story(data: dict, index: int, article, position: int, ends: str = "") -> None:
    data[f"stories-{index}-position"] = str(position)
    data[f"stories-{index}-article"] = str(article.pk)
    day, _, time = ends.partition(" ")
    data[f"stories-{index}-ends_at_0"] = day
    data[f"stories-{index}-ends_at_1"] = time
    data["stories-TOTAL_FORMS"] = str(index + 1)


@pytest.fixture
def chief(roles):
    return user_in_role(EDITOR_IN_CHIEF, "tongbientap")


def test_chief_picks_the_lead_in_the_admin_and_it_shows_at_once_and_is_logged(client, chief):
    """The editor-in-chief picks the lead on the front page's admin page: the (cached) home page
    shows it on the next visit, and the history says who changed what."""
    articles = published(4)
    assert lead_title(client.get("/").content.decode()) == articles[0].title  # cached now
    staff = client_for(chief)
    listed = staff.get(reverse("admin:frontpage_frontpage_changelist")).content.decode()
    assert f'href="{admin_url()}"' in listed
    data = front_form(staff)
    add_story(data, 0, articles[2], 1)
    response = staff.post(admin_url(), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert lead_title(client.get("/").content.decode()) == articles[2].title
    entry = LogEntry.objects.get(user=chief)
    assert entry.object_id == str(FrontPage.get().pk)
    assert articles[2].title in entry.get_change_message()
    history = staff.get(reverse("admin:frontpage_frontpage_history", args=[1])).content.decode()
    assert articles[2].title in history


def test_admin_refuses_a_draft_a_past_end_and_two_leads(client, chief):
    """A draft, an end time already past and two stories at position 1 are refused in
    Vietnamese, nothing is saved, and the typed rows stay in the form."""
    articles = published(2)
    draft = ArticleFactory(title="Bản nháp chưa duyệt")
    staff = client_for(chief)
    data = front_form(staff)
    add_story(data, 0, draft, 1)
    page = staff.post(admin_url(), data).content.decode()
    assert "Chỉ chọn được bài đã xuất bản" in page
    data = front_form(staff)
    add_story(data, 0, articles[0], 1, "01/01/2020 08:00:00")
    page = staff.post(admin_url(), data).content.decode()
    assert "Thời điểm hết hạn đã qua." in page
    data = front_form(staff)
    add_story(data, 0, articles[0], 1)
    add_story(data, 1, articles[1], 1)
    page = staff.post(admin_url(), data).content.decode()
    assert "Hai dòng trùng" in page
    data = front_form(staff)
    add_story(data, 0, articles[0], 9)
    page = staff.post(admin_url(), data).content.decode()
    assert "Vị trí từ 1 (bài chính) tới 4." in page
    assert not FrontPageStory.objects.exists()


def test_two_stories_swap_places_in_one_save(client, chief):
    """Swapping the lead and the first featured story in one save works (no clash halfway)."""
    articles = published(3)
    choose(articles[1], 1)
    choose(articles[2], 2)
    staff = client_for(chief)
    data = front_form(staff)
    data["stories-0-position"], data["stories-1-position"] = "2", "1"
    response = staff.post(admin_url(), data)
    assert response.status_code == 302, re.findall(r"errorlist.*", response.content.decode())
    assert lead_title(client.get("/").content.decode()) == articles[2].title


def test_editors_may_change_the_front_page_only_when_the_setting_allows(client, roles, settings):
    """An editor sees the front page read-only and a crafted POST is refused, unless
    NEWSROOM_FRONT_PAGE_EDITORS is on; a journalist cannot open it."""
    articles = published(2)
    editor = client_for(user_in_role(EDITOR, "bientapvien"))
    settings.NEWSROOM_FRONT_PAGE_EDITORS = False
    page = editor.get(admin_url()).content.decode()
    assert 'name="stories-TOTAL_FORMS"' not in page or "stories-0-article" not in page
    crafted = {
        "stories-TOTAL_FORMS": "1",
        "stories-INITIAL_FORMS": "0",
        "stories-0-position": "1",
        "stories-0-article": str(articles[1].pk),
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
    }
    assert editor.post(admin_url(), crafted).status_code == 403
    assert not FrontPageStory.objects.exists()
    settings.NEWSROOM_FRONT_PAGE_EDITORS = True
    data = front_form(editor)
    add_story(data, 0, articles[1], 1)
    assert editor.post(admin_url(), data).status_code == 302
    assert lead_title(client.get("/").content.decode()) == articles[1].title
    from articles.roles import JOURNALIST

    journalist = client_for(user_in_role(JOURNALIST, "phongvien"))
    assert journalist.get(admin_url()).status_code == 403
