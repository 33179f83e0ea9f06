"""What readers and journalists see on a phone and a desktop: screenshots, no sideways scroll."""

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = [375, 1280]


def public_pages():
    article = Article.objects.published().order_by("-published_at").first()
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "search": "/tim-kiem/?q=hoi+nong+dan",
    }


def assert_fits(session, name):
    overflow = session.page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert overflow[0] <= overflow[1], f"{name} scrolls sideways: {overflow}"


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_fit_the_screen(demo, open_session, width):
    """Home, an article and search results render without sideways scrolling or errors."""
    session = open_session(width)
    for name, path in public_pages().items():
        response = session.go(path)
        assert response.status == 200
        session.page.wait_for_load_state("networkidle")
        session.screenshot(f"{name}-{width}")
        assert_fits(session, f"{name} at {width}px")


@pytest.mark.parametrize("width", WIDTHS)
def test_admin_edit_page_fits_the_screen(demo, open_session, width):
    """The journalist's edit page, with CKEditor loaded, fits a phone and a desktop."""
    session = open_session(width).log_in("phongvien")
    draft = Article.objects.get(status=Article.Status.DRAFT)
    session.go(f"/admin/articles/article/{draft.pk}/change/")
    session.page.locator("#cke_id_body iframe").wait_for()
    session.page.wait_for_load_state("networkidle")
    session.screenshot(f"admin-edit-{width}")
    assert_fits(session, f"admin edit at {width}px")
