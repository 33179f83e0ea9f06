"""The report page on a phone and a desktop: charts drawn, nothing scrolls sideways."""

import datetime as dt

import pytest
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)


def _last_twelve_months() -> str:
    newest = Article.objects.published().order_by("-published_at").first().published_at
    last = timezone.localtime(newest).date()
    first = (last - dt.timedelta(days=365)).replace(day=1)
    return f"ky=khoang&tu={first:%Y-%m-%d}&den={last:%Y-%m-%d}"


@pytest.mark.parametrize("width", [375, 1280])
def test_the_report_page_fits_the_screen(demo, open_session, width):
    """The editor-in-chief's coverage report: three charts, the tables, no sideways scroll."""
    session = open_session(width).log_in("tongbientap")
    response = session.go(f"/admin/bao-cao/?{_last_twelve_months()}")
    assert response.status == 200
    session.page.wait_for_load_state("networkidle")
    assert session.page.locator("svg.chart").count() == 3
    assert session.page.locator("table").count() >= 6
    session.screenshot(f"reports-{width}")
    overflow = session.page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert overflow[0] <= overflow[1], f"the report scrolls sideways at {width}px: {overflow}"
