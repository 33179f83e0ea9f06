"""E-mail about assignments, sent after the transaction that made the change has committed."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from planning.models import Assignment

logger = logging.getLogger(__name__)


def _local(when) -> str:
    return timezone.localtime(when).strftime("%d/%m/%Y %H:%M")


def _link(assignment: Assignment) -> str:
    return settings.NEWSROOM_BASE_URL.rstrip("/") + reverse(
        "admin:planning_assignment_change", args=[assignment.pk]
    )


def _send(subject: str, lines: list[str], to: str, pk: int) -> None:
    if not to:
        return
    try:
        send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [to])
    except OSError:
        logger.exception("Could not send the e-mail for assignment %s", pk)


def _describe(assignment: Assignment) -> list[str]:
    lines = [
        _("Việc: %(kind)s — “%(title)s”")
        % {"kind": assignment.get_kind_display(), "title": assignment.working_title},
        _("Hạn nộp: %(when)s") % {"when": _local(assignment.due_at)},
    ]
    if assignment.expected_words:
        lines.append(_("Độ dài dự kiến: %(n)d chữ") % {"n": assignment.expected_words})
    if assignment.notes:
        lines += ["", _("Ghi chú:"), assignment.notes]
    return [*lines, "", _("Mở phân công: %(link)s") % {"link": _link(assignment)}]


def assignment_made(pk: int) -> None:
    assignment = Assignment.objects.select_related("assignee", "created_by").get(pk=pk)
    by = assignment.created_by.get_full_name() or assignment.created_by.username
    subject = _("Bạn được giao: %(title)s") % {"title": assignment.working_title}
    lines = [_("%(by)s đã giao cho bạn một việc.") % {"by": by}, "", *_describe(assignment)]
    _send(subject, lines, assignment.assignee.email, pk)


def due_reminder(pk: int) -> None:
    assignment = Assignment.objects.select_related("assignee").get(pk=pk)
    subject = _("Sắp đến hạn: %(title)s") % {"title": assignment.working_title}
    lines = [
        _("Việc được giao cho bạn sẽ đến hạn trong vòng một ngày."),
        "",
        *_describe(assignment),
    ]
    _send(subject, lines, assignment.assignee.email, pk)


def assignment_declined(pk: int) -> None:
    assignment = Assignment.objects.select_related("assignee", "created_by").get(pk=pk)
    who = assignment.assignee.get_full_name() or assignment.assignee.username
    subject = _("Việc bị từ chối: %(title)s") % {"title": assignment.working_title}
    lines = [
        _("%(who)s đã từ chối việc được giao.") % {"who": who},
        "",
        _("Lý do:"),
        assignment.decline_reason,
        "",
        _("Mở phân công: %(link)s") % {"link": _link(assignment)},
    ]
    _send(subject, lines, assignment.created_by.email, pk)
