"""The desk's people, lists and photo chooser in Chromium at 375 and 1280 px (issue 15, items
5, 6 and 8): the list reads, two photos go up through the file picker and one fills an imported
caption placeholder, authors are reordered by keyboard."""

import pytest

from articles.models import Article, Author
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PLACEHOLDER = "Quang cảnh lễ ra mắt câu lạc bộ"


def overflows(page) -> int:
    """How far the page is wider than the screen (a phone must never scroll sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_article_list_reads_at_both_widths(demo, open_session, width):
    """Title wide, status, section, authors by name, last change and by whom; no clipping."""
    session = open_session(width).log_in("tongbientap")
    page = session.page
    session.go("/admin/articles/article/")
    session.screenshot(f"people-list-{width}")
    assert overflows(page) <= 1
    first = page.locator("#result_list tbody tr").first
    title = first.locator(".field-title").bounding_box()
    assert title["width"] >= (300 if width == 375 else 220), title
    assert first.locator(".field-byline_names").inner_text().strip() not in ("", "—")
    assert first.locator(".last-editor").inner_text().strip()  # a full name, from the demo
    assert page.locator("#changelist-filter", has_text="Của tôi").count() == 1
    session.go("/admin/photos/photo/")
    session.screenshot(f"people-photos-{width}")
    assert overflows(page) <= 1
    cut = page.evaluate(
        """() => [...document.querySelectorAll('#result_list td, #result_list th')]
                 .filter(c => c.offsetParent && c.scrollWidth > c.clientWidth + 1).length"""
    )
    assert cut == 0


@pytest.mark.parametrize("width", [375, 1280])
def test_two_uploads_then_one_fills_the_placeholder(demo, open_session, tmp_path, width):
    """From an imported caption placeholder: the chooser offers its caption, two files go up
    through the picker with their progress, the one chosen takes the placeholder's place."""
    writer = Author.objects.get(user__username="phongvien")
    article = Article.objects.filter(status=Article.Status.DRAFT, created_by=writer.user).first()
    article.body = (
        "<p>Mở đầu bài.</p>"
        f'<figure class="photo-placeholder"><figcaption>{PLACEHOLDER}</figcaption></figure>'
        "<p>Đoạn sau.</p>"
    )
    article.save()
    files = []
    for name, colour in [("le-ra-mat.jpg", "teal"), ("hoi-vien.png", "orange")]:
        path = tmp_path / name
        path.write_bytes(image_bytes("PNG" if name.endswith("png") else "JPEG", (640, 400), colour))
        files.append(str(path))

    session = open_session(width).log_in("phongvien")
    page = session.page
    session.go(f"/admin/articles/article/{article.pk}/change/")
    body = page.frame_locator("#cke_id_body iframe")
    body.locator("figcaption", has_text=PLACEHOLDER).click()
    with page.expect_popup() as opened:
        page.click(".cke_button__newsroomphoto")
    popup = opened.value
    popup.set_viewport_size({"width": width, "height": 900})
    popup.wait_for_load_state()
    assert popup.input_value("#id_caption") == PLACEHOLDER
    popup.fill("#id_alt_text", "Hội viên tại lễ ra mắt")
    popup.set_input_files("#id_image", files)
    popup.locator(".upload-done").nth(1).wait_for()
    assert popup.locator(".upload-item").count() == 2
    bars = popup.locator(".upload-item progress")
    assert bars.evaluate_all("bars => bars.map(bar => bar.value)") == [100, 100]
    popup.screenshot(path=str(session_artifact(f"people-chooser-{width}")), full_page=True)
    assert overflows(popup) <= 1
    with popup.expect_event("close"):
        popup.locator(".photo-choice.photo-new").first.click()
    figure = body.locator("figure", has=page.frame_locator("#cke_id_body iframe").locator("img"))
    body.locator("figure img[data-photo-id]").wait_for()
    assert body.locator("figure:not(:has(img))").count() == 0
    assert PLACEHOLDER in figure.first.inner_text()
    with page.expect_navigation():
        page.click("button[name=_continue]")
    article.refresh_from_db()
    assert "photo-placeholder" not in article.body
    assert article.body.count("data-photo-id") == 1
    assert PLACEHOLDER in article.body


def session_artifact(name):
    from tests.e2e.conftest import ARTIFACTS

    return ARTIFACTS / f"{name}.png"


def test_authors_reorder_by_keyboard_and_are_announced(demo, open_session):
    """Tab to the second author's handle, press ↑: it is first, the screen reader is told, and
    the saved byline has the new order."""
    writer = Author.objects.get(user__username="phongvien")
    article = Article.objects.filter(status=Article.Status.DRAFT, created_by=writer.user).first()
    other = Author.objects.exclude(pk=writer.pk).first()
    article.set_byline([writer, other])
    session = open_session(375).log_in("phongvien")
    page = session.page
    session.go(f"/admin/articles/article/{article.pk}/change/")
    rows = page.locator("#bylines-group tbody tr.form-row.has_original")
    assert (
        page.locator("#bylines-group input[name$='-position']").first.get_attribute("type")
        == "hidden"
    )
    rows.nth(1).locator(".byline-handle").focus()
    page.keyboard.press("ArrowUp")
    assert other.name in rows.nth(0).inner_text()
    assert page.locator(".byline-live").inner_text() == f"{other.name}: chuyển đến vị trí 1/3"
    rows.nth(0).locator(".byline-down").click()  # and back down, then up again by button
    rows.nth(1).locator(".byline-up").click()
    session.screenshot("people-byline-375")
    with page.expect_navigation():
        page.click("button[name=_continue]")
    article.refresh_from_db()
    assert article.byline == [other, writer]
