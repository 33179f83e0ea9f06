"""The article body is cleaned on every save."""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.richtext import sanitize_html
from tests.factories import ArticleFactory, PhotoFactory, UserFactory
from tests.htmltools import form_fields, live_content
from tests.security.xss_payloads import PAYLOADS


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<iframe src="https://example.org"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<img src="data:text/html;base64,PHNjcmlwdD4=">',
        '<svg onload="alert(1)"></svg>',
        '<form action="/"><input name="q"></form>',
        '<object data="x.swf"></object>',
    ],
)
def test_sanitiser_removes_active_content(payload):
    """No script, handler, frame, form, inline style or javascript:/data: URL survives."""
    cleaned = sanitize_html(payload).lower()
    for forbidden in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "style=",
        "data:",
        "<form",
        "<object",
        "<svg",
    ):
        assert forbidden not in cleaned


def test_sanitiser_keeps_newsroom_markup():
    """Paragraphs, figures with captions, tables and links stay; links get rel=noopener."""
    html = (
        "<h2>Tiêu đề phụ</h2><p><strong>Đậm</strong> và <em>nghiêng</em></p>"
        '<figure><img src="/media/a.jpg" alt="Hội nghị" width="640" height="400">'
        "<figcaption>Quang cảnh hội nghị</figcaption></figure>"
        "<table><tr><td>1</td></tr></table>"
        '<a href="https://example.org/">nguồn</a>'
    )
    cleaned = sanitize_html(html)
    assert '<figure><img src="/media/a.jpg" alt="Hội nghị" width="640" height="400">' in cleaned
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in cleaned
    assert "<h2>Tiêu đề phụ</h2>" in cleaned
    assert "<td>1</td>" in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


@pytest.mark.django_db
def test_body_is_cleaned_when_the_article_is_saved():
    """Whatever reaches the database through a save has already been cleaned."""
    article = ArticleFactory(body='<p onclick="steal()">Xin chào</p><script>x()</script>')
    stored = Article.objects.get(pk=article.pk).body
    assert stored == "<p>Xin chào</p>"


# The corpus: nothing of any payload stays alive, on save, through the admin, on the public page.

FIGURE = (
    '<figure class="image"><img src="{url}" alt="Ảnh dùng riêng cho bài" data-photo-id="{pk}">'
    "<figcaption>Chú thích riêng cho bài</figcaption></figure>"
)


def with_photo(payload: str, photo) -> str:
    return payload.replace("PHOTO_URL", photo.image.url)


def figure_of(photo) -> str:
    return FIGURE.format(url=photo.image.url, pk=photo.pk)


def test_the_corpus_has_at_least_forty_payloads():
    """The XSS corpus is large enough to cover every family of attack named in its notes."""
    assert len(PAYLOADS) >= 40
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitiser_leaves_nothing_alive(payload):
    """After cleaning, no payload has a script, handler, style, frame, form or bad URL left."""
    assert not live_content(sanitize_html(payload.replace("PHOTO_URL", "/media/a.jpg")))


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_saved_body_keeps_figures_and_nothing_alive(payload):
    """A body saved by any code path keeps its library figure and loses every payload."""
    photo = PhotoFactory()
    article = ArticleFactory(body=figure_of(photo) + with_photo(payload, photo))
    stored = Article.objects.get(pk=article.pk).body
    assert not live_content(stored)
    assert f'data-photo-id="{photo.pk}"' in stored
    assert "<figcaption>Chú thích riêng cho bài</figcaption>" in stored


@pytest.fixture
def chief_client(client):
    client.force_login(UserFactory(username="tongbientap", is_superuser=True))
    return client


def post_body_through_admin(client, article, body):
    """Open the article's admin page, change the body as an editor would, and save."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_fields(client.get(url).content.decode(), "article_form")
    data["body"] = body
    return client.post(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_round_trip_through_admin_and_public_page(chief_client, payload):
    """Posted through the admin, each payload is either refused with a message or saved dead:
    the public page keeps the figure and has nothing alive that the same page without it lacks.
    """
    photo = PhotoFactory()
    article = ArticleFactory(live=True, body=figure_of(photo) + "<p>Đoạn mở đầu.</p>")
    baseline = live_content(chief_client.get(article.get_absolute_url()).content.decode())
    response = post_body_through_admin(
        chief_client, article, figure_of(photo) + with_photo(payload, photo)
    )
    if response.status_code == 200:  # an image from outside the library: refused, work kept
        page = response.content.decode()
        assert "ảnh không lấy từ thư viện ảnh" in page
        assert Article.objects.get(pk=article.pk).body == article.body
        return
    assert response.status_code == 302
    public = chief_client.get(article.get_absolute_url()).content.decode()
    assert live_content(public) == baseline
    assert "Chú thích riêng cho bài" in public
    assert photo.image.name.rsplit(".", 1)[0].rsplit("/", 1)[1] in public


@pytest.mark.django_db
def test_most_payloads_reach_the_public_page(chief_client):
    """The round trip is not vacuous: payloads without an outside image are saved and shown."""
    photo = PhotoFactory()
    article = ArticleFactory(live=True)
    saved = sum(
        post_body_through_admin(chief_client, article, with_photo(payload, photo)).status_code
        == 302
        for payload in PAYLOADS
    )
    assert saved >= 40


@pytest.mark.django_db
def test_images_from_outside_the_library_are_refused_with_the_text_kept(chief_client):
    """A hotlinked or pasted image is refused with a message; the text stays in the form."""
    article = ArticleFactory(live=True)
    body = '<p>Bài viết dài</p><img src="https://baokhac.example/anh.jpg" alt="ảnh lấy trộm">'
    response = post_body_through_admin(chief_client, article, body)
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Nội dung có 1 ảnh không lấy từ thư viện ảnh (ví dụ: https://baokhac.example/anh.jpg)"
        in page
    )
    assert "Bài viết dài" in response.context["adminform"].form["body"].value()
    pasted = '<p>x</p><img src="data:image/png;base64,iVBORw0KGgo=">'
    response = post_body_through_admin(chief_client, article, pasted)
    assert "ảnh dán trực tiếp" in response.content.decode()


@pytest.mark.django_db
def test_body_images_are_tied_to_their_library_photo():
    """On save an image gets its photo's id, address and size; its own alt text is kept."""
    photo = PhotoFactory(alt_text="Mô tả trong thư viện")
    other = PhotoFactory()
    body = (
        f'<figure class="image"><img src="{photo.image.url}" alt="Mô tả cho bài này" '
        f'data-photo-id="{other.pk}" width="9999"><figcaption>a</figcaption></figure>'
        f'<figure class="image"><img src="/media/khong-co.jpg" data-photo-id="{other.pk}">'
        "<figcaption>b</figcaption></figure>"
        f'<figure class="image"><img src="{photo.image.url}" alt=""><figcaption>c</figcaption>'
        "</figure>"
        '<figure class="image"><img src="https://x.example/y.jpg"><figcaption>d</figcaption>'
        "</figure>"
    )
    stored = ArticleFactory(body=body).body
    assert (
        f'<img src="{photo.image.url}" alt="Mô tả cho bài này" width="64" height="48" '
        f'data-photo-id="{photo.pk}">' in stored
    )
    assert f'<img src="{other.image.url}" alt="{other.alt_text}"' in stored
    assert (
        f'alt="Mô tả trong thư viện" width="64" height="48" data-photo-id="{photo.pk}">' in stored
    )
    # The foreign image is dropped; its caption is left waiting for a photo, and flagged.
    assert '<figure class="photo-placeholder"><figcaption>d</figcaption></figure>' in stored
    assert "x.example" not in stored


def test_figure_classes_link_targets_and_numbers_are_restricted():
    """Only the editor's figure classes, target=_blank and plain numbers are kept."""
    html = (
        '<figure class="image image-left hacker"><img src="/a.jpg" class="image-right x" '
        'width="640px" height="400" data-photo-id="7; drop"><figcaption>c</figcaption></figure>'
        '<p class="image-center lead">p</p><a href="https://x.example/" target="_blank">a</a>'
        '<a href="/b" target="_parent">b</a><table><tr><th scope="col" colspan="2">h</th>'
        '<th scope="evil">i</th></tr></table>'
    )
    cleaned = sanitize_html(html)
    assert '<figure class="image image-left">' in cleaned
    assert '<img src="/a.jpg" class="image-right" height="400">' in cleaned
    assert '<p class="image-center">p</p>' in cleaned
    assert 'target="_blank"' in cleaned
    assert 'target="_parent"' not in cleaned
    assert '<th scope="col" colspan="2">h</th><th>i</th>' in cleaned
