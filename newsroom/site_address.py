"""The site's public address, read once by the settings (``NEWSROOM_BASE_URL``).

Every absolute link the site writes (canonical, OpenGraph, JSON-LD, feeds, sitemaps,
robots.txt, e-mail) is made on it, never on the request's Host header: pages are cached for
everyone, and a Host one visitor sent must not end up in what the others read. Imports
nothing of the project, since the settings import it.
"""

from urllib.parse import urljoin, urlsplit

from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_ADDRESS = "http://127.0.0.1:8000"


def site_address(raw: str, debug: bool, hosts: list[str]) -> str:
    """``scheme://host[:port]`` from ``raw``; unset, where ``make demo`` serves in debug, and
    in production (HTTPS only) ``https://`` with the first host named in ``hosts``."""
    raw = raw.strip()
    if not raw:
        if debug:
            return DEVELOPMENT_ADDRESS
        named = [host for host in hosts if host != "*" and not host.startswith(".")]
        if not named:
            raise ImproperlyConfigured(
                "NEWSROOM_BASE_URL must be set (e.g. https://tintuc.example.vn) when "
                "DJANGO_ALLOWED_HOSTS names no host."
            )
        return f"https://{named[0]}"
    parts = urlsplit(raw)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
    ):
        raise ImproperlyConfigured(
            "NEWSROOM_BASE_URL must be a scheme and host, such as https://tintuc.example.vn "
            f"(no path, query or user): {raw!r}"
        )
    return f"{parts.scheme}://{parts.netloc}"


def absolute_url(url: str) -> str:
    """``url`` (a path, or already absolute) made absolute on ``NEWSROOM_BASE_URL``.

    Never on the request's Host: pages are cached and shared, and a forged Host must not leak
    into a link that others are shown.
    """
    from django.conf import settings

    return urljoin(settings.NEWSROOM_BASE_URL + "/", url)
