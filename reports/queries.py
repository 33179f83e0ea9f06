"""The coverage figures, counted by the database in a constant number of queries (three).

Every figure comes from one statement (``reports.figures``) over the published articles of the
period and the one before it together; a flag (published on or after the period's start) splits
the counts. What counts is what ``Article.objects.published()`` says the public sees, so drafts,
taken-down and scheduled articles never count.

Photos are the library photos a counted article shows, as its featured photo or in its body,
each counted once per row however many articles show it. Organisations may nest: rolled up,
an article about a sub-organisation counts once for its top organisation (three levels deep).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import Category, Organisation
from newsroom import pagecache
from reports import figures
from reports.periods import Period

# A backstop: a change anywhere in what the public sees ends a kept report long before.
CACHE_SECONDS = 60 * 60


def shared_bylines() -> str:
    """How a shared byline counts: "whole" (one for each author) or "divided" (1/n each)."""
    mode = getattr(settings, "NEWSROOM_REPORT_SHARED_BYLINES", "whole")
    return "divided" if mode == "divided" else "whole"


@dataclass
class Row:
    """One line of a coverage table: a name and its figures for the period and the one before."""

    key: object
    name: str
    articles: Decimal | int = 0
    previous_articles: Decimal | int = 0
    photos: int = 0
    previous_photos: int = 0
    parent: str = ""

    @property
    def change(self):
        return self.articles - self.previous_articles

    @property
    def photo_change(self):
        return self.photos - self.previous_photos


@dataclass
class Coverage:
    period: Period
    previous: Period
    rolled_up: bool
    shared: str
    total: Row = None
    organisations: list[Row] = field(default_factory=list)
    sections: list[Row] = field(default_factory=list)
    authors: list[Row] = field(default_factory=list)
    photographers: list[Row] = field(default_factory=list)
    monthly: dict = field(default_factory=dict)  # organisation name → {month: articles}


def _rows(names: dict, articles: dict, photos: dict) -> list[Row]:
    rows = []
    for key in set(articles) | set(photos):
        now, before = articles.get(key, (0, 0))
        photos_now, photos_before = photos.get(key, (0, 0))
        name, parent = names.get(key, (str(key), ""))
        rows.append(Row(key, name, now, before, photos_now, photos_before, parent))
    rows.sort(key=lambda row: (-row.articles, -row.photos, row.name))
    return rows


def coverage(period: Period, *, rolled_up: bool = True) -> Coverage:
    """Published articles and photos per organisation, section, author and photographer.

    Kept in the cache for the page cache's generation, which ends whenever anything the public
    sees is saved or deleted and when a scheduled publication, an end time or an embargo's end
    comes, so a report asked again (another editor, the CSV after the page) costs no query
    and is never older than the figures it shows.
    """
    shared = shared_bylines()
    generation = pagecache.current_state()["id"]
    key = f"reports:coverage:{generation}:{period.kind}:{period.start}:{period.end}:"
    key += f"{int(rolled_up)}:{shared}:{get_language()}"
    report = cache.get(key)
    if report is None:
        report = _count(period, rolled_up, shared)
        cache.set(key, report, CACHE_SECONDS)
    return report


def _count(period: Period, rolled_up: bool, shared: str) -> Coverage:
    previous = period.previous()
    report = Coverage(period, previous, rolled_up, shared)
    parts = defaultdict(dict)
    rows = figures.figures(period, rolled_up=rolled_up, divided=report.shared == "divided")
    for part, key, label, month, now, before in rows:
        if part == figures.MONTHS:
            parts[part][key, month] = int(now)
        elif part == figures.AUTHORS:
            parts[part][key] = (label, now, before)
        else:  # counts: whole numbers (SUM over no row is NULL)
            parts[part][label if part == figures.PHOTOGRAPHERS else key] = (
                int(now or 0),
                int(before or 0),
            )

    total = parts[figures.TOTAL].get(None, (0, 0))
    report.total = Row(None, "", *total, *parts[figures.TOTAL_PHOTOS].get(None, (0, 0)))

    organisations = {
        org.pk: (org.name, org.parent.name if org.parent_id else "")
        for org in Organisation.objects.select_related("parent")
    }
    report.organisations = _rows(
        organisations, parts[figures.ORGANISATIONS], parts[figures.ORGANISATION_PHOTOS]
    )
    sections = {
        section.pk: (section.name, section.parent.name if section.parent_id else "")
        for section in Category.objects.select_related("parent")
    }
    sections[None] = (str(_("(Chưa có chuyên mục)")), "")
    report.sections = _rows(sections, parts[figures.SECTIONS], parts[figures.SECTION_PHOTOS])

    report.authors = _authors(parts[figures.AUTHORS])
    photographers = parts[figures.PHOTOGRAPHERS]
    unnamed = str(_("(Không ghi nguồn ảnh)"))
    report.photographers = _rows(
        {credit: (credit or unnamed, "") for credit in photographers}, {}, photographers
    )
    report.monthly = _monthly(parts[figures.MONTHS], organisations, period)
    return report


def _authors(shares: dict) -> list[Row]:
    """Articles per author; a shared byline counts whole for each, or 1/n when divided."""
    result = [
        Row(key, name, _figure(now), _figure(before)) for key, (name, now, before) in shares.items()
    ]
    result.sort(key=lambda row: (-row.articles, row.name))
    return result


def _figure(value) -> Decimal | int:
    """A share sum as a whole number when it is one, otherwise rounded to two decimals."""
    value = Decimal(str(round(value or 0, 2)))
    return int(value) if value == value.to_integral_value() else value


def _monthly(counts: dict, organisations: dict, period: Period) -> dict:
    """Top organisations' (or each organisation's) articles per local month of the period."""
    months = period.months()
    table = defaultdict(dict)
    for (key, month), n in counts.items():
        name = organisations.get(key, (str(key), ""))[0]
        table[name][months[month]] = n
    return dict(table)
