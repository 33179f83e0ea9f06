"""A published article's next version, worked on while the public keeps reading the old one.

Wagtail's rule: restoring or reworking a published article does not touch its public page.
The new version is a revision the article points to (``Article.pending_revision``) with its own
place in the workflow (``Article.pending_status``: draft, in review, approved); the edit page
loads and saves it, and publishing it (``workflow.perform``) writes it into the article at
once. Taking the live article down meanwhile makes the pending version the draft.
"""

from django.db import transaction
from django.db.models import F

from articles import revisions
from articles.models import Article, Revision

Status = Article.Status


class NotPublished(ValueError):
    """Only a published article keeps a pending version; others are edited in place."""


def start(*, article: Article, content: dict, user, reason: str) -> Revision:
    """Make ``content`` the article's pending version, a draft; the public page stays as it is.

    An existing pending version is replaced by this one (it stays in the revision history).
    """
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.status != Status.PUBLISHED:
            raise NotPublished(locked.status)
        revision = revisions.record(locked, user=user, reason=reason, content=content)
        Article.objects.filter(pk=locked.pk).update(
            pending_revision=revision, pending_status=Status.DRAFT, version=F("version") + 1
        )
    article.refresh_from_db(fields=["pending_revision", "pending_status", "version"])
    return revision


def save(*, article: Article, content: dict, user, reason: str) -> Revision:
    """Record an edit of the pending version (the edit form's "Lưu") as its new revision."""
    with transaction.atomic():
        revision = revisions.record(article, user=user, reason=reason, content=content)
        Article.objects.filter(pk=article.pk).update(
            pending_revision=revision, version=F("version") + 1
        )
    article.refresh_from_db(fields=["pending_revision", "version"])
    return revision


def apply(article: Article) -> list[str]:
    """Write the pending version into the (locked) article row and forget it; the caller, the
    workflow, holds the transaction. Returns warnings for things deleted since."""
    content = article.pending_revision.content
    article.pending_revision = None
    article.pending_status = ""
    return revisions.write_back(article, content)


def content(article: Article) -> dict | None:
    """The pending version's content, or None when the article has none."""
    return article.pending_revision.content if article.has_pending_version else None
