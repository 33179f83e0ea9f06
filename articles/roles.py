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
ROLE_PERMISSIONS: dict[str, dict[str, set[str]]] = {
    JOURNALIST: {
        "article": {"add", "change", "view"},
        "articleauthor": {"add", "change", "delete", "view"},
        "photo": {"add", "change", "view"},
        "author": {"view"},
        "organisation": {"view"},
        "category": {"view"},
        "tag": {"add", "view"},
        "abbreviation": {"view"},
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
        )
    },
}


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    """Create or update the role groups so each holds exactly its permissions."""
    groups = {}
    for role, table in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        codenames = [f"{action}_{model}" for model, actions in table.items() for action in actions]
        permissions = Permission.objects.filter(
            content_type__app_label="articles", codename__in=codenames
        )
        missing = set(codenames) - set(permissions.values_list("codename", flat=True))
        if missing:
            raise LookupError(f"Unknown permissions for {role}: {sorted(missing)}")
        group.permissions.set(permissions)
        groups[role] = group
    return groups
