"""The period a report covers: a month, a quarter, a year or two dates, in the centre's time.

A period is a half-open range of local dates ``[start, end)``; its bounds in time are local
midnights in Asia/Ho_Chi_Minh, so an article published at 23:30 on the 31st local time (16:30
UTC) belongs to that month. The previous period is the one just before of the same kind: the
month, quarter or year before, or as many days just before two chosen dates.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST_YEAR, LAST_YEAR = 1990, 2100
LONGEST_RANGE_DAYS = 366 * 10

KINDS = ("thang", "quy", "nam", "khoang")


class PeriodError(ValueError):
    """A period typed or crafted wrongly; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date  # first day
    end: dt.date  # the day after the last

    @property
    def starts_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(), tzinfo=LOCAL)

    @property
    def ends_at(self) -> dt.datetime:
        return dt.datetime.combine(self.end, dt.time(), tzinfo=LOCAL)

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        if self.kind == "thang":
            numbers = {"month": self.start.month, "year": self.start.year}
            return _("Tháng %(month)d/%(year)d") % numbers
        if self.kind == "quy":
            quarter = (self.start.month - 1) // 3 + 1
            return _("Quý %(quarter)d/%(year)d") % {"quarter": quarter, "year": self.start.year}
        if self.kind == "nam":
            return _("Năm %(year)d") % {"year": self.start.year}
        return f"{self.start:%d/%m/%Y} – {self.last_day:%d/%m/%Y}"

    def previous(self) -> "Period":
        """The period just before, of the same kind (or the same number of days)."""
        if self.kind == "thang":
            return month(*_shift_month(self.start.year, self.start.month, -1))
        if self.kind == "quy":
            year, first_month = _shift_month(self.start.year, self.start.month, -3)
            return quarter(year, (first_month - 1) // 3 + 1)
        if self.kind == "nam":
            return Period("nam", self.start.replace(year=self.start.year - 1), self.start)
        return Period("khoang", self.start - (self.end - self.start), self.start)

    def months(self) -> list[dt.date]:
        """The first day of each month the period touches."""
        first, months = self.start.replace(day=1), []
        while first < self.end:
            months.append(first)
            first = dt.date(*_shift_month(first.year, first.month, 1), 1)
        return months

    def as_query(self) -> dict[str, str]:
        """The GET parameters that name this period again (for export links)."""
        if self.kind == "thang":
            return {"ky": "thang", "thang": f"{self.start:%m/%Y}"}
        if self.kind == "quy":
            return {"ky": "quy", "nam": str(self.start.year), "quy": str(self.start.month // 3 + 1)}
        if self.kind == "nam":
            return {"ky": "nam", "nam": str(self.start.year)}
        return {"ky": "khoang", "tu": f"{self.start:%d/%m/%Y}", "den": f"{self.last_day:%d/%m/%Y}"}


def _shift_month(year: int, month_number: int, by: int) -> tuple[int, int]:
    index = year * 12 + month_number - 1 + by
    return index // 12, index % 12 + 1


def month(year: int, month_number: int) -> Period:
    _check_year(year)
    start = dt.date(year, month_number, 1)
    return Period("thang", start, dt.date(*_shift_month(year, month_number, 1), 1))


def quarter(year: int, number: int) -> Period:
    _check_year(year)
    start = dt.date(year, 3 * (number - 1) + 1, 1)
    return Period("quy", start, dt.date(*_shift_month(year, start.month, 3), 1))


def year(number: int) -> Period:
    _check_year(number)
    return Period("nam", dt.date(number, 1, 1), dt.date(number + 1, 1, 1))


def _check_year(number: int) -> None:
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise PeriodError(
            _("Năm phải từ %(first)d đến %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )


def _integer(value: str, message: str) -> int:
    try:
        return int(value.strip())
    except (ValueError, AttributeError):
        raise PeriodError(message) from None


def _date(value: str, message: str) -> dt.date:
    value = (value or "").strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise PeriodError(message)


def this_month() -> Period:
    today = timezone.now().astimezone(LOCAL).date()
    return month(today.year, today.month)


def from_query(params) -> Period:
    """The period the GET parameters name; the current month when they name none."""
    kind = params.get("ky", "").strip() or ("thang" if params.get("thang") else "")
    if not kind:
        return this_month()
    if kind not in KINDS:
        raise PeriodError(
            _("Loại kỳ báo cáo không hợp lệ: hãy chọn tháng, quý, năm hoặc khoảng ngày.")
        )
    if kind == "thang":
        text = params.get("thang", "").strip()
        parsed = None
        for pattern in ("%Y-%m", "%m/%Y"):
            try:
                parsed = dt.datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
        if parsed is None:
            raise PeriodError(_("Tháng không hợp lệ: hãy nhập theo dạng mm/yyyy, ví dụ 03/2026."))
        return month(parsed.year, parsed.month)
    if kind == "khoang":
        return _between(params)
    wrong_year = _("Năm không hợp lệ: hãy nhập bốn chữ số, ví dụ 2026.")
    number = _integer(params.get("nam", ""), wrong_year)
    if kind == "nam":
        return year(number)
    which = _integer(params.get("quy", ""), _("Quý phải là một số từ 1 đến 4."))
    if not 1 <= which <= 4:
        raise PeriodError(_("Quý phải là một số từ 1 đến 4."))
    return quarter(number, which)


def _between(params) -> Period:
    start = _date(params.get("tu", ""), _("Ngày bắt đầu không hợp lệ: hãy nhập dd/mm/yyyy."))
    last = _date(params.get("den", ""), _("Ngày kết thúc không hợp lệ: hãy nhập dd/mm/yyyy."))
    _check_year(start.year)
    _check_year(last.year)
    if last < start:
        raise PeriodError(_("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."))
    if (last - start).days > LONGEST_RANGE_DAYS:
        raise PeriodError(_("Khoảng thời gian dài nhất là mười năm."))
    return Period("khoang", start, last + dt.timedelta(days=1))
