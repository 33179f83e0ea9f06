"""Where photos are kept: the project folder's ``MEDIA_ROOT`` by default, or an S3-compatible
object store (django-storages with boto3) when ``NEWSROOM_MEDIA_S3_BUCKET`` is set.

With object storage, pages name the bucket's public address (``NEWSROOM_MEDIA_S3_PUBLIC_URL``,
the bucket itself or a CDN in front of it), which the Content-Security-Policy then allows as an
image origin. Keys come from ``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY`` (or the
server's role), read by boto3 itself so that they never sit in the settings. Stored names are
unguessable and never reused (an upload is a new name, a rendition's name holds its picture's
digest), so every object is sent with a year's caching.
"""

import os
from urllib.parse import urlsplit

from newsroom.settings.base import MEDIA_URL
from newsroom.settings.content_policy import CONTENT_SECURITY_POLICY
from newsroom.settings.static import STORAGES

MEDIA_S3_BUCKET = os.environ.get("NEWSROOM_MEDIA_S3_BUCKET", "").strip()

if MEDIA_S3_BUCKET:
    _public = urlsplit(
        os.environ.get("NEWSROOM_MEDIA_S3_PUBLIC_URL", "").strip().rstrip("/")
        or f"https://{MEDIA_S3_BUCKET}.s3.amazonaws.com"
    )
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": MEDIA_S3_BUCKET,
                "endpoint_url": os.environ.get("NEWSROOM_MEDIA_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("NEWSROOM_MEDIA_S3_REGION") or None,
                # Public addresses, no signature in them: the page cache shares pages, and a
                # signed address would expire inside a cached page.
                "querystring_auth": False,
                "custom_domain": _public.netloc + _public.path,
                "url_protocol": f"{_public.scheme}:",
                "file_overwrite": False,
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
    }
    MEDIA_URL = f"{_public.scheme}://{_public.netloc}{_public.path}/"
    _directives = CONTENT_SECURITY_POLICY["DIRECTIVES"]
    CONTENT_SECURITY_POLICY = {
        **CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {
            **_directives,
            "img-src": [*_directives["img-src"], f"{_public.scheme}://{_public.netloc}"],
        },
    }
