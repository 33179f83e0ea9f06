"""Static files and compression (``newsroom.delivery``): WhiteNoise serves ``collectstatic``'s
hashed, precompressed files with a year's caching; the application compresses its own answers.

With debug off the static files must be gathered first (``manage.py collectstatic``, in the
README's production steps): the pages name the hashed files the manifest lists.
"""

from newsroom.settings.base import DEBUG
from newsroom.settings.login import MIDDLEWARE

_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
_page_cache = MIDDLEWARE.index("newsroom.pagecache.PageCacheMiddleware")
MIDDLEWARE = [
    *MIDDLEWARE[:_security],
    # Static files answered before anything else runs; gzip and Brotli copies made by
    # collectstatic are sent to the clients that accept them.
    "newsroom.delivery.LastingStaticMiddleware",
    *MIDDLEWARE[_security:_page_cache],
    # Outside the page cache's middleware, so cached pages are compressed too; inside
    # CsrfViewMiddleware, which clears its note that the page used the token on the way out.
    "newsroom.delivery.CompressionMiddleware",
    *MIDDLEWARE[_page_cache:],
]

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "newsroom.delivery.LastingStaticStorage"
        )
    },
}
