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
import itertools
import operator
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, Count, FloatField, IntegerField, Q, Value, When, Window
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, SearchDocument
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
from articles.text import (
    WORD,
    exact_spans,
    exact_words,
    fold_accents,
    has_marks,
    plain_text,
    word_forms,
)

# What a reader may reasonably type; longer input is cut, not refused.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# Where a word stands: the title, the lead, the body (ts_rank's defaults for A, B and C).
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 1.0, 0.4, 0.2
# Straight and curly double quotes: phones type the curly ones.
_QUOTED = re.compile(r"[\"“”„]([^\"“”„]*)[\"“”„]")


@dataclass(frozen=True)
class Query:
    """A reader's query, cleaned: the text to show back and what to look for.

    ``words``: every folded word, once; ``marked``: the exact forms of the words typed with
    marks; ``pairs``: folded neighbours as typed; ``phrases``: the quoted parts, folded.
    """

    text: str
    words: tuple[str, ...]
    shortened: bool = False
    marked: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.words)

    def accepts(self, exact: str, folded: str) -> bool:
        """Whether a word of an article (exact and folded forms) is a word the reader typed:
        the same letters and marks for a word typed with marks, any marks for one without."""
        return exact in self.marked or folded in self._unmarked

    @functools.cached_property
    def _unmarked(self) -> frozenset[str]:
        marked_folded = {fold_accents(word) for word in self.marked}
        typed_plain = {fold_accents(word) for word in self._typed if not has_marks(word)}
        return frozenset((set(self.words) - marked_folded) | typed_plain)

    @functools.cached_property
    def _typed(self) -> tuple[str, ...]:
        return tuple(exact_words(self.text))


def parse_query(raw: str | None) -> Query:
    """Clean a query as typed: NFC, trimmed, at most ``MAX_QUERY_LENGTH`` characters."""
    text = " ".join(unicodedata.normalize("NFC", raw or "").split())
    shortened = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    typed = exact_words(text)[:MAX_WORDS]
    shortened = shortened or len(exact_words(text)) > MAX_WORDS
    folded = [fold_accents(word) for word in typed]
    phrases = tuple(
        tuple(words)
        for part in _QUOTED.findall(text)
        if len(words := [fold_accents(word) for word in exact_words(part)]) > 1
    )
    return Query(
        text=text,
        words=tuple(dict.fromkeys(folded)),
        shortened=shortened,
        marked=tuple(dict.fromkeys(word for word in typed if has_marks(word))),
        pairs=tuple(dict.fromkeys(pairs_of(folded))),
        phrases=phrases,
    )


def uses_postgres() -> bool:
    """Whether the full-text backend is available (the default database is PostgreSQL)."""
    return connection.vendor == "postgresql"


# --- Asking -------------------------------------------------------------------------------------


class Lexemes(SearchQuery):
    """A tsquery of lexemes as stored (``'an toan' & 'toan giao'``), not parsed again."""

    template = "%(expressions)s::tsquery"

    def __init__(self, *lexemes: str):
        # Words are letters and digits only, so quoting needs no escaping.
        super().__init__(" & ".join(f"'{lexeme}'" for lexeme in lexemes))


def _sum(expressions, output_field):
    if not expressions:
        return Value(0, output_field=output_field)
    return functools.reduce(operator.add, expressions)


def _documents_with(**lookup):
    return SearchDocument.objects.filter(**lookup).values("article_id")


def _postgres_matches(query: Query):
    articles = Article.objects.published().filter(
        search_document__vector=SearchQuery(
            " ".join(query.words), search_type="plain", config=SEARCH_CONFIG
        )
    )
    for phrase in query.phrases:
        articles = articles.filter(
            search_document__pairs=Lexemes(*(" ".join(pair) for pair in pairs_of(phrase))),
            search_document__vector=SearchQuery(
                " ".join(phrase), search_type="phrase", config=SEARCH_CONFIG
            ),
        )
    # Sets the GIN indexes give (hashed once per search), so no document is read for them.
    exact = [
        When(pk__in=_documents_with(exact=SearchQuery(word, config=EXACT_CONFIG)), then=1)
        for word in query.marked
    ]
    together = [
        When(pk__in=_documents_with(pairs=Lexemes(" ".join(pair))), then=1) for pair in query.pairs
    ]
    place = [
        Case(
            When(search_document__head=_weighted(word, "A"), then=Value(TITLE_WEIGHT)),
            When(search_document__head=_weighted(word, "B"), then=Value(LEAD_WEIGHT)),
            default=Value(BODY_WEIGHT),
            output_field=FloatField(),
        )
        for word in query.words
    ]
    return articles, exact, together, place


def _weighted(word: str, weight: str) -> SearchQuery:
    # ``word`` is letters and digits only: nothing in it is tsquery syntax.
    return SearchQuery(f"{word}:{weight}", search_type="raw", config=SEARCH_CONFIG)


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


def ranked(query: Query):
    """The published articles matching ``query``, annotated with ``exact``, ``together`` and
    ``place`` and ordered by them, then newest first (see the module's docstring)."""
    matches = _postgres_matches if uses_postgres() else _fallback_matches
    articles, exact, together, place = matches(query)
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
            rows = list(
                ranked(self.query)
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
        if self._count is None:  # the window was past the end: count them
            self._count = ranked(self.query).count()
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


def search(query: Query, window: tuple[int, int] = (0, 20)) -> Results:
    """Published articles holding every word of ``query``, all of them ranked, best first."""
    return Results(query, window)


# --- Showing ----------------------------------------------------------------------------------


def _as_query(words) -> Query:
    # Callers may pass folded words alone: each then accepts any marks.
    return words if isinstance(words, Query) else Query(text="", words=tuple(words))


def highlight(text: str, words) -> SafeString:
    """``text`` escaped, with every word the reader would accept as typed in ``<mark>``."""
    query, out, position = _as_query(words), [], 0
    for start, end, exact, folded in exact_spans(text):
        if query.accepts(exact, folded):
            out += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
            position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def snippet(article: Article, words, size: int = 40) -> SafeString:
    """About ``size`` words of the lead or body around the first accepted word, highlighted.

    Only the words up to the first match and ``size`` after it are looked at (a body has
    some 750 words, a results page twenty bodies): candidates are found in the folded text
    with one regular expression, and only the excerpt is looked at word by word.
    """
    query = _as_query(words)
    lead = " ".join(article.lead.split())
    text, first = lead, first_match(lead, query)
    if first is None:
        body = " ".join(plain_text(article.body).split())
        if body:
            text, first = body, first_match(body, query)
    match_at = first or 0
    before = [found.start() for found in WORD.finditer(text, 0, match_at)]
    after = list(itertools.islice(WORD.finditer(text, match_at), size + 1))
    if not before and not after:
        return highlight(text, query)
    # The match a quarter of the way in, or further when the text ends before the excerpt.
    taken = min(len(before), max(size // 4, size - len(after)))
    if taken == len(before):  # the excerpt starts with the text
        begin = 0
    elif taken:
        begin = before[-taken]
    else:
        begin = match_at
    used = size - taken
    finish = after[used - 1].end() if len(after) > used else len(text)
    shown = highlight(text[begin:finish], query)
    return mark_safe(("… " if begin else "") + shown + (" …" if finish < len(text) else ""))  # noqa: S308


def first_match(text: str, words) -> int | None:
    """Where the first word of ``text`` the reader would accept as typed starts, if any."""
    query = _as_query(words)
    if not query.words:
        return None
    folded = fold_accents(text).lower()
    if len(folded) != len(text):  # a letter folded to several: positions do not carry over
        return next((start for start, _, e, f in exact_spans(text) if query.accepts(e, f)), None)
    for found in _words_pattern(frozenset(query.words)).finditer(folded):
        if query.accepts(*word_forms(text[found.start() : found.end()])):
            return found.start()
    return None


@functools.lru_cache(maxsize=256)
def _words_pattern(wanted: frozenset[str]) -> re.Pattern:
    """Any of ``wanted`` as a whole word (a word being a run of letters and digits)."""
    alternatives = "|".join(map(re.escape, sorted(wanted, key=len, reverse=True)))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
