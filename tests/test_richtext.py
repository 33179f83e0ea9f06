"""The article body is cleaned on every save."""

import pytest

from articles.models import Article
from articles.richtext import sanitize_html

from .factories import ArticleFactory


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
