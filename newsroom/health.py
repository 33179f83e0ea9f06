"""``/healthz``: whether this server can answer, for a load balancer or a monitor.

Answered by a middleware placed first, before the host check, the redirect to HTTPS, sessions
and the page cache: a load balancer asks by the server's own address over plain HTTP, and the
answer must be about this moment, never a copy. It asks the database for ``SELECT 1`` and
writes and reads back one short-lived key in the cache; nothing else, so it stays cheap enough
to be asked every few seconds. The body names each check and says ``ok`` or ``unavailable``,
never why (an error message can carry a host name or a password): the reason goes to the log,
with the request's id.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connections
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

HEALTH_PATH = "/healthz"
CACHE_KEY = "newsroom:healthz"

health_log = logging.getLogger("newsroom.health")


def database_reachable() -> bool:
    """The default database answers a trivial query."""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        health_log.exception("Health check: the database is unreachable")
        return False


def cache_reachable() -> bool:
    """The cache keeps what it is given: a fresh value written and read back."""
    token = uuid.uuid4().hex
    try:
        cache.set(CACHE_KEY, token, timeout=10)
        return cache.get(CACHE_KEY) == token
    except Exception:
        health_log.exception("Health check: the cache is unreachable")
        return False


def health_response() -> JsonResponse:
    """200 with every check ``ok``, or 503 naming what is unavailable."""
    checks = {
        "database": "ok" if database_reachable() else "unavailable",
        "cache": "ok" if cache_reachable() else "unavailable",
    }
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """Answers ``GET``/``HEAD /healthz`` before anything else looks at the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health_response()
        return self.get_response(request)
