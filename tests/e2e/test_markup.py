"""Markup that outside validators accept: the Nu Html Checker (vnu.jar, as the W3C runs it)
on the pages as served, and axe-core in Chromium on the pages as shown at 375 and 1280 px, with
the abbreviation and menu disclosures open."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from articles.models import Article
from tests.e2e.conftest import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)

# Made by ``make test-e2e`` (the Makefile's VNU_JAR): the checker as the W3C runs it today.
VNU_JAR = ".tools/node_modules/vnu-jar/build/dist/vnu.jar"


def video_article() -> Article:
    from django.utils import timezone

    from tests.factories import ArticleFactory

    return ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timezone.timedelta(days=30),
        title="Phóng sự video",
        body="<p>https://youtu.be/dQw4w9WgXcQ</p><p>https://www.facebook.com/watch/?v=123456789</p>",
    )


def reader_pages() -> dict[str, str]:
    article = (
        Article.objects.published().filter(lead__contains="HĐND").order_by("-published_at").first()
    )
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "archive": "/luu-tru/",
        "month": f"/luu-tru/{article.published_at:%Y/%m}/",
        "section": "/chuyen-muc/kinh-te/",
        "latest": "/tin-moi/",
        "search": "/tim-kiem/?q=hoi+nong+dan",
        "not-found": "/khong-co-trang-nay/",
    }


def test_nu_html_checker_finds_no_error_or_warning(demo, tmp_path):
    """Every reader's page, as the server sends it, passes the Nu Html Checker with no error
    and no warning."""
    video = video_article()
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java not found: apt-get install default-jre-headless")
    jar = Path(os.environ.get("NEWSROOM_VNU_JAR", VNU_JAR))
    if not jar.exists():
        pytest.fail(f"vnu.jar not found at {jar}: make {VNU_JAR} (make test-e2e does)")
    client = Client()
    files = []
    for name, url in {**reader_pages(), "video": video.get_absolute_url()}.items():
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    checked = subprocess.run(  # noqa: S603 — our own file names
        [java, "-jar", str(jar), "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr or checked.stdout or '{"messages": []}')["messages"]
    found = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['type']}/{m.get('subType', '')}: "
        f"{m['message']}"
        for m in messages
    ]
    (ARTIFACTS / "nu.txt").write_text("\n".join(found))
    assert found == []


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_no_violation(demo, open_session, width):
    """axe-core finds nothing on the reader's pages at a phone's and a desktop's width, with
    an abbreviation's expansion and a sub-section menu open."""
    session = open_session(width)
    axe = Axe()
    found = {}
    for name, url in reader_pages().items():
        if name == "not-found":  # its 404 is a console error by itself; the Nu check reads it
            continue
        session.go(url)
        session.page.wait_for_load_state("networkidle")
        if name == "article":
            session.page.locator("button.abbr-toggle").first.click()
        if name == "home":
            session.page.get_by_role("button", name="Mục con của Kinh tế").click()
        results = axe.run(session.page)
        violations = [
            f"{v['id']}: {[node['target'] for node in v['nodes']][:3]}"
            for v in results.response["violations"]
        ]
        if violations:
            found[name] = violations
    (ARTIFACTS / f"axe-{width}.json").write_text(json.dumps(found, indent=1, ensure_ascii=False))
    assert found == {}
