"""The reader on a 375-px phone: tap an abbreviation, share an article, the read beacon."""

from urllib.parse import quote

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 800}


class Phone:
    """A touch phone's browser window, with the JavaScript errors its pages logged."""

    def __init__(self, browser, base_url, **options):
        self.context = browser.new_context(
            viewport=PHONE, has_touch=True, is_mobile=True, locale="vi-VN", **options
        )
        self.base_url = base_url
        self.errors: list[str] = []
        self.page = self.open_page()

    def open_page(self):
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        return page

    def go(self, path):
        response = self.page.goto(self.base_url + path)
        assert response.status == 200, path
        return response


@pytest.fixture
def phone(browser, live_server):
    phones = []

    def open_(**options):
        phones.append(Phone(browser, live_server.url, **options))
        return phones[-1]

    yield open_
    errors = [error for phone in phones for error in phone.errors]
    for phone in phones:
        phone.context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def article_with_abbreviation(phone_page, base_url) -> Article:
    for article in Article.objects.published().order_by("-published_at"):
        phone_page.goto(base_url + article.get_absolute_url())
        if phone_page.locator("button.abbr-toggle").count():
            return article
    raise AssertionError("no demo article shows an abbreviation")


def test_tapping_an_abbreviation_shows_its_expansion(demo, phone, live_server):
    """On a phone, a tap on the first HĐND shows "Hội đồng nhân dân" beside it and a second tap
    hides it; Enter and Escape do the same from the keyboard, and the button says whether it
    is open."""
    reader = phone()
    article_with_abbreviation(reader.page, live_server.url)
    button = reader.page.locator("button.abbr-toggle").first
    expansion = button.locator("abbr").get_attribute("title")
    tip = reader.page.locator("#" + button.get_attribute("aria-controls"))
    assert not tip.is_visible()
    button.tap()
    assert tip.is_visible() and tip.inner_text() == expansion
    assert button.get_attribute("aria-expanded") == "true"
    reader.page.screenshot(path="e2e-artifacts/abbreviation-375.png")
    button.tap()
    assert not tip.is_visible()
    button.focus()
    reader.page.keyboard.press("Enter")
    assert tip.is_visible()
    reader.page.keyboard.press("Escape")
    assert not tip.is_visible() and button.get_attribute("aria-expanded") == "false"


def test_share_links_open_zalo_and_facebook_and_the_link_is_copied(demo, phone, live_server):
    """The Zalo and Facebook links open their share pages (answered here, not on the network)
    with the article's address; "Sao chép liên kết" puts it on the clipboard and says so; the
    phone's share sheet gets the title and address."""
    reader = phone()
    reader.context.grant_permissions(["clipboard-read", "clipboard-write"])
    # The phone's own share sheet, which headless Chromium lacks: record what it was given.
    reader.context.add_init_script(
        "navigator.share = (data) => { window.sharedWith = data; return Promise.resolve(); };"
    )
    reader.context.route(
        "https://sp.zalo.me/**", lambda route: route.fulfill(body="Zalo", content_type="text/html")
    )
    reader.context.route(
        "https://www.facebook.com/**",
        lambda route: route.fulfill(body="Facebook", content_type="text/html"),
    )
    article = Article.objects.published().order_by("-published_at").first()
    with reader.page.expect_request(f"**/doc/{article.pk}/") as beacon:
        reader.go(article.get_absolute_url())
    assert beacon.value.method == "POST"
    canonical = reader.page.locator("link[rel=canonical]").get_attribute("href")
    for name, address in (
        ("Zalo", "https://sp.zalo.me/share_inline?url="),
        ("Facebook", "https://www.facebook.com/sharer/sharer.php?u="),
    ):
        with reader.context.expect_page() as opened:
            reader.page.locator(".share a", has_text=name).tap()
        popup = opened.value
        popup.wait_for_load_state()
        assert popup.url == address + quote(canonical, safe=""), popup.url
        popup.close()
    copy = reader.page.get_by_role("button", name="Sao chép liên kết")
    copy.tap()
    status = reader.page.locator(".share-status")
    status.filter(has_text="Đã sao chép liên kết.").wait_for()
    assert reader.page.evaluate("navigator.clipboard.readText()") == canonical
    reader.page.get_by_role("button", name="Chia sẻ…").tap()
    shared = reader.page.evaluate("window.sharedWith")
    assert shared == {"title": article.title, "url": canonical}
    reader.page.locator(".share").screenshot(path="e2e-artifacts/share-375.png")


def test_without_a_share_sheet_its_button_stays_hidden(demo, phone):
    """A browser without the Web Share API never shows a button that would do nothing."""
    reader = phone()
    reader.context.add_init_script("delete Navigator.prototype.share;")
    article = Article.objects.published().order_by("-published_at").first()
    reader.go(article.get_absolute_url())
    assert reader.page.get_by_role("button", name="Chia sẻ…").count() == 0


def test_menu_opens_sub_sections_on_a_phone(demo, phone):
    """On a phone a tap beside "Kinh tế" opens its sub-sections under the menu; the link goes
    there; Escape closes it."""
    reader = phone()
    reader.go("/")
    toggle = reader.page.get_by_role("button", name="Mục con của Kinh tế")
    sub = reader.page.get_by_role("link", name="Nông thôn mới", exact=True).first
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true"
    menu = reader.page.locator("#" + toggle.get_attribute("aria-controls"))
    assert menu.is_visible()
    box = menu.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    reader.page.screenshot(path="e2e-artifacts/menu-375.png")
    reader.page.keyboard.press("Escape")
    assert not menu.is_visible()
    toggle.tap()
    menu.get_by_role("link", name="Nông thôn mới").tap()
    reader.page.wait_for_url("**/chuyen-muc/**")
    assert sub is not None


def test_video_frames_load_from_the_two_players_only(demo, phone, live_server):
    """On a phone, an article with a YouTube and a Facebook video loads their frames from
    youtube-nocookie.com and Facebook's plugin (answered here, not on the network) and asks no
    other site for anything; a frame from elsewhere is refused by the content policy."""
    from django.utils import timezone

    from tests.factories import ArticleFactory

    article = ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now(),
        title="Phóng sự video về ngày hội đại đoàn kết",
        body="<p>Xem phóng sự:</p><p>https://youtu.be/dQw4w9WgXcQ</p>"
        "<p>https://www.facebook.com/watch/?v=1234567890123</p>",
    )
    reader = phone()
    elsewhere: list[str] = []

    def answer(route):
        url = route.request.url
        if url.startswith(live_server.url):
            return route.continue_()
        elsewhere.append(url)
        return route.fulfill(body="<!doctype html><title>player</title>", content_type="text/html")

    reader.context.route("**/*", answer)
    reader.go(article.get_absolute_url())
    players = reader.page.locator(".video iframe")
    players.last.scroll_into_view_if_needed()
    reader.page.wait_for_function("document.querySelectorAll('.video iframe').length === 2")
    reader.page.wait_for_load_state("networkidle")
    loaded = sorted(frame.url for frame in reader.page.frames[1:])
    assert loaded == [
        "https://www.facebook.com/plugins/video.php?href="
        "https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D1234567890123&show_text=false",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
    ]
    assert sorted(elsewhere) == loaded
    box = players.first.bounding_box()
    assert box["width"] <= PHONE["width"] and round(box["width"] / box["height"], 1) == 1.8
    players.first.screenshot(path="e2e-artifacts/video-375.png")
    refused = reader.page.evaluate(
        """() => new Promise((done) => {
            document.addEventListener('securitypolicyviolation', (e) => done(e.violatedDirective));
            const frame = document.createElement('iframe');
            frame.src = 'https://player.example/embed/1';
            document.body.append(frame);
        })"""
    )
    assert refused == "frame-src"
    assert "https://player.example/embed/1" not in elsewhere
    # The refusal is logged as a console error, which is what it should be.
    reader.errors[:] = [e for e in reader.errors if "player.example" not in e]
