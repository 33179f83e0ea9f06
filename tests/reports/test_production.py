"""The production report: states now, submissions, returns and time to publication by month."""

import statistics

import pytest

from articles.models import Article, Transition
from articles.roles import EDITOR
from reports import periods
from reports.production import by_desk, by_month, states
from tests.factories import user_in_role
from tests.reports.conftest import NOW, SPECS, local

pytestmark = pytest.mark.django_db

A = Transition.Action

# (article title, action, local time): the editorial history of four of the known articles.
HISTORY = [
    (SPECS[0].title, A.SUBMIT, local(2026, 3, 2, 8, 0)),
    (SPECS[0].title, A.RETURN, local(2026, 3, 2, 10, 0)),
    (SPECS[0].title, A.SUBMIT, local(2026, 3, 3, 8, 0)),
    (SPECS[0].title, A.APPROVE, local(2026, 3, 3, 9, 0)),
    (SPECS[0].title, A.PUBLISH, local(2026, 3, 3, 20, 0)),
    (SPECS[1].title, A.SUBMIT, local(2026, 3, 10, 8, 0)),
    (SPECS[1].title, A.SCHEDULE, local(2026, 3, 10, 12, 0)),
    (SPECS[9].title, A.SUBMIT, local(2026, 3, 20, 8, 0)),
    (SPECS[9].title, A.RETURN, local(2026, 3, 20, 9, 0)),
    (SPECS[9].title, A.RETURN, local(2026, 3, 21, 9, 0)),
    # Submitted in February, published on 1 March at 01:00 local (still February in UTC).
    (SPECS[2].title, A.SUBMIT, local(2026, 2, 27, 23, 0)),
    (SPECS[2].title, A.PUBLISH, local(2026, 3, 1, 1, 0)),
]


@pytest.fixture
def history(newsroom):
    for title, action, moment in HISTORY:
        Transition.objects.create(
            article=newsroom.articles[title],
            action=action,
            from_status="draft",
            to_status="published" if action in (A.PUBLISH, A.SCHEDULE) else "in_review",
            created_at=moment,
        )
    return newsroom


def _expected_month(month: int) -> list:
    mine = [(title, action, moment) for title, action, moment in HISTORY if moment.month == month]
    submitted = {title for title, action, _moment in mine if action == A.SUBMIT}
    returns = sum(1 for _title, action, _moment in mine if action == A.RETURN)
    hours = []
    for title, action, moment in mine:
        if action in (A.PUBLISH, A.SCHEDULE):
            first = min(m for t, a, m in HISTORY if t == title and a == A.SUBMIT)
            hours.append((moment - first).total_seconds() / 3600)
    ratio = round(returns / len(submitted), 2) if submitted else 0
    median = round(statistics.median(hours), 1) if hours else ""
    return [f"{month:02d}/2026", len(submitted), returns, ratio, len(hours), median]


def test_each_month_counts_submissions_returns_and_the_median_time(history):
    """March: 3 articles submitted, 3 returns, 3 published, median 26 hours from submission."""
    rows = by_month(periods.quarter(2026, 1))
    assert rows == [_expected_month(1), _expected_month(2), _expected_month(3)]
    assert rows[2] == ["03/2026", 3, 3, 1.0, 3, 26.0]


def _expected_desk(section: str) -> list:
    """The month figures of ``_expected_month``, counted per section over the quarter."""
    titles = {spec.title for spec in SPECS if spec.section == section}
    mine = [(t, a, m) for t, a, m in HISTORY if t in titles]
    submitted = {t for t, a, _m in mine if a == A.SUBMIT}
    returns = sum(1 for _t, a, _m in mine if a == A.RETURN)
    hours = [
        (m - min(m2 for t2, a2, m2 in HISTORY if t2 == t and a2 == A.SUBMIT)).total_seconds() / 3600
        for t, a, m in mine
        if a in (A.PUBLISH, A.SCHEDULE)
    ]
    ratio = round(returns / len(submitted), 2) if submitted else 0
    median = round(statistics.median(hours), 1) if hours else ""
    return [section, len(submitted), returns, ratio, len(hours), median]


def test_each_desk_counts_its_own_pipeline(history):
    """Per section over the quarter: Văn hóa had 2 submitted and 2 returns; each desk listed."""
    rows = {row[0]: row for row in by_desk(periods.quarter(2026, 1))}
    assert set(rows) == {"Chính trị", "Mặt trận", "Văn hóa"}
    for section in rows:
        assert rows[section] == _expected_desk(section)
    assert rows["Văn hóa"][1:3] == [2, 2]
    assert rows["Mặt trận"] == ["Mặt trận", 1, 1, 1.0, 1, 36.0]


def test_states_now_keep_scheduled_apart(history):
    """Each state counted now; an article scheduled for later is not among the published."""
    shown = dict(states())
    published = [s for s in SPECS if s.status == Article.Status.PUBLISHED]
    assert shown["Đã xuất bản"] == sum(1 for s in published if s.published_at <= NOW)
    assert shown["Hẹn giờ xuất bản"] == sum(1 for s in published if s.published_at > NOW) == 1
    assert shown["Bản nháp"] == sum(1 for s in SPECS if s.status == Article.Status.DRAFT)
    assert shown["Chờ duyệt"] == 1
    assert shown["Đã duyệt"] == 0


def test_the_production_page_and_its_csv(client, history, roles):
    """An editor opens the production report and downloads its monthly table."""
    client.force_login(user_in_role(EDITOR, "bientap"))
    page = client.get("/admin/bao-cao/san-xuat/?ky=quy&nam=2026&quy=1")
    assert page.status_code == 200
    assert "Quy trình biên tập theo tháng" in page.text
    response = client.get("/admin/bao-cao/san-xuat/tai-ve/?ky=quy&nam=2026&quy=1&bang=theo-thang")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Tháng,Số bài gửi duyệt,Số lần trả lại")
    assert lines[3] == "03/2026,3,3,1.0,3,26.0"
    assert "Quy trình biên tập theo ban (chuyên mục)" in page.text
    desks = client.get("/admin/bao-cao/san-xuat/tai-ve/?ky=quy&nam=2026&quy=1&bang=theo-ban")
    assert desks.content.decode("utf-8-sig").splitlines()[0].startswith("Ban (chuyên mục),")


def test_the_number_of_queries_does_not_grow_with_the_history(history):
    """Six queries for the production tables (states; month; desk and the desks' names),
    however many transitions there are."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports.production import tables

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            tables(periods.quarter(2026, 1))
        return len(captured)

    before = count()
    for title, action, moment in HISTORY[:5]:
        Transition.objects.create(
            article=history.articles[title],
            action=action,
            from_status="draft",
            to_status="in_review",
            created_at=moment,
        )
    assert count() == before == 6
