"""What a results page shows of each article: the words a reader would accept as typed,
highlighted in its title and in an excerpt of its lead or body.

The body's plain text is stored with the search document (``body_text``), so a results page
never parses an article's HTML; and the text is never folded to find the words: the query's
folded words are turned into a pattern whose every letter accepts each marked form of it
(``nong`` matches ``Nông``, ``nòng``, ``NONG``), run over the text as written.
"""

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


def body_text(html: str) -> str:
    """The body's words as an excerpt shows them: its plain text on one line."""
    return " ".join(plain_text(html).split())


def snippet(article: Article, words, size: int = 40, body: str | None = None) -> SafeString:
    """About ``size`` words of the lead or body around the first accepted word, highlighted.

    ``body`` is the body's stored plain text (``body_text``); without it the HTML is read.
    Only the words up to the first match and ``size`` after it are looked at (a body has
    some 750 words, a results page twenty bodies): candidates are found with one regular
    expression, and only the excerpt is looked at word by word.
    """
    query = _as_query(words)
    lead = " ".join(article.lead.split())
    text, first = lead, first_match(lead, query)
    if first is None:
        body = body_text(article.body) if body is None else body
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
    if _OTHER_LETTER.search(text) or not all(map(_FORMS.__contains__, "".join(query.words))):
        # A letter outside the Latin alphabets (or a loose combining mark): fold word by word.
        return next((start for start, _, e, f in exact_spans(text) if query.accepts(e, f)), None)
    for found in _words_pattern(frozenset(query.words)).finditer(text):
        if query.accepts(*word_forms(found.group())):
            return found.start()
    return None


def _letter_forms() -> dict[str, str]:
    # Each folded letter and every Latin letter (any case, any mark) that folds to it alone.
    forms: dict[str, list[str]] = {}
    for first, last in _LATIN:
        for char in map(chr, range(first, last + 1)):
            folded = fold_accents(char).lower()
            if len(folded) == 1:
                forms.setdefault(folded, []).append(char)
    return {folded: "".join(chars) for folded, chars in forms.items()}


# ASCII, Latin-1 and Latin Extended A and B, Latin Extended Additional (Vietnamese letters).
_LATIN = ((0x20, 0x7E), (0xC0, 0x24F), (0x1E00, 0x1EFF))
_FORMS = _letter_forms()
# A letter or digit outside those ranges, or a loose combining mark: punctuation, spaces and
# symbols (quotes, dashes, "…") are outside words and need no folding.
_OTHER_LETTER = re.compile(
    "[\u0300-\u036f]|(?=[^\\W_])[^"
    + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _LATIN)
    + "]"
)


@functools.lru_cache(maxsize=256)
def _words_pattern(wanted: frozenset[str]) -> re.Pattern:
    """Any of ``wanted`` (folded words) as a whole word of a text as written, marks and
    capitals allowed on every letter (a word being a run of letters and digits)."""
    alternatives = "|".join(
        "".join(f"[{re.escape(_FORMS[letter])}]" for letter in word)
        for word in sorted(wanted, key=len, reverse=True)
    )
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")
