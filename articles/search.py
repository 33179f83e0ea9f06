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

from django.db import connection, connections
from django.db.models import Case, Count, FloatField, IntegerField, Q, Value, When, Window

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

# Where a word stands: the title, the lead, the body (ts_rank's defaults for A, B and C).
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 1.0, 0.4, 0.2


def uses_postgres() -> bool:
    """Whether the full-text backend is available (the default database is PostgreSQL)."""
    return connection.vendor == "postgresql"


# --- Asking -------------------------------------------------------------------------------------


def _sum(expressions, output_field):
    if not expressions:
        return Value(0, output_field=output_field)
    return functools.reduce(operator.add, expressions)


def _fallback_matches(query: Query):
    articles = Article.objects.published().filter(
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


def fallback_ranked(query: Query):
    """On SQLite (or any database but PostgreSQL): the published articles matching
    ``query``, annotated with the keys and ordered by them (see the module's docstring)."""
    articles, exact, together, place = _fallback_matches(query)
    integer = IntegerField()
    return articles.annotate(
        exact=_sum([Case(when, default=0, output_field=integer) for when in exact], integer),
        together=_sum([Case(when, default=0, output_field=integer) for when in together], integer),
        place=_sum(place, FloatField()),
    ).order_by("-exact", "-together", "-place", "-published_at", "-pk")


class Results(Sequence):
    """Every article a search found, best first; ``len`` is their number.

    One query gives a page of ids and the number of matches together (the rank is computed
    for every match anyway); ``window`` is the page the view will ask for, so that counting
    fetches it too. Slicing then fetches those articles (one query).
    """

    def __init__(self, query: Query, window: tuple[int, int] = (0, 20)):
        self.query, self.window = query, window
        self._fetched: tuple[int, list[int]] | None = None  # (start, ids)
        self._count: int | None = None

    def _ids(self, start: int, stop: int) -> list[int]:
        if self._fetched is not None:
            begin, ids = self._fetched
            # The last page is asked for up to the count: inside what was fetched too.
            if begin <= start and (stop <= begin + len(ids) or begin + len(ids) == self._count):
                return ids[start - begin : stop - begin]
        rows = []
        if self.query and stop > start:
            if uses_postgres():
                rows = _postgres_page(self.query, start, stop)
            else:
                rows = list(
                    fallback_ranked(self.query)
                    .annotate(matches=Window(Count("pk")))
                    .values_list("pk", "matches")[start:stop]
                )
        if rows:
            self._count = rows[0][1]
        elif start == 0:
            self._count = 0
        self._fetched = (start, [pk for pk, _ in rows])
        return self._fetched[1]

    def __len__(self) -> int:
        if self._count is None:
            self._ids(*self.window)
        if self._count is None:  # the window was past the end: the first row has the count
            self._ids(0, 1)
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        start, stop, _ = index.indices(len(self))
        wanted = self._ids(start, stop)
        found = (
            Article.objects.published().select_related("category", "featured_photo").in_bulk(wanted)
        )
        return [found[pk] for pk in wanted if pk in found]


def _postgres_page(query: Query, start: int, stop: int) -> list[tuple[int, int]]:
    """(id, number of matches) of the ranked matches ``start`` to ``stop``, on PostgreSQL.

    One statement whose sets each come from a GIN index (materialised, so each is read
    once). PostgreSQL's planner does not count the cost of decompressing a vector, so for a
    word in most articles it would rather test every article's vector (seconds at 100,000
    articles) than read the index: for this statement it is told to use the indexes. What
    is published is ``Article.objects.published()``'s own SQL.
    """
    published = Article.objects.published().order_by().values("id", "published_at")
    published_sql, published_params = published.query.sql_with_params()
    sets, params = (
        [
            "found AS MATERIALIZED (SELECT article_id, head FROM articles_searchdocument"
            " WHERE vector @@ plainto_tsquery(%s::regconfig, %s)"
        ],
        [SEARCH_CONFIG],
    )
    params.append(" ".join(query.words))
    for phrase in query.phrases:
        sets[0] += " AND pairs @@ %s::tsquery AND vector @@ phraseto_tsquery(%s::regconfig, %s)"
        params += [_lexemes(" ".join(pair) for pair in pairs_of(phrase)), SEARCH_CONFIG]
        params.append(" ".join(phrase))
    sets[0] += ")"
    exact, together = [], []
    for number, word in enumerate(query.marked):
        sets.append(
            f"exact_{number} AS MATERIALIZED (SELECT article_id FROM articles_searchdocument"  # noqa: S608
            " WHERE exact @@ plainto_tsquery(%s::regconfig, %s))"
        )
        params += [EXACT_CONFIG, word]
        exact.append(f"(found.article_id IN (SELECT article_id FROM exact_{number}))::int")  # noqa: S608
    for number, pair in enumerate(query.pairs):
        sets.append(
            f"pair_{number} AS MATERIALIZED (SELECT article_id FROM articles_searchdocument"  # noqa: S608
            " WHERE pairs @@ %s::tsquery)"
        )
        params.append(_lexemes([" ".join(pair)]))
        together.append(f"(found.article_id IN (SELECT article_id FROM pair_{number}))::int")  # noqa: S608
    place, place_params = [], []
    for word in query.words:
        place.append(
            "CASE WHEN found.head @@ to_tsquery(%s::regconfig, %s) THEN %s"
            " WHEN found.head @@ to_tsquery(%s::regconfig, %s) THEN %s ELSE %s END"
        )
        # ``word`` is letters and digits only: nothing in it is tsquery syntax.
        place_params += [SEARCH_CONFIG, f"{word}:A", TITLE_WEIGHT]
        place_params += [SEARCH_CONFIG, f"{word}:B", LEAD_WEIGHT, BODY_WEIGHT]
    order = "".join(" + ".join(key) + " DESC," for key in (exact, together, place) if key)
    statement = (
        # Every name is ours or the ORM's; every value is a parameter.
        f"WITH {', '.join(sets)} "  # noqa: S608
        f"SELECT found.article_id, count(*) OVER () FROM found"
        f" JOIN ({published_sql}) AS published ON published.id = found.article_id"
        f" ORDER BY {order} published.published_at DESC, found.article_id DESC"
        f" LIMIT %s OFFSET %s"
    )
    params += [*published_params, *place_params, stop - start, start]
    using = published.db
    with connections[using].cursor() as cursor:
        # One string: outside a transaction the two run as one, so the setting ends with it
        # (inside one, it lasts until that transaction ends).
        cursor.execute("SET LOCAL enable_seqscan = off; " + statement, params)
        return cursor.fetchall()


def _lexemes(lexemes) -> str:
    # Words are letters and digits only, so quoting needs no escaping.
    return " & ".join(f"'{lexeme}'" for lexeme in lexemes)


def search(query: Query, window: tuple[int, int] = (0, 20)) -> Results:
    """Published articles holding every word of ``query``, all of them ranked, best first."""
    return Results(query, window)
