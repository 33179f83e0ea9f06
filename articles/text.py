"""Vietnamese text rules: accent folding, slugs, search words and abbreviations.

Django's own ``slugify`` decomposes letters and drops what is not ASCII, which loses ``đ``
entirely (``Đoàn`` becomes ``oan``). Here ``đ`` and ``Đ`` are mapped to ``d`` first.
"""

import functools
import html
import re
import unicodedata
from html.parser import HTMLParser

from django.db.models import Model
from django.utils.text import slugify

# Letters that Unicode does not decompose into a base letter and a combining mark.
_NON_DECOMPOSING = str.maketrans({"đ": "d", "Đ": "D"})
_COMBINING_MARK = re.compile(r"[\u0300-\u036f]")


def fold_accents(text: str) -> str:
    """Return the text without Vietnamese diacritics: ``Hội Nông dân`` → ``Hoi Nong dan``."""
    decomposed = unicodedata.normalize("NFD", text.translate(_NON_DECOMPOSING))
    return unicodedata.normalize("NFC", _COMBINING_MARK.sub("", decomposed))


def slugify_vi(text: str, max_length: int = 0) -> str:
    """Make a URL slug from Vietnamese text: ``Đoàn Thanh niên`` → ``doan-thanh-nien``.

    With ``max_length`` the slug is cut at a word boundary where one is near.
    """
    slug = slugify(fold_accents(unicodedata.normalize("NFC", text or "")))
    if max_length and len(slug) > max_length:
        cut = slug[:max_length]
        boundary = cut.rfind("-")
        slug = cut[:boundary] if boundary > max_length // 2 else cut
    return slug.strip("-")


def unique_slug(instance: Model, text: str, field_name: str = "slug", fallback: str = "") -> str:
    """A slug for ``instance`` made from ``text``, unique in its table: a clash gets -2, -3…

    ``fallback`` is used when the text yields no slug at all (only symbols, say).
    """
    model = type(instance)
    max_length = model._meta.get_field(field_name).max_length or 50
    # Leave room for the numeric suffix so that a long slug stays within the column.
    base = slugify_vi(text, max_length=max_length - 6) or fallback or model._meta.model_name
    others = model._default_manager.all()
    if instance.pk is not None:
        others = others.exclude(pk=instance.pk)
    taken = set(
        others.filter(**{f"{field_name}__startswith": base}).values_list(field_name, flat=True)
    )
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


# --- Plain text, search words and abbreviations -------------------------------------------

# Elements whose end separates words even when the HTML has no space between them.
_BLOCK_TAGS = {
    "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "figure", "figcaption", "table", "tr", "td", "th", "caption", "hr", "img",
}  # fmt: skip
# A search word is a run of letters and digits; punctuation, hyphens and slashes split words.
# A word: letters and digits in any script (Vietnamese letters included), no underscore.
WORD = re.compile(r"[^\W_]+")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def plain_text(html: str) -> str:
    """The readable text of an HTML fragment, one line per block, entities decoded."""
    collector = _TextCollector()
    collector.feed(html or "")
    collector.close()
    lines = (" ".join(line.split()) for line in "".join(collector.parts).splitlines())
    return "\n".join(line for line in lines if line)


# Tone marks, and an old-style placement: on the second vowel of an open "oa", "oe" or "uy"
# ("hoà", "khoẻ", "uỷ"), where the new style puts it on the first ("hòa", "khỏe", "ủy"). Not
# after "q", whose "u" belongs to the consonant ("quý" has one placement only).
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_OLD_STYLE_TONE = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![^\W_]|[\u0300-\u036f])")


def normalise_tones(text: str) -> str:
    """NFC text with every tone mark where the new style puts it: ``hoà`` → ``hòa``,
    ``Uỷ ban`` → ``Ủy ban``; ``quý``, ``hoàn`` and ``khuỷu`` are left as they are."""
    decomposed = unicodedata.normalize("NFD", text or "")
    return unicodedata.normalize("NFC", _OLD_STYLE_TONE.sub(r"\1\3\2", decomposed))


def exact_words(text: str) -> list[str]:
    """The words of ``text`` as typed, marks kept: NFC, tones placed one way, lower case.

    ``Hoà``, ``HÒA`` and ``hòa`` (NFC or NFD) give ``hòa``; ``hoa`` stays ``hoa``.
    """
    return WORD.findall(normalise_tones(text).lower())


def has_marks(word: str) -> bool:
    """Whether a word carries a Vietnamese mark (``đ`` included): ``cá`` yes, ``ca`` no."""
    return fold_accents(word) != word


def search_words(text: str) -> list[str]:
    """The words of ``text`` as search compares them: NFC, without accents, lower case.

    ``HỘI NÔNG DÂN``, ``Hội Nông dân`` (NFC or NFD) and ``hoi nong dan`` give the same words.
    """
    return WORD.findall(fold_accents(unicodedata.normalize("NFC", text or "")).lower())


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """Each word of ``text`` as (start, end, folded word), for highlighting the original."""
    return [
        (match.start(), match.end(), _folded_word(match.group())) for match in WORD.finditer(text)
    ]


@functools.lru_cache(maxsize=50_000)
def _folded_word(word: str) -> str:
    # A search page folds the words of twenty bodies; news reuses few thousand words.
    return fold_accents(word).lower()


def exact_spans(text: str) -> list[tuple[int, int, str, str]]:
    """Each word of ``text`` as (start, end, exact word, folded word), for highlighting."""
    return [
        (match.start(), match.end(), *word_forms(match.group())) for match in WORD.finditer(text)
    ]


@functools.lru_cache(maxsize=50_000)
def word_forms(word: str) -> tuple[str, str]:
    """A word's exact form (marks kept, lower case, tones placed one way) and folded form."""
    exact = normalise_tones(word).lower()
    return exact, fold_accents(exact)


# Inside these the text is left exactly as written: a link's words, an existing abbreviation.
_UNTOUCHED = {"a", "abbr", "script", "style", "code", "pre"}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr",
}  # fmt: skip


class _AbbreviationMarker(HTMLParser):
    def __init__(self, glossary: dict[str, str], pattern: re.Pattern, seen: set[str]):
        super().__init__(convert_charrefs=True)
        self.glossary, self.pattern, self.seen = glossary, pattern, seen
        self.out: list[str] = []
        self.untouched: list[str] = []  # the open elements whose text is left alone
        self.abbr_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag in _UNTOUCHED:
            self.untouched.append(tag)
            if tag == "abbr":
                self.abbr_text = []

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        self.out.append(f"</{tag}>")
        if tag in self.untouched:
            while self.untouched and self.untouched.pop() != tag:
                pass
            if tag == "abbr":
                # The writer explained this one already: later uses need no second title.
                written = "".join(self.abbr_text).strip()
                if written in self.glossary:
                    self.seen.add(written)

    def handle_data(self, data):
        if self.untouched:
            if self.untouched[-1] == "abbr":
                self.abbr_text.append(data)
            self.out.append(html.escape(data, quote=False))
            return
        position = 0
        for match in self.pattern.finditer(data):
            short_form = match.group()
            if short_form in self.seen:
                continue
            self.seen.add(short_form)
            self.out.append(html.escape(data[position : match.start()], quote=False))
            self.out.append(
                f'<abbr title="{html.escape(self.glossary[short_form])}">'
                f"{html.escape(short_form, quote=False)}</abbr>"
            )
            position = match.end()
        self.out.append(html.escape(data[position:], quote=False))

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")


def abbreviation_pattern(glossary: dict[str, str]) -> re.Pattern | None:
    """A pattern that finds any short form of ``glossary`` as a whole word, longest first."""
    if not glossary:
        return None
    forms = sorted(glossary, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


def mark_abbreviations(
    fragment: str, glossary: dict[str, str], seen: set[str] | None = None
) -> str:
    """Wrap the first use of each glossary short form in ``<abbr title="…">``.

    ``fragment`` is HTML (escape plain text first). Text inside links, existing ``<abbr>``
    and code is left as it is, and attributes are never touched. Pass the same ``seen`` set
    to several fragments (the lead, then the body) so that only the first use overall is
    marked.
    """
    seen = set() if seen is None else seen
    pattern = abbreviation_pattern(glossary)
    if pattern is None or not fragment:
        return fragment or ""
    marker = _AbbreviationMarker(glossary, pattern, seen)
    marker.feed(unicodedata.normalize("NFC", fragment))
    marker.close()
    return "".join(marker.out)
