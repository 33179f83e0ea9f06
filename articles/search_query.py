"""A reader's query as search reads it: folded words, the words typed with marks, the
neighbouring pairs and the quoted phrases (``articles.search`` asks, ``search_display``
highlights)."""

import functools
import re
import unicodedata
from dataclasses import dataclass

from articles.search_index import pairs_of
from articles.text import exact_words, fold_accents, has_marks

# What a reader may reasonably type; longer input is cut, not refused.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
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
