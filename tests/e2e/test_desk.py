"""The editorial desk in a real browser: the address a Vietnamese title gets."""

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Đoàn viên phường Trần Phú ra mắt câu lạc bộ đọc sách"
SLUG = "doan-vien-phuong-tran-phu-ra-mat-cau-lac-bo-doc-sach"


def test_vietnamese_title_gets_its_address_saved_and_published(demo, open_session):
    """A journalist types a Vietnamese title; the saved and the published address fold it right."""
    journalist = open_session().log_in("phongvien")
    page = journalist.page
    journalist.go("/admin/articles/article/add/")
    page.locator("#id_title").press_sequentially(TITLE)
    page.locator("#id_title").blur()
    assert page.input_value("#id_slug") == ""  # the browser no longer invents one
    with page.expect_navigation():
        page.click("button[name=_continue]")
    article = Article.objects.get(title=TITLE)
    assert article.slug == SLUG
    assert page.input_value("#id_slug") == SLUG

    workflow.publish_imported(article=article, published_at=timezone.now())
    reader = open_session()
    response = reader.go(f"/tin-tuc/{SLUG}-{article.pk}/")
    assert response.status == 200
    assert TITLE in reader.page.content()


def boxes_overlap(page, first: str, second: str) -> bool:
    return page.evaluate(
        """([a, b]) => {
            const r = document.querySelector(a).getBoundingClientRect();
            const s = document.querySelector(b).getBoundingClientRect();
            return !(r.right <= s.left || s.right <= r.left
                     || r.bottom <= s.top || s.bottom <= r.top);
        }""",
        [first, second],
    )


def list_is_cut(page) -> list[int]:
    """The list's table against its box, when columns are hidden past its right edge."""
    sizes = page.evaluate(
        """() => { const box = document.querySelector('#changelist .results');
                   return [box.scrollWidth, box.clientWidth]; }"""
    )
    return sizes if sizes[0] > sizes[1] + 1 else []


@pytest.mark.parametrize("width", [375, 1280])
def test_desk_screens_neither_cover_nor_clip(demo, open_session, width):
    """Edit page, article list, photo list and chooser: buttons clear of the title, titles
    wide enough to read, dates whole; screenshots in e2e-artifacts/."""
    session = open_session(width).log_in("tongbientap")
    page = session.page
    article = Article.objects.published().order_by("-published_at").first()
    session.go(f"/admin/articles/article/{article.pk}/change/")
    page.locator("#cke_id_body iframe").wait_for()
    session.screenshot(f"desk-edit-{width}")
    assert not boxes_overlap(page, "#content > h1, #content h1", ".object-tools")
    assert not boxes_overlap(page, "#content h2", ".object-tools")

    session.go("/admin/articles/article/")
    session.screenshot(f"desk-list-{width}")
    # On a phone a list scrolls sideways inside its box (Django's design); a desktop shows it all.
    if width == 1280:
        assert list_is_cut(page) == []
        title_width = page.locator("td.field-title").first.bounding_box()["width"]
        assert title_width >= 220, title_width  # it was squeezed to 60 px
    session.go("/admin/photos/photo/")
    session.screenshot(f"desk-photos-{width}")
    if width == 1280:
        assert list_is_cut(page) == []

    session.go("/admin/photos/photo/editor/?mode=figure&CKEditorFuncNum=1")
    session.screenshot(f"desk-chooser-{width}")
    # The "open it from the editor" error waits for a click with no editor behind it; the
    # admin's .errornote{display:block} used to show it always.
    assert page.locator("#picker-notice").is_hidden()
