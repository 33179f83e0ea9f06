"""Editors grade published articles; the royalty sheet sums them per author for the month."""

import io
from decimal import Decimal
from fractions import Fraction

import openpyxl
import pytest

from articles.models import Article
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from reports.models import RoyaltyGrade
from tests.factories import ArticleFactory, AuthorFactory, user_in_role
from tests.reports.conftest import MARCH, SPECS, counted, local

pytestmark = pytest.mark.django_db

ADD = "/admin/reports/royaltygrade/add/"
SHEET = "/admin/bao-cao/nhuan-but/"
MARCH_QUERY = "ky=thang&thang=2026-03"
SCALE = {"A": 10, "B": 8, "C": 6, "D": 4}

# What the editors give, by article title (the points typed by hand override the grade's).
GRADES = {
    "Mặt trận và Hội Phụ nữ chung tay vì người nghèo": ("A", ""),
    "Thành Đoàn ra quân mùa hè xanh": ("B", "7.5"),
    "Hội Cựu chiến binh gặp mặt đầu xuân": ("C", ""),
    "Chi hội Phụ nữ phường Hòa Bình ra mắt mô hình": ("A", ""),  # February: not in March's sheet
}


@pytest.fixture
def editor(roles):
    return user_in_role(EDITOR, "bientap")


def _grade(client, newsroom, title, grade, points):
    return client.post(
        ADD,
        {"article": newsroom.articles[title].pk, "grade": grade, "points": points, "note": ""},
    )


@pytest.fixture
def graded(client, newsroom, editor):
    client.force_login(editor)
    for title, (grade, points) in GRADES.items():
        response = _grade(client, newsroom, title, grade, points)
        assert response.status_code == 302, response.content
    return newsroom


def _expected(divided: bool) -> dict:
    sheet = {}
    for spec in SPECS:
        if spec.title in GRADES and counted(spec, MARCH):
            grade, typed = GRADES[spec.title]
            points = Fraction(Decimal(typed)) if typed else Fraction(SCALE[grade])
            for name in spec.byline:
                share = Fraction(1, len(spec.byline)) if divided else Fraction(1)
                articles, total = sheet.get(name, (0, 0))
                sheet[name] = (articles + share, total + points * share)
    return sheet


def test_an_editor_grades_and_the_points_come_from_the_scale(graded, editor):
    """A grade without points takes the scale's; typed points are kept; the grader is recorded."""
    first = RoyaltyGrade.objects.get(article=graded.articles[SPECS[0].title])
    assert (first.grade, first.points, first.graded_by) == ("A", Decimal("10.00"), editor)
    second = RoyaltyGrade.objects.get(article=graded.articles[SPECS[1].title])
    assert second.points == Decimal("7.50")


def test_only_published_articles_and_known_grades(client, newsroom, editor):
    """A draft cannot be graded, nor a grade outside the scale: the form says why in Vietnamese."""
    client.force_login(editor)
    draft = _grade(client, newsroom, "Bản nháp về Mặt trận", "A", "")
    assert draft.status_code == 200
    assert "Chỉ chấm nhuận bút cho bài đã xuất bản." in draft.text
    scheduled = _grade(client, newsroom, "Bài hẹn giờ", "A", "")
    assert "Chỉ chấm nhuận bút cho bài đã xuất bản." in scheduled.text
    unknown = _grade(client, newsroom, SPECS[0].title, "Z", "")
    assert unknown.status_code == 200
    assert "Z" in unknown.text and "không phải là một trong các lựa chọn" in unknown.text.lower()
    assert not RoyaltyGrade.objects.exists()


def test_journalists_cannot_grade(client, newsroom, roles):
    """The grading page refuses a journalist."""
    client.force_login(user_in_role(JOURNALIST, "phongvien"))
    assert _grade(client, newsroom, SPECS[0].title, "A", "").status_code == 403


@pytest.mark.parametrize("mode", ["whole", "divided"])
def test_the_sheet_sums_each_authors_points(client, graded, settings, mode):
    """March's sheet: each author's graded articles and points, as an independent sum gives."""
    settings.NEWSROOM_REPORT_SHARED_BYLINES = mode
    client.force_login(user_in_role(EDITOR_IN_CHIEF, "tongbientap"))
    response = client.get(f"{SHEET}tai-ve/?{MARCH_QUERY}&dinh-dang=xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Kỳ báo cáo", "Nhuận bút theo tác giả", "Các bài đã chấm"]
    header, *rows = book["Nhuận bút theo tác giả"].iter_rows(values_only=True)
    assert header == ("Tác giả", "Số bài được chấm", "Tổng điểm")
    expected = _expected(divided=mode == "divided")
    assert {name: (Fraction(str(n)), Fraction(str(p))) for name, n, p in rows} == expected
    header, *articles = book["Các bài đã chấm"].iter_rows(values_only=True)
    assert [row[1] for row in articles] == [
        "Hội Cựu chiến binh gặp mặt đầu xuân",
        "Mặt trận và Hội Phụ nữ chung tay vì người nghèo",
        "Thành Đoàn ra quân mùa hè xanh",
    ]
    assert articles[1][2] == "Trần Tương - Trần Bình"
    assert articles[2][0].strftime("%d/%m/%Y") == "31/03/2026"  # 23:30 local, still March


def test_the_sheet_page_and_its_csv(client, graded):
    """The page lists the authors; the CSV of the sheet opens with the same sums."""
    client.force_login(user_in_role(EDITOR_IN_CHIEF, "tongbientap"))
    page = client.get(f"{SHEET}?{MARCH_QUERY}")
    assert "Trần Tương" in page.text
    response = client.get(f"{SHEET}tai-ve/?{MARCH_QUERY}&bang=tac-gia")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Tác giả,Số bài được chấm,Tổng điểm"
    assert "Trần Tương,2,17.5" in lines


def test_the_sheet_asks_a_fixed_number_of_queries(client, graded, editor):
    """Three queries for the sheet, however many articles were graded."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reports import periods, royalties

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            royalties.tables(periods.month(2026, 3))
        return len(captured)

    before = count()
    for day in (3, 4):
        article = ArticleFactory(
            status=Article.Status.PUBLISHED, published_at=local(2026, 3, day, 9, 0)
        )
        article.set_byline([AuthorFactory(), AuthorFactory()])
        RoyaltyGrade.objects.create(article=article, grade="B", points=8, graded_by=editor)
    assert count() == before == 3
