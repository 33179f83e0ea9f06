"""The date archives: ``/luu-tru/`` (every year and month with its number of articles) and the
pages of a year, a month and a day."""

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, dates

from articles.models import Article
from public import seo
from public.views import ListMetaMixin


def months_with_counts() -> list[dict]:
    """[{year, count, months: [{month (a date), count}]}], newest first, in local time: one
    query grouping the published articles by month."""
    rows = (
        Article.objects.published()
        .order_by()
        .annotate(month=TruncMonth("published_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    years: list[dict] = []
    for row in rows:
        month = row["month"]
        if not years or years[-1]["year"] != month.year:
            years.append({"year": month.year, "count": 0, "months": []})
        years[-1]["count"] += row["count"]
        years[-1]["months"].append({"month": month, "count": row["count"]})
    return years


class ArchiveIndexView(TemplateView):
    """Years and months with their counts, each a link to its archive page."""

    template_name = "public/archive_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["years"] = months_with_counts()
        heading = _("Lưu trữ")
        context["heading"] = heading
        context["meta"] = seo.PageMeta(
            heading=heading,
            description=_("Tất cả tin bài theo năm và tháng đăng."),
            canonical=seo.absolute(reverse("public:archive")),
        )
        return context


class ArchiveMixin(ListMetaMixin):
    """The date archives: published articles by their publication date in local time."""

    template_name = "public/archive.html"
    date_field = "published_at"
    allow_future = False
    allow_empty = False
    make_object_list = True
    month_format = "%m"


class YearArchiveView(ArchiveMixin, dates.YearArchiveView):
    def get_heading(self) -> str:
        return _("Tin năm %(year)s") % {"year": self.get_year()}


class MonthArchiveView(ArchiveMixin, dates.MonthArchiveView):
    def get_heading(self) -> str:
        return _("Tin tháng %(month)s/%(year)s") % {
            "month": self.get_month(),
            "year": self.get_year(),
        }


class DayArchiveView(ArchiveMixin, dates.DayArchiveView):
    def get_heading(self) -> str:
        return _("Tin ngày %(day)s/%(month)s/%(year)s") % {
            "day": self.get_day(),
            "month": self.get_month(),
            "year": self.get_year(),
        }
