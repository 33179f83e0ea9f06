"""What the front page shows now: the chosen stories still running, and the newest articles in
every place whose choice has ended or was never made.

No cron job: the end times are compared with now when the page is rendered, and the page cache
is told when the next one falls (``Front.until``, which the home view hands the page cache as
``response.cache_until``), so a cached front page never outlives a choice. Only the front page
depends on the choices, so only it ends then; no query is added to find the time.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from articles.models import Article
from frontpage.models import FrontPageSection, FrontPageStory

FRONT_PAGE = 1  # the one front page's id (``FrontPage.get()``)
FEATURED = 3  # featured stories below the lead
PLACES = 1 + FEATURED  # positions an editor may choose: the lead and the featured stories


@dataclass
class Front:
    lead: Article | None = None
    featured: list[Article] = field(default_factory=list)
    latest: list[Article] = field(default_factory=list)
    until: float | None = None  # when the first running choice ends (a timestamp)

    @property
    def shown(self) -> list[int]:
        return [article.pk for article in [self.lead, *self.featured] if article is not None]


def compose(cards, *, latest: int, now=None) -> Front:
    """The lead, the featured stories and the ``latest`` newest others, from ``cards`` (published
    articles with what their cards show), in one query."""
    now = now or timezone.now()
    running = FrontPageStory.objects.running(now).filter(front_page_id=FRONT_PAGE)
    # Enough of the newest to fill every place even when the chosen stories are among them.
    newest = Article.objects.published().newest_first().values("pk")[: 2 * PLACES + latest]
    story = running.filter(article=OuterRef("pk")).order_by("position")
    rows = cards.filter(Q(pk__in=running.values("article_id")) | Q(pk__in=newest))
    rows = sorted(
        rows.annotate(
            front_position=Subquery(story.values("position")[:1]),
            front_ends_at=Subquery(story.values("ends_at")[:1]),
        ),
        key=lambda article: (article.published_at, article.pk),
        reverse=True,
    )
    chosen = {article.front_position: article for article in rows if article.front_position}
    taken = {article.pk for article in chosen.values()}
    others = iter([article for article in rows if article.pk not in taken])
    places = [chosen.get(place) or next(others, None) for place in range(1, PLACES + 1)]
    places = [article for article in places if article is not None]
    rest = [article for article in others][:latest]
    ends = [article.front_ends_at for article in chosen.values() if article.front_ends_at]
    return Front(
        lead=places[0] if places else None,
        featured=places[1:],
        latest=rest,
        until=min(ends).timestamp() if ends else None,
    )


def with_front_positions(categories):
    """``categories`` with ``front_position``: their place among the front page's sections
    (None when not chosen), in the same query."""
    chosen = FrontPageSection.objects.filter(front_page_id=FRONT_PAGE, category=OuterRef("pk"))
    return categories.annotate(front_position=Subquery(chosen.values("position")[:1]))


def ordered_sections(sections: list) -> list:
    """The top-level ``sections`` (from ``with_front_positions``) the front page shows, in its
    order: the chosen ones, or all of them in their own order when none is chosen."""
    chosen = [section for section in sections if section.front_position is not None]
    if not chosen:
        return sections
    return sorted(chosen, key=lambda section: (section.front_position, section.pk))
