"""What the editorial calendar shows: planned stories by due time, scheduled and published
articles by publication time, in a month or a week, filtered by section, organisation, person.

Two queries for the entries whatever their number (one for assignments, one for articles),
each along an index on its time column.
"""

import calendar as pycalendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import workflow
from articles.models import Article
from planning import services
from planning.models import Assignment

Status = Article.Status


@dataclass
class Entry:
    """One story on the calendar."""

    kind: str  # "planned", "scheduled" or "published"
    pk: int
    title: str
    at: datetime
    url: str
    section: str
    person: str
    status_label: str
    movable: bool = False
    overdue: bool = False
    expected_words: int | None = None
    notes: str = ""

    @property
    def local(self) -> datetime:
        return timezone.localtime(self.at)

    @property
    def move_kind(self) -> str:
        return "assignment" if self.kind == "planned" else "article"


@dataclass
class Filters:
    category: int | None = None
    organisation: int | None = None
    person: int | None = None

    @classmethod
    def from_query(cls, query) -> "Filters":
        def number(name):
            value = query.get(name, "")
            return int(value) if value.isdigit() and len(value) < 18 else None

        return cls(number("category"), number("organisation"), number("person"))

    def as_query(self) -> str:
        pairs = [(k, v) for k, v in vars(self).items() if v is not None]
        return "&".join(f"{k}={v}" for k, v in pairs)


@dataclass
class Day:
    day: date
    in_period: bool
    entries: list[Entry] = field(default_factory=list)


def local_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The aware instants at the start of ``first`` and the end of ``last``, local time."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(first, time.min, tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    return start, end


def month_days(year: int, month: int) -> list[date]:
    """Whole weeks (Monday first) covering the month."""
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [day for week in weeks for day in week]


def week_days(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=n) for n in range(7)]


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def entries(user, start: datetime, end: datetime, filters: Filters) -> list[Entry]:
    """The stories between ``start`` and ``end`` this user may see, in time order."""
    now = timezone.now()
    plans = (
        services.visible_assignments(user)
        .filter(due_at__gte=start, due_at__lt=end)
        .exclude(status=Assignment.Status.DECLINED)
        .exclude(article__status=Status.PUBLISHED)
        .select_related("assignee", "category")
    )
    articles = (
        workflow.visible_articles(user, Article.objects.all())
        .filter(status=Status.PUBLISHED, published_at__gte=start, published_at__lt=end)
        .select_related("category", "created_by")
        .only(
            "pk",
            "title",
            "published_at",
            "expires_at",
            "embargo_until",
            "status",
            "category__name",
            "created_by",
        )
    )
    if filters.category:
        plans = plans.filter(category=filters.category)
        articles = articles.filter(category=filters.category)
    if filters.organisation:
        plans = plans.filter(organisation=filters.organisation)
        articles = articles.filter(organisations=filters.organisation)
    if filters.person:
        plans = plans.filter(assignee=filters.person)
        articles = articles.filter(
            Q(created_by=filters.person) | Q(bylines__author__user=filters.person)
        ).distinct()
    may_move_plans = services.may_reassign(user)
    may_move_articles = workflow.is_publisher(user)
    found = [
        Entry(
            kind="planned",
            pk=plan.pk,
            title=plan.working_title,
            at=plan.due_at,
            url=plan.get_absolute_url(),
            section=plan.category.name if plan.category else "",
            person=_name(plan.assignee),
            status_label=plan.get_status_display(),
            movable=may_move_plans,
            overdue=plan.is_overdue,
            expected_words=plan.expected_words,
            notes=plan.notes,
        )
        for plan in plans
    ]
    for article in articles:
        scheduled = article.published_at > now
        found.append(
            Entry(
                kind="scheduled" if scheduled else "published",
                pk=article.pk,
                title=article.title,
                at=article.published_at,
                url=reverse("admin:articles_article_change", args=[article.pk]),
                section=article.category.name if article.category else "",
                person=_name(article.created_by),
                status_label=article_label(article, scheduled),
                movable=scheduled and may_move_articles,
            )
        )
    return sorted(found, key=lambda entry: (entry.at, entry.kind, entry.pk))


def article_label(article: Article, scheduled: bool) -> str:
    """ "Đã hẹn giờ" or "Đã xuất bản", with the embargo and the end time staff must know."""
    parts = [_("Đã hẹn giờ") if scheduled else _("Đã xuất bản")]
    if article.embargo_until and article.embargo_until > timezone.now():
        when = timezone.localtime(article.embargo_until).strftime("%H:%M %d/%m/%Y")
        parts.append(_("Cấm đăng đến %(when)s") % {"when": when})
    if article.expires_at:
        when = timezone.localtime(article.expires_at).strftime("%H:%M %d/%m/%Y")
        parts.append(_("Gỡ lúc %(when)s") % {"when": when})
    return " · ".join(parts)


def by_day(days: list[date], found: list[Entry], period: tuple[date, date]) -> list[Day]:
    """Lay the entries out on their local day."""
    grid = {day: Day(day, period[0] <= day <= period[1]) for day in days}
    for entry in found:
        cell = grid.get(entry.local.date())
        if cell is not None:
            cell.entries.append(entry)
    return list(grid.values())
