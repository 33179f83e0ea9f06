"""What a results page shows of each article: the words a reader would accept as typed,
highlighted in its title and in an excerpt of its lead or body."""

import functools
import itertools
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from articles.search_query import Query
from articles.text import WORD, exact_spans, fold_accents, plain_text, word_forms


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
