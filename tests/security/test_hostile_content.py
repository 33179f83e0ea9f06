"""Hostile content: the XSS corpus typed into every field that reaches a page — titles, leads,
captions, alt text, credits, bylines and bios, organisations, sections, tags, the glossary,
the search box — through the admin, then read on the public pages, feeds, sitemaps and JSON-LD:
shown as text everywhere, alive nowhere. A crafted import file imports as inert text."""

import io
import json
import re
import xml.etree.ElementTree as ET
from html import escape
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Abbreviation, Article, Author, Category, Organisation, Tag
from articles.roles import EDITOR_IN_CHIEF
from photos.models import Photo
from tests.factories import image_bytes, uploaded, user_in_role
from tests.helpers import client_for
from tests.htmltools import inline_code
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.django_db
Action = workflow.Action

# Payloads aimed at the JSON-LD block and the page's own script and comment parsing.
EXTRA = ["</script><script>alert(1)</script>", "<!--<script>", "]]><x>", "\u2028\u2029'\"`"]
CORPUS = [payload.replace("PHOTO_URL", "/media/anh.jpg") for payload in PAYLOADS] + EXTRA


def pack(texts: list[str], limit: int) -> list[list[str]]:
    """The texts in as few groups as can be whose space-joined length is at most ``limit``
    (a text longer than that is cut: what remains of it is still hostile)."""
    groups: list[list[str]] = []
    for text in texts:
        text = text[:limit]
        if groups and len(" ".join([*groups[-1], text])) <= limit:
            groups[-1].append(text)
        else:
            groups.append([text])
    return groups


# One round per group of the corpus that fits a title (the checklist allows 200 characters).
ROUNDS = pack(CORPUS, 190)
ROUND_IDS = [f"round{number}" for number in range(len(ROUNDS))]


# --- What "alive" means --------------------------------------------------------------------

# Active elements the site's own pages never use (they use forms, inputs, buttons, meta and
# link elements, and scripts only as files or JSON-LD): any of these on a page came from content.
FOREIGN_ACTIVE = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "svg", "math",
    "template", "noscript", "video", "audio", "details", "marquee", "isindex", "xss",
    "textarea", "select", "option",
}  # fmt: skip


# The site's own form controls: the search page's filters (a select named so, and its options).
SITE_SELECTS = {"chuyen_muc", "to_chuc"}


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.json_ld: list[str] = []
        self.scripts = 0
        self._in_json_ld = False
        self._in_site_select = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select" and attrs.get("name") in SITE_SELECTS and not self._in_site_select:
            self._in_site_select = True
        elif tag in FOREIGN_ACTIVE and not (tag == "option" and self._in_site_select):
            self.found.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attrs:
            self.found.append("<meta http-equiv>")
        if tag == "form" and not (attrs.get("action") or "").startswith("/"):
            self.found.append(f"<form action={attrs.get('action')}>")
        if tag == "script":
            self.scripts += 1
            self._in_json_ld = attrs.get("type") == "application/ld+json"
        for name in attrs:
            if name in {"srcdoc", "formaction"}:
                self.found.append(f"{tag}[{name}]")

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False
        if tag == "select":
            self._in_site_select = False


def alive(html: str) -> list[str]:
    """Everything in ``html`` that could run, load or submit something the site did not put
    there: inline scripts and handlers, ``javascript:`` URLs, foreign active elements, refresh
    redirects, broken JSON-LD."""
    parser = _Markup()
    parser.feed(html)
    parser.close()
    found = inline_code(html) + parser.found
    for block in parser.json_ld:
        try:
            json.loads(block)
        except ValueError:
            found.append("JSON-LD broken")
    if parser.scripts != html.lower().count("<script"):
        found.append("<script> hidden from the parser")
    return found


def assert_inert(page: str, where: str) -> None:
    assert alive(page) == [], where


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag, attrs):
        self._skip = tag in {"script", "style"}

    def handle_endtag(self, tag):
        self._skip = False

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The text a reader sees on the page (markup, scripts and attributes left out)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


# --- Through the admin ---------------------------------------------------------------------


def post(client, url: str, data: dict) -> None:
    """Post an admin form and insist it was saved (a refusal would test nothing)."""
    response = client.post(url, data)
    errors = response.context and response.context.get("errors")
    assert response.status_code == 302, (url, errors)


def hostile_newsroom(chief, payloads: list[str]) -> Article:
    """Every field that reaches a page, filled with the payloads through the admin; the
    article then published by the editor-in-chief."""
    text = " ".join(payloads)
    client = client_for(chief)
    add = {model: reverse(f"admin:articles_{model}_add") for model in ("category", "tag")}
    post(client, add["category"], {"name": text, "description": text, "position": 0})
    for group in pack(payloads, 100):  # a tag name holds 100 characters
        post(client, add["tag"], {"name": " ".join(group)})
    post(
        client,
        reverse("admin:articles_organisation_add"),
        {"name": text, "short_name": text[:64], "kind": "mass", "position": 0}
        | {"description": text, "aliases": ""},
    )
    post(
        client,
        reverse("admin:articles_author_add"),
        {"name": text, "unit": text, "bio": text},
    )
    post(
        client,
        reverse("admin:articles_abbreviation_add"),
        {"short_form": "HĐND", "expansion": text},
    )
    post(
        client,
        reverse("admin:photos_photo_add"),
        {"image": uploaded("anh.jpg", image_bytes("JPEG", (160, 100))), "caption": text}
        | {"alt_text": text, "credit": text},
    )
    photo, author = Photo.objects.get(), Author.objects.get()
    # As CKEditor sends what was typed: the text escaped, in a paragraph and a photo's caption.
    body = (
        f'<p>Nội dung {escape(text)}</p><figure class="image"><img src="{photo.image.url}" '
        f'alt="{escape(text)}" data-photo-id="{photo.pk}"><figcaption>{escape(text)}'
        "</figcaption></figure>"
    )
    post(
        client,
        reverse("admin:articles_article_add"),
        {
            "title": f"Tin thử {text}",
            "lead": f"HĐND phường họp bàn việc dân sinh. {text}",
            "body": body,
            "category": Category.objects.get().pk,
            "organisations": [Organisation.objects.get().pk],
            "tags": [tag.pk for tag in Tag.objects.all()],
            "featured_photo": photo.pk,
            "source": text,
            "edit_version": "",
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-0-author": author.pk,
            "bylines-0-position": "1",
        },
    )
    article = Article.objects.get()
    for action in (Action.SUBMIT, Action.APPROVE, Action.PUBLISH):
        workflow.perform(article=article, action=action, actor=chief, notify=False)
    article.refresh_from_db()
    assert article.is_public
    return article


def public_pages(article: Article, text: str) -> list[tuple[str, dict]]:
    """(URL, query) of every page that shows the article or what it is filed under."""
    category, organisation = article.category.slug, article.organisations.get().slug
    search = reverse("public:search")
    urls = [
        "/",
        "/tin-moi/",
        article.get_absolute_url(),
        f"/chuyen-muc/{category}/",
        f"/to-chuc/{organisation}/",
        article.byline[0].get_absolute_url(),
        *(tag.get_absolute_url() for tag in article.tags.all()),
        f"/luu-tru/{timezone.localtime(article.published_at):%Y/%m/%d}/",
        f"/xem-truoc/{article.pk}/",
    ]
    # The search box echoes the query back: the corpus itself, and a query that finds it.
    return [(url, {}) for url in urls] + [(search, {"q": text}), (search, {"q": "tin thu"})]


FEEDS = ["/tin-moi/rss/", "/tin-moi/atom/"]
ATOM = "{http://www.w3.org/2005/Atom}"


def feed_html_parts(xml: bytes) -> tuple[list[str], list[str]]:
    """(plain-text parts, HTML parts) of a feed, as a feed reader reads them."""
    root = ET.fromstring(xml)  # noqa: S314 — our own feed, parsed to check it
    text, html = [], []
    for element in root.iter():
        value = element.text or ""
        if element.tag in {"title", f"{ATOM}title", "category", "name", f"{ATOM}name"}:
            text.append(value)
        elif element.tag == "description" or (
            element.tag in {f"{ATOM}summary", f"{ATOM}content", f"{ATOM}subtitle"}
            and element.get("type") == "html"
        ):
            html.append(value)
        elif element.tag == f"{ATOM}category":
            text.append(element.get("term", ""))
    return text, html


@pytest.fixture
def chief(roles, settings):
    # One person writes and publishes here; the four-eyes rule has its own tests.
    settings.NEWSROOM_FOUR_EYES_CHIEF_EXEMPT = True
    return user_in_role(EDITOR_IN_CHIEF, "tongbientap")


@pytest.mark.parametrize("payloads", ROUNDS, ids=ROUND_IDS)
def test_corpus_in_every_field_is_shown_as_text_and_alive_nowhere(client, chief, payloads):
    """Typed into every field through the admin and published, the corpus appears on the
    public pages, feeds and sitemaps as the very text typed, and nothing of it runs: no
    script, handler, javascript: URL, foreign element, or break-out of the JSON-LD."""
    text = " ".join(payloads)
    article = hostile_newsroom(chief, payloads)
    staff = client_for(chief)
    for url, query in public_pages(article, text):
        reader = staff if url.startswith("/xem-truoc/") else client
        response = reader.get(url, query)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert_inert(page, url)
        assert text in visible_text(page), url
    page = client.get(article.get_absolute_url()).content.decode()
    # title, kicker, lead, caption, credit, body caption, byline twice, organisation, source…
    assert visible_text(page).count(text) >= 8
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', page, re.S)[1])
    assert ld["headline"] == article.title
    assert ld["author"][0]["name"] == text
    assert ld["articleSection"] == text
    assert f'<abbr title="{escape(text)}">HĐND</abbr>' in page
    assert f'alt="{escape(text)}"' in page
    admin_list = staff.get(reverse("admin:articles_article_changelist")).content.decode()
    assert article.title in visible_text(admin_list)
    check_feeds(client, article, text)


def check_feeds(client, article: Article, text: str) -> None:
    """In RSS and Atom, titles, names and categories are the text typed, and the summaries
    (HTML for feed readers) hold it escaped: a reader rendering them runs nothing. Section
    and organisation feeds too; the news sitemap stays well-formed XML."""
    category, organisation = article.category.slug, article.organisations.get().slug
    feeds = [*FEEDS, f"/chuyen-muc/{category}/rss/", f"/to-chuc/{organisation}/atom/"]
    for url in feeds:
        text_parts, html_parts = feed_html_parts(client.get(url).content)
        assert article.title in text_parts, url
        for part in html_parts:
            assert_inert(part, url)
        assert any(text in visible_text(part) for part in html_parts), url
    news = ET.fromstring(client.get("/sitemap-news.xml").content)  # noqa: S314
    assert article.title in [element.text for element in news.iter() if element.text]


def test_an_organisation_website_cannot_be_a_script(chief):
    """An organisation's website must be a web address: javascript: and data: are refused."""
    client = client_for(chief)
    for website in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>"):
        response = client.post(
            reverse("admin:articles_organisation_add"),
            {"name": "Hội thử", "kind": "mass", "position": 0, "website": website},
        )
        assert response.status_code == 200
        assert "website" in response.context["adminform"].form.errors
    assert not Organisation.objects.exists()


CRAFTED_IMPORT = """\
<script>alert("tiêu đề")</script> Hội Nông dân <img src=x onerror=alert(1)> ra quân
13/01/2022 21:44
Sapo có <a href="javascript:alert(1)">liên kết</a> và </p><iframe src="//x.example"></iframe> HĐND.
<svg onload=alert(1)> chú thích ảnh
Đoạn văn có <b onclick="alert(1)">chữ đậm</b> và <style>body{display:none}</style> kết thúc./.
<script>alert(1)</script> - Trần Bình
Trung tâm TT và VH <meta http-equiv="refresh" content="0;url=javascript:alert(1)">
"""


def test_a_crafted_import_file_imports_as_inert_text(client, chief, tmp_path):
    """HTML and scripts in an archive text are imported as the text they are: the public page
    shows them literally, nothing of them runs, and the editor sees them as text to fix."""
    Abbreviation.objects.create(short_form="HĐND", expansion="Hội đồng nhân dân")
    source = tmp_path / "bai-doc-hai.txt"
    source.write_text(CRAFTED_IMPORT, encoding="utf-8")
    call_command("import_articles", str(source), "--status", "published", stdout=io.StringIO())
    article = Article.objects.get()
    assert article.is_public
    assert article.title.startswith('<script>alert("tiêu đề")</script> Hội Nông dân')
    assert "<iframe" in article.lead  # the lead is plain text: escaped wherever it is shown
    assert "<style" not in article.body and "&lt;style&gt;" in article.body
    page = client.get(article.get_absolute_url()).content.decode()
    assert_inert(page, "article page")
    assert escape('<b onclick="alert(1)">chữ đậm</b>', quote=False) in page
    assert "&lt;svg onload=alert(1)&gt; chú thích ảnh" in page
    assert article.source == "<script>alert(1)</script> - Trần Bình"  # not names: the unit
    assert "&lt;script&gt;alert(1)&lt;/script&gt; - Trần Bình" in page
    admin_list = client_for(chief).get(reverse("admin:articles_article_changelist"))
    assert article.title in visible_text(admin_list.content.decode())
    for url in FEEDS:
        for part in feed_html_parts(client.get(url).content)[1]:
            assert_inert(part, url)
