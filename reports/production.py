"""The editorial pipeline in numbers, from the articles' Transition records.

Per local month of the period, and per desk (the article's section): articles submitted
(first or again), returns and returns per submitted article, articles published (by a
publish or schedule transition) and the median time from an article's first submission to
that publication. The median is taken in Python from one query's durations, since SQLite has
no percentile function.
"""

import statistics
from collections import defaultdict

from django.db.models import Count, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Category, Transition
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


def _pipeline(period: Period, group: str) -> dict:
    """Per month or per desk: {key: [submitted, returns, published, [hours to publication]]}.

    Two queries whatever the history's size: the submissions and returns counted by the
    database, the publications read with their article's first submission (for the median).
    A desk is the article's section today.
    """
    in_period = Transition.objects.filter(
        created_at__gte=period.starts_at, created_at__lt=period.ends_at
    ).order_by()
    if group == "month":
        grouped = in_period.annotate(key=TruncMonth("created_at", tzinfo=LOCAL))
    else:
        grouped = in_period.annotate(key=F("article__category_id"))
    flow = grouped.values("key").annotate(
        submitted=Count("article", filter=Q(action=Action.SUBMIT), distinct=True),
        returns=Count("pk", filter=Q(action=Action.RETURN)),
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
        .values_list("created_at", "submitted_at", "article__category_id")
    )
    figures = defaultdict(lambda: [0, 0, 0, []])
    for row in flow:
        key = _month(row["key"]) if group == "month" else row["key"]
        figures[key][0:2] = [row["submitted"], row["returns"]]
    for published_at, submitted_at, desk in publications:
        entry = figures[_month(published_at) if group == "month" else desk]
        entry[2] += 1
        if submitted_at is not None and submitted_at <= published_at:
            entry[3].append((published_at - submitted_at).total_seconds() / 3600)
    return figures


def _row(label: str, figures: list) -> list:
    submitted, returns, published, hours = figures
    ratio = round(returns / submitted, 2) if submitted else 0
    median = round(statistics.median(hours), 1) if hours else ""
    return [label, submitted, returns, ratio, published, median]


def by_month(period: Period) -> list[list]:
    """[month, submitted, returns, returns per submitted article, published, median hours]."""
    figures = _pipeline(period, "month")
    return [_row(f"{month:%m/%Y}", figures[month]) for month in period.months()]


def by_desk(period: Period) -> list[list]:
    """The same figures per desk (section), every desk listed, the busiest first."""
    figures = _pipeline(period, "desk")
    rows = [
        _row(name, figures[pk])
        for pk, name in Category.objects.order_by("name").values_list("pk", "name")
    ]
    if None in figures:  # transitions of articles without a section
        rows.append(_row(_("(Chưa có chuyên mục)"), figures[None]))
    return sorted(rows, key=lambda row: (-row[1], -row[4]))


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
        Table(
            "theo-ban",
            _("Quy trình biên tập theo ban (chuyên mục)"),
            [
                _("Ban (chuyên mục)"),
                _("Số bài gửi duyệt"),
                _("Số lần trả lại"),
                _("Trả lại trên mỗi bài gửi"),
                _("Số bài xuất bản"),
                _("Trung vị giờ từ gửi đến xuất bản"),
            ],
            by_desk(period),
        ),
    ]
