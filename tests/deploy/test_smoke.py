"""The production recipe as it ships (deploy/), tried through nginx: ``make test-prod``.

gunicorn from deploy/gunicorn.conf.py, nginx from deploy/nginx/ rendered by
deploy/render_nginx.py, TLS, PostgreSQL, Redis, debug off, the demo newsroom
(tests/deploy/stack.py).
"""

import json
import re
import secrets
import time

import pytest

from tests.deploy.conftest import first_match
from tests.deploy.stack import HOST, PHOTO_MAX_BYTES

pytestmark = pytest.mark.prod

ARTICLE = r"/tin-tuc/[a-z0-9-]+-\d+/"
YEAR = "max-age=31536000"


def article_path(browser) -> str:
    return first_match(ARTICLE, browser.get("/").text)


def test_home_page_is_served_compressed_over_https(browser):
    """A reader's phone gets the home page over HTTPS, compressed, with HSTS and a request id."""
    answer = browser.get("/", headers={"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert answer.header("Content-Encoding") == "gzip"
    assert "Trung tâm Truyền thông và Văn hóa" in answer.text
    assert answer.header("Strict-Transport-Security").startswith("max-age=")
    assert re.fullmatch(r"[0-9a-f]{32}", answer.header("X-Request-ID"))


def test_plain_http_is_sent_to_the_https_address(browser, stack):
    """Typing the address without https:// lands on the HTTPS site, same path."""
    answer = browser.get("/tin-moi/?trang=2", port=stack.http_port, tls=False)
    assert answer.status == 301
    assert answer.header("Location") == f"{stack.base_url}/tin-moi/?trang=2"


def test_an_anonymous_article_page_is_kept_by_the_proxy(browser):
    """The second reader of an article within a second is answered by nginx's cache."""
    path = article_path(browser)
    first = browser.get(path)
    second = browser.get(path)
    assert first.status == second.status == 200
    assert "<h1" in second.text
    assert second.header("X-Cache-Status") == "HIT"
    assert second.header("Cache-Control") == "public, no-cache"


def test_search_and_feed(browser):
    """Search typed without diacritics finds the Farmers' Association; the RSS feed is XML."""
    search = browser.get("/tim-kiem/?q=hoi+nong+dan")
    assert search.status == 200
    assert re.search(ARTICLE, search.text)
    feed = browser.get("/tin-moi/rss/")
    assert feed.status == 200
    assert feed.header("Content-Type").startswith("application/rss+xml")
    assert "<item>" in feed.text


def test_static_file_has_a_hashed_name_and_a_year_long_lifetime(browser):
    """The stylesheet's name carries its content's hash, so browsers keep it a year."""
    stylesheet = first_match(r"/static/[\w/.-]+\.[0-9a-f]{12}\.css", browser.get("/").text)
    answer = browser.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert answer.status == 200
    assert YEAR in answer.header("Cache-Control")
    assert "immutable" in answer.header("Cache-Control")
    assert answer.header("Content-Encoding") == "gzip"


def test_photo_is_served_from_disk_with_a_long_lifetime(browser):
    """An article's photo comes from nginx, as a picture, kept a month by browsers."""
    page = browser.get(article_path(browser)).text
    photo = first_match(r"/media/[\w/.-]+\.(?:webp|jpg|jpeg|png)", page)
    answer = browser.get(photo)
    assert answer.status == 200
    assert answer.header("Content-Type").startswith("image/")
    assert "max-age=2592000" in answer.header("Cache-Control")
    assert len(answer.body) > 1000


def test_media_folder_is_never_listed(browser):
    """Asking for the photo folder itself shows no list of files."""
    assert browser.get("/media/").status in (403, 404)


def test_admin_login_and_staff_pages_never_cached(browser, stack):
    """The editor logs in through nginx; their pages bypass the proxy's cache and none is kept."""
    assert browser.get("/admin/login/").status == 200
    login = browser.log_in("admin", "newsroom-demo")
    assert login.status == 302, login.text[:500]
    assert login.header("Location") == "/admin/"
    for _ in range(2):
        desk = browser.get("/admin/")
        assert desk.status == 200
        assert desk.header("X-Cache-Status") == "BYPASS"
        assert "no-store" in desk.header("Cache-Control")
    staff_article = browser.get(article_path(browser))
    assert staff_article.header("X-Cache-Status") == "BYPASS"
    cache = (stack.folder / "nginx-cache").rglob("*")
    kept = b"".join(path.read_bytes() for path in cache if path.is_file())
    keys = re.findall(rb"KEY: (\S+)", kept)
    assert keys, "the proxy kept no page at all"
    assert not [key for key in keys if b"/admin" in key]


def test_photo_over_the_limit_is_refused_by_nginx_in_vietnamese(browser):
    """A photo larger than the site accepts is stopped by nginx with a page saying why."""
    browser.log_in("admin", "newsroom-demo")
    boundary = "newsroom" + secrets.token_hex(8)
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="image"; '
            f'filename="lon.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
        ).encode()
        + b"\xff" * (PHOTO_MAX_BYTES + 2 * 1024 * 1024)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    answer = browser.request(
        "POST",
        "/admin/photos/photo/editor/",
        body=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert answer.status == 413
    assert "Tệp gửi lên quá lớn" in answer.text
    assert "2 MB" in answer.text
    assert answer.header("Content-Type").startswith("text/html")


def test_health_check_through_the_proxy_is_never_cached(browser):
    """The load balancer's question is answered fresh, with a small JSON body."""
    for _ in range(2):
        answer = browser.get("/healthz")
        assert answer.status == 200
        assert json.loads(answer.text) == {
            "status": "ok",
            "checks": {"database": "ok", "cache": "ok"},
        }
        assert "no-store" in answer.header("Cache-Control")
        assert answer.header("X-Cache-Status") == ""


def test_json_log_lines_carry_the_request_id_and_the_staff_user(browser, stack):
    """Each request is one JSON line in the site's log, found by the id nginx passed on."""
    browser.log_in("admin", "newsroom-demo")
    request_id = "smoke-" + secrets.token_hex(8)
    assert browser.get("/admin/", headers={"X-Request-ID": request_id}).status == 200
    deadline = time.monotonic() + 5
    while True:
        lines = [
            json.loads(line)
            for line in (stack.folder / "gunicorn.log").read_text().splitlines()
            if line.startswith("{")
        ]
        mine = [line for line in lines if line.get("request_id") == request_id]
        if mine or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert len(mine) == 1
    assert mine[0]["logger"] == "newsroom.request"
    assert mine[0]["status"] == 200
    assert mine[0]["path"] == "/admin/"
    assert isinstance(mine[0]["user_id"], int)
    assert mine[0]["duration_ms"] >= 0


def test_check_deploy_reports_only_what_the_readme_explains(stack):
    """Django's deployment checks, with the recipe's settings, say only HSTS preload is off."""
    result = stack.manage("check", "--deploy")
    assert set(re.findall(r"\(([a-z_]+\.[A-Z]\d+)\)", result.stdout + result.stderr)) == {
        "security.W021"
    }


def test_check_deployment_finds_nothing_missing(stack):
    """The newsroom's own deployment check is satisfied by the recipe's environment."""
    result = stack.manage("check_deployment")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The deployment is ready" in result.stdout


def test_check_deployment_names_what_is_missing(stack):
    """Without the cache and with a guessable key, the check says so in both languages."""
    result = stack.manage(
        "check_deployment",
        DJANGO_SECRET_KEY="ngan",
        REDIS_URL="redis://127.0.0.1:1/0",
        DJANGO_CSRF_TRUSTED_ORIGINS="",
    )
    assert result.returncode == 1
    assert "DJANGO_SECRET_KEY quá ngắn" in result.stdout
    assert "DJANGO_SECRET_KEY is too short" in result.stdout
    assert "Không kết nối được bộ nhớ đệm" in result.stdout
    assert f"https://{HOST}" in result.stdout
