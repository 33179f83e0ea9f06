"""The downloaded files, opened as a user's spreadsheet would, hold the report's every figure."""

import csv
import datetime as dt
import io
from fractions import Fraction

import openpyxl
import pytest

from articles.roles import EDITOR
from tests.factories import user_in_role
from tests.reports.conftest import (
    FEBRUARY,
    MARCH,
    ORGANISATIONS,
    expected_authors,
    expected_groups,
    expected_photographers,
)

pytestmark = pytest.mark.django_db

MARCH_QUERY = "ky=thang&thang=2026-03"
DOWNLOAD = "/admin/bao-cao/tai-ve/"


@pytest.fixture
def editor_client(client, roles):
    client.force_login(user_in_role(EDITOR, "bientap"))
    return client


def _csv(client, table: str, extra: str = "") -> list[list[str]]:
    response = client.get(f"{DOWNLOAD}?{MARCH_QUERY}&bang={table}{extra}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _organisation_rows(rolled_up: bool) -> dict:
    parents = ORGANISATIONS if rolled_up else None
    now = expected_groups(MARCH, lambda spec: spec.organisations, parents)
    before = expected_groups(FEBRUARY, lambda spec: spec.organisations, parents)
    rows = {}
    for name in set(now) | set(before):
        (articles, photos), (old_articles, old_photos) = (
            now.get(name, (0, 0)),
            before.get(name, (0, 0)),
        )
        parent = ORGANISATIONS[name] or ""
        rows[name] = [parent, articles, old_articles, articles - old_articles]
        rows[name] += [photos, old_photos, photos - old_photos]
    return rows


@pytest.mark.parametrize("rolled_up", [True, False])
def test_the_organisation_csv_has_every_figure(editor_client, newsroom, rolled_up):
    """The CSV of organisations opens with Vietnamese headers and the counted figures."""
    gop = "&gop=1" if rolled_up else "&gop=0"
    header, *rows = _csv(editor_client, "to-chuc", gop)
    assert header == [
        "Tổ chức",
        *([] if rolled_up else ["Trực thuộc"]),
        "Số bài",
        "Số bài kỳ trước",
        "Tăng/giảm",
        "Số ảnh",
        "Số ảnh kỳ trước",
        "Tăng/giảm ảnh",
    ]
    if rolled_up:  # top organisations only: no parent column
        rows = [[name, "", *figures] for name, *figures in rows]
    shown = {row[0]: [row[1], *map(int, row[2:])] for row in rows}
    assert shown == _organisation_rows(rolled_up)


def test_the_author_csv_divides_shared_bylines_when_asked(editor_client, newsroom, settings):
    """Divided, a byline of two gives each author 0.5 in the CSV."""
    settings.NEWSROOM_REPORT_SHARED_BYLINES = "divided"
    header, *rows = _csv(editor_client, "tac-gia")
    assert header == ["Tác giả", "Số bài", "Số bài kỳ trước", "Tăng/giảm"]
    now = expected_authors(MARCH, divided=True)
    before = expected_authors(FEBRUARY, divided=True)
    for name, articles, old, change in rows:
        assert Fraction(articles) == now.get(name, 0)
        assert abs(Fraction(old) - before.get(name, 0)) <= Fraction(1, 200)
        assert abs(Fraction(change) - (Fraction(articles) - Fraction(old))) <= Fraction(1, 200)
    assert {row[0] for row in rows} == set(now) | set(before)


def test_the_period_csv_writes_dates_day_first(editor_client, newsroom):
    """Dates are written dd/mm/yyyy, as the centre writes them."""
    header, current, previous = _csv(editor_client, "ky")
    assert header == ["Kỳ", "Từ ngày", "Đến ngày"]
    assert current == ["Tháng 3/2026", "01/03/2026", "31/03/2026"]
    assert previous == ["Kỳ trước: Tháng 2/2026", "01/02/2026", "28/02/2026"]


def test_the_workbook_has_every_table_with_every_figure(editor_client, newsroom):
    """The .xlsx opens in openpyxl with one sheet per table and the same figures as numbers."""
    response = editor_client.get(f"{DOWNLOAD}?{MARCH_QUERY}&gop=1&dinh-dang=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    titles = [
        "Kỳ báo cáo",
        "Tổng cộng",
        "Theo tổ chức (gộp tổ chức trực thuộc)",
        "Theo chuyên mục",
        "Theo tác giả (bài chung tính đủ)",
        "Theo người chụp ảnh",
        "Số bài theo tháng và tổ chức",
    ]
    assert book.sheetnames == [title[:31].strip() for title in titles]  # Excel's 31 characters
    sheets = [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
    period, total, organisations, sections, authors, photographers, monthly = sheets

    assert period[1][1:] == (dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 31))
    assert book.worksheets[0]["B2"].number_format == "DD/MM/YYYY"

    march_total = expected_groups(MARCH, lambda spec: ["all"])["all"]
    february_total = expected_groups(FEBRUARY, lambda spec: ["all"])["all"]
    assert total[1][1:] == (
        march_total[0],
        february_total[0],
        march_total[0] - february_total[0],
        march_total[1],
        february_total[1],
        march_total[1] - february_total[1],
    )

    assert organisations[0][1] == "Số bài"  # rolled up: no parent column
    assert {row[0]: ["", *row[1:]] for row in organisations[1:]} == _organisation_rows(True)

    sections_now = expected_groups(MARCH, lambda spec: [spec.section], {
        "Chính trị": None, "Mặt trận": "Chính trị", "Văn hóa": None})  # fmt: skip
    assert {row[0]: row[1] for row in sections[1:]} == {
        name: sections_now.get(name, (0, 0))[0] for name in (row[0] for row in sections[1:])
    }

    whole = expected_authors(MARCH, divided=False)
    assert {row[0]: row[1] for row in authors[1:] if row[1]} == whole

    credits = expected_photographers(MARCH)
    shown = {row[0]: row[1] for row in photographers[1:] if row[1]}
    assert shown == {(credit or "(Không ghi nguồn ảnh)"): n for credit, n in credits.items()}

    assert monthly[0] == ("Tổ chức", "03/2026")
    assert {row[0]: row[1] for row in monthly[1:]} == {
        name: count for name, (count, _photos) in
        expected_groups(MARCH, lambda spec: spec.organisations, ORGANISATIONS).items()
    }  # fmt: skip


def test_the_page_shows_charts_tables_and_a_print_style(editor_client, newsroom):
    """The page draws three SVG charts, gives their numbers as tables, and prints cleanly."""
    page = editor_client.get(f"/admin/bao-cao/?{MARCH_QUERY}")
    text = page.text
    assert page.status_code == 200
    assert text.count('<svg class="chart"') == 3
    assert 'role="img"' in text
    assert '<th scope="col">Số bài</th>' in text
    assert "reports/reports.css" in text
    assert "Ủy ban MTTQ thành phố" in text
    assert "Bài hẹn giờ" not in text
