"""The admin's side of the object-level rules in ``articles.permissions``.

A ModelAdmin with ``ObjectRulesAdmin`` asks those rules about each object: Django then shows a
read-only page and no delete link where they say no, and its views refuse a crafted POST.
"""

from django.core.exceptions import PermissionDenied

from articles import permissions


class ObjectRulesAdmin:
    """Change and delete rights per object, from ``articles.permissions``."""

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return permissions.can_delete(request.user, obj)

    def save_model(self, request, obj, form, change):
        # The change list's editable columns save each row after a model-level check only.
        if change and not permissions.can_change(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
