"""A living story in a real browser (issue 19): an editor updates a published article through
review while readers keep the old version, the chief publishes the update, the editor adds a
correction, and a reader on a phone sees both."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Correction
from tests.e2e.admin_helpers import press

pytestmark = pytest.mark.django_db(transaction=True)

NEW_TITLE = "Hội Nông dân thành phố trao thêm 50 suất vốn vay cho hội viên khởi nghiệp"
CORRECTION = "Bài đăng lúc đầu ghi 30 suất vốn vay; con số đúng là 50 suất, mỗi suất 20 triệu đồng."


def test_an_update_is_published_and_the_reader_sees_the_correction(demo, open_session):
    """Update → review → publish; then a correction; the 375-px reader sees it under the body."""
    article = Article.objects.published().order_by("-published_at").first()
    old_title = article.title
    edit = f"/admin/articles/article/{article.pk}/change/"

    editor = open_session().log_in("bientapvien")
    editor.go(edit)
    with editor.page.expect_navigation():
        editor.page.get_by_role("button", name="Sửa thành phiên bản cập nhật (qua duyệt)").click()
    expect(editor.page.locator(".panel-state")).to_contain_text("bản cũ đang xuất bản")
    editor.page.fill("#id_title", NEW_TITLE)
    press(editor.page, "submit")

    reader = open_session(375)
    reader.go(article.get_absolute_url())
    expect(reader.page.locator("h1")).to_have_text(old_title)  # the update is still in review

    preview = editor.context.new_page()
    preview.goto(f"{editor.base_url}/xem-truoc/{article.pk}/")
    expect(preview.locator("h1")).to_have_text(NEW_TITLE)
    preview.close()

    chief = open_session().log_in("tongbientap")
    chief.go(edit)
    press(chief.page, "approve")
    press(chief.page, "publish")
    article.refresh_from_db()
    assert article.title == NEW_TITLE and not article.has_pending_version

    editor.go(edit)
    notes = editor.page.locator("#public-notes")
    notes.locator("select[name=kind]").select_option("correction")
    notes.locator("textarea[name=text]").fill(CORRECTION)
    with editor.page.expect_navigation():
        notes.get_by_role("button", name="Thêm vào bài").click()
    expect(editor.page.locator("#public-notes")).to_contain_text(CORRECTION)
    editor.screenshot("living-story-panel-1280")
    assert Correction.objects.get().article_id == article.pk

    reader.go(article.get_absolute_url())
    expect(reader.page.locator("h1")).to_have_text(NEW_TITLE)
    box = reader.page.locator(".article-notes")
    expect(box).to_contain_text("Đính chính")
    expect(box).to_contain_text(CORRECTION)
    box.scroll_into_view_if_needed()
    reader.screenshot("living-story-correction-375")
    assert reader.page.evaluate("document.documentElement.scrollWidth") <= 375

    reader.go("/dinh-chinh/")
    expect(reader.page.locator(".correction-entry")).to_contain_text(CORRECTION)
    reader.screenshot("living-story-corrections-list-375")
    assert reader.page.evaluate("document.documentElement.scrollWidth") <= 375
