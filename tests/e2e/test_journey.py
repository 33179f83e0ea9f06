"""The newsroom's day in a real browser: write, review, return, approve, publish, read."""

import re

import pytest

from articles.models import Article
from tests.e2e.admin_helpers import choose, insert_new_photo, press, type_body

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Hội Cựu chiến binh phường Trần Phú trao nhà tình nghĩa cho hội viên"
LEAD = (
    "Sáng 20/11, Hội CCB phường Trần Phú trao nhà tình nghĩa trị giá 80 triệu đồng cho gia đình "
    "hội viên Lương Văn Bảy."
)


def camera_photo(folder) -> str:
    """A JPEG as a phone would send it, drawn by Pillow."""
    from PIL import Image, ImageDraw

    path = folder / "nha-tinh-nghia.jpg"
    image = Image.new("RGB", (1200, 800), (180, 200, 230))
    ImageDraw.Draw(image).rectangle([300, 300, 900, 700], fill=(200, 80, 60))
    image.save(path, "JPEG", quality=85)
    return path


def test_article_goes_from_draft_to_the_home_page(demo, open_session, tmp_path):
    """Journalist writes, submits; editor returns; journalist fixes; approved, published, read."""
    journalist = open_session().log_in("phongvien")
    page = journalist.page
    journalist.go("/admin/articles/article/add/")
    page.fill("#id_title", TITLE)
    page.fill("#id_lead", LEAD)
    type_body(page, "Ngôi nhà được xây trong hai tháng với sự góp công của hội viên.")
    insert_new_photo(
        page,
        camera_photo(tmp_path),
        alt="Ngôi nhà tình nghĩa mái đỏ mới xây",
        caption="Ngôi nhà tình nghĩa trao cho hội viên Lương Văn Bảy",
        credit="Phạm Thu Hà",
    )
    choose(page, "id_category", "Mặt trận - Đoàn thể")
    choose(page, "id_organisations", "Hội CCB")
    choose(page, "id_featured_photo", "Hội viên Hội CCB")
    # No number box for the order: the byline script numbers the rows as they are shown.
    choose(page, "id_bylines-0-author", "Phạm Thu Hà")
    journalist.screenshot("admin-edit-1280")
    press(page, "submit")
    assert "Đã lưu và gửi duyệt" in page.content()
    article = Article.objects.get(title=TITLE)
    assert article.status == Article.Status.IN_REVIEW
    edit_path = f"/admin/articles/article/{article.pk}/change/"

    editor = open_session().log_in("bientapvien")
    editor.go(edit_path)
    editor.page.fill("#id_transition_comment", "Ghi rõ địa chỉ gia đình được trao nhà.")
    press(editor.page, "return")
    assert "Đã lưu và trả lại" in editor.page.content()

    journalist.go(edit_path)
    assert (
        "Ghi rõ địa chỉ gia đình được trao nhà." in page.locator("#editorial-thread").inner_text()
    )
    page.fill("#id_lead", LEAD + " Gia đình ở tổ 5, khu 3.")
    press(page, "submit")

    editor.go(edit_path)
    press(editor.page, "approve")
    chief = open_session().log_in("tongbientap")
    chief.go(edit_path)
    press(chief.page, "publish")
    assert "Đã lưu và xuất bản" in chief.page.content()

    article.refresh_from_db()
    assert 'data-photo-id="' in article.body

    reader = open_session()
    reader.go("/")
    reader.page.get_by_role("link", name=TITLE).first.click()
    reader.page.wait_for_url(re.compile(r"/tin-tuc/.+-\d+/$"))
    content = reader.page.content()
    assert "tổ 5, khu 3" in content
    body_photo = reader.page.locator(
        ".article-body figure img[alt='Ngôi nhà tình nghĩa mái đỏ mới xây']"
    )
    assert body_photo.count() == 1
    assert "Ngôi nhà tình nghĩa trao cho hội viên Lương Văn Bảy" in content
    reader.go("/to-chuc/hoi-cuu-chien-binh/")
    assert TITLE in reader.page.content()
    reader.go("/")
    reader.page.locator("header input[type=search]").first.fill("cuu chien binh tran phu")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url(re.compile(r"/tim-kiem/"))
    assert reader.page.get_by_role("link", name=re.compile("Trần Phú")).count() >= 1
    feed = reader.page.request.get(reader.base_url + "/tin-moi/rss/")
    assert feed.ok
    assert TITLE in feed.text()


def test_journalist_has_no_publish_button_and_a_forged_publish_fails(demo, open_session):
    """The journalist sees no publish button; a hand-made publish request gets 403."""
    journalist = open_session().log_in("phongvien")
    draft = Article.objects.get(status=Article.Status.DRAFT)
    path = f"/admin/articles/article/{draft.pk}/change/"
    journalist.go(path)
    assert journalist.page.locator("button[value=submit]").count() == 1
    assert journalist.page.locator("button[value=publish]").count() == 0
    token = journalist.page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    response = journalist.page.request.post(
        journalist.base_url + path,
        form={"csrfmiddlewaretoken": token, "title": draft.title, "_transition": "publish"},
        headers={"Referer": journalist.base_url + path},
    )
    assert response.status == 403
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_second_editor_stale_save_is_refused_and_text_kept(demo, open_session):
    """Two editors open one article; the second save is refused and the text stays on screen."""
    article = Article.objects.get(status=Article.Status.IN_REVIEW)
    path = f"/admin/articles/article/{article.pk}/change/"
    first = open_session().log_in("bientapvien")
    second = open_session().log_in("tongbientap")
    first.go(path)
    second.go(path)
    first.page.fill("#id_title", "Tiêu đề do biên tập viên thứ nhất sửa")
    with first.page.expect_navigation():
        first.page.click("button[name=_continue]")
    second.page.fill("#id_title", "Tiêu đề do người thứ hai sửa")
    with second.page.expect_navigation():
        second.page.click("button[name=_continue]")
    assert "đã lưu bài này lúc" in second.page.content()
    assert second.page.input_value("#id_title") == "Tiêu đề do người thứ hai sửa"
    article.refresh_from_db()
    assert article.title == "Tiêu đề do biên tập viên thứ nhất sửa"
