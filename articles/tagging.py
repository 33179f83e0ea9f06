"""Automatic organisation tags: which of the city's organisations a text is about.

An organisation is found by its name, short name or any alias (``Organisation.alias_list``),
matched as whole words. Abbreviations match letter for letter, so ``CCB`` is not found inside
``UBCCB`` or in ``ccb``; names match in any case (``Hội phụ nữ`` is ``Hội Phụ nữ``).
"""

import re
from collections.abc import Iterable

from articles.models import Organisation
from articles.text import normalise_tones

# "Uỷ ban" and "Ủy ban", "hoà" and "hòa" are the same words with the tone mark on another
# vowel: names and texts are put in one form (``articles.text``'s rule) before comparing.


def _term_pattern(term: str) -> re.Pattern:
    words = normalise_tones(term).split()
    # An abbreviation (two capitals or more: CCB, LĐLĐ, Hội LHPN) must match letter for letter.
    abbreviation = any(sum(char.isupper() for char in word) >= 2 for word in words)
    body = r"\s+".join(map(re.escape, words))
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if abbreviation else re.IGNORECASE)


def find_organisations(
    text: str, organisations: Iterable[Organisation] | None = None
) -> list[Organisation]:
    """The organisations whose name, short name or an alias appears in ``text`` as whole words."""
    text = normalise_tones(text)
    if organisations is None:
        organisations = Organisation.objects.all()
    found = []
    for organisation in organisations:
        terms = {organisation.name, organisation.short_name, *organisation.alias_list}
        if any(_term_pattern(term).search(text) for term in terms if term.strip()):
            found.append(organisation)
    return found
