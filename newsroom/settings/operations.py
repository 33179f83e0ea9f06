"""Running the site in production: the health check, request ids and JSON logs, outgoing mail,
hashed static file names (README, "Production").

``__init__`` puts ``OPERATIONS_MIDDLEWARE`` first, in front of the other modules' middleware,
and adds ``OPERATIONS_APPS`` (the project package itself, for ``manage.py check_deployment``).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from newsroom.settings.base import DATABASES, LOGGING
from newsroom.settings.env import env_bool

OPERATIONS_APPS = ["newsroom"]
# SQLite has no covering indexes: it builds the article list's index without its INCLUDE
# column (the index still serves the query), so its warning at every migrate says nothing.
OPERATIONS_SILENCED_CHECKS = (
    ["models.W040"] if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else []
)
OPERATIONS_MIDDLEWARE = [
    # First: every later line of the request's log carries its id.
    "newsroom.requestlog.RequestLogMiddleware",
    # Before the host check and the redirect to HTTPS: a load balancer asks by address.
    "newsroom.health.HealthCheckMiddleware",
]

# "text" (the default) or "json": one JSON object a line, for a log collector.
NEWSROOM_LOG_FORMAT = os.environ.get("NEWSROOM_LOG_FORMAT", "text").strip().lower() or "text"
if NEWSROOM_LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(
        f"NEWSROOM_LOG_FORMAT must be 'text' or 'json', not {NEWSROOM_LOG_FORMAT!r}."
    )
LOGGING = {
    **LOGGING,
    "formatters": {"json": {"()": "newsroom.requestlog.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if NEWSROOM_LOG_FORMAT == "json" else {}),
        }
    },
    "loggers": {
        **LOGGING["loggers"],
        # In text mode gunicorn's access log already has a line a request; only failures here.
        "newsroom.request": {"level": "INFO" if NEWSROOM_LOG_FORMAT == "json" else "WARNING"},
    },
}

# Outgoing mail (the workflow's notifications) through the centre's SMTP server.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
