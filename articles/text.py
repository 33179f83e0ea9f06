"""Vietnamese text rules: accent folding and slugs.

Django's own ``slugify`` decomposes letters and drops what is not ASCII, which loses ``đ``
entirely (``Đoàn`` becomes ``oan``). Here ``đ`` and ``Đ`` are mapped to ``d`` first.
"""

import re
import unicodedata

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
