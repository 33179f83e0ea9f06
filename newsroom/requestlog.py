"""One log line per request, and JSON log lines for a log collector.

``RequestLogMiddleware`` gives every request an id (the proxy's ``X-Request-ID`` when it is a
sensible token, a new one otherwise), returns it in the response's ``X-Request-ID`` and keeps it
in a context variable for the duration of the request, so that every record logged meanwhile —
an unhandled error's traceback from ``django.request`` included — carries it. When the request
is done it logs method, path, status, duration and, for staff, the user's id to
``newsroom.request`` (never a visitor's: readers are not tracked).

``JsonFormatter`` writes each record as one JSON object on one line, with the request id and
the fields above, when ``NEWSROOM_LOG_FORMAT=json`` (``newsroom/settings/operations.py``).
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from django.conf import settings

from newsroom.health import HEALTH_PATH

request_log = logging.getLogger("newsroom.request")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# A proxy's id is kept only when it is a plain token: it is written into logs and headers.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9._:-]{1,128}")
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "user_id")


def incoming_request_id(request) -> str:
    """The proxy's X-Request-ID when it is a sensible token, a new random one otherwise."""
    offered = request.headers.get("X-Request-ID", "")
    if REQUEST_ID_PATTERN.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


def staff_user_id(request) -> int | None:
    """The signed-in user's id when they are staff; readers stay anonymous in the logs."""
    # Without a session cookie nobody is signed in: the session is then never read, as the page
    # cache's readers expect.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return user.pk
    return None


class RequestLogMiddleware:
    """Names each request, and logs how it went once it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = incoming_request_id(request)
        request.request_id = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            # A load balancer asks every few seconds; only a failing answer is worth a line.
            if request.path_info != HEALTH_PATH or response.status_code != 200:
                level = logging.ERROR if response.status_code >= 500 else logging.INFO
                request_log.log(
                    level,
                    "%s %s %s",
                    request.method,
                    request.path,
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": request.path,
                        "status": response.status_code,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "user_id": staff_user_id(request),
                    },
                )
            return response
        finally:
            request_id_var.reset(token)


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time, level, logger, message, request id, fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        for field in REQUEST_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        # Tracebacks and Vietnamese text stay on the one line: json escapes the newlines.
        return json.dumps(entry, ensure_ascii=False, default=str)
