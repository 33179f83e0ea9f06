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
        page.click("input[name=_continue]")
    article = Article.objects.get(title=TITLE)
    assert article.slug == SLUG
    assert page.input_value("#id_slug") == SLUG

    workflow.publish_imported(article=article, published_at=timezone.now())
    reader = open_session()
    response = reader.go(f"/tin-tuc/{SLUG}-{article.pk}/")
    assert response.status == 200
    assert TITLE in reader.page.content()
