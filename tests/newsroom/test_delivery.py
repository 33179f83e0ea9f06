"""Compressed answers (gzip, Brotli), never with a secret in them, and static files with
lasting names (``newsroom.delivery``)."""

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import brotli
import pytest
from django.core.management import call_command
from django.test import Client

from newsroom.delivery import accepted_encoding
from tests.factories import UserFactory, newsroom_with

pytestmark = pytest.mark.django_db

BR = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}


def decoded(response) -> bytes:
    encoding = response.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(response.content)
    if encoding == "gzip":
        return gzip.decompress(response.content)
    return response.content


@pytest.fixture
def world(db):
    return newsroom_with(2)


@pytest.mark.parametrize("cached", [True, False], ids=["page-cache", "no-page-cache"])
def test_pages_feeds_and_sitemaps_are_sent_compressed(client, world, settings, cached):
    """Home, an article, a list, a feed and the sitemap arrive in Brotli for a browser that
    accepts it, in gzip for one that accepts only gzip, and the same bytes once decoded."""
    settings.NEWSROOM_PAGE_CACHE = cached
    urls = ["/", world["article"].get_absolute_url(), "/tin-moi/", "/tin-moi/rss/", "/sitemap.xml"]
    for url in urls:
        plain = client.get(url)
        assert plain.status_code == 200 and "Content-Encoding" not in plain, url
        assert "Accept-Encoding" in plain["Vary"], url
        for headers, encoding in ((BR, "br"), (GZIP, "gzip")):
            for _ in range(2):  # the second one from the page cache, when it is on
                response = client.get(url, **headers)
                assert response["Content-Encoding"] == encoding, url
                assert "Accept-Encoding" in response["Vary"]
                assert int(response["Content-Length"]) == len(response.content)
                assert len(response.content) < len(plain.content)
                assert decoded(response) == plain.content, url


def test_a_client_that_refuses_compression_gets_plain_text(client, world):
    """``Accept-Encoding: identity`` or ``br;q=0, gzip;q=0``: the page is sent as it is."""
    for header in ("identity", "br;q=0, gzip;q=0", ""):
        response = client.get("/", HTTP_ACCEPT_ENCODING=header)
        assert "Content-Encoding" not in response
        assert b"<!doctype html>" in response.content


def test_accepted_encoding_prefers_brotli_and_respects_q_zero():
    assert accepted_encoding("gzip, deflate, br, zstd") == "br"
    assert accepted_encoding("gzip;q=1.0, br;q=0") == "gzip"
    assert accepted_encoding("GZIP") == "gzip"
    assert accepted_encoding("*") == "br"
    assert accepted_encoding("deflate") == ""


def test_a_page_with_a_csrf_token_is_not_compressed(client, db):
    """The login form holds a CSRF token: it is never compressed (BREACH)."""
    response = client.get("/admin/login/", **BR)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_signed_in_pages_are_not_compressed(world, db):
    """A request with a session (staff signed in) gets nothing compressed: their pages may show
    what belongs to the session."""
    staff = Client()
    staff.force_login(UserFactory(is_staff=True))
    for url in ("/", world["article"].get_absolute_url(), "/admin/"):
        response = staff.get(url, **BR)
        assert response.status_code == 200, url
        assert "Content-Encoding" not in response, url


def test_no_compressed_anonymous_answer_carries_a_secret(client, world):
    """Every public page a visitor can reach anonymously: when compressed, it holds no CSRF
    token and sets no cookie (nothing secret to guess from its length)."""
    urls = [
        "/",
        "/tin-moi/",
        world["article"].get_absolute_url(),
        world["category"].get_absolute_url(),
        world["organisation"].get_absolute_url(),
        world["author"].get_absolute_url(),
        world["tag"].get_absolute_url(),
        "/tim-kiem/?q=hoi+nong+dan",
        "/tin-moi/rss/",
        "/tin-moi/atom/",
        "/sitemap.xml",
        "/robots.txt",
        "/admin/login/",
    ]
    compressed = 0
    for url in urls:
        response = client.get(url, **BR)
        if "Content-Encoding" not in response:
            continue
        compressed += 1
        body = decoded(response)
        assert b"csrfmiddlewaretoken" not in body and b"csrftoken" not in body, url
        assert not response.cookies, url
    assert compressed >= len(urls) - 2  # all but the login page (and robots.txt, if short)


def test_a_compressed_cached_page_answers_304(client, world):
    """A browser that has the compressed page sends its (weak) ETag back and gets 304."""
    first = client.get("/", **BR)
    assert first["ETag"].startswith('W/"')
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"], **BR)
    assert again.status_code == 304


@pytest.fixture
def collected(settings, tmp_path):
    """The project's own static files gathered by collectstatic as in production: hashed names,
    a manifest, gzip and Brotli copies."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "newsroom.delivery.LastingStaticStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return Path(settings.STATIC_ROOT)


def test_collectstatic_writes_hashed_and_precompressed_files(collected):
    """Each CSS file gets a hashed name with gzip and Brotli copies beside it."""
    hashed = [path.name for path in (collected / "css").iterdir()]
    assert any(re.fullmatch(r"site\.[0-9a-f]{12}\.css", name) for name in hashed)
    assert any(re.fullmatch(r"site\.[0-9a-f]{12}\.css\.br", name) for name in hashed)
    assert any(re.fullmatch(r"site\.[0-9a-f]{12}\.css\.gz", name) for name in hashed)
    assert (collected / "staticfiles.json").exists()


def test_hashed_css_is_kept_a_year_and_sent_compressed(collected, world):
    """The page names the hashed stylesheet; it is served with a year's immutable caching and
    in Brotli to a browser that accepts it."""
    client = Client()  # its handler loads the middleware now, reading the new STATIC_ROOT
    page = client.get("/").content.decode()
    address = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)
    response = client.get(address, **BR)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=31536000, public, immutable"
    assert response["Content-Encoding"] == "br"
    assert "Accept-Encoding" in response["Vary"]
    body = brotli.decompress(b"".join(response.streaming_content))
    assert body == (collected / address.removeprefix("/static/")).read_bytes()
    response.close()


def test_favicon_leads_to_the_hashed_file(collected, db):
    """``/favicon.ico`` redirects to the hashed SVG that collectstatic wrote."""
    response = Client().get("/favicon.ico")
    assert re.fullmatch(r"/static/favicon\.[0-9a-f]{12}\.svg", response["Location"])


def test_commands_run_before_collectstatic_on_a_fresh_production_machine(tmp_path):
    """With debug off and nothing collected yet, ``manage.py`` commands start (collectstatic
    runs the checks that import the URLs, which must need no manifest)."""
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "collectstatic-test-" + "k" * 40,
        "DJANGO_ALLOWED_HOSTS": "tintuc.example.vn",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(  # noqa: S603 — our own interpreter and manage.py
        [sys.executable, str(root / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
