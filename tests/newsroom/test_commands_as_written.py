"""The README's commands work as written on a fresh checkout (issue 21, item 6)."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.helpers import PROJECT_ROOT


def manage(*args, **env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_", "DATABASE_", "REDIS_"))
    }
    return subprocess.run(  # noqa: S603 — our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_command_without_debug_or_key_says_in_one_line_what_to_set(tmp_path):
    """`manage.py import_articles` in a checkout with nothing set prints one Vietnamese line
    naming DJANGO_DEBUG=1 and DJANGO_SECRET_KEY, not a traceback."""
    result = manage("import_articles", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Chưa đặt DJANGO_SECRET_KEY" in result.stderr
    assert "DJANGO_DEBUG=1" in result.stderr


def test_migrate_on_sqlite_prints_no_warning(tmp_path):
    """The demo's first migrate prints no system-check warning (models.W040 on SQLite)."""
    result = manage(
        "migrate",
        "--no-input",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in (result.stdout + result.stderr).upper()


@pytest.mark.django_db
def test_load_demo_prints_the_address_served(settings, capsys):
    """`make demo PORT=8101` sets the site's address; load_demo prints that one."""
    settings.NEWSROOM_BASE_URL = "http://127.0.0.1:8101"
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "Trang công khai: http://127.0.0.1:8101/" in out
    assert "Quản trị: http://127.0.0.1:8101/admin/" in out
