"""The coverage figures match a count made in plain Python over the known newsroom."""

from decimal import Decimal
from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom import pagecache
from reports import periods
from reports.queries import coverage
from tests.factories import ArticleFactory, AuthorFactory, OrganisationFactory, PhotoFactory
from tests.reports.conftest import (
    FEBRUARY,
    MARCH,
    ORGANISATIONS,
    SECTIONS,
    expected_authors,
    expected_groups,
    expected_photographers,
    local,
)

pytestmark = pytest.mark.django_db

MARCH_PERIOD = periods.month(2026, 3)


def _by_name(rows) -> dict:
    return {row.name: row for row in rows}


def _as_fraction(value) -> Fraction:
    return Fraction(Decimal(str(value)))


def _compare(rows, window_now, window_before, key_of, parents=None):
    now = expected_groups(window_now, key_of, parents)
    before = expected_groups(window_before, key_of, parents)
    shown = _by_name(rows)
    assert set(shown) == set(now) | set(before)
    for name, row in shown.items():
        assert (row.articles, row.photos) == now.get(name, (0, 0)), name
        assert (row.previous_articles, row.previous_photos) == before.get(name, (0, 0)), name
        assert row.change == row.articles - row.previous_articles


def test_totals_count_only_what_the_public_sees(newsroom):
    """March shows 3 articles and 4 photos; drafts, taken-down and scheduled ones do not count."""
    report = coverage(MARCH_PERIOD)
    march = expected_groups(MARCH, lambda spec: ["all"])["all"]
    february = expected_groups(FEBRUARY, lambda spec: ["all"])["all"]
    assert (report.total.articles, report.total.photos) == march == (3, 3)
    assert (report.total.previous_articles, report.total.previous_photos) == february == (2, 3)


def test_organisations_each_on_its_own(newsroom):
    """Without rolling up, each organisation counts the articles tagged with it."""
    report = coverage(MARCH_PERIOD, rolled_up=False)
    _compare(report.organisations, MARCH, FEBRUARY, lambda spec: spec.organisations)
    shown = _by_name(report.organisations)
    assert shown["Chi hội Phụ nữ phường Hòa Bình"].parent == "Hội LHPN thành phố"


def test_sub_organisations_roll_up_to_the_top_one(newsroom):
    """Rolled up, an article about the Women's Union and the Front counts once for the Front."""
    report = coverage(MARCH_PERIOD, rolled_up=True)
    _compare(report.organisations, MARCH, FEBRUARY, lambda spec: spec.organisations, ORGANISATIONS)
    front = _by_name(report.organisations)["Ủy ban MTTQ thành phố"]
    assert (front.articles, front.previous_articles) == (2, 1)  # a three-level-deep one included


def test_sections_rolled_up_and_not(newsroom):
    """Sections count alone, or with their subsections under the parent."""
    _compare(
        coverage(MARCH_PERIOD, rolled_up=False).sections,
        MARCH,
        FEBRUARY,
        lambda spec: [spec.section],
    )
    _compare(
        coverage(MARCH_PERIOD, rolled_up=True).sections,
        MARCH,
        FEBRUARY,
        lambda spec: [spec.section],
        SECTIONS,
    )


@pytest.mark.parametrize("mode", ["whole", "divided"])
def test_authors_count_shared_bylines_as_the_setting_says(newsroom, settings, mode):
    """A byline of two counts one article each (whole) or a half each (divided)."""
    settings.NEWSROOM_REPORT_SHARED_BYLINES = mode
    report = coverage(MARCH_PERIOD)
    now = expected_authors(MARCH, divided=mode == "divided")
    before = expected_authors(FEBRUARY, divided=mode == "divided")
    shown = _by_name(report.authors)
    assert set(shown) == set(now) | set(before)
    for name, row in shown.items():
        assert _as_fraction(row.articles) == now.get(name, 0), name
        # Thirds are shown to two decimals: compare within the rounding.
        assert abs(_as_fraction(row.previous_articles) - before.get(name, 0)) <= Fraction(1, 200)
    if mode == "divided":
        assert _as_fraction(shown["Trần Bình"].articles) == Fraction(1, 2)


def test_photographers_count_each_photo_once(newsroom):
    """A photo shown featured in one article and in another's body counts once for its author."""
    report = coverage(MARCH_PERIOD)
    now, before = expected_photographers(MARCH), expected_photographers(FEBRUARY)
    shown = {row.key: row for row in report.photographers}
    assert set(shown) == set(now) | set(before)
    for credit, row in shown.items():
        assert (row.photos, row.previous_photos) == (now.get(credit, 0), before.get(credit, 0))
    assert shown[""].name == "(Không ghi nguồn ảnh)"


def test_articles_per_month_follow_local_time(newsroom):
    """A quarter's months: 31/01 23:30 in January, 28/02 23:59 in February, 31/03 in March."""
    report = coverage(periods.quarter(2026, 1), rolled_up=True)
    front = report.monthly["Ủy ban MTTQ thành phố"]
    assert {month.month: count for month, count in front.items()} == {1: 1, 2: 1, 3: 2}
    assert report.monthly["Hội Cựu chiến binh"] == {local(2026, 2, 1).date(): 1,
                                                    local(2026, 3, 1).date(): 1}  # fmt: skip


def _queries(period, *, fresh: bool = True) -> int:
    if fresh:  # the report asked for the first time in this generation of the content
        pagecache.new_generation()
    with CaptureQueriesContext(connection) as captured:
        coverage(period)
    return len(captured)


# When the content's generation ends (the page cache's query, once per generation), the
# organisations, the sections, and every figure in one statement (on PostgreSQL, after
# ``SET LOCAL jit = off``).
REPORT_QUERIES = 4 + (connection.vendor == "postgresql")


def test_the_number_of_queries_does_not_grow_with_the_data(newsroom):
    """Ten more articles, authors, organisations and photos ask the database nothing more."""
    before = _queries(MARCH_PERIOD)
    for number in range(10):
        article = ArticleFactory(
            live=True, published_at=local(2026, 3, 2 + number, 9, 0), featured_photo=PhotoFactory()
        )
        article.organisations.set([OrganisationFactory()])
        article.set_byline([AuthorFactory(), AuthorFactory()])
    assert _queries(MARCH_PERIOD) == before == REPORT_QUERIES
