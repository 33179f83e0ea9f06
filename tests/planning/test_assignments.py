"""The story budget (issue 19, item 1): who assigns, accepts, declines, starts the draft; the
desk's "assigned to me"; the e-mails on assignment and a day before the due time."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from planning.models import Assignment
from tests.factories import AuthorFactory, CategoryFactory, OrganisationFactory
from tests.helpers import client_for
from tests.planning.factories import AssignmentFactory

pytestmark = pytest.mark.django_db
Status = Assignment.Status


def act_url(assignment, action):
    return reverse("admin:planning_assignment_act", args=[assignment.pk, action])


def add_data(people, **changes):
    due = timezone.localtime() + timedelta(days=2)
    data = {
        "working_title": "Hội LHPN phường ra mắt mô hình “Phụ nữ khởi nghiệp”",
        "kind": "write",
        "category": CategoryFactory().pk,
        "organisation": OrganisationFactory().pk,
        "assignee": people["journalist"].pk,
        "due_at_0": due.strftime("%d/%m/%Y"),
        "due_at_1": due.strftime("%H:%M"),
        "expected_words": "900",
        "notes": "Gặp chị Hoa, chủ nhiệm CLB",
    }
    data.update(changes)
    return data


# --- assigning -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor", "chief"])
def test_editors_and_the_chief_assign_and_the_assignee_is_mailed_after_commit(
    people, who, mailoutbox, django_capture_on_commit_callbacks
):
    """An editor plans a story for a journalist, who gets an e-mail once it is saved."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client_for(people[who]).post(
            reverse("admin:planning_assignment_add"), add_data(people)
        )
    assert response.status_code == 302
    assert mailoutbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assignment = Assignment.objects.get()
    assert assignment.created_by == people[who]
    assert assignment.status == Status.PLANNED
    assert assignment.reminded_at is None  # due in two days: the reminder is still to come
    assert [mail.to for mail in mailoutbox] == [["phongvien@example.org"]]
    assert "Phụ nữ khởi nghiệp" in mailoutbox[0].subject
    assert "900 chữ" in mailoutbox[0].body


def test_a_journalist_cannot_assign(people):
    """A journalist's crafted POST to the add page is refused and nothing is made."""
    response = client_for(people["journalist"]).post(
        reverse("admin:planning_assignment_add"), add_data(people)
    )
    assert response.status_code == 403
    assert not Assignment.objects.exists()


def test_assigned_within_a_day_counts_as_reminded(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    """Due in five hours: the assignment e-mail is the reminder; the command sends no second."""
    due = timezone.localtime() + timedelta(hours=5)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people["editor"]).post(
            reverse("admin:planning_assignment_add"),
            add_data(people, due_at_0=due.strftime("%d/%m/%Y"), due_at_1=due.strftime("%H:%M")),
        )
    assert Assignment.objects.get().reminded_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_due_reminders", stdout=io.StringIO())
    assert len(mailoutbox) == 1


def test_journalists_see_only_their_own_assignments(people):
    """The list shows a journalist their own assignments; another's page is not theirs."""
    mine = AssignmentFactory(assignee=people["journalist"], working_title="Việc của Hà")
    theirs = AssignmentFactory(assignee=people["other"], working_title="Việc của Bình")
    client = client_for(people["journalist"])
    listing = client.get(reverse("admin:planning_assignment_changelist"))
    assert listing.status_code == 200
    assert "Việc của Hà" in listing.text and "Việc của Bình" not in listing.text
    page = client.get(reverse("admin:planning_assignment_change", args=[mine.pk]))
    assert page.status_code == 200 and "Nhận việc" in page.text
    other = client.get(reverse("admin:planning_assignment_change", args=[theirs.pk]))
    assert other.status_code == 302  # the admin's "does not exist" redirect
    # A read-only page: posting the form changes nothing.
    client.post(
        reverse("admin:planning_assignment_change", args=[mine.pk]),
        {"working_title": "Đổi tên", "assignee": people["journalist"].pk},
    )
    mine.refresh_from_db()
    assert mine.working_title == "Việc của Hà"


# --- accepting, declining -----------------------------------------------------------------


def test_the_assignee_accepts(people):
    assignment = AssignmentFactory(assignee=people["journalist"])
    response = client_for(people["journalist"]).post(act_url(assignment, "nhan"))
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == Status.ACCEPTED


@pytest.mark.parametrize("who", ["other", "editor", "chief"])
@pytest.mark.parametrize("action", ["nhan", "tu-choi", "viet-nhap"])
def test_nobody_but_the_assignee_accepts_declines_or_drafts(people, who, action):
    """A crafted POST by anyone else (even the chief) changes nothing and makes no article."""
    assignment = AssignmentFactory(assignee=people["journalist"])
    response = client_for(people[who]).post(act_url(assignment, action), {"reason": "Bận"})
    assert response.status_code in (403, 404)
    assignment.refresh_from_db()
    assert assignment.status == Status.PLANNED
    assert not Article.objects.exists()


def test_declining_needs_a_reason_and_tells_who_assigned(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    assignment = AssignmentFactory(assignee=people["journalist"], created_by=people["editor"])
    client = client_for(people["journalist"])
    response = client.post(act_url(assignment, "tu-choi"), {"reason": "  "}, follow=True)
    assert "Hãy ghi lý do từ chối" in response.text
    assignment.refresh_from_db()
    assert assignment.status == Status.PLANNED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(act_url(assignment, "tu-choi"), {"reason": "Trùng lịch họp HĐND"})
    assignment.refresh_from_db()
    assert assignment.status == Status.DECLINED
    assert assignment.decline_reason == "Trùng lịch họp HĐND"
    assert [mail.to for mail in mailoutbox] == [["bientapvien@example.org"]]
    assert "Trùng lịch họp HĐND" in mailoutbox[0].body
    # Declined: it cannot be accepted any more.
    response = client.post(act_url(assignment, "nhan"), follow=True)
    assert "không thể làm việc này" in response.text
    assignment.refresh_from_db()
    assert assignment.status == Status.DECLINED


def test_unknown_action_and_get_are_refused(people):
    assignment = AssignmentFactory(assignee=people["journalist"])
    client = client_for(people["journalist"])
    assert client.get(act_url(assignment, "nhan")).status_code == 405
    response = client.post(act_url(assignment, "xoa"), follow=True)
    assert "Thao tác không hợp lệ" in response.text
    big = reverse("admin:planning_assignment_act", args=[2**70, "nhan"])
    assert client.post(big).status_code == 404


# --- the draft -----------------------------------------------------------------------------


def test_one_click_turns_the_assignment_into_a_draft(people):
    """The draft has the working title, section, organisation, the assignee first in the
    byline, and is linked to the assignment; a second click makes no second draft."""
    AuthorFactory(user=people["journalist"], name="Phạm Thu Hà")
    assignment = AssignmentFactory(assignee=people["journalist"], status=Status.ACCEPTED)
    client = client_for(people["journalist"])
    response = client.post(act_url(assignment, "viet-nhap"))
    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_article_change", args=[article.pk])
    assert article.title == assignment.working_title
    assert article.category == assignment.category
    assert list(article.organisations.all()) == [assignment.organisation]
    assert [author.name for author in article.byline] == ["Phạm Thu Hà"]
    assert article.created_by == people["journalist"]
    assert article.status == Article.Status.DRAFT
    assert article.revisions.count() == 1
    assignment.refresh_from_db()
    assert assignment.article == article and assignment.status == Status.DRAFTED
    client.post(act_url(assignment, "viet-nhap"))
    assert Article.objects.count() == 1
    # The journalist may now edit the draft: it is theirs.
    assert client.get(response.url).status_code == 200


def test_a_byline_is_made_for_an_assignee_without_one(people):
    assignment = AssignmentFactory(assignee=people["other"])
    client_for(people["other"]).post(act_url(assignment, "viet-nhap"))
    article = Article.objects.get()
    assert [author.user for author in article.byline] == [people["other"]]
    assert article.byline[0].name == "Lê Văn Bình"


# --- the desk ------------------------------------------------------------------------------


def test_desk_shows_assigned_to_me_with_overdue_ones_marked(people):
    AssignmentFactory(
        assignee=people["journalist"],
        working_title="Bài quá hạn về GPMB",
        due_at=timezone.now() - timedelta(hours=2),
    )
    AssignmentFactory(assignee=people["journalist"], working_title="Bài tuần sau")
    AssignmentFactory(assignee=people["other"], working_title="Bài của người khác")
    AssignmentFactory(
        assignee=people["journalist"], working_title="Bài đã từ chối", status=Status.DECLINED
    )
    page = client_for(people["journalist"]).get(reverse("admin:index"))
    assert "Được giao cho tôi" in page.text
    assert "Bài tuần sau" in page.text
    assert "Bài của người khác" not in page.text and "Bài đã từ chối" not in page.text
    overdue = page.text.split('class="overdue"')[1].split("</li>")[0]
    assert "Bài quá hạn về GPMB" in overdue and "Quá hạn" in overdue
    assert "1 quá hạn" in page.text


def desk_queries(user) -> int:
    client = client_for(user)
    client.get(reverse("admin:index"))  # sessions, content types warmed
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("admin:index")).status_code == 200
    return len(queries)


def test_desk_query_count_does_not_grow_with_assignments(people):
    AssignmentFactory.create_batch(2, assignee=people["journalist"])
    few = desk_queries(people["journalist"])
    AssignmentFactory.create_batch(15, assignee=people["journalist"])
    assert desk_queries(people["journalist"]) == few


# --- the reminder --------------------------------------------------------------------------


def test_reminder_goes_a_day_before_once(people, mailoutbox, django_capture_on_commit_callbacks):
    """``send_due_reminders`` (the hourly timer) mails each assignee once, a day ahead."""
    start = timezone.now()
    AssignmentFactory(
        assignee=people["journalist"],
        working_title="Hạn sau 3 ngày",
        due_at=start + timedelta(days=3),
    )
    AssignmentFactory(
        assignee=people["other"],
        working_title="Đã viết nháp",
        due_at=start + timedelta(hours=3),
        status=Status.DRAFTED,
    )

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_due_reminders", stdout=io.StringIO())

    run()
    assert mailoutbox == []  # three days ahead; a drafted story needs no reminder
    with time_machine.travel(start + timedelta(days=2, seconds=-1), tick=False):
        run()
        assert mailoutbox == []  # one second more than a day ahead
    with time_machine.travel(start + timedelta(days=2, hours=1), tick=False):
        run()
        run()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["phongvien@example.org"]
    assert mailoutbox[0].subject == "Sắp đến hạn: Hạn sau 3 ngày"


def test_changing_the_due_time_rearms_the_reminder(people):
    assignment = AssignmentFactory(
        assignee=people["journalist"], reminded_at=timezone.now(), created_by=people["editor"]
    )
    due = timezone.localtime() + timedelta(days=5)
    data = add_data(
        people,
        category=assignment.category_id,
        organisation=assignment.organisation_id,
        due_at_0=due.strftime("%d/%m/%Y"),
        due_at_1=due.strftime("%H:%M"),
    )
    response = client_for(people["editor"]).post(
        reverse("admin:planning_assignment_change", args=[assignment.pk]), data
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.reminded_at is None
