"""A report asked again is served from the cache, and never older than what the public sees."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import workflow
from articles.models import Article
from reports import periods
from reports.queries import coverage
from tests.factories import ArticleFactory, PhotoFactory, UserFactory
from tests.reports.conftest import NOW, local

pytestmark = pytest.mark.django_db

MARCH_PERIOD = periods.month(2026, 3)


def _figures(report) -> dict:
    return {
        "total": (report.total.articles, report.total.photos),
        "organisations": {row.name: (row.articles, row.photos) for row in report.organisations},
        "authors": {row.name: row.articles for row in report.authors},
    }


def test_asked_again_the_report_asks_the_database_nothing(newsroom):
    """The same report twice (the page, then its CSV): the second one runs no query."""
    first = coverage(MARCH_PERIOD)
    with CaptureQueriesContext(connection) as captured:
        again = coverage(MARCH_PERIOD)
    assert len(captured) == 0
    assert _figures(again) == _figures(first)


def test_a_taken_down_article_leaves_the_kept_report_at_once(newsroom):
    """Taking an article down (the workflow's unpublish) takes it out of the next report."""
    assert coverage(MARCH_PERIOD).total.articles == 3
    chief = UserFactory(is_superuser=True)
    article = newsroom.articles["Thành Đoàn ra quân mùa hè xanh"]
    workflow.perform(article=article, action=workflow.Action.UNPUBLISH, actor=chief, notify=False)
    report = coverage(MARCH_PERIOD)
    assert report.total.articles == 2
    assert "Thành Đoàn" not in {
        row.name for row in coverage(MARCH_PERIOD, rolled_up=False).organisations
    }


def test_a_new_organisation_byline_or_photo_shows_at_once(newsroom):
    """Tagging an organisation, changing a byline or a photo's credit changes the next report."""
    coverage(MARCH_PERIOD, rolled_up=False)
    article = newsroom.articles["Hội Cựu chiến binh gặp mặt đầu xuân"]
    article.organisations.add(newsroom.organisations["HĐND thành phố"])
    article.set_byline([newsroom.authors["Trần Bình"]])
    photo = newsroom.photos["p3"]
    photo.credit = "Nguyễn Văn Ảnh"
    photo.save()
    report = coverage(MARCH_PERIOD, rolled_up=False)
    assert {row.name: row.articles for row in report.organisations}["HĐND thành phố"] == 1
    authors = {row.name: row.articles for row in report.authors}
    assert (authors["Lê Thị Chi"], authors["Trần Bình"]) == (0, 2)  # she was 1, he was 1
    assert {row.key for row in report.photographers} >= {"Nguyễn Văn Ảnh"}
    assert "" not in {row.key for row in report.photographers}


def test_a_new_article_published_in_the_period_counts_at_once(newsroom):
    """Publishing one more article in March (with a new photo) counts it in the next report."""
    before = coverage(MARCH_PERIOD).total
    ArticleFactory(live=True, published_at=local(2026, 3, 20, 8, 0), featured_photo=PhotoFactory())
    after = coverage(MARCH_PERIOD).total
    assert (after.articles, after.photos) == (before.articles + 1, before.photos + 1)


def test_a_scheduled_article_counts_once_its_time_comes(newsroom, clock):
    """At 23:55 the article scheduled for then is published: the kept report counts it."""
    assert coverage(MARCH_PERIOD).total.articles == 3
    clock.move_to(NOW + dt.timedelta(minutes=6))
    assert Article.objects.published().filter(title="Bài hẹn giờ").exists()
    assert coverage(MARCH_PERIOD).total.articles == 4
