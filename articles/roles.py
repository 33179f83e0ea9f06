"""The newsroom's roles as Django groups, and the model permissions each one holds.

``setup_roles`` applies this table idempotently; the workflow (who may submit, approve, publish)
is enforced in ``articles.workflow`` on top of these permissions.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

JOURNALIST = "Phóng viên"
EDITOR = "Biên tập viên"
EDITOR_IN_CHIEF = "Tổng biên tập"

# model name → actions, per role. Anything not listed is not granted.
# Object-level rules (whose article, in which status) are in articles.workflow.
ROLE_PERMISSIONS: dict[str, dict[str, set[str]]] = {
    JOURNALIST: {
        # delete: only their own drafts, as articles.workflow.can_delete decides
        "article": {"add", "change", "delete", "view"},
        "articleauthor": {"add", "change", "delete", "view"},
        "photo": {"add", "change", "view"},
        "author": {"view"},
        "organisation": {"view"},
        "category": {"view"},
        "tag": {"add", "view"},
        "abbreviation": {"view"},
        "assignment": {"view"},  # their own only (planning.services.visible_assignments)
    },
    EDITOR: {
        "article": {"add", "change", "view"},
        "articleauthor": {"add", "change", "delete", "view"},
        "photo": {"add", "change", "delete", "view"},
        "author": {"add", "change", "view"},
        "organisation": {"view"},
        "category": {"view"},
        "tag": {"add", "change", "view"},
        "abbreviation": {"add", "change", "view"},
        "royaltygrade": {"add", "change", "view"},  # editors grade; only the chief sees the sheet
        "assignment": {"add", "change", "view"},  # editors and the chief plan and assign
        # seen; changed only when NEWSROOM_FRONT_PAGE_EDITORS is on (frontpage.admin)
        "frontpage": {"view"},
        "articlereads": {"view"},  # the read counts (frontpage.readership_admin)
    },
    EDITOR_IN_CHIEF: {
        model: {"add", "change", "delete", "view"}
        for model in (
            "article",
            "articleauthor",
            "photo",
            "author",
            "organisation",
            "category",
            "tag",
            "abbreviation",
            "royaltygrade",
            "assignment",
        )
    }
    | {"frontpage": {"view", "change"}, "articlereads": {"view"}},
}


# The apps whose models the table names (photos moved to their own app, codenames unchanged).
APP_LABELS = ("articles", "photos", "reports", "planning", "frontpage")


# Workflow permissions on Article, beyond add/change/delete/view, and the reports' own.
WORKFLOW_PERMISSIONS: dict[str, set[str]] = {
    JOURNALIST: set(),
    EDITOR: {"review_article", "view_reports"},
    EDITOR_IN_CHIEF: {"review_article", "publish_article", "view_reports", "view_royalties"},
}


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    """Create or update the role groups so each holds exactly its permissions."""
    groups = {}
    for role, table in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        codenames = [f"{action}_{model}" for model, actions in table.items() for action in actions]
        codenames += sorted(WORKFLOW_PERMISSIONS[role])
        permissions = Permission.objects.filter(
            content_type__app_label__in=APP_LABELS, codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Unknown permissions for {role}: {sorted(missing)}")
        group.permissions.set(permissions)
        groups[role] = group
    return groups
