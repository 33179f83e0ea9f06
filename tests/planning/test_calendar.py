"""The editorial calendar (issue 19, item 2): month and week, filters, moving a story by the
same rules as the edit page, the day budget, and the query count whatever the month holds."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Transition
from planning.models import Assignment
from tests.factories import ArticleFactory, CategoryFactory, OrganisationFactory
from tests.helpers import client_for
from tests.planning.factories import AssignmentFactory

pytestmark = pytest.mark.django_db
CALENDAR = reverse("planning:calendar")
MOVE = reverse("planning:move")


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args), timezone.get_current_timezone())


def next_month_day(day: int, hour: int = 9) -> datetime:
    """A day of next month (always in the future), local time."""
    today = timezone.localdate()
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return local(first.year, first.month, day, hour, 30)


def month_query(when: datetime) -> str:
    return f"{CALENDAR}?ngay={when.date().isoformat()}"


def scheduled(when, **extra):
    return ArticleFactory(status=Article.Status.PUBLISHED, published_at=when, **extra)


# --- what it shows -------------------------------------------------------------------------


def test_month_shows_planned_scheduled_and_published_stories_on_their_day(people):
    when = next_month_day(10)
    AssignmentFactory(working_title="Kế hoạch: họp HĐND", due_at=when)
    scheduled(when + timedelta(days=1), title="Hẹn giờ: Thành Đoàn ra quân")
    ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=2),
        title="Đã đăng: Hội CCB thăm gia đình chính sách",
    )
    AssignmentFactory(working_title="Bị từ chối", due_at=when, status=Assignment.Status.DECLINED)
    client = client_for(people["editor"])
    page = client.get(month_query(when))
    assert page.status_code == 200
    cell = page.text.split(f'data-date="{when.date().isoformat()}"')[1].split("</li>\n    \n")[0]
    assert "Kế hoạch: họp HĐND" in cell and "09:30" in cell
    assert "Bị từ chối" not in page.text
    assert "Hẹn giờ: Thành Đoàn ra quân" in page.text
    now_page = client.get(CALENDAR)
    assert "Đã đăng: Hội CCB thăm gia đình chính sách" in now_page.text


def test_week_view_shows_only_that_week(people):
    when = next_month_day(10)
    AssignmentFactory(working_title="Trong tuần", due_at=when)
    AssignmentFactory(working_title="Tuần khác", due_at=when + timedelta(days=8))
    page = client_for(people["editor"]).get(month_query(when) + "&xem=tuan")
    assert "Trong tuần" in page.text and "Tuần khác" not in page.text
    assert page.text.count('class="calendar-day') == 7


def test_filters_by_section_organisation_and_person(people):
    when = next_month_day(12)
    section, organisation = CategoryFactory(name="Thời sự"), OrganisationFactory()
    AssignmentFactory(working_title="Theo chuyên mục", due_at=when, category=section)
    AssignmentFactory(working_title="Theo tổ chức", due_at=when, organisation=organisation)
    AssignmentFactory(working_title="Theo người", due_at=when, assignee=people["other"])
    article = scheduled(when, title="Bài của Hà", created_by=people["journalist"])
    article.organisations.add(organisation)
    client = client_for(people["editor"])
    base = month_query(when)

    def titles(query):
        text = client.get(f"{base}&{query}").text
        names = ["Theo chuyên mục", "Theo tổ chức", "Theo người", "Bài của Hà"]
        return {name for name in names if name in text}

    assert titles(f"category={section.pk}") == {"Theo chuyên mục"}
    assert titles(f"organisation={organisation.pk}") == {"Theo tổ chức", "Bài của Hà"}
    assert titles(f"person={people['other'].pk}") == {"Theo người"}
    assert titles(f"person={people['journalist'].pk}") == {"Bài của Hà"}
    assert client.get(f"{base}&person=abc&category=99999999999999999999999").status_code == 200


def test_journalists_see_their_own_plans_and_articles_only(people):
    when = next_month_day(14)
    AssignmentFactory(working_title="Việc của Hà", due_at=when, assignee=people["journalist"])
    AssignmentFactory(working_title="Việc của Bình", due_at=when, assignee=people["other"])
    scheduled(when, title="Bài hẹn giờ của Bình", created_by=people["other"])
    page = client_for(people["journalist"]).get(month_query(when))
    assert "Việc của Hà" in page.text
    assert "Việc của Bình" not in page.text and "Bài hẹn giờ của Bình" not in page.text
    assert "Dời sang ngày" not in page.text  # journalists cannot move anything


def test_bad_dates_fall_back_to_today(people):
    client = client_for(people["editor"])
    for value in ["2026-13-45", "x", "99999-01-01", "0001-01-01"]:
        assert client.get(f"{CALENDAR}?ngay={value}").status_code == 200


def calendar_queries(user, when) -> int:
    client = client_for(user)
    client.get(month_query(when))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(month_query(when)).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["editor", "journalist"])
def test_query_count_does_not_grow_with_the_month(people, who):
    """The month costs the same number of queries with 3 stories or 40."""
    when = next_month_day(5)

    def fill(n):
        for day in range(n):
            AssignmentFactory(due_at=when + timedelta(days=day % 20), assignee=people["journalist"])
            article = scheduled(when + timedelta(days=day % 20), created_by=people["journalist"])
            article.organisations.add(OrganisationFactory())

    fill(2)
    few = calendar_queries(people[who], when)
    fill(20)
    assert calendar_queries(people[who], when) == few


# --- moving --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor", "chief"])
def test_editors_move_a_planned_story_keeping_its_time(people, who):
    when = next_month_day(10, hour=15)
    assignment = AssignmentFactory(due_at=when, reminded_at=timezone.now())
    response = client_for(people[who]).post(
        MOVE, {"kind": "assignment", "pk": assignment.pk, "date": "2099-03-04", "next": CALENDAR}
    )
    assert response.status_code == 302 and response.url == CALENDAR
    assignment.refresh_from_db()
    assert assignment.due_at == local(2099, 3, 4, 15, 30)
    assert assignment.reminded_at is None


def test_a_journalist_cannot_move_anything(people):
    when = next_month_day(10)
    assignment = AssignmentFactory(due_at=when, assignee=people["journalist"])
    article = scheduled(when, created_by=people["journalist"])
    client = client_for(people["journalist"])
    for kind, pk in [("assignment", assignment.pk), ("article", article.pk)]:
        response = client.post(MOVE, {"kind": kind, "pk": pk, "date": "2099-03-04"})
        assert response.status_code == 403
    assignment.refresh_from_db()
    article.refresh_from_db()
    assert assignment.due_at == when and article.published_at == when


def test_the_chief_reschedules_through_the_workflow(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    """Moving a scheduled article changes its time through articles.schedule.reschedule: a
    transition is written and the author is told."""
    when = next_month_day(20, hour=7)
    article = scheduled(when, created_by=people["journalist"])
    version = article.version
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(people["chief"]).post(
            MOVE,
            {"kind": "article", "pk": article.pk, "date": "2099-01-02"},
            headers={"accept": "application/json"},
        )
    assert response.status_code == 200 and response.json()["ok"]
    article.refresh_from_db()
    assert article.published_at == local(2099, 1, 2, 7, 30)
    assert article.status == Article.Status.PUBLISHED and not article.is_public
    assert article.version == version + 1
    transition = article.transitions.get()
    assert transition.action == Transition.Action.SCHEDULE
    assert "02/01/2099 07:30" in transition.comment
    assert [mail.to for mail in mailoutbox] == [["phongvien@example.org"]]


def test_an_editor_cannot_reschedule_an_article(people):
    when = next_month_day(20)
    article = scheduled(when)
    response = client_for(people["editor"]).post(
        MOVE,
        {"kind": "article", "pk": article.pk, "date": "2099-01-02"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 403 and not response.json()["ok"]
    article.refresh_from_db()
    assert article.published_at == when


def test_no_move_into_the_past_nor_of_a_live_article(people):
    """A scheduled article cannot be moved to a past day; a published one cannot be moved."""
    chief = client_for(people["chief"])
    future = scheduled(next_month_day(20))
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = chief.post(
        MOVE, {"kind": "article", "pk": future.pk, "date": yesterday}, follow=True
    )
    assert "Thời điểm hẹn giờ phải ở tương lai" in response.text
    live = ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=timezone.now() - timedelta(days=2)
    )
    before = live.published_at
    response = chief.post(
        MOVE, {"kind": "article", "pk": live.pk, "date": "2099-01-01"}, follow=True
    )
    assert "không thể dời ngày xuất bản của bài đã xuất bản" in response.text
    live.refresh_from_db()
    assert live.published_at == before and live.is_public
    draft = ArticleFactory()
    response = chief.post(
        MOVE, {"kind": "article", "pk": draft.pk, "date": "2099-01-01"}, follow=True
    )
    assert "Chỉ bài đã hẹn giờ" in response.text
    assert not Transition.objects.exists()


def test_four_eyes_applies_to_rescheduling(people, settings):
    settings.NEWSROOM_FOUR_EYES = True
    settings.NEWSROOM_FOUR_EYES_CHIEF_EXEMPT = False
    when = next_month_day(20)
    article = scheduled(when, created_by=people["chief"])
    response = client_for(people["chief"]).post(
        MOVE, {"kind": "article", "pk": article.pk, "date": "2099-01-02"}, follow=True
    )
    assert "cần một người khác xuất bản" in response.text
    article.refresh_from_db()
    assert article.published_at == when


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "assignment", "pk": "1", "date": "không phải ngày"},
        {"kind": "assignment", "pk": "x", "date": "2099-01-01"},
        {"kind": "lạ", "pk": "1", "date": "2099-01-01"},
        {"kind": "assignment", "pk": "99999999999999999999999", "date": "2099-01-01"},
        {"kind": "assignment", "pk": "987654", "date": "2099-01-01"},
        {"kind": "article", "pk": "987654", "date": "2099-01-01", "next": "https://evil.example/"},
    ],
)
def test_crafted_moves_get_a_message_not_a_500(people, data):
    response = client_for(people["chief"]).post(MOVE, data)
    assert response.status_code == 302 and response.url == CALENDAR
    assert client_for(people["chief"]).get(MOVE).status_code == 405


# --- the day budget ------------------------------------------------------------------------


def test_day_budget_lists_the_day_by_section_for_printing(people):
    when = next_month_day(8, hour=8)
    AssignmentFactory(
        working_title="Lễ ra quân GPMB",
        due_at=when,
        category=CategoryFactory(name="Thời sự"),
        expected_words=700,
        notes="Ảnh: Tùng",
    )
    scheduled(
        when + timedelta(hours=3),
        title="Hội LHPN tuyên dương",
        category=CategoryFactory(name="Đoàn thể"),
    )
    AssignmentFactory(working_title="Ngày hôm sau", due_at=when + timedelta(days=1))
    page = client_for(people["editor"]).get(reverse("planning:day", args=[when.date().isoformat()]))
    assert page.status_code == 200
    text = page.text
    assert text.index("Đoàn thể") < text.index("Hội LHPN tuyên dương") < text.index("Thời sự")
    assert "Lễ ra quân GPMB" in text and "700 chữ" in text and "Ảnh: Tùng" in text
    assert "Ngày hôm sau" not in text
    assert "planning/planning.css" in text
    bad = client_for(people["editor"]).get(reverse("planning:day", args=["2026-02-31"]))
    assert bad.status_code == 404


def test_the_print_stylesheet_hides_the_admin_around_the_budget():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("planning/planning.css")).read_text(encoding="utf-8")
    print_rules = css.split("@media print")[1]
    assert "#header" in print_rules and "display: none" in print_rules


def test_anonymous_visitors_are_sent_to_the_login(db):
    from django.test import Client

    for url in [CALENDAR, reverse("planning:day", args=["2026-01-01"])]:
        response = Client().get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url
    assert (
        Client().post(MOVE, {"kind": "assignment", "pk": 1, "date": "2099-01-01"}).status_code
        == 302
    )
