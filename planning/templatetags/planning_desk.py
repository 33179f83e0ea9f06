"""The desk's "assigned to me": a person's open assignments, overdue ones first and marked."""

from django import template
from django.utils import timezone

from planning.models import Assignment
from planning.services import REMINDER_AHEAD

register = template.Library()

SHOWN = 20


@register.inclusion_tag("planning/assigned_to_me.html", takes_context=True)
def assigned_to_me(context):
    """One query: the user's open assignments, soonest due first (the assignee index)."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"assignments": []}
    now = timezone.now()
    assignments = list(
        Assignment.objects.open()
        .for_assignee(user)
        .select_related("category", "organisation")
        .order_by("due_at", "pk")[:SHOWN]
    )
    for assignment in assignments:
        assignment.overdue = assignment.due_at < now
        assignment.due_soon = not assignment.overdue and assignment.due_at <= now + REMINDER_AHEAD
    return {
        "assignments": assignments,
        "overdue_count": sum(a.overdue for a in assignments),
        "can_plan": user.has_perm("planning.add_assignment"),
    }
