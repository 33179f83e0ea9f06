"""How responses leave the application: compressed, and static files with lasting names.

- ``CompressionMiddleware``: HTML, feeds, sitemaps, CSS, JS, JSON and text in Brotli when the
  client accepts it, gzip otherwise, with ``Vary: Accept-Encoding``. A response that may carry
  a secret is never compressed (BREACH: an attacker who can add text to a page and watch its
  compressed length can guess a secret on it byte by byte): one that rendered the CSRF token,
  sets a cookie, or answers a request carrying a session cookie. Anonymous public pages carry
  neither. A page the page cache served before (same ETag) is compressed once per process.
- ``LastingStaticMiddleware``: WhiteNoise, serving ``collectstatic``'s hashed names with
  ``Cache-Control: max-age=31536000, public, immutable`` and its precompressed copies.
"""

import os
import re
import threading
from collections import OrderedDict

import brotli
from django.conf import settings
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage

COMPRESSIBLE_TYPES = re.compile(
    r"^(text/|application/(xml|rss\+xml|atom\+xml|json|javascript|manifest\+json)|image/svg\+xml)"
)
MIN_LENGTH = 200  # below this, the headers outweigh what compression saves
BROTLI_QUALITY = 5  # about gzip's speed, a tenth smaller; 11 is for files compressed once
GZIP_RANDOM_BYTES = 100  # as Django's GZipMiddleware: the length varies from one answer to the next
MEMO_BYTES = 16 * 1024 * 1024


class _Memo:
    """Compressed bodies of pages with an ETag (the page cache's), least recently used out."""

    def __init__(self, limit: int = MEMO_BYTES):
        self.limit = limit
        self.items: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            body = self.items.get(key)
            if body is not None:
                self.items.move_to_end(key)
            return body

    def keep(self, key, body: bytes) -> None:
        with self.lock:
            if key in self.items or len(body) > self.limit:
                return
            self.items[key] = body
            self.size += len(body)
            while self.size > self.limit:
                _, dropped = self.items.popitem(last=False)
                self.size -= len(dropped)


_memo = _Memo()


def accepted_encoding(header: str) -> str:
    """``br`` or ``gzip``, whichever the client accepts (Brotli first), or ``""``."""
    accepted = set()
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        quality = re.search(r"q\s*=\s*([0-9.]+)", params)
        if quality and float(quality.group(1) or 0) == 0:
            continue
        accepted.add(name.strip().lower())
    for encoding in ("br", "gzip"):
        if encoding in accepted or "*" in accepted:
            return encoding
    return ""


def may_carry_secret(request, response) -> bool:
    """Whether the response may hold a CSRF token or something of a signed-in session.

    A page that used the CSRF token says so in ``CSRF_COOKIE_NEEDS_UPDATE`` until
    CsrfViewMiddleware (or a ``csrf_protect`` view, as the login page) sets the cookie on the
    response and clears the note: either is enough.
    """
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or response.cookies
        or settings.SESSION_COOKIE_NAME in request.COOKIES
    )


def compress(content: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(content, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY)
    return compress_string(content, max_random_bytes=GZIP_RANDOM_BYTES)


class CompressionMiddleware:
    """Compress what the application answers, never a response that may carry a secret."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.streaming or response.has_header("Content-Encoding"):
            return response
        if not COMPRESSIBLE_TYPES.match(response.get("Content-Type", "")):
            return response
        # Whatever this client gets, a shared cache must keep the versions apart.
        patch_vary_headers(response, ("Accept-Encoding",))
        if len(response.content) < MIN_LENGTH or may_carry_secret(request, response):
            return response
        encoding = accepted_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if not encoding:
            return response
        etag = response.get("ETag")
        body = _memo.get((etag, encoding)) if etag else None
        if body is None:
            body = compress(response.content, encoding)
            if etag:
                _memo.keep((etag, encoding), body)
        if len(body) >= len(response.content):
            return response
        response.content = body
        response["Content-Length"] = str(len(body))
        response["Content-Encoding"] = encoding
        if etag and not etag.startswith("W/"):
            # Another body, the same page: a weak validator, as Django's GZipMiddleware does.
            response["ETag"] = "W/" + etag
        return response


class LastingStaticMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise with a year's ``immutable`` caching for hashed file names."""

    FOREVER = 365 * 24 * 60 * 60

    def add_files(self, root, prefix=None):
        # In development (no manifest to serve) STATIC_ROOT is often not made yet: no warning
        # then. With the production storage a missing STATIC_ROOT is worth the warning.
        plain = "django.contrib.staticfiles.storage.StaticFilesStorage"
        development = settings.STORAGES["staticfiles"]["BACKEND"] == plain
        if development and root and not os.path.isdir(root):
            return
        super().add_files(root, prefix)


class LastingStaticStorage(CompressedManifestStaticFilesStorage):
    """``collectstatic``'s hashed names with gzip and Brotli copies; a file not collected yet
    keeps its plain name (a page still renders before the first ``collectstatic``, its
    stylesheet then found by WhiteNoise only once collected)."""

    manifest_strict = False

    def hashed_name(self, name, content=None, filename=None):
        try:
            return super().hashed_name(name, content, filename)
        except ValueError:  # not in STATIC_ROOT: nothing to hash
            return name
