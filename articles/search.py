"""Finding published articles by their words: marks count when typed, never hurt when not.

Every word of a query must be in the article once folded (``hoi nong dan`` finds *Hội Nông
dân*, and so does ``Hội Nông dân``); a phrase in quotes (``"nông thôn mới"``) must stand
together. Every match is ranked, the whole archive, by these keys in turn:

1. how many of the words typed with marks the article has with exactly those marks
   (``đảng`` before ``đang``, ``bão`` before ``báo``, ``cá`` before ``ca``);
2. how many of the query's neighbouring words stand together in it (``an toàn giao thông``
   before ``an toàn``, ``bàn giao`` and ``thông tin`` apart);
3. where each word is: the title (1.0), else the lead (0.4), else the body (0.2);
4. the newer first.

Both backends compute the same keys from the columns ``articles.search_index`` keeps:
PostgreSQL from GIN-indexed vectors (the first two keys are sets the indexes give without
reading any document) and the small ``head`` vector; SQLite from the folded and exact lines.
Snippets and highlights are made in Python from the page's own articles, so both backends
show the same thing and stored HTML is never cut in the middle of a tag.
"""

import functools
import operator
import re
from collections.abc import Sequence

from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When

from articles.models import Article
from articles.search_display import first_match, highlight, snippet  # noqa: F401
from articles.search_index import (  # noqa: F401 - the index's API, as callers know it
    EXACT_CONFIG,
    INDEXED_FIELDS,
    SEARCH_CONFIG,
    index_article,
    index_in_bulk,
    pairs_of,
    rebuild_index,
    reindex_on_save,
)
from articles.search_query import MAX_QUERY_LENGTH, MAX_WORDS, Query, parse_query  # noqa: F401
from articles.search_ranking import TITLE_WEIGHT, postgres_count
from articles.search_ranking import postgres_ids as _postgres_ids

LEAD_WEIGHT, BODY_WEIGHT = 0.4, 0.2


def uses_postgres() -> bool:
    """Whether the full-text backend is available (the default database is PostgreSQL)."""
    return connection.vendor == "postgresql"


# --- Asking -------------------------------------------------------------------------------------


def _sum(expressions, output_field):
    if not expressions:
        return Value(0, output_field=output_field)
    return functools.reduce(operator.add, expressions)


def _fallback_matches(query: Query, articles=None):
    articles = (Article.objects.published() if articles is None else articles).filter(
        *(Q(search_document__text__contains=f" {word} ") for word in query.words),
        *(Q(search_document__text__contains=f" {' '.join(phrase)} ") for phrase in query.phrases),
    )
    exact = [
        When(search_document__exact_text__contains=f" {word} ", then=1) for word in query.marked
    ]
    together = [
        When(search_document__text__contains=f" {first} {second} ", then=1)
        for first, second in query.pairs
    ]
    place = [_fallback_weight(word) for word in query.words]
    return articles, exact, together, place


def _fallback_weight(word: str) -> Case:
    escaped = re.escape(word)
    return Case(
        When(search_document__text__regex=rf"^[^\n]* {escaped} ", then=Value(TITLE_WEIGHT)),
        When(search_document__text__regex=rf"^[^\n]*\n[^\n]* {escaped} ", then=Value(LEAD_WEIGHT)),
        default=Value(BODY_WEIGHT),
        output_field=FloatField(),
    )


def fallback_ranked(query: Query, articles=None):
    """On SQLite (or any database but PostgreSQL): the published articles (of ``articles``)
    matching ``query``, annotated with the keys and ordered by them (see the module's
    docstring)."""
    articles, exact, together, place = _fallback_matches(query, articles)
    integer = IntegerField()
    return articles.annotate(
        exact=_sum([Case(when, default=0, output_field=integer) for when in exact], integer),
        together=_sum([Case(when, default=0, output_field=integer) for when in together], integer),
        place=_sum(place, FloatField()),
    ).order_by("-exact", "-together", "-place", "-published_at", "-pk")


class Results(Sequence):
    """Every article a search found, best first; ``len`` is their number, counted no further
    than ``bound`` (``bound + 1`` means "more than ``bound``").

    ``articles`` is the published articles to search among (a section, an organisation, a
    date range: ``Article.objects.published()`` filtered). ``window`` is the page the view
    will ask for: one query gives its ids (see ``_postgres_ids``), slicing then fetches those
    articles with their stored body text (one query).
    """

    def __init__(self, query: Query, window=(0, 20), articles=None, bound: int | None = None):
        self.query, self.window = query, window
        self.articles = Article.objects.published() if articles is None else articles
        self.bound = bound
        self._fetched: tuple[int, list[int]] | None = None  # (start, ids)
        self._count: int | None = None

    def _ids(self, start: int, stop: int) -> list[int]:
        if self._fetched is not None:
            begin, ids = self._fetched
            if begin <= start and stop <= begin + len(ids):
                return ids[start - begin : stop - begin]
        ids = []
        if self.query and stop > start:
            if uses_postgres():
                ids = _postgres_ids(self.query, self.articles, start, stop, self._count)
            else:
                ids = list(
                    fallback_ranked(self.query, self.articles).values_list("pk", flat=True)[
                        start:stop
                    ]
                )
        self._fetched = (start, ids)
        return ids

    def __len__(self) -> int:
        if self._count is None:
            self._count = _count(self.query, self.articles, self.bound) if self.query else 0
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        start, stop, _ = index.indices(len(self))
        wanted = self._ids(start, stop)
        found = (
            Article.objects.published()
            .for_cards()  # the body is not read: excerpts come from the stored text
            .annotate(search_body=F("search_document__body_text"))
            .in_bulk(wanted)
        )
        return [found[pk] for pk in wanted if pk in found]


def _count(query: Query, articles, bound: int | None) -> int:
    """How many published articles (of ``articles``) match, counted up to ``bound + 1``."""
    if uses_postgres():
        return postgres_count(query, articles, bound)
    matching = fallback_ranked(query, articles).order_by()
    if bound is not None:
        matching = matching[: bound + 1]
    return matching.count()


def search(query: Query, window=(0, 20), articles=None, bound: int | None = None) -> Results:
    """Published articles (of ``articles``) holding every word of ``query``, all of them
    ranked, best first; counted up to ``bound`` (see ``Results``)."""
    return Results(query, window, articles, bound)
