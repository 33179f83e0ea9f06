"""Write the nginx site for this server from deploy/nginx/, filled from the environment.

    set -a; . /etc/newsroom/newsroom.env; set +a
    .venv/bin/python deploy/render_nginx.py /etc/nginx/newsroom

writes ``newsroom.conf`` (the site: include it in nginx's http block, e.g. a link in
sites-enabled/), ``proxy_params.conf`` and ``errors/413.html`` into that folder. The folders,
the upload limits and the session cookie's name are read from the site's own settings, so
nginx and Django cannot disagree about them; the rest from ``NGINX_*`` variables.
"""

import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
PLACEHOLDER = re.compile(r"\$\{([A-Z_]+)\}")
# The multipart form around a photo (its caption, alt text, credit, the CSRF token).
FORM_MARGIN = 1024 * 1024


def site_values() -> dict[str, str]:
    """Every ${NAME} of the templates, from the settings and NGINX_* variables."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.conf import settings

    from photos.forms import MAX_FILES_PER_BATCH

    base = urlsplit(settings.NEWSROOM_BASE_URL)
    photo_limit = settings.NEWSROOM_PHOTO_MAX_BYTES
    bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
    host = base.hostname or "localhost"
    return {
        "SERVER_NAME": os.environ.get("NGINX_SERVER_NAME", host),
        "BASE_URL": f"{base.scheme}://{base.netloc}",
        "HTTP_LISTEN": os.environ.get("NGINX_HTTP_LISTEN", "80"),
        "HTTPS_LISTEN": os.environ.get("NGINX_HTTPS_LISTEN", "443 ssl"),
        "TLS_CERTIFICATE": os.environ.get(
            "NGINX_TLS_CERTIFICATE", f"/etc/letsencrypt/live/{host}/fullchain.pem"
        ),
        "TLS_CERTIFICATE_KEY": os.environ.get(
            "NGINX_TLS_CERTIFICATE_KEY", f"/etc/letsencrypt/live/{host}/privkey.pem"
        ),
        "CACHE_DIR": os.environ.get("NGINX_CACHE_DIR", "/var/cache/nginx/newsroom"),
        "ACCESS_LOG": os.environ.get("NGINX_ACCESS_LOG", "/var/log/nginx/newsroom.access.log"),
        # gunicorn's address: host:port, or unix:/run/newsroom/gunicorn.sock.
        "UPSTREAM": bind,
        "STATIC_ROOT": str(Path(settings.STATIC_ROOT).resolve()),
        "MEDIA_ROOT": str(Path(settings.MEDIA_ROOT).resolve()),
        "SESSION_COOKIE": settings.SESSION_COOKIE_NAME,
        "BODY_LIMIT": str(photo_limit + FORM_MARGIN),
        "BATCH_FILES": str(MAX_FILES_PER_BATCH),
        "BATCH_BODY_LIMIT": str(photo_limit * MAX_FILES_PER_BATCH + FORM_MARGIN),
        "PHOTO_LIMIT_TEXT": f"{photo_limit / (1024 * 1024):g} MB",
    }


def render(text: str, values: dict[str, str]) -> str:
    """``text`` with each ${NAME} replaced; an unknown name is an error, never left in."""

    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in values:
            raise SystemExit(f"deploy/render_nginx.py: no value for ${{{name}}}")
        return values[name]

    return PLACEHOLDER.sub(value, text)


def main(target: Path) -> None:
    values = site_values()
    (target / "errors").mkdir(parents=True, exist_ok=True)
    values["ERROR_PAGES"] = str((target / "errors").resolve())
    values["PROXY_PARAMS"] = str((target / "proxy_params.conf").resolve())
    for source, name in (
        ("newsroom.conf.template", "newsroom.conf"),
        ("proxy_params.conf", "proxy_params.conf"),
        ("errors/413.html", "errors/413.html"),
    ):
        text = (DEPLOY / "nginx" / source).read_text(encoding="utf-8")
        (target / name).write_text(render(text, values), encoding="utf-8")
    print(f"nginx site written to {target / 'newsroom.conf'}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python deploy/render_nginx.py TARGET_FOLDER")
    main(Path(sys.argv[1]))
