"""Videos: a YouTube or Facebook address alone in a paragraph becomes its player, from
youtube-nocookie.com or Facebook's plugin only; the content policy allows exactly those frames."""

import re

import pytest

from articles.richtext import sanitize_html
from public.video import embed_videos
from tests.factories import ArticleFactory
from tests.security.test_hostile_content import alive

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


def frames(html: str) -> list[str]:
    return re.findall(r'<iframe src="([^"]+)"', html)


@pytest.mark.parametrize(
    "paragraph",
    [
        "<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ</p>",
        "<p>https://www.youtube.com/watch?feature=share&amp;v=dQw4w9WgXcQ&amp;t=30</p>",
        '<p><a href="https://youtu.be/dQw4w9WgXcQ?si=abc">Xem video</a></p>',
        "<p> https://m.youtube.com/shorts/dQw4w9WgXcQ <br></p>",
        "<p>&nbsp;https://www.youtube.com/embed/dQw4w9WgXcQ</p>",
    ],
)
def test_a_youtube_address_alone_becomes_the_privacy_enhanced_player(paragraph):
    """Whatever form of YouTube address the editor pasted, linked or not, the player comes from
    youtube-nocookie.com with the video's id, and a link to YouTube stays below it."""
    html = embed_videos(sanitize_html(paragraph))
    assert frames(html) == [YOUTUBE]
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert 'title="Video trên YouTube"' in html and 'loading="lazy"' in html


@pytest.mark.parametrize(
    "address",
    [
        "https://www.facebook.com/UBMTTQDaNang/videos/1234567890123/",
        "https://www.facebook.com/UBMTTQDaNang/videos/hoi-nghi-tong-ket/1234567890123",
        "https://www.facebook.com/watch/?v=1234567890123",
        "https://m.facebook.com/reel/1234567890123",
    ],
)
def test_a_facebook_video_becomes_facebooks_video_plugin(address):
    html = embed_videos(sanitize_html(f"<p>{address}</p>"))
    assert frames(html) == [
        "https://www.facebook.com/plugins/video.php?href="
        "https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D1234567890123&amp;show_text=false"
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        # in a sentence: a link, as written
        '<p>Xem <a href="https://youtu.be/dQw4w9WgXcQ">video</a> hôm qua.</p>',
        # other hosts, or YouTube's address inside another one
        "<p>https://evil.example/watch?v=dQw4w9WgXcQ</p>",
        "<p>https://evil.example/?u=https://youtu.be/dQw4w9WgXcQ</p>",
        "<p>https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ</p>",
        # not an id
        "<p>https://youtu.be/dQw4w9WgXc</p>",
        '<p>https://www.youtube.com/watch?v=dQw4w9WgXcQ"&gt;&lt;script&gt;alert(1)</p>',
        "<p>javascript:alert(1)//https://youtu.be/dQw4w9WgXcQ</p>",
        "<p>https://www.facebook.com/plugins/video.php?href=x</p>",
        "<p>https://www.facebook.com/UBMTTQDaNang/posts/1234567890123</p>",
    ],
)
def test_anything_else_stays_text_and_links(paragraph):
    """A video mentioned in a sentence, an address on another host or with a crafted id makes
    no frame."""
    assert frames(embed_videos(sanitize_html(paragraph))) == []


def test_article_page_shows_the_player_and_the_policy_allows_exactly_its_frames(client):
    """The stored page has the player; the policy names the two players' origins as frame
    sources and no other; a frame typed into the body by hand is still removed."""
    article = ArticleFactory(
        live=True,
        body="<p>Phóng sự:</p><p>https://youtu.be/dQw4w9WgXcQ</p>"
        '<iframe src="https://evil.example/"></iframe>',
    )
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert frames(page) == [YOUTUBE]
    assert "evil.example" not in page
    policy = dict(
        (part.split()[0], part.split()[1:])
        for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["frame-src"] == ["https://www.youtube-nocookie.com", "https://www.facebook.com"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert [found for found in alive(page) if found != "<iframe>"] == []
