"""Static files, minus the parts of CKEditor 4 that must never be served.

django-ckeditor ships the whole CKEditor 4.22.1 tree. Its samples (and plugin samples) had an
XSS through the preview feature that 4.22.1 does not fix; its code-snippet plugins are not used
and the GeSHi one had a reflected XSS; test pages and the unused preview and file-browser
pages have no place on a live site. This finder hides them from ``runserver`` and from
``collectstatic``, so they are neither served in development nor copied for the web server.
"""

from fnmatch import fnmatchcase

from django.contrib.staticfiles import finders

HIDDEN = (
    "ckeditor/ckeditor/samples/*",
    "ckeditor/ckeditor/plugins/*/samples/*",
    "ckeditor/ckeditor/plugins/*/tests/*",
    "ckeditor/ckeditor/plugins/codesnippet/*",
    "ckeditor/ckeditor/plugins/codesnippetgeshi/*",
    "ckeditor/ckeditor/plugins/preview/*",
    "ckeditor/ckeditor/plugins/exportpdf/*",
    "ckeditor/galleriffic/*",
    "ckeditor/file-icons/*",
)


def is_hidden(path: str) -> bool:
    """Whether a static path belongs to a part of CKEditor that is never served."""
    path = path.replace("\\", "/").lstrip("/")
    return any(fnmatchcase(path, pattern) for pattern in HIDDEN)


class SafeAppDirectoriesFinder(finders.AppDirectoriesFinder):
    """Django's app-directories finder that never finds the hidden CKEditor files."""

    def find(self, path, find_all=False, **kwargs):
        if is_hidden(path):
            return []  # what Django's finders answer for "not here", whatever find_all says
        return super().find(path, find_all=find_all, **kwargs)

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if not is_hidden(path):
                yield path, storage
