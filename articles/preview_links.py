"""Preview links: one version of one unpublished article (or of a published article's pending
update) for a reviewer without an account.

A link is a row (``PreviewLink``) and a random key that only its address carries; the row
keeps the key's SHA-256 digest, the revision the link shows, who made it, and when it expires
or was revoked. A link opens nothing once it is revoked, has expired, or its article is
published, taken down or deleted (the row goes with the article). Making and revoking a link
is written to the admin's audit log, on the article's history page.

Links of the first scheme (a signature naming the article) are not rows and open nothing.
"""

import hashlib
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import revisions
from articles.models import Article, PreviewLink, Revision, Transition

Closed = PreviewLink.Closed

# token_urlsafe(32): 43 characters of the URL-safe base64 alphabet, 256 random bits.
KEY_BYTES = 32
_KEY_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("ascii")).hexdigest()


def _log(user, article: Article, message: str) -> None:
    if user is not None:
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[article],
            action_flag=CHANGE,
            change_message=message,
            single_object=True,
        )


def _current_revision(article: Article, user) -> Revision:
    """The revision holding the article's content now (a published article's pending
    version); recorded first if none does (an article written without the admin, e.g. by a
    bulk loader)."""
    if article.has_pending_version:
        return article.pending_revision
    latest = article.revisions.order_by("-number").first()
    if latest is not None and latest.content == revisions.snapshot(article):
        return latest
    return revisions.record(article, user=user, reason=_("Tạo liên kết xem trước"))


def may_have_links(article: Article) -> bool:
    """Links show what the public cannot read yet: an unpublished article, or a published
    one's update still in the workflow (not once it is scheduled: it is then published)."""
    return article.desk_status != Article.Status.PUBLISHED


def create(*, article: Article, user) -> tuple[PreviewLink, str]:
    """Make a link to the article as it is now; return the row and the key for its address.

    The key is not stored: it is shown once, to the person who made the link.
    """
    if not may_have_links(article):
        raise ValueError("a published or scheduled article needs no preview link")
    key = secrets.token_urlsafe(KEY_BYTES)
    now = timezone.now()
    with transaction.atomic():
        link = PreviewLink.objects.create(
            article=article,
            revision=_current_revision(article, user),
            key_digest=_digest(key),
            created_by=user,
            created_at=now,
            expires_at=now + timedelta(seconds=settings.NEWSROOM_PREVIEW_MAX_AGE),
        )
        _log(
            user,
            article,
            _("Tạo liên kết xem trước số %(id)d (phiên bản %(number)d).")
            % {"id": link.pk, "number": link.revision.number},
        )
    return link, key


def find(key: str) -> PreviewLink | None:
    """The live link whose address carries ``key``, with its article and revision; None for
    anything else (malformed, unknown, revoked, expired, or its article now published)."""
    if not _KEY_SHAPE.fullmatch(key):
        return None
    published = Article.Status.PUBLISHED
    updating = Q(article__pending_revision__isnull=False) & ~Q(
        article__pending_status__in=["", published]
    )
    return (
        PreviewLink.objects.live()
        .filter(~Q(article__status=published) | updating)
        .select_related("revision")
        .filter(key_digest=_digest(key))
        .first()
    )


def revoke(*, link: PreviewLink, actor) -> bool:
    """Revoke one link by hand; False when it was no longer live."""
    closed = _close(PreviewLink.objects.live().filter(pk=link.pk), Closed.REVOKED, actor)
    if closed:
        _log(
            actor,
            link.article,
            _("Thu hồi liên kết xem trước số %(id)d.") % {"id": link.pk},
        )
    return bool(closed)


def revoke_preview_links(article: Article, *, reason: str, actor=None) -> int:
    """Close every live link of ``article`` (``reason``: a ``PreviewLink.Closed`` value)."""
    links = PreviewLink.objects.filter(article=article)
    closed = _close(links, reason, actor)
    if closed:
        _log(
            actor,
            article,
            _("Thu hồi %(n)d liên kết xem trước (%(reason)s).")
            % {"n": closed, "reason": Closed(reason).label},
        )
    return closed


def close_on_transition(transition: Transition) -> int:
    """Close the article's links when a transition publishes it or takes it down."""
    published = Article.Status.PUBLISHED
    if transition.to_status == published:
        reason = Closed.PUBLISHED
    elif transition.from_status == published:
        reason = Closed.UNPUBLISHED
    else:
        return 0
    return revoke_preview_links(transition.article, reason=reason, actor=transition.actor)


def _close(links, reason: str, actor) -> int:
    # Expired links are closed too, so none can be brought back to life by anything later.
    return links.filter(revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor, closed_because=reason
    )
