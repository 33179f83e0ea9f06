"""Operations: the health check, request ids, JSON log lines and the deployment check."""

import json
import logging
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from newsroom.requestlog import JsonFormatter
from tests.factories import UserFactory

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1: the connection is refused at once.
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


class JsonLines(logging.Handler):
    """The lines a log collector would receive, as JSON."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.setFormatter(JsonFormatter())
        self.lines: list[dict] = []

    def emit(self, record):
        line = self.format(record)
        assert "\n" not in line
        self.lines.append(json.loads(line))


@pytest.fixture
def json_lines():
    handler = JsonLines()
    # The request lines are at INFO, which the text-format settings leave out.
    names = ("newsroom", "django.request", "newsroom.request")
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.INFO)
    for logger in loggers[:2]:
        logger.addHandler(handler)
    yield handler.lines
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


@pytest.mark.django_db
def test_health_check_answers_ok_uncached_by_any_address(client):
    """A load balancer asking by the server's address over HTTP gets 200 and a JSON body."""
    with override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["tintuc.example.vn"]):
        response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_check_says_503_when_the_cache_is_down(client, json_lines):
    """With Redis unreachable the answer is 503 naming the cache, and the reason is logged."""
    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-probe-7")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "unavailable"},
    }
    assert "redis" not in response.content.decode().lower()
    failure = next(line for line in json_lines if line["logger"] == "newsroom.health")
    assert failure["request_id"] == "lb-probe-7"
    assert "Connection" in failure["exception"]


@pytest.mark.django_db
def test_request_id_is_kept_from_the_proxy_or_made(client):
    """A sensible X-Request-ID comes back as sent; anything else is replaced by a new id."""
    assert client.get("/", HTTP_X_REQUEST_ID="abc-123.4")["X-Request-ID"] == "abc-123.4"
    replaced = client.get("/", HTTP_X_REQUEST_ID="có dấu\r\nX-Evil: 1")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", replaced)


@pytest.mark.django_db
def test_request_line_names_staff_but_not_readers(client, json_lines):
    """Each request is one JSON line; a staff member's id is in it, a reader's never."""
    client.get("/", HTTP_X_REQUEST_ID="reader-1")
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    client.get("/admin/", HTTP_X_REQUEST_ID="staff-1")
    lines = {
        line["request_id"]: line for line in json_lines if line["logger"] == "newsroom.request"
    }
    assert "user_id" not in lines["reader-1"]
    assert lines["reader-1"]["status"] == 200
    assert lines["staff-1"]["user_id"] == staff.pk
    assert lines["staff-1"]["path"] == "/admin/"
    assert lines["staff-1"]["duration_ms"] >= 0


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.newsroom.urls_failing")
def test_an_error_is_logged_with_its_request_id(json_lines):
    """A page that fails leaves its traceback in the log under the id of its request."""
    response = Client(raise_request_exception=False).get("/hong/", HTTP_X_REQUEST_ID="err-42")
    assert response.status_code == 500
    errors = [line for line in json_lines if line["level"] == "ERROR"]
    assert {line["logger"] for line in errors} == {"django.request", "newsroom.request"}
    assert all(line["request_id"] == "err-42" for line in errors)
    traceback = next(line for line in errors if line["logger"] == "django.request")
    assert "hỏng giữa chừng" in traceback["exception"]


@pytest.mark.django_db
def test_check_deployment_lists_what_the_test_settings_lack(capsys):
    """With the tests' short key and plain-HTTP address, the check names both, in Vietnamese
    and English, and fails."""
    with pytest.raises(CommandError):
        call_command("check_deployment")
    out = capsys.readouterr().out
    assert "DJANGO_SECRET_KEY quá ngắn" in out
    assert "DJANGO_SECRET_KEY is too short" in out
    assert "NEWSROOM_BASE_URL phải là địa chỉ https://" in out
    assert "NEWSROOM_BASE_URL must be the site's https:// address" in out
