"""Autosave: what someone is typing in an edit page, kept on the server every few seconds.

One row per person and article (``Autosave``), overwritten in place: no revision, one query to
write. The edit page gets a signed ticket naming the person, the row and their role for the
article, so a write needs no permission queries; the edit rule (``workflow.may_edit_as``) is
still asked of the article's status at that moment. A row is offered back only to its writer,
only while it differs from what is saved, and only until it expires.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from articles import pending, revisions, workflow
from articles.models import Article, Autosave

# The text fields an edit page sends; choices (section, organisations…) are one click away.
FIELDS = ("title", "slug", "lead", "body", "source")
MAX_LENGTH = 400_000  # characters over all fields: far beyond any article, short of abuse
SALT = "articles.autosave"


class Refused(Exception):
    """An autosave that may not be written; the message is for the writer."""


def max_age() -> timedelta:
    return timedelta(seconds=settings.NEWSROOM_AUTOSAVE_MAX_AGE)


def key_for(article: Article | None) -> str:
    """The row's key: the article's, or a fresh one for a page adding a new article."""
    return f"article-{article.pk}" if article is not None else f"new-{secrets.token_hex(8)}"


def ticket(user, article: Article | None, key: str) -> str:
    """The signed permission an edit page sends with each autosave."""
    role = "new" if article is None else workflow.editing_role(user, article)
    data = {"u": user.pk, "k": key, "a": getattr(article, "pk", None), "r": role}
    return signing.dumps(data, salt=SALT)


def read_ticket(value: str, user) -> dict:
    """The ticket's contents, if it was made for ``user`` within the session's lifetime."""
    try:
        data = signing.loads(value, salt=SALT, max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature as error:
        raise Refused("ticket") from error
    if data.get("u") != user.pk:
        raise Refused("ticket")
    return data


def clean_fields(raw) -> dict:
    """The text fields of a posted autosave, as strings; anything else is refused."""
    if not isinstance(raw, dict):
        raise Refused("fields")
    fields = {}
    for name in FIELDS:
        value = raw.get(name, "")
        if not isinstance(value, str) or "\x00" in value:
            raise Refused("fields")
        fields[name] = value
    if sum(len(value) for value in fields.values()) > MAX_LENGTH:
        raise Refused("size")
    return fields


def write(*, user, ticket_data: dict, fields: dict, version: int | None) -> None:
    """Keep ``fields`` as the person's autosave for the ticket's article: one query to read the
    article's status, one to write."""
    article_id = ticket_data.get("a")
    if article_id is not None:
        row = (
            Article.objects.filter(pk=article_id)
            .values_list("status", "pending_status", "pending_revision")
            .first()
        )
        if row is None:
            raise Refused("gone")
        status, pending_status, pending_revision = row
        desk_status = pending_status if pending_revision and pending_status else status
        if not workflow.may_edit_as(ticket_data["r"], desk_status):
            raise Refused("status")
    elif ticket_data.get("r") != "new":
        raise Refused("ticket")
    Autosave.objects.bulk_create(
        [
            Autosave(
                user_id=user.pk,
                key=ticket_data["k"],
                article_id=article_id,
                content=fields,
                base_version=version,
                saved_at=timezone.now(),
            )
        ],
        update_conflicts=True,
        unique_fields=["user", "key"],
        update_fields=["content", "base_version", "saved_at"],
    )


def saved_fields(article: Article | None) -> dict:
    """What is saved now for the fields an autosave holds (a pending version's, if any)."""
    if article is None:
        return dict.fromkeys(FIELDS, "")
    content = pending.content(article)
    if content is not None:
        return {name: content.get(name, "") or "" for name in FIELDS}
    return {name: getattr(article, name) or "" for name in FIELDS}


def _same(a: dict, b: dict) -> bool:
    def words(fields, name):
        return " ".join(str(fields.get(name, "")).split())

    texts = [name for name in FIELDS if name != "body"]
    same_texts = all(words(a, name) == words(b, name) for name in texts)
    return same_texts and revisions.same_html(a.get("body", ""), b.get("body", ""))


def offer(user, article: Article | None) -> Autosave | None:
    """The autosave to offer ``user`` on this edit page: theirs, not expired, and different from
    what is saved. For a new article, their newest autosave of an unsaved article."""
    fresh = Autosave.objects.filter(user=user, saved_at__gte=timezone.now() - max_age())
    if article is None:
        found = fresh.filter(article__isnull=True, key__startswith="new-").first()
    else:
        found = fresh.filter(key=key_for(article)).first()
    if found is None or _same(found.content, saved_fields(article)):
        return None
    return found


def drop(user, key: str) -> None:
    """Forget the person's autosave under ``key`` (saved or discarded), and their expired ones."""
    Autosave.objects.filter(user=user, key=key).delete()
    Autosave.objects.filter(user=user, saved_at__lt=timezone.now() - max_age()).delete()
