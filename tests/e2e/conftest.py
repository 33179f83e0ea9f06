"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# themselves are synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright import sync_api as playwright_api

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "e2e-artifacts"
PASSWORD = "newsroom-demo"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    ARTIFACTS.mkdir(exist_ok=True)
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Session:
    """One person's browser window, with the JavaScript errors it logged."""

    def __init__(self, browser, base_url: str, width: int = 1280):
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
        )
        self.page = self.context.new_page()
        self.base_url = base_url
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def go(self, path: str):
        return self.page.goto(self.base_url + path)

    def log_in(self, username: str) -> "Session":
        self.go("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_url(self.base_url + "/admin/")
        return self

    def screenshot(self, name: str) -> None:
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def demo(transactional_db):
    from demo.loader import load_demo

    load_demo()


@pytest.fixture
def open_session(browser, live_server):
    sessions: list[Session] = []

    def open_(width: int = 1280) -> Session:
        session = Session(browser, live_server.url, width)
        sessions.append(session)
        return session

    yield open_
    errors = [error for session in sessions for error in session.errors]
    for session in sessions:
        session.close()
    assert errors == [], f"JavaScript errors: {errors}"
