"""The story budget in Chromium: an editor plans a story, the journalist accepts it and writes
it, it stands in the calendar, and the editor moves it with the keyboard alone."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import Article, Category, Organisation
from planning.models import Assignment
from tests.e2e.admin_helpers import type_body

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Hội Nông dân phường ra mắt tổ hợp tác rau sạch"


def test_plan_accept_write_and_move_in_the_calendar(demo, open_session):
    due = timezone.localtime() + timedelta(days=2)
    due = due.replace(hour=16, minute=30, second=0, microsecond=0)
    journalist_user = get_user_model().objects.get(username="phongvien")

    editor = open_session().log_in("bientapvien")
    page = editor.page
    editor.go("/admin/planning/assignment/add/")
    page.fill("#id_working_title", TITLE)
    page.select_option("#id_category", str(Category.objects.order_by("pk").first().pk))
    page.select_option(
        "#id_organisation", str(Organisation.objects.filter(name__contains="Nông dân").first().pk)
    )
    page.select_option("#id_assignee", str(journalist_user.pk))
    page.fill("#id_due_at_0", due.strftime("%d/%m/%Y"))
    page.fill("#id_due_at_1", due.strftime("%H:%M"))
    page.fill("#id_expected_words", "800")
    page.fill("#id_notes", "Gặp tổ trưởng tổ hợp tác; chụp ảnh vườn rau")
    with page.expect_navigation():
        page.click("input[name=_save]")
    assignment = Assignment.objects.get(working_title=TITLE)
    assert assignment.due_at == due

    journalist = open_session().log_in("phongvien")
    jpage = journalist.page
    desk = jpage.locator("#assigned-to-me")
    assert TITLE in desk.inner_text()
    with jpage.expect_navigation():
        desk.get_by_role("link", name=TITLE).click()
    with jpage.expect_navigation():
        jpage.get_by_role("button", name="Nhận việc").click()
    assert "Đã nhận việc" in jpage.content()
    with jpage.expect_navigation():
        jpage.get_by_role("button", name="Bắt đầu viết (tạo bản nháp)").click()
    article = Article.objects.get(title=TITLE)
    assert jpage.input_value("#id_title") == TITLE
    jpage.fill("#id_title", TITLE + " ở khu phố 3")
    jpage.fill("#id_lead", "Sáng nay, 12 hộ nông dân cùng góp vốn lập tổ hợp tác trồng rau sạch.")
    type_body(jpage, "Tổ hợp tác có 2 ha đất trồng rau theo quy trình VietGAP.")
    with jpage.expect_navigation():
        jpage.click("button[name=_continue]")
    article.refresh_from_db()
    assert article.title == TITLE + " ở khu phố 3"
    assert "VietGAP" in article.body
    assert [author.user for author in article.byline] == [journalist_user]

    journalist.go(f"/admin/lich/?ngay={due.date().isoformat()}")
    cell = jpage.locator(f'.calendar-day[data-date="{due.date().isoformat()}"]')
    assert TITLE in cell.inner_text() and "16:30" in cell.inner_text()
    assert jpage.locator("details.move").count() == 0  # a journalist moves nothing

    # The editor moves it three days on, from the keyboard only.
    editor.go(f"/admin/lich/?ngay={due.date().isoformat()}")
    entry = page.locator(".entry.planned", has_text=TITLE)
    entry.locator("summary").focus()
    page.keyboard.press("Enter")
    target = due.date() + timedelta(days=3)
    date_field = entry.locator("input[name=date]")
    # The field's typing order follows the browser's locale; fill sets the date, the key submits.
    date_field.fill(target.isoformat())
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Đã dời sang ngày" in page.content()
    assignment.refresh_from_db()
    assert timezone.localtime(assignment.due_at).date() == target
    assert timezone.localtime(assignment.due_at).strftime("%H:%M") == "16:30"


@pytest.mark.parametrize("width", [375, 1280])
def test_calendar_and_desk_screens(demo, open_session, width):
    """Screenshots of the calendar, the day budget and the desk; nothing runs off the screen."""
    journalist_user = get_user_model().objects.get(username="phongvien")
    editor_user = get_user_model().objects.get(username="bientapvien")
    now = timezone.now()
    for n, (title, hours) in enumerate(
        [
            ("Phỏng vấn Chủ tịch Ủy ban MTTQ về ngày hội Đại đoàn kết", -5),
            ("Hội LHPN ra mắt câu lạc bộ phụ nữ khởi nghiệp", 20),
            ("Thành Đoàn tổ chức chiến dịch Mùa hè xanh", 50),
        ]
    ):
        Assignment.objects.create(
            working_title=title,
            assignee=journalist_user,
            created_by=editor_user,
            due_at=now + timedelta(hours=hours),
            expected_words=600 + n * 100,
        )
    session = open_session(width)
    session.log_in("phongvien")
    session.screenshot(f"planning-desk-{width}")
    overflow = session.page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= width + 1
    chief = open_session(width).log_in("tongbientap")
    chief.go("/admin/lich/")
    chief.screenshot(f"planning-calendar-{width}")
    assert chief.page.evaluate("document.documentElement.scrollWidth") <= width + 1
    chief.go("/admin/lich/?xem=tuan")
    chief.screenshot(f"planning-week-{width}")
    chief.go(f"/admin/lich/ngay/{timezone.localdate().isoformat()}/")
    chief.page.emulate_media(media="print")
    chief.screenshot(f"planning-day-print-{width}")
