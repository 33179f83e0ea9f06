"""The production posture: deploy checks, security headers, login throttling, idle sessions."""

import json
import logging
import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import SESSION_KEY
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from newsroom.security import client_address
from tests.factories import ArticleFactory, UserFactory
from tests.helpers import client_for
from tests.newsroom.test_settings import ROOT, VARIABLES

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery"  # the factories' password


def production_env(tmp_path, **extra) -> dict:
    """A production environment: debug off, a real-looking key, one host, a throw-away SQLite."""
    # The browser tests' conftest allows async-unsafe calls in this process; production does not.
    dropped = {*VARIABLES, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="n9$kq-2vT!x7Lw@4pZr#8dYe%1hUc&6mJs*0bGf^3aQo+5iNy-test-only-key",
        DJANGO_ALLOWED_HOSTS="tintuc.example.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def run(args, env):
    return subprocess.run(  # noqa: S603 — our own interpreter and scripts
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def explained_deploy_warnings() -> dict[str, str]:
    """The check ids the README explains under "What `check --deploy` still says"."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### What `check --deploy` still says", 1)[1].split("\n#", 1)[0]
    rows = re.findall(r"^\| `([\w.]+\.[WE]\d{3})` \| (.*?) \|$", section, re.M)
    return dict(rows)


# --- production settings ------------------------------------------------------------------


def test_check_deploy_reports_only_what_the_readme_explains(tmp_path):
    """`check --deploy` with production settings warns of nothing the README does not explain."""
    result = run(["manage.py", "check", "--deploy"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    reported = set(re.findall(r"\(([\w.]+\.[WE]\d{3})\)", result.stdout + result.stderr))
    explained = explained_deploy_warnings()
    assert all(len(reason) > 40 for reason in explained.values())
    assert reported == set(explained), result.stdout + result.stderr


def test_production_responses_are_https_only_with_security_headers(tmp_path):
    """Debug off: HTTP goes to HTTPS; pages carry HSTS, nosniff, Referrer-Policy; cookies are
    Secure and the session cookie HttpOnly; an unknown host gets 400."""
    result = run(["tests/deploy_probe.py"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])

    assert seen["plain"] == {"status": 301, "location": "https://tintuc.example.vn/admin/login/"}
    for page in ("login_page", "home"):
        assert seen[page]["status"] == 200
        headers = seen[page]["headers"]
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert seen["login_page"]["csrf_cookie"]["secure"] is True
    assert seen["logged_in"]["status"] == 302
    assert seen["logged_in"]["location"] == "/admin/"
    assert seen["logged_in"]["session_cookie"] == {
        "secure": True,
        "httponly": True,
        "samesite": "Lax",
    }
    assert seen["wrong_host"] == 400


# --- login throttling ---------------------------------------------------------------------


@pytest.fixture
def editor(db):
    return UserFactory(username="bientap")


def log_in(client, username, password, address="10.0.0.1", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **extra,
    )


def fail(client, username, times, address="10.0.0.1"):
    return [log_in(client, username, "sai mật khẩu", address).status_code for _ in range(times)]


def test_five_wrong_passwords_lock_the_account_with_a_vietnamese_page(client, editor):
    """The fifth wrong password locks the account: 429, a page in Vietnamese, no login even with
    the right password."""
    assert fail(client, "bientap", 4) == [200, 200, 200, 200]
    locked = log_in(client, "bientap", "sai mật khẩu")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "tạm bị khóa trong 15 phút" in page
    assert locked["Retry-After"] == "900"

    right = log_in(client, "bientap", PASSWORD)
    assert right.status_code == 429
    assert SESSION_KEY not in client.session


def test_the_lockout_ends_after_the_cool_off(client, editor):
    """Sixteen minutes after the lockout the right password works again."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(client, "bientap", 5)
        clock.shift(timedelta(minutes=14))
        assert log_in(client, "bientap", PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=2))
        response = log_in(client, "bientap", PASSWORD)
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(editor.pk)


def test_trying_during_a_lockout_does_not_prolong_it(client, editor):
    """Someone trying every few minutes cannot keep a colleague locked out for ever."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        fail(client, "bientap", 5)
        for _ in range(3):
            clock.shift(timedelta(minutes=5))
            assert log_in(client, "bientap", "sai mật khẩu").status_code == 429
        clock.shift(timedelta(minutes=1))
        assert log_in(client, "bientap", PASSWORD).status_code == 302


def test_an_account_is_locked_from_every_address(client, editor):
    """Guesses at one account from one address lock that account wherever the next try comes
    from, but not the other people at that address."""
    UserFactory(username="phongvien")
    fail(client, "bientap", 5, address="10.0.0.1")
    assert log_in(Client(), "bientap", PASSWORD, address="172.16.5.9").status_code == 429
    assert log_in(Client(), "phongvien", PASSWORD, address="10.0.0.1").status_code == 302


def test_one_address_guessing_many_accounts_is_locked(client, editor):
    """Thirty failures from one address, one per account name, lock the address (not others)."""
    statuses = [
        log_in(client, f"khong-co-{n}", "sai mật khẩu", "203.0.113.7").status_code
        for n in range(30)
    ]
    assert statuses == [200] * 29 + [429]
    assert log_in(Client(), "bientap", PASSWORD, address="203.0.113.7").status_code == 429
    assert log_in(Client(), "bientap", PASSWORD, address="10.0.0.1").status_code == 302


def test_a_successful_login_clears_the_account_failures(client, editor):
    """Four slips, a good login, four more slips: not locked."""
    fail(client, "bientap", 4)
    assert log_in(client, "bientap", PASSWORD).status_code == 302
    assert fail(Client(), "bientap", 4) == [200, 200, 200, 200]


def test_logging_in_between_guesses_does_not_reset_a_colleague(client, editor):
    """Someone with a valid account cannot log in between guesses at a colleague's password to
    escape the lockout."""
    UserFactory(username="keviec")
    fail(client, "bientap", 3)
    assert log_in(Client(), "keviec", PASSWORD).status_code == 302
    assert fail(client, "bientap", 2) == [200, 429]


def test_failures_and_lockouts_are_logged(client, editor, caplog):
    """Every failure and the lockout are logged with the account and address, and kept."""
    with caplog.at_level(logging.INFO, logger="newsroom.security"):
        fail(client, "bientap", 5, address="198.51.100.4")
    lines = [r.getMessage() for r in caplog.records if r.name == "newsroom.security"]
    assert lines.count("Failed login: account 'bientap' from address 198.51.100.4") == 4
    assert lines[-1] == "Login locked out: account 'bientap' from address 198.51.100.4"
    assert AccessFailureLog.objects.filter(username="bientap").count() == 5
    assert AccessFailureLog.objects.filter(locked_out=True).count() == 1


def test_behind_the_proxy_the_address_is_the_one_the_proxy_added(client, editor, settings):
    """Behind the TLS proxy the client's address is the last X-Forwarded-For entry, so a forged
    first entry does not give a guesser a fresh address."""
    settings.NEWSROOM_BEHIND_PROXY = True
    for n in range(5):
        log_in(
            client,
            "bientap",
            "sai mật khẩu",
            address="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 198.51.100.20",
        )
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    assert client_address(request) == "127.0.0.1"
    settings.NEWSROOM_BEHIND_PROXY = False
    forged = RequestFactory().get("/", REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(forged) == "10.0.0.3"


def test_the_test_clients_login_still_works(editor):
    """Logging in without a request (the test client, a shell) is not throttled or broken."""
    client = Client()
    assert client.login(username="bientap", password=PASSWORD) is True
    assert client.login(username="bientap", password="sai") is False


# --- idle sessions ------------------------------------------------------------------------


def test_idle_staff_are_signed_out_with_a_message(db):
    """After 31 idle minutes the next admin page asks to log in again and says why."""
    user = UserFactory(is_superuser=True)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = client_for(user)
        assert client.get("/admin/").status_code == 200
        clock.shift(timedelta(minutes=31))
        response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert SESSION_KEY not in client.session
    assert "không hoạt động quá 30 phút" in response.content.decode()


def test_working_staff_stay_signed_in(db):
    """Requests every 25 minutes, the edit page's heartbeat included, keep the session for hours."""
    user = UserFactory(is_superuser=True)
    article = ArticleFactory(created_by=user)
    heartbeat = reverse("admin:articles_article_presence", args=[article.pk])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = client_for(user)
        for _ in range(6):
            assert client.post(heartbeat).status_code == 200
            clock.shift(timedelta(minutes=25))
        assert client.get("/admin/").status_code == 200
    assert client.session[SESSION_KEY] == str(user.pk)


def test_the_idle_limit_is_a_setting(db, settings):
    """NEWSROOM_IDLE_TIMEOUT sets the limit: with five minutes, six idle minutes sign out."""
    settings.NEWSROOM_IDLE_TIMEOUT = 5 * 60
    user = UserFactory(is_superuser=True)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = client_for(user)
        client.get("/admin/")
        clock.shift(timedelta(minutes=4))
        assert client.get("/admin/").status_code == 200
        clock.shift(timedelta(minutes=6))
        assert client.get("/admin/").status_code == 302


def test_public_pages_start_no_session(client, db):
    """A reader is never given a session cookie by the idle check."""
    response = client.get("/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
