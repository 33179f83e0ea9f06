"""The report's tables, one shape for the page, the CSV and the Excel workbook alike."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from reports.periods import Period
from reports.queries import Coverage, Row


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list]


def period_table(period: Period, previous: Period) -> Table:
    """What the figures cover: the period and the one compared with it, as dates."""
    return Table(
        "ky",
        _("Kỳ báo cáo"),
        [_("Kỳ"), _("Từ ngày"), _("Đến ngày")],
        [
            [period.label, period.start, period.last_day],
            [
                _("Kỳ trước: %(label)s") % {"label": previous.label},
                previous.start,
                previous.last_day,
            ],
        ],
    )


def _figures(row: Row, photos: bool = True) -> list:
    figures = [row.articles, row.previous_articles, row.change]
    if photos:
        figures += [row.photos, row.previous_photos, row.photo_change]
    return figures


ARTICLE_HEADERS = ["Số bài", "Số bài kỳ trước", "Tăng/giảm"]
PHOTO_HEADERS = ["Số ảnh", "Số ảnh kỳ trước", "Tăng/giảm ảnh"]


def _shared_note(shared: str) -> str:
    return _("(bài chung chia đều)") if shared == "divided" else _("(bài chung tính đủ)")


def coverage_tables(report: Coverage) -> list[Table]:
    """Every table of the coverage report, in the page's order."""
    articles = [_(text) for text in ARTICLE_HEADERS]
    photos = [_(text) for text in PHOTO_HEADERS]

    def parent(value) -> list:
        # Rolled up, every row is a top organisation or section: no parent to name.
        return [] if report.rolled_up else [value]

    tables = [
        period_table(report.period, report.previous),
        Table(
            "tong",
            _("Tổng cộng"),
            [_("Nội dung"), *articles, *photos],
            [[_("Toàn trung tâm"), *_figures(report.total)]],
        ),
        Table(
            "to-chuc",
            _("Theo tổ chức") + (" " + _("(gộp tổ chức trực thuộc)") if report.rolled_up else ""),
            [_("Tổ chức"), *parent(_("Trực thuộc")), *articles, *photos],
            [[row.name, *parent(row.parent), *_figures(row)] for row in report.organisations],
        ),
        Table(
            "chuyen-muc",
            _("Theo chuyên mục"),
            [_("Chuyên mục"), *parent(_("Thuộc chuyên mục")), *articles, *photos],
            [[row.name, *parent(row.parent), *_figures(row)] for row in report.sections],
        ),
        Table(
            "tac-gia",
            _("Theo tác giả") + " " + _shared_note(report.shared),
            [_("Tác giả"), *articles],
            [[row.name, *_figures(row, photos=False)] for row in report.authors],
        ),
        Table(
            "nhiep-anh",
            _("Theo người chụp ảnh"),
            [_("Nguồn ảnh"), *photos],
            [[row.name, *_figures(row)[3:]] for row in report.photographers],
        ),
    ]
    months = report.period.months()
    tables.append(
        Table(
            "theo-thang",
            _("Số bài theo tháng và tổ chức"),
            [_("Tổ chức"), *[f"{month:%m/%Y}" for month in months]],
            [
                [name, *[values.get(month, 0) for month in months]]
                for name, values in sorted(
                    report.monthly.items(), key=lambda item: (-sum(item[1].values()), item[0])
                )
            ],
        )
    )
    return tables


def cell_text(value) -> str:
    """A cell as the page and the CSV show it: dates dd/mm/yyyy, numbers as they are."""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return "" if value is None else str(value)
