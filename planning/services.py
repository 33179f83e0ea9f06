"""The story budget's rules: who may assign, accept, decline and start the draft.

Editors and the editor-in-chief assign (they hold ``planning.add_assignment``); only the
assignee accepts, declines (with a reason) or turns an assignment into a draft. Each function
is keyword-only, runs in one transaction and queues its e-mail after commit, as
``articles.workflow`` does.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import revisions
from articles.models import Article, Author
from articles.workflow import WorkflowError
from planning import notifications
from planning.models import Assignment

Status = Assignment.Status
REMINDER_AHEAD = timedelta(days=1)


def may_assign(user) -> bool:
    """Editors and the editor-in-chief plan stories and give them out."""
    return user.is_active and user.has_perm("planning.add_assignment")


def may_reassign(user) -> bool:
    return user.is_active and user.has_perm("planning.change_assignment")


def visible_assignments(user, assignments=None):
    """All assignments to those who plan, one's own to everyone else."""
    assignments = Assignment.objects.all() if assignments is None else assignments
    if may_assign(user) or may_reassign(user):
        return assignments
    return assignments.filter(assignee=user)


def is_assignee(user, assignment: Assignment) -> bool:
    return user.is_active and assignment.assignee_id == user.pk


def available_actions(user, assignment: Assignment) -> list[str]:
    """What ``user`` may do with ``assignment`` now: "accept", "decline", "draft"."""
    if not is_assignee(user, assignment):
        return []
    if assignment.status == Status.PLANNED:
        return ["accept", "decline", "draft"]
    if assignment.status == Status.ACCEPTED:
        return ["decline", "draft"]
    return []


def due_soon(due_at) -> bool:
    return due_at <= timezone.now() + REMINDER_AHEAD


def assigned(*, assignment: Assignment, actor, created: bool) -> None:
    """After an editor saved ``assignment``: mark the reminder as covered when the e-mail
    already falls within a day of the due time, and tell the assignee."""
    if not (may_assign(actor) if created else may_reassign(actor)):
        raise PermissionDenied(_("Bạn không có quyền giao việc."))
    if due_soon(assignment.due_at):
        Assignment.objects.filter(pk=assignment.pk).update(reminded_at=timezone.now())
    if created or assignment.status == Status.PLANNED:
        pk = assignment.pk
        transaction.on_commit(lambda: notifications.assignment_made(pk))


def _locked(assignment: Assignment, actor, action: str) -> Assignment:
    locked = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if not is_assignee(actor, locked):
        raise PermissionDenied(_("Chỉ người được giao mới làm được việc này."))
    if action not in available_actions(actor, locked):
        raise WorkflowError(
            [
                _("Phân công đang ở trạng thái “%(status)s”, không thể làm việc này.")
                % {"status": locked.get_status_display()}
            ]
        )
    return locked


def accept(*, assignment: Assignment, actor) -> Assignment:
    with transaction.atomic():
        locked = _locked(assignment, actor, "accept")
        locked.status = Status.ACCEPTED
        locked.save(update_fields=["status", "updated_at"])
    assignment.status = locked.status
    return locked


def decline(*, assignment: Assignment, actor, reason: str) -> Assignment:
    """Give an assignment back; the reason is required and goes to whoever assigned it."""
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError([_("Hãy ghi lý do từ chối để người giao việc biết.")])
    if len(reason) > 2000 or "\x00" in reason:
        raise WorkflowError([_("Lý do từ chối dài quá 2.000 ký tự hoặc có ký tự không hợp lệ.")])
    with transaction.atomic():
        locked = _locked(assignment, actor, "decline")
        locked.status = Status.DECLINED
        locked.decline_reason = reason
        locked.save(update_fields=["status", "decline_reason", "updated_at"])
        transaction.on_commit(lambda: notifications.assignment_declined(locked.pk))
    assignment.status = locked.status
    return locked


def byline_for(user) -> Author:
    """The user's byline, made from their name the first time they need one."""
    try:
        return user.author_profile
    except Author.DoesNotExist:
        return Author.objects.create(name=user.get_full_name() or user.username, user=user)


def start_draft(*, assignment: Assignment, actor) -> Article:
    """Turn the assignment into a draft: its title, section and organisation, the assignee
    first in the byline, linked to the assignment. One click; twice makes one draft."""
    with transaction.atomic():
        locked = _locked(assignment, actor, "draft")
        article = Article.objects.create(
            title=locked.working_title,
            category=locked.category,
            created_by=actor,
            status=Article.Status.DRAFT,
        )
        if locked.organisation_id:
            article.organisations.add(locked.organisation_id)
        article.set_byline([byline_for(actor)])
        revisions.record(article, user=actor, reason=_("Tạo từ phân công"))
        locked.article = article
        locked.status = Status.DRAFTED
        locked.save(update_fields=["article", "status", "updated_at"])
    assignment.status, assignment.article = locked.status, article
    return article


def send_due_reminders(now=None) -> int:
    """E-mail each assignee whose open assignment falls due within a day and who has not
    been reminded; returns how many were sent. Run by ``send_due_reminders`` (systemd timer)."""
    now = now or timezone.now()
    due = Assignment.objects.open().filter(
        reminded_at__isnull=True, due_at__lte=now + REMINDER_AHEAD
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Assignment.objects.filter(pk=pk, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if claimed:
                transaction.on_commit(lambda pk=pk: notifications.due_reminder(pk))
                sent += claimed
    return sent
