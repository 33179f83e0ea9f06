"""Absolute links are made on the configured site address and HTTPS is believed only from the
connection (finding 6 of the security test): a visitor's Host header or forwarded-protocol
header changes nothing the site says."""

import json
import os
import re
import runpy
import socket
import ssl
import subprocess
import sys
from urllib.parse import quote, urlsplit

import pytest
from django.core import mail

from articles import workflow
from articles.roles import EDITOR, JOURNALIST
from tests.factories import ReadyArticleFactory, newsroom_with, user_in_role
from tests.newsroom.test_settings import ROOT

pytestmark = pytest.mark.django_db

SITE = "https://tintuc.example.vn"
HOSTS = ["evil.example:81", "127.0.0.1:8000"]


@pytest.fixture
def site(settings):
    settings.NEWSROOM_BASE_URL = SITE
    settings.ALLOWED_HOSTS = ["evil.example", "127.0.0.1", "testserver"]


def public_urls(world: dict) -> list[str]:
    """Every kind of public page that carries absolute links."""
    category = world["category"].slug
    return [
        "/",
        world["article"].get_absolute_url(),
        "/tin-moi/",
        world["category"].get_absolute_url(),
        world["author"].get_absolute_url(),
        "/tim-kiem/?q=hoi",
        "/tin-moi/rss/",
        "/tin-moi/atom/",
        f"/chuyen-muc/{category}/rss/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
        "/sitemap-categories.xml",
        "/sitemap-pages.xml",
        "/robots.txt",
    ]


# Other sites a page may link to: vocabularies, and the share buttons.
ELSEWHERE = {
    "schema.org",
    "www.sitemaps.org",
    "www.w3.org",
    "www.google.com",
    "purl.org",
    "www.facebook.com",
    "sp.zalo.me",
    "twitter.com",
}


def links_to_this_site(text: str) -> set[str]:
    links = set(re.findall(r"https?://[^\s\"'<>]+", text))
    return {link for link in links if urlsplit(link).hostname not in ELSEWHERE}


@pytest.mark.parametrize("host", HOSTS)
def test_no_page_feed_or_sitemap_takes_the_visitors_host(client, site, host):
    """Asked for with ``Host: evil.example:81`` or ``127.0.0.1:8000``, every page, feed,
    sitemap and robots.txt links only to the configured address, first visit or cached."""
    world = newsroom_with(2)
    for url in public_urls(world):
        for visit in ("first", "cached"):
            response = client.get(url, HTTP_HOST=host)
            assert response.status_code == 200, (url, visit)
            text = response.content.decode()
            assert host not in text, (url, visit)
            assert quote(host, safe="") not in text, (url, visit)
            links = links_to_this_site(text)
            assert links, url
            assert all(link.startswith(f"{SITE}/") for link in links), (url, links)


def test_the_article_head_names_the_site_address(client, site):
    """Canonical, OpenGraph and JSON-LD of an article are on the configured address."""
    article = newsroom_with(1)["article"]
    page = client.get(article.get_absolute_url(), HTTP_HOST="evil.example:81").content.decode()
    canonical = f"{SITE}{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert f'<meta property="og:url" content="{canonical}">' in page
    assert f'<meta property="og:image" content="{SITE}{article.featured_photo.image.url}">' in page
    data = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["url"] == canonical


def test_notification_links_are_on_the_site_address(
    roles, site, mailoutbox, django_capture_on_commit_callbacks
):
    """The e-mail sent on a submission links to the edit page on the configured address."""
    journalist = user_in_role(JOURNALIST, "phongvien", email="pv@example.org")
    user_in_role(EDITOR, "bientapvien", email="btv@example.org")
    article = ReadyArticleFactory(created_by=journalist)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(article=article, action="submit", actor=journalist)
    assert f"{SITE}/admin/articles/article/{article.pk}/change/" in mail.outbox[-1].body


# --- The site address in production ----------------------------------------------------------


def production_settings(**env) -> subprocess.CompletedProcess:
    """NEWSROOM_BASE_URL as production settings read it, in a fresh process."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"NEWSROOM_BASE_URL", "DJANGO_DEBUG", "DJANGO_ALLOWED_HOSTS"}
    }
    clean.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        **env,
    )
    script = "from django.conf import settings; print(settings.NEWSROOM_BASE_URL)"
    return subprocess.run(  # noqa: S603 — our own interpreter and a fixed script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_takes_the_address_from_the_environment():
    """NEWSROOM_BASE_URL is used as given, less a trailing slash."""
    result = production_settings(
        NEWSROOM_BASE_URL="https://tintuc.example.vn/", DJANGO_ALLOWED_HOSTS="tintuc.example.vn"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://tintuc.example.vn"


def test_production_without_an_address_uses_the_first_allowed_host_over_https():
    """Unset, the address is https:// and the first host named in DJANGO_ALLOWED_HOSTS, not
    the development default of 127.0.0.1:8000."""
    result = production_settings(DJANGO_ALLOWED_HOSTS=".example.vn,tintuc.example.vn")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://tintuc.example.vn"


@pytest.mark.parametrize(
    "address", ["tintuc.example.vn", "ftp://tintuc.example.vn", "https://x.vn/tin/", "https://"]
)
def test_an_address_that_is_not_a_site_address_is_refused(address):
    """Without a scheme, with another scheme, a path or no host, the settings refuse to load."""
    result = production_settings(NEWSROOM_BASE_URL=address, DJANGO_ALLOWED_HOSTS="x.vn")
    assert result.returncode != 0
    assert "NEWSROOM_BASE_URL must be" in result.stderr


def test_production_with_only_wildcard_hosts_must_name_the_address():
    """With no named host to fall back on, the settings ask for NEWSROOM_BASE_URL."""
    result = production_settings(DJANGO_ALLOWED_HOSTS="*")
    assert result.returncode != 0
    assert "NEWSROOM_BASE_URL must be set" in result.stderr


# --- HTTPS believed only from the connection ------------------------------------------------

# What gunicorn hands the site for plain HTTP from the loopback that carries a forged header:
# with its default forwarded_allow_ips it sets wsgi.url_scheme to https.
FORGED = {"HTTP_X_FORWARDED_PROTO": "https", "wsgi.url_scheme": "https"}


@pytest.fixture
def https_only(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = None


def test_a_forged_forwarded_protocol_does_not_pass_for_https(client, https_only):
    """Plain HTTP with ``X-Forwarded-Proto: https`` is still sent to HTTPS."""
    for extra in (FORGED, {"HTTP_X_FORWARDED_SSL": "on", "wsgi.url_scheme": "https"}):
        response = client.get("/admin/login/", **extra)
        assert response.status_code == 301
        assert response["Location"] == "https://testserver/admin/login/"


def test_over_gunicorns_plain_socket_https_is_not_believed(client, https_only):
    """gunicorn's connection is plain, so its https (from any header it trusts) is not."""
    with socket.socket() as connection:
        response = client.get(
            "/admin/login/",
            **{"wsgi.url_scheme": "https", "gunicorn.socket": connection},
            HTTP_X_SCHEME="https",
        )
    assert response.status_code == 301


def test_https_from_the_server_itself_is_believed(client, https_only):
    """A TLS connection to the server (its own socket, or the test client's secure request)
    is HTTPS, with or without forwarded headers."""
    assert client.get("/admin/login/", secure=True).status_code == 200
    context = ssl.create_default_context()
    with context.wrap_socket(
        socket.socket(), server_hostname="testserver", do_handshake_on_connect=False
    ) as connection:
        response = client.get("/admin/login/", **FORGED, **{"gunicorn.socket": connection})
    assert response.status_code == 200


def test_behind_the_tls_proxy_its_header_is_believed(client, https_only, settings):
    """With DJANGO_BEHIND_TLS_PROXY (SECURE_PROXY_SSL_HEADER), the proxy's header decides."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/admin/login/", **FORGED).status_code == 200
    plain = client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="http")
    assert plain.status_code == 301


@pytest.mark.parametrize(("behind", "ips"), [("0", ""), ("1", "127.0.0.1,::1")])
def test_gunicorn_is_told_the_same(monkeypatch, behind, ips):
    """deploy/gunicorn.conf.py trusts no forwarded header without the proxy setting, and only
    X-Forwarded-Proto from the proxy with it."""
    monkeypatch.setenv("DJANGO_BEHIND_TLS_PROXY", behind)
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    config = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))
    assert config["forwarded_allow_ips"] == ips
    expected = {"X-FORWARDED-PROTO": "https"} if behind == "1" else {}
    assert config["secure_scheme_headers"] == expected
    assert config["wsgi_app"] == "newsroom.wsgi:application"
