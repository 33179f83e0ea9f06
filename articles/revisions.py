"""Revisions: a frozen copy of an article at every save, a readable diff, and restore.

Nothing is ever lost: a restore writes the old content back and records it as a new revision.
"""

import difflib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.db import transaction
from django.db.models import F, Max
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, Author, Category, Organisation, Revision, Tag
from photos.models import Photo

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|figure|figcaption|blockquote|tr)>|<br\s*/?>", re.I)
_WORD = re.compile(r"\s+|[^\s]+")


def named(obj) -> dict | None:
    return {"id": obj.pk, "name": str(obj)} if obj is not None else None


def snapshot(article: Article) -> dict:
    """The editable content of ``article`` as plain data, names kept for a readable diff."""
    return {
        "title": article.title,
        "slug": article.slug,
        "lead": article.lead,
        "body": article.body,
        "source": article.source,
        "category": named(article.category),
        "featured_photo": named(article.featured_photo),
        "authors": [named(author) for author in article.byline],
        "organisations": [named(item) for item in article.organisations.order_by("pk")],
        "tags": [named(item) for item in article.tags.order_by("pk")],
    }


def record(article: Article, *, user, reason: str = "", content: dict | None = None) -> Revision:
    """Save the article's current content (or ``content``, a pending version's) as its next
    revision."""
    with transaction.atomic():
        last = article.revisions.aggregate(last=Max("number"))["last"] or 0
        return Revision.objects.create(
            article=article,
            number=last + 1,
            content=snapshot(article) if content is None else content,
            reason=reason[:255],
            created_by=user,
        )


def record_if_changed(article: Article, *, user, reason: str = "") -> Revision | None:
    """Record a revision only when the content differs from the latest one (as a reader sees
    it); None when nothing changed."""
    latest = article.revisions.order_by("-number").first()
    content = snapshot(article)
    if latest is not None and _comparable(latest.content) == _comparable(content):
        return None
    return record(article, user=user, reason=reason)


# --- Who changed the content last ----------------------------------------------------------


class _Shape(HTMLParser):
    """An HTML text as its tags, sorted attributes and words: the same for the same content
    however it is spaced, quoted or ordered (CKEditor rewrites a body it merely displays)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tokens: list = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tokens.append((tag, tuple(sorted((name, value or "") for name, value in attrs))))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.tokens.append(("/", tag))

    def handle_data(self, data):
        text = " ".join(data.split())  # \s and no-break spaces alike
        if text:
            self.tokens.append(text)


def same_html(a: str, b: str) -> bool:
    """Whether two HTML texts hold the same content, however spaced, quoted or ordered."""
    return _Shape(a or "").tokens == _Shape(b or "").tokens


def _ids(value):
    if isinstance(value, dict):
        return value.get("id")
    if isinstance(value, list):
        return [_ids(item) for item in value]
    return value


def _comparable(content: dict):
    """What a reader would see of a snapshot: text without spacing differences, the body's
    shape, related objects by id (a renamed author is not an edit of the article)."""
    return (
        " ".join(str(content.get("title", "")).split()),
        content.get("slug"),
        " ".join(str(content.get("lead", "")).split()),
        _Shape(str(content.get("body", ""))).tokens,
        " ".join(str(content.get("source", "")).split()),
        [_ids(content.get(key)) for key in RELATED_KEYS],
    )


RELATED_KEYS = ("category", "featured_photo", "authors", "organisations", "tags")


def last_editor_id(article: Article, batch: int = 10) -> int | None:
    """The id of the user who last changed the article's content, or None if nobody did
    since its first revision.

    A transition, or a save that changed nothing, records a revision equal to the one before;
    the revision that counts is the newest one that differs from its predecessor. The first
    revision is the writer's (who created the article, a matter for ``workflow.is_owner``), or,
    for an article older than revisions, a copy of what it already held. Revisions are read
    newest first, a few at a time, until the change is found.
    """
    newer = None  # (comparable content, saved by) of the revision after the one being read
    start = 0
    while True:
        rows = list(
            article.revisions.order_by("-number").values_list("content", "created_by_id")[
                start : start + batch
            ]
        )
        for content, saved_by in rows:
            current = _comparable(content)
            if newer is not None and current != newer[0]:
                return newer[1]
            newer = (current, saved_by)
        if len(rows) < batch:
            return None
        start += batch


@transaction.atomic
def restore(article: Article, revision: Revision, *, user) -> tuple[Revision, list[str]]:
    """Write ``revision``'s content back into the article; return the new revision and warnings.

    Things deleted since (an author, a photo) cannot come back; each is named in a warning.
    """
    if revision.article_id != article.pk:
        raise ValueError("revision belongs to another article")
    warnings = write_back(article, revision.content)
    new = record(
        article, user=user, reason=_("Khôi phục từ phiên bản %(n)d") % {"n": revision.number}
    )
    return new, warnings


@transaction.atomic
def write_back(article: Article, content: dict) -> list[str]:
    """Write a snapshot's content into the article row; return warnings for what is gone."""
    warnings: list[str] = []

    def existing(model, item):
        if item is None:
            return None
        found = model.objects.filter(pk=item["id"]).first()
        if found is None:
            warnings.append(_("“%(name)s” không còn tồn tại nên không khôi phục được.") % item)
        return found

    article.title = content["title"]
    article.slug = content.get("slug") or article.slug
    article.lead = content["lead"]
    article.body = content["body"]
    article.source = content.get("source", "")
    article.category = existing(Category, content.get("category"))
    article.featured_photo = existing(Photo, content.get("featured_photo"))
    article.version = F("version") + 1
    article.save()
    article.refresh_from_db()
    authors = [existing(Author, item) for item in content.get("authors", [])]
    article.set_byline([author for author in authors if author])
    article.organisations.set(
        [o for o in (existing(Organisation, i) for i in content.get("organisations", [])) if o]
    )
    article.tags.set([t for t in (existing(Tag, i) for i in content.get("tags", [])) if t])
    return warnings


# --- Comparing two revisions -------------------------------------------------------------


@dataclass
class FieldDiff:
    label: str
    old: SafeString
    new: SafeString
    changed: bool


FIELD_LABELS = [
    ("title", gettext_lazy("Tiêu đề")),
    ("lead", gettext_lazy("Sapo")),
    ("body", gettext_lazy("Nội dung")),
    ("authors", gettext_lazy("Tác giả")),
    ("organisations", gettext_lazy("Tổ chức")),
    ("category", gettext_lazy("Chuyên mục")),
    ("tags", gettext_lazy("Thẻ")),
    ("featured_photo", gettext_lazy("Ảnh đại diện")),
    ("source", gettext_lazy("Đơn vị")),
]


def as_text(value) -> str:
    """A field's value as the words a reader sees (HTML tags out, paragraphs as line breaks)."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return value["name"]
    if isinstance(value, list):
        return ", ".join(item["name"] for item in value)
    return html.unescape(strip_tags(_BLOCK_END.sub("\n", str(value)))).strip()


def _mark(tokens: list[str], tag: str) -> str:
    text = html.escape("".join(tokens))
    if not text.strip():
        return text
    return f"<{tag}>{text}</{tag}>"


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """The old and new text as HTML, with removed words in <del> and added ones in <ins>."""
    old_tokens, new_tokens = _WORD.findall(old), _WORD.findall(new)
    left, right = [], []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            same = html.escape("".join(old_tokens[a1:a2]))
            left.append(same)
            right.append(same)
            continue
        if op in ("delete", "replace"):
            left.append(_mark(old_tokens[a1:a2], "del"))
        if op in ("insert", "replace"):
            right.append(_mark(new_tokens[b1:b2], "ins"))
    return _joined(left), _joined(right)


def _joined(parts: list[str]) -> SafeString:
    # Every part was escaped by html.escape above; only <del>, <ins> and <br> are added here.
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308


def compare(old: Revision, new: Revision) -> list[FieldDiff]:
    """A field-by-field, word-level comparison of two revisions."""
    rows = []
    for key, label in FIELD_LABELS:
        before, after = as_text(old.content.get(key)), as_text(new.content.get(key))
        left, right = word_diff(before, after)
        rows.append(FieldDiff(str(label), left, right, before != after))
    return rows
