"""The publish panel in a real browser: the live checklist, a closed tab's text recovered, a
mention, review and publication, and a restore that waits for approval."""

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, Author, Organisation, Transition
from photos.models import Photo
from tests.e2e.admin_helpers import press, type_body

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Hội LHPN phường Trần Phú ra mắt câu lạc bộ đọc sách cho thiếu nhi"
FIRST = "Sáng nay, hơn một trăm em thiếu nhi đã đến dự buổi ra mắt."
UNFINISHED = " Các hội viên phụ nữ quyên góp được hai nghìn cuốn sách và"


def _checklist(page) -> str:
    return page.locator("#panel-checklist").inner_text()


@pytest.mark.parametrize("width", [375, 1280])
def test_journalist_sees_the_checklist_and_gets_back_a_closed_tabs_text(demo, open_session, width):
    """Types a Vietnamese title and body, watches the checklist change before submitting,
    closes the tab mid-sentence and, opening the article again, restores what was typed."""
    journalist = open_session(width).log_in("phongvien")
    page = journalist.page
    journalist.go("/admin/articles/article/add/")
    page.locator("#cke_id_body iframe").wait_for()
    page.locator("#id_title").press_sequentially("Hội LHPN")
    expect(page.locator("#panel-checklist")).to_contain_text("hiện có 8")
    assert "Tiêu đề cần dài" in _checklist(page)
    page.locator("#id_title").press_sequentially(TITLE.removeprefix("Hội LHPN"))
    expect(page.locator("#panel-checklist")).not_to_contain_text("Tiêu đề cần dài")
    assert "Sapo cần dài" in _checklist(page)  # still to do, told before submitting
    type_body(page, FIRST)
    journalist.screenshot(f"publish-panel-add-{width}")
    with page.expect_navigation():
        page.click("button[name=_continue]")
    article = Article.objects.get(title=TITLE)
    assert article.slug == "hoi-lhpn-phuong-tran-phu-ra-mat-cau-lac-bo-doc-sach-cho-thieu-nhi"
    page.locator("#cke_id_body iframe").wait_for()
    type_body(page, UNFINISHED)
    expect(page.locator("#autosave-state")).to_contain_text("Đã lưu tự động", timeout=15000)
    journalist.screenshot(f"publish-panel-edit-{width}")
    page.close()  # the tab closes mid-sentence

    page = journalist.context.new_page()
    page.goto(f"{journalist.base_url}/admin/articles/article/{article.pk}/change/")
    offer = page.locator("#autosave-recovery")
    offer.wait_for(state="visible")
    assert "hai nghìn cuốn sách" in offer.inner_text()
    page.screenshot(path=str(_artifacts() / f"publish-panel-recovery-{width}.png"), full_page=True)
    page.click("[data-recovery=restore]")
    body = page.frame_locator("#cke_id_body iframe").locator("body")
    assert "hai nghìn cuốn sách và" in body.inner_text()
    with page.expect_navigation():
        page.click("button[name=_continue]")
    article.refresh_from_db()
    assert "hai nghìn cuốn sách và" in article.body


def _artifacts():
    from tests.e2e.conftest import ARTIFACTS

    return ARTIFACTS


def _complete(article):
    """The classification a journalist picks from the boxes (tested in test_journey)."""
    article.lead = "Sáng 20/11, Hội LHPN phường Trần Phú ra mắt câu lạc bộ đọc sách với 40 em."
    article.category = Article.objects.published().first().category
    article.featured_photo = Photo.objects.exclude(alt_text="").first()
    article.save()
    article.set_byline([Author.objects.get(name="Phạm Thu Hà")])
    article.organisations.add(Organisation.objects.get(short_name="Hội LHPN"))


def test_discussion_review_publish_and_a_restore_that_waits(demo, open_session):
    """Editor mentions the chief in a note and approves; the chief publishes; a restore of the
    published article is a draft waiting for approval while the public page stays."""
    from django.contrib.auth import get_user_model

    writer = get_user_model().objects.get(username="phongvien")
    article = Article.objects.create(
        title="Hội LHPN phường Trần Phú trao sách cho thư viện trường tiểu học",
        body="<p>Buổi trao sách diễn ra sáng thứ bảy.</p>",
        created_by=writer,
    )
    _complete(article)
    workflow.perform(article=article, action=Transition.Action.SUBMIT, actor=writer)
    edit = f"/admin/articles/article/{article.pk}/change/"

    editor = open_session().log_in("bientapvien")
    editor.go(edit)
    editor.page.fill("#note-text", "@tongbientap nhờ anh xem ảnh đại diện")
    with editor.page.expect_navigation():
        editor.page.click(".newsroom-note-form button")
    assert "Đã báo cho: Trần Quang Huy" in editor.page.content()
    assert any(article.title in m.subject for m in mail.outbox if "nhắc đến" in m.subject)
    press(editor.page, "approve")
    assert "Đã lưu và duyệt" in editor.page.content()

    chief = open_session().log_in("tongbientap")
    chief.go(edit)
    press(chief.page, "publish")
    article.refresh_from_db()
    assert article.is_public
    live_title = article.title
    first = article.revisions.order_by("number").first()

    chief.go(f"/admin/articles/article/{article.pk}/revisions/{first.number}/restore/")
    assert "Khôi phục không đổi trang bạn đọc đang xem" in chief.page.content()
    with chief.page.expect_navigation():
        chief.page.click("button.default")
    article.refresh_from_db()
    assert article.pending_status == Article.Status.DRAFT
    chief.page.locator(".pending-version").wait_for()
    chief.screenshot("publish-panel-pending-1280")

    reader = open_session()
    reader.go(article.get_absolute_url())
    assert live_title in reader.page.content()
    assert article.title == live_title and article.published_at <= timezone.now()
