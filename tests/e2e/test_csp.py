"""The Content-Security-Policy in Chromium: the public site and the editor work under it, and
Chromium reports no violation (the ``open_session`` fixture also fails on any console error,
which is where Chromium writes each violation)."""

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)

# Runs in every document and frame before the page's own scripts; DevTools injects it, so the
# policy does not block it. It records each violation the browser reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def watch(session):
    """Record violations in every page of this session, popups included."""
    session.context.add_init_script(RECORD_VIOLATIONS)
    return session


def violations(page) -> list[str]:
    found = list(page.evaluate("window.__cspViolations"))
    for frame in page.frames[1:]:
        found += frame.evaluate("window.__cspViolations || []")
    return found


def test_public_pages_work_under_the_policy(demo, open_session):
    """Home, an article with its photos and JSON-LD, and search show with no violation."""
    reader = watch(open_session(390))
    home = reader.go("/")
    assert "script-src 'self'" in home.headers["content-security-policy"]
    reader.page.locator("main a[href^='/tin-tuc/']").first.click()
    reader.page.wait_for_load_state("networkidle")
    assert reader.page.locator("script[type='application/ld+json']").count() >= 1
    assert reader.page.locator("main img").first.evaluate("img => img.naturalWidth") > 0
    reader.go("/tim-kiem/?q=hoi+nong+dan")
    reader.page.wait_for_load_state("networkidle")
    assert reader.page.locator(".card").count() >= 1
    assert violations(reader.page) == []


def test_the_policy_is_enforced_on_the_public_site(demo, open_session):
    """An inline script slipped into a public page does not run, and the browser says why."""
    reader = watch(open_session())
    reader.go("/")
    ran = reader.page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__ran = true";
          document.body.append(script);
          return window.__ran === true;
        }"""
    )
    assert ran is False
    assert violations(reader.page) == ["script-src-elem inline"]
    assert any("Content Security Policy" in error for error in reader.errors)
    reader.errors.clear()  # the violation this test caused on purpose


def test_editor_works_under_the_policy(demo, open_session):
    """The chief opens an article in CKEditor, types, inserts a library photo through the
    popup, opens the photo's dialog and saves: no violation, and the text is stored."""
    chief = watch(open_session()).log_in("tongbientap")
    page = chief.page
    article = Article.objects.filter(status=Article.Status.IN_REVIEW).first()
    figures = article.body.count("<figure")
    chief.go(f"/admin/articles/article/{article.pk}/change/")
    editable = page.frame_locator("#cke_id_body iframe")
    editable.locator("p").first.click()
    page.keyboard.press("End")
    page.keyboard.type(" Câu gõ thử dưới chính sách bảo mật nội dung.")

    with page.expect_popup() as opened:
        page.locator(".cke_button__newsroomphoto").click()
    popup = opened.value
    popup.on("console", lambda m: chief.errors.append(m.text) if m.type == "error" else None)
    popup.locator(".photo-choice").first.wait_for()
    assert violations(popup) == []
    with popup.expect_event("close"):
        popup.locator(".photo-choice").first.click()
    figure = editable.locator("figure img").first
    figure.wait_for()
    figure.dblclick()
    page.locator(".cke_dialog_ui_button_ok").first.click()
    assert violations(page) == []

    with page.expect_navigation():
        page.click("button[name=_continue]")
    assert violations(page) == []
    article.refresh_from_db()
    assert "Câu gõ thử dưới chính sách bảo mật nội dung." in article.body
    assert article.body.count("<figure") == figures + 1
