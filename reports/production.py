"""The editorial pipeline in numbers, from the articles' Transition records.

Per local month of the period: articles submitted (first or again), returns and returns per
submitted article, articles published (by a publish or schedule transition) and the median
time from an article's first submission to that publication. The median is taken in Python
from one query's durations, since SQLite has no percentile function.
"""

import statistics
from collections import defaultdict

from django.db.models import Count, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Transition
from reports.periods import LOCAL, Period
from reports.tables import Table, period_table

Action = Transition.Action


def states() -> list[list]:
    """[state, articles] for every state now; scheduled articles apart from the published."""
    now = timezone.now()
    published = Q(status=Article.Status.PUBLISHED)
    counts = Article.objects.aggregate(
        draft=Count("pk", filter=Q(status=Article.Status.DRAFT)),
        in_review=Count("pk", filter=Q(status=Article.Status.IN_REVIEW)),
        approved=Count("pk", filter=Q(status=Article.Status.APPROVED)),
        published=Count("pk", filter=published & Q(published_at__lte=now)),
        scheduled=Count("pk", filter=published & Q(published_at__gt=now)),
    )
    labels = dict(Article.Status.choices) | {"scheduled": _("Hẹn giờ xuất bản")}
    return [[str(labels[key]), value] for key, value in counts.items()]


def _month(moment) -> object:
    return moment.astimezone(LOCAL).date().replace(day=1)


def by_month(period: Period) -> list[list]:
    """[month, submitted, returns, returns per submitted article, published, median hours]."""
    in_period = Transition.objects.filter(
        created_at__gte=period.starts_at, created_at__lt=period.ends_at
    ).order_by()
    flow = (
        in_period.annotate(month=TruncMonth("created_at", tzinfo=LOCAL))
        .values("month")
        .annotate(
            submitted=Count("article", filter=Q(action=Action.SUBMIT), distinct=True),
            returns=Count("pk", filter=Q(action=Action.RETURN)),
        )
    )
    first_submission = Subquery(
        Transition.objects.filter(article=OuterRef("article"), action=Action.SUBMIT)
        .order_by()
        .values("article")
        .annotate(first=Min("created_at"))
        .values("first")
    )
    publications = (
        in_period.filter(action__in=[Action.PUBLISH, Action.SCHEDULE])
        .annotate(submitted_at=first_submission)
        .values_list("created_at", "submitted_at")
    )
    counts = {_month(row["month"]): row for row in flow}
    hours = defaultdict(list)
    published = defaultdict(int)
    for published_at, submitted_at in publications:
        published[_month(published_at)] += 1
        if submitted_at is not None and submitted_at <= published_at:
            hours[_month(published_at)].append((published_at - submitted_at).total_seconds() / 3600)
    rows = []
    for month in period.months():
        row = counts.get(month, {"submitted": 0, "returns": 0})
        ratio = round(row["returns"] / row["submitted"], 2) if row["submitted"] else 0
        median = round(statistics.median(hours[month]), 1) if hours[month] else ""
        rows.append(
            [f"{month:%m/%Y}", row["submitted"], row["returns"], ratio, published[month], median]
        )
    return rows


def tables(period: Period) -> list[Table]:
    return [
        period_table(period, period.previous()),
        Table(
            "trang-thai",
            _("Bài theo trạng thái (hiện tại)"),
            [_("Trạng thái"), _("Số bài")],
            states(),
        ),
        Table(
            "theo-thang",
            _("Quy trình biên tập theo tháng"),
            [
                _("Tháng"),
                _("Số bài gửi duyệt"),
                _("Số lần trả lại"),
                _("Trả lại trên mỗi bài gửi"),
                _("Số bài xuất bản"),
                _("Trung vị giờ từ gửi đến xuất bản"),
            ],
            by_month(period),
        ),
    ]
