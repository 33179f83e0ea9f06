"""A published article's next version, worked on while the public keeps reading the old one.

Wagtail's rule: restoring or reworking a published article does not touch its public page.
The new version is a revision the article points to (``Article.pending_revision``) with its own
place in the workflow (``Article.pending_status``: draft, in review, approved); the edit page
loads and saves it, and publishing it (``workflow.perform``) writes it into the article at
once. Taking the live article down meanwhile makes the pending version the draft.

Scheduled (``pending_status`` "published" with ``pending_publish_at``), it replaces the public
version when its time comes, without cron: the page cache's clock
(``articles.selectors.next_publication_time``) ends the generation at that second, and the
first request after it runs ``publish_due``, which writes the version in as publishing would
(the stored page, the cards and the search document follow the save). A pending version can
be dropped (``discard``); the history keeps it and says who dropped it.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import preview_links, revisions
from articles.models import Article, Revision, Transition

Status = Article.Status
PENDING_FIELDS = ["pending_revision", "pending_status", "pending_publish_at", "pending_started_by"]


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
            pending_revision=revision,
            pending_status=Status.DRAFT,
            pending_publish_at=None,
            pending_started_by=user,
            version=F("version") + 1,
        )
    article.refresh_from_db(fields=[*PENDING_FIELDS, "version"])
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
    article.pending_publish_at = None
    article.pending_started_by = None
    return revisions.write_back(article, content)


def content(article: Article) -> dict | None:
    """The pending version's content, or None when the article has none."""
    return article.pending_revision.content if article.has_pending_version else None


def due(now: datetime | None = None):
    """The articles whose scheduled update's time has come (along ``article_pending_due``)."""
    return Article.objects.filter(
        status=Status.PUBLISHED,
        pending_status=Status.PUBLISHED,
        pending_publish_at__lte=now or timezone.now(),
    )


def publish_due(now: datetime | None = None) -> int:
    """Write every scheduled update whose time has come into its article; returns how many.

    Each in its own transaction, the row locked and asked again, so two requests arriving at
    the same second publish it once.
    """
    now = now or timezone.now()
    done = 0
    for pk in list(due(now).values_list("pk", flat=True)):
        with transaction.atomic():
            locked = (
                due(now)
                .select_for_update(of=("self",))
                .select_related("pending_revision")
                .filter(pk=pk)
                .first()
            )
            if locked is None:
                continue
            scheduled = (
                locked.transitions.filter(action=Transition.Action.SCHEDULE)
                .select_related("actor")
                .first()  # the newest: the one that set this time
            )
            apply(locked)
            revisions.record(
                locked,
                user=scheduled.actor if scheduled else None,
                reason=_("Phiên bản cập nhật lên trang theo lịch"),
            )
            done += 1
    return done


def discard(*, article: Article, actor, comment: str = "") -> Transition:
    """Drop the article's pending version (the permission is ``workflow.may_discard_pending``,
    asked by the caller); the public version stays, the revisions keep the dropped text, and
    the thread records who dropped it. Its preview links close."""
    with transaction.atomic():
        locked = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
        if not locked.has_pending_version:
            raise NotPublished(locked.status)
        transition = Transition.objects.create(
            article=locked,
            action=Transition.Action.DISCARD,
            from_status=locked.pending_status,
            to_status=locked.status,
            comment=comment.strip(),
            actor=actor,
        )
        Article.objects.filter(pk=locked.pk).update(
            pending_revision=None,
            pending_status="",
            pending_publish_at=None,
            pending_started_by=None,
            version=F("version") + 1,
        )
        preview_links.revoke_preview_links(locked, reason=preview_links.Closed.REVOKED, actor=actor)
    article.refresh_from_db(fields=[*PENDING_FIELDS, "version"])
    return transition
