"""The production recipe's files agree with the code: every setting in the environment file,
nginx's limits made from the site's own (run in the normal suite; the stack itself is
test_smoke.py)."""

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.helpers import PROJECT_ROOT

DEPLOY = Path(PROJECT_ROOT) / "deploy"
# os.environ and the settings' helpers (not a WSGI request's environ).
READ = re.compile(
    r"""(?:os\.environ\.get|os\.environ\[|env_bool|env_list)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def variables_read_by(*folders: str) -> set[str]:
    names = set()
    for folder in folders:
        for source in (Path(PROJECT_ROOT) / folder).rglob("*.py"):
            names |= set(READ.findall(source.read_text(encoding="utf-8")))
    return names


def test_environment_file_lists_every_setting_and_reads_in_sh():
    """Each variable the site, gunicorn's settings or the nginx renderer reads is in the
    template, and the template loads in a shell as the README says."""
    loaded = subprocess.run(
        ["sh", "-c", f"set -a; . {DEPLOY / 'newsroom.env.example'}; env"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ["PATH"]},
    ).stdout
    written = {line.split("=", 1)[0] for line in loaded.splitlines() if "=" in line}
    commented = set(
        re.findall(r"^#([A-Z][A-Z0-9_]+)=", (DEPLOY / "newsroom.env.example").read_text(), re.M)
    )
    read = variables_read_by("newsroom", "deploy") - {"DJANGO_SETTINGS_MODULE"}
    assert {"DJANGO_SECRET_KEY", "NEWSROOM_BASE_URL", "NGINX_TLS_CERTIFICATE"} <= read
    assert read - written - commented == set()
    assert "NEWSROOM_SITE_NAME=Trung tâm Truyền thông và Văn hóa" in loaded


def test_nginx_upload_limit_is_made_from_the_photo_limit(tmp_path):
    """With a 5 MB photo limit, nginx takes 6 MB a request and 30 photos on the batch page;
    nothing is left unfilled and no folder is ever listed."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "NEWSROOM_PHOTO_MAX_BYTES": str(5 * 1024 * 1024),
        "NEWSROOM_BASE_URL": "https://tintuc.example.vn",
    }
    subprocess.run(
        [sys.executable, str(DEPLOY / "render_nginx.py"), str(tmp_path)],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    site = (tmp_path / "newsroom.conf").read_text()
    assert f"client_max_body_size {6 * 1024 * 1024};" in site
    assert f"client_max_body_size {30 * 5 * 1024 * 1024 + 1024 * 1024};" in site
    assert "${" not in site
    assert "autoindex on" not in site
    assert "return 301 https://tintuc.example.vn$request_uri;" in site
    assert "5 MB" in (tmp_path / "errors" / "413.html").read_text()
