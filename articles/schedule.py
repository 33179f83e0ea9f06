"""Times on a published article, by the workflow's rules (``articles.workflow``): moving a
scheduled publication (the planning calendar), an end time after which the article leaves the
public site, and an embargo before which it never shows (issue 19).

The editor-in-chief only, as for scheduling; ``Article.objects.published()`` applies the end
time and the embargo on every query, so nothing runs on a timer.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import notifications
from articles.models import Article, Transition
from articles.workflow import (
    WorkflowError,
    four_eyes_refusal,
    is_publisher,
)

Status = Article.Status
Action = Transition.Action


def reschedule(*, article: Article, actor, published_at: datetime) -> Transition:
    """Move a scheduled article's publication to another time still to come.

    The same rules as scheduling from the edit page: the editor-in-chief only, four eyes, a
    future time. An article already on the public site is not moved: taking it back to a
    future time would hide it, and moving it into the past would rewrite its date unnoticed.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if not is_publisher(actor):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        if locked.status != Status.PUBLISHED or not locked.published_at:
            raise WorkflowError([_("Chỉ bài đã hẹn giờ mới dời được lịch xuất bản.")])
        if locked.published_at <= now:
            raise WorkflowError(
                [_("Bài đã lên trang: không thể dời ngày xuất bản của bài đã xuất bản.")]
            )
        if published_at <= now:
            raise WorkflowError([_("Thời điểm hẹn giờ phải ở tương lai.")])
        refusal = four_eyes_refusal(actor, locked, Action.SCHEDULE)
        if refusal:
            raise WorkflowError([refusal])
        before = timezone.localtime(locked.published_at).strftime("%d/%m/%Y %H:%M")
        after = timezone.localtime(published_at).strftime("%d/%m/%Y %H:%M")
        locked.published_at = published_at
        locked.version += 1
        locked.save(update_fields=["published_at", "version", "updated_at"])
        transition = Transition.objects.create(
            article=locked,
            action=Action.SCHEDULE,
            from_status=Status.PUBLISHED,
            to_status=Status.PUBLISHED,
            comment=_("Dời lịch từ %(before)s sang %(after)s") % {"before": before, "after": after},
            actor=actor,
        )
        transaction.on_commit(lambda: notifications.transition_made(transition.pk))
    for field in ("published_at", "version", "updated_at"):
        setattr(article, field, getattr(locked, field))
    return transition


def set_time_limits(
    *, article: Article, actor, expires_at: datetime | None, embargo_until: datetime | None
) -> None:
    """Set when a published article leaves the public site and until when a story is held.

    The editor-in-chief only. An end time must come after publication; an embargo cannot be
    laid on an article the public already reads, and it moves a scheduled publication that
    would come earlier to the embargo's end, so the story is published then and never before.
    """
    if not is_publisher(actor):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    now = timezone.now()
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        problems = []
        start = max(filter(None, [locked.published_at, embargo_until]), default=None)
        if expires_at and start and expires_at <= start:
            problems.append(_("Thời điểm gỡ phải sau thời điểm xuất bản."))
        if embargo_until and embargo_until != locked.embargo_until and locked.is_public:
            problems.append(_("Bài đã lên trang: không thể đặt lệnh cấm đăng."))
        if embargo_until and embargo_until <= now and embargo_until != locked.embargo_until:
            problems.append(_("Thời điểm hết cấm đăng phải ở tương lai."))
        if problems:
            raise WorkflowError(problems)
        locked.expires_at, locked.embargo_until = expires_at, embargo_until
        fields = ["expires_at", "embargo_until", "version", "updated_at"]
        if (
            embargo_until
            and locked.status == Status.PUBLISHED
            and locked.published_at < embargo_until
        ):
            locked.published_at = embargo_until
            fields.append("published_at")
        locked.version += 1
        locked.save(update_fields=fields)
    for field in ("expires_at", "embargo_until", "published_at", "version"):
        setattr(article, field, getattr(locked, field))
