"""The report pages and their downloads, in the admin, each behind its permission."""

from functools import wraps

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from reports import charts, exports, periods, production, royalties
from reports.queries import coverage
from reports.tables import coverage_tables

TOP_AUTHORS = 10
MONTHLY_SERIES = 6


def needs(permission: str):
    """Refuse (403) anyone without ``permission``, whatever the menu showed them."""

    def decorate(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return checked

    return decorate


def _page(request, template: str, context: dict, status: int = 200):
    context = {
        **admin.site.each_context(request),
        "can_see_royalties": request.user.has_perm("reports.view_royalties"),
        **context,
    }
    return TemplateResponse(request, template, context, status=status)


def _period_or_error(request, template: str, title: str):
    """The period the query names, or the page again with the reason it is wrong (400)."""
    try:
        return periods.from_query(request.GET), None
    except periods.PeriodError as error:
        form = periods.this_month().as_query() | request.GET.dict()
        page = _page(request, template, {"title": title, "error": str(error), "form": form}, 400)
        return None, page


def _download(request, tables, stem: str):
    """The CSV of the table named by ``bang``, or the workbook of them all."""
    if request.GET.get("dinh-dang") == "xlsx":
        return exports.xlsx_response(tables, f"{stem}.xlsx")
    chosen = request.GET.get("bang", "")
    for table in tables:
        if table.slug == chosen:
            return exports.csv_response(table, f"{stem}-{table.slug}.csv")
    raise Http404(_("Không có bảng này trong báo cáo."))


@needs("reports.view_reports")
def coverage_view(request, download: bool = False):
    """What was published in a period, for which organisation, section, author, photographer."""
    title = _("Báo cáo xuất bản")
    period, error_page = _period_or_error(request, "reports/coverage.html", title)
    if error_page:
        return error_page
    rolled_up = request.GET.get("gop", "1") != "0"
    report = coverage(period, rolled_up=rolled_up)
    tables = coverage_tables(report)
    if download:
        return _download(request, tables, f"bao-cao-xuat-ban-{period.start:%Y%m%d}")
    months = period.months()
    top = sorted(report.monthly.items(), key=lambda item: -sum(item[1].values()))[:MONTHLY_SERIES]
    monthly_chart, legend = charts.stacked_columns(
        _("Số bài theo tháng của các tổ chức"), months, dict(top)
    )
    query = period.as_query() | {"gop": "1" if rolled_up else "0"}
    context = {
        "title": title,
        "show_rollup": True,
        "period": period,
        "report": report,
        "tables": tables,
        "form": query,
        "query": query,
        "monthly_chart": monthly_chart,
        "legend": legend,
        "section_chart": charts.bars(
            _("Tỉ lệ bài theo chuyên mục"),
            [(row.name, row.articles) for row in report.sections if row.articles],
            percent=True,
        ),
        "author_chart": charts.bars(
            _("Tác giả có nhiều bài nhất"),
            [(row.name, row.articles) for row in report.authors[:TOP_AUTHORS] if row.articles],
        ),
    }
    return _page(request, "reports/coverage.html", context)


def _tables_report(request, *, title: str, template: str, stem: str, make_tables, download):
    """A report that is only its tables: the page, or one table downloaded."""
    period, error_page = _period_or_error(request, template, title)
    if error_page:
        return error_page
    tables = make_tables(period)
    if download:
        return _download(request, tables, f"{stem}-{period.start:%Y%m%d}")
    query = period.as_query()
    context = {"title": title, "period": period, "tables": tables, "form": query, "query": query}
    return _page(request, template, context)


@needs("reports.view_royalties")
def royalty_view(request, download: bool = False):
    """The month's royalty sheet: each author's graded articles and points."""
    return _tables_report(
        request,
        title=_("Bảng nhuận bút"),
        template="reports/royalties.html",
        stem="nhuan-but",
        make_tables=royalties.tables,
        download=download,
    )


@needs("reports.view_reports")
def production_view(request, download: bool = False):
    """The editorial pipeline in numbers: states, time to publication, returns; month, desk."""
    return _tables_report(
        request,
        title=_("Báo cáo sản xuất"),
        template="reports/production.html",
        stem="san-xuat",
        make_tables=production.tables,
        download=download,
    )
