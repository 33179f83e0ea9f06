"""Finding published articles by their words, typed with or without Vietnamese diacritics.

Two backends answer the same questions the same way:

- PostgreSQL: each article's ``SearchDocument.vector`` is a tsvector (title weight A, lead B,
  body C) built with the ``newsroom_vi`` text search configuration, which folds accents with
  ``unaccent`` (the migration ``search_document`` makes it), indexed with GIN and ranked with
  ``ts_rank``.
- Any other database (SQLite for the demo): ``SearchDocument.text`` holds the folded words, one
  line each for title, lead and body, matched whole-word and ranked with the same weights.

Both split words the same way (``articles.text.search_words``: letters and digits, punctuation
splits), so ``Covid-19`` or ``3/3`` find the same articles everywhere. Snippets and highlights
are made in Python from the page's own articles, so both backends show the same thing and
stored HTML is never cut in the middle of a tag.
"""

import functools
import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, SearchDocument
from articles.text import WORD, fold_accents, plain_text, search_words, word_spans

SEARCH_CONFIG = "newsroom_vi"
# What a reader may reasonably type; longer input is cut, not refused.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
# ts_rank's default weights for A, B and C, used by the fallback too.
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 1.0, 0.4, 0.2
INDEXED_FIELDS = frozenset({"title", "lead", "body"})
# How many of the newest matches a search ranks (see ``search``).
RANKED_MATCHES = 100


@dataclass(frozen=True)
class Query:
    """A reader's query, cleaned: the text to show back and the folded words to look for."""

    text: str
    words: tuple[str, ...]
    shortened: bool = False

    def __bool__(self) -> bool:
        return bool(self.words)


def parse_query(raw: str | None) -> Query:
    """Clean a query as typed: NFC, trimmed, at most ``MAX_QUERY_LENGTH`` characters."""
    text = " ".join(unicodedata.normalize("NFC", raw or "").split())
    shortened = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    words = list(dict.fromkeys(search_words(text)))
    shortened = shortened or len(words) > MAX_WORDS
    return Query(text=text, words=tuple(words[:MAX_WORDS]), shortened=shortened)


def uses_postgres() -> bool:
    """Whether the full-text backend is available (the default database is PostgreSQL)."""
    return connection.vendor == "postgresql"


# --- Keeping the index current ---------------------------------------------------------------


def _spaced(text: str) -> str:
    """The text's words separated by spaces, accents kept, so PostgreSQL splits as we do."""
    return " ".join(WORD.findall(unicodedata.normalize("NFC", text)))


def document_values(title: str, lead: str, body: str, vendor: str) -> dict:
    """The ``SearchDocument`` column values for an article's title, lead and HTML body."""
    parts = (title or "", lead or "", plain_text(body or ""))
    if vendor == "postgresql":
        title_text, lead_text, body_text = (_spaced(part) for part in parts)
        vector = (
            SearchVector(Value(title_text, TextField()), weight="A", config=SEARCH_CONFIG)
            + SearchVector(Value(lead_text, TextField()), weight="B", config=SEARCH_CONFIG)
            + SearchVector(Value(body_text, TextField()), weight="C", config=SEARCH_CONFIG)
        )
        return {"vector": vector, "text": ""}
    return {"vector": None, "text": _folded_lines(parts)}


def _folded_lines(parts) -> str:
    # One line per part, each word between spaces, so " word " matches whole words only.
    return "\n".join(" " + " ".join(search_words(part)) + " " for part in parts)


def index_article(article: Article) -> None:
    """Store the article's current words in its search document."""
    values = document_values(article.title, article.lead, article.body, connection.vendor)
    if SearchDocument.objects.filter(article_id=article.pk).update(**values):
        return
    try:
        with transaction.atomic():
            SearchDocument.objects.create(article_id=article.pk, **values)
    except IntegrityError:
        # Another save made the document between our update and insert: update it.
        SearchDocument.objects.filter(article_id=article.pk).update(**values)


def reindex_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """``post_save`` receiver: reindex when the title, lead or body may have changed."""
    if raw:
        return
    if update_fields is not None and not INDEXED_FIELDS & set(update_fields):
        return
    index_article(instance)


# The same vector as ``document_values`` builds, for many articles in one statement.
_BULK_UPSERT = """
    INSERT INTO articles_searchdocument (article_id, vector, text)
    SELECT part.id,
           setweight(to_tsvector(%(config)s::regconfig, part.title), 'A')
           || setweight(to_tsvector(%(config)s::regconfig, part.lead), 'B')
           || setweight(to_tsvector(%(config)s::regconfig, part.body), 'C'),
           ''
    FROM unnest(%(ids)s::bigint[], %(titles)s::text[], %(leads)s::text[], %(bodies)s::text[])
         AS part(id, title, lead, body)
    ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector, text = EXCLUDED.text
"""


def index_in_bulk(articles) -> int:
    """Store the words of many articles at once: ``articles`` yields (pk, title, lead, HTML
    body). On PostgreSQL one set-based statement builds every vector; elsewhere one bulk
    upsert. Returns how many articles were indexed."""
    rows = [
        (pk, title or "", lead or "", plain_text(body or "")) for pk, title, lead, body in articles
    ]
    if not rows:
        return 0
    if uses_postgres():
        ids, *texts = zip(*rows, strict=True)
        titles, leads, bodies = ([_spaced(text) for text in column] for column in texts)
        with connection.cursor() as cursor:
            cursor.execute(
                _BULK_UPSERT,
                {
                    "config": SEARCH_CONFIG,
                    "ids": list(ids),
                    "titles": titles,
                    "leads": leads,
                    "bodies": bodies,
                },
            )
        return len(rows)
    documents = [SearchDocument(article_id=pk, text=_folded_lines(parts)) for pk, *parts in rows]
    SearchDocument.objects.bulk_create(
        documents, update_conflicts=True, unique_fields=["article"], update_fields=["text"]
    )
    return len(rows)


def rebuild_index(batch_size: int = 500) -> int:
    """Reindex every article (after a bulk import, say); return how many were indexed."""
    articles = Article.objects.order_by("pk").values_list("pk", "title", "lead", "body")
    count, batch = 0, []
    for row in articles.iterator(chunk_size=batch_size):
        batch.append(row)
        if len(batch) == batch_size:
            count += index_in_bulk(batch)
            batch = []
    return count + index_in_bulk(batch)


# --- Asking -------------------------------------------------------------------------------------


class Results(Sequence):
    """The articles a search found, best first; a slice fetches those articles (one query).

    ``more`` says whether older articles matched too, beyond the ones ranked.
    """

    def __init__(self, ids: list[int], more: bool = False):
        self.ids, self.more = ids, more

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        wanted = self.ids[index]
        found = (
            Article.objects.published().select_related("category", "featured_photo").in_bulk(wanted)
        )
        return [found[pk] for pk in wanted if pk in found]


def search(query: Query) -> Results:
    """Published articles holding every word of ``query``: the newest ``RANKED_MATCHES`` of
    them, best match first.

    A word found in most of a large archive would otherwise have every one of its articles
    ranked on every search (seconds at 100,000 articles). Going newest first, the database
    stops after ``RANKED_MATCHES`` matches whatever the archive's size, and a reader of news
    is best served by the most recent; more words find older articles. One query.
    """
    if not query:
        return Results([])
    articles = Article.objects.published()
    if uses_postgres():
        ts_query = SearchQuery(" ".join(query.words), search_type="plain", config=SEARCH_CONFIG)
        rank = SearchRank(F("search_document__vector"), ts_query)
        articles = articles.filter(search_document__vector=ts_query)
    else:
        articles = articles.filter(
            Q(*(Q(search_document__text__contains=f" {word} ") for word in query.words))
        )
        rank = sum(_fallback_weight(word) for word in query.words)
    newest = list(
        articles.newest_first()
        .annotate(rank=rank)
        .values_list("pk", "rank", "published_at")[: RANKED_MATCHES + 1]
    )
    # Newest first already: the stable sort keeps that order among equal ranks.
    ranked = sorted(newest[:RANKED_MATCHES], key=lambda row: -row[1])
    return Results([pk for pk, _, _ in ranked], more=len(newest) > RANKED_MATCHES)


def _fallback_weight(word: str) -> Case:
    escaped = re.escape(word)
    return Case(
        When(search_document__text__regex=rf"^[^\n]* {escaped} ", then=Value(TITLE_WEIGHT)),
        When(search_document__text__regex=rf"^[^\n]*\n[^\n]* {escaped} ", then=Value(LEAD_WEIGHT)),
        default=Value(BODY_WEIGHT),
        output_field=FloatField(),
    )


# --- Showing ----------------------------------------------------------------------------------


def highlight(text: str, words: tuple[str, ...]) -> SafeString:
    """``text`` escaped, with every word of the query (folded) wrapped in ``<mark>``."""
    wanted, out, position = set(words), [], 0
    for start, end, folded in word_spans(text):
        if folded in wanted:
            out += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
            position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text above is escaped


def snippet(article: Article, words: tuple[str, ...], size: int = 40) -> SafeString:
    """About ``size`` words of the lead or body around the first match, highlighted.

    Only the words up to the first match and ``size`` after it are looked at (a body has
    some 750 words, a results page twenty bodies): the match is found in the folded text
    with one regular expression, and only the excerpt is folded word by word to highlight.
    """
    wanted = set(words)
    lead = " ".join(article.lead.split())
    text, first = lead, first_match(lead, wanted)
    if first is None:
        body = " ".join(plain_text(article.body).split())
        if body:
            text, first = body, first_match(body, wanted)
    match_at = first or 0
    before = [found.start() for found in WORD.finditer(text, 0, match_at)]
    after = list(itertools.islice(WORD.finditer(text, match_at), size + 1))
    if not before and not after:
        return highlight(text, words)
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
    shown = highlight(text[begin:finish], words)
    return mark_safe(("… " if begin else "") + shown + (" …" if finish < len(text) else ""))  # noqa: S308


def first_match(text: str, wanted: set[str]) -> int | None:
    """Where the first word of ``text`` that folds to one of ``wanted`` starts, if any."""
    if not wanted:
        return None
    folded = fold_accents(text).lower()
    if len(folded) == len(text):  # each letter folded to one letter: positions carry over
        found = _words_pattern(frozenset(wanted)).search(folded)
        return found.start() if found else None
    return next((start for start, _, word in word_spans(text) if word in wanted), None)


@functools.lru_cache(maxsize=256)
def _words_pattern(wanted: frozenset[str]) -> re.Pattern:
    """Any of ``wanted`` as a whole word (a word being a run of letters and digits)."""
    alternatives = "|".join(map(re.escape, sorted(wanted, key=len, reverse=True)))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
