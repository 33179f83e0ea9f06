"""The Content-Security-Policy: a strict one everywhere, loosened only on the pages where
CKEditor 4 runs (README, "Security").

django-csp writes the header from ``CONTENT_SECURITY_POLICY`` in the settings; this middleware
adds ``NEWSROOM_EDITOR_CSP_UPDATE`` to it on the admin pages listed in
``NEWSROOM_EDITOR_VIEWS``, because CKEditor 4 builds its toolbar with inline event handlers
(``onclick="CKEDITOR.tools.callFunction(28,this)"``), starts its editing frame with an inline
script and positions everything with inline styles. No setting of the editor avoids that.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def runs_the_editor(request) -> bool:
    """Whether this request is for a page on which CKEditor runs."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in settings.NEWSROOM_EDITOR_VIEWS


class NewsroomCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the editor's additions on the editor's pages only."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or not runs_the_editor(request):
            return parts
        update = {key: list(value) for key, value in settings.NEWSROOM_EDITOR_CSP_UPDATE.items()}
        for key, value in (parts.update or {}).items():
            update.setdefault(key, []).extend(value)
        parts.update = update
        return parts
