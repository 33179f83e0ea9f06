"""Moving a story on the calendar: a planned story's due time, a scheduled article's
publication time (through ``articles.schedule.reschedule``). The time of day is kept."""

from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import schedule, workflow
from articles.models import Article
from articles.workflow import WorkflowError
from planning import services
from planning.models import Assignment


def on_day(current: datetime, day: date, at: time | None = None) -> datetime:
    """``current`` moved to ``day`` (local time), at ``at`` or at the same time of day."""
    local = timezone.localtime(current)
    moved = datetime.combine(day, at or local.time().replace(microsecond=0))
    return timezone.make_aware(moved, timezone.get_current_timezone())


def move_assignment(*, assignment_id: int, actor, day: date, at: time | None = None) -> Assignment:
    """Editors and the chief move a planned story's due time; its reminder is sent anew."""
    if not services.may_reassign(actor):
        raise PermissionDenied(_("Bạn không có quyền dời lịch."))
    with transaction.atomic():
        assignment = Assignment.objects.select_for_update().get(pk=assignment_id)
        if not assignment.is_open and assignment.status != Assignment.Status.DRAFTED:
            raise WorkflowError([_("Phân công đã bị từ chối; hãy giao lại trước khi dời lịch.")])
        assignment.due_at = on_day(assignment.due_at, day, at)
        assignment.reminded_at = None
        # The next run of ``send_due_reminders`` tells the assignee when it is now due soon.
        assignment.save(update_fields=["due_at", "reminded_at", "updated_at"])
    return assignment


def move_article(*, article_id: int, actor, day: date, at: time | None = None) -> Article:
    article = Article.objects.get(pk=article_id)
    if not workflow.is_publisher(actor):
        raise PermissionDenied(_("Chỉ Tổng biên tập được dời lịch xuất bản."))
    if article.status != Article.Status.PUBLISHED or article.published_at is None:
        raise WorkflowError([_("Chỉ bài đã hẹn giờ mới dời được lịch xuất bản.")])
    schedule.reschedule(
        article=article, actor=actor, published_at=on_day(article.published_at, day, at)
    )
    return article
