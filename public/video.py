"""Videos in an article: a YouTube or Facebook video's address alone in a paragraph (as an
editor pastes it in the editor, linked or not) becomes the video's player.

The stored body stays free of frames (``articles.richtext`` allows none); the player is made
here, when the article's page is rendered and stored, from the video's id alone, read from an
address on exactly these hosts: YouTube's privacy-enhanced ``youtube-nocookie.com`` player, no
cookie before the reader presses play, and Facebook's video plugin. The content policy allows
frames from those two origins and no other (``newsroom/settings/content_policy.py``).
"""

import html
import re
from urllib.parse import parse_qs, quote, urlsplit

from django.utils.html import format_html
from django.utils.translation import gettext as _

YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/"
FACEBOOK_PLAYER = "https://www.facebook.com/plugins/video.php"
FRAME_ORIGINS = ("https://www.youtube-nocookie.com", "https://www.facebook.com")

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
FACEBOOK_ID = re.compile(r"[0-9]{5,20}")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "www.youtube-nocookie.com"}
PLAYER_PATHS = ("embed", "shorts", "live")
FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"}

# A paragraph holding one address and nothing else: a link (whatever its text) or the bare
# address, with spaces or a line break around it.
ALONE = re.compile(
    r"<p>(?:\s|&nbsp;|<br>)*"
    r'(?:<a href="(?P<href>[^"]+)"[^>]*>[^<]*</a>|(?P<text>https?://[^\s<]+))'
    r"(?:\s|&nbsp;|<br>)*</p>"
)


def youtube_id(address: str) -> str | None:
    parts = urlsplit(address)
    host, segments = parts.hostname or "", [s for s in parts.path.split("/") if s]
    candidate = None
    if parts.scheme not in ("http", "https"):
        return None
    if host == "youtu.be" and len(segments) == 1:
        candidate = segments[0]
    elif host in YOUTUBE_HOSTS and segments == ["watch"]:
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    elif host in YOUTUBE_HOSTS and len(segments) == 2 and segments[0] in PLAYER_PATHS:
        candidate = segments[1]
    return candidate if candidate and YOUTUBE_ID.fullmatch(candidate) else None


def facebook_id(address: str) -> str | None:
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or (parts.hostname or "") not in FACEBOOK_HOSTS:
        return None
    segments = [s for s in parts.path.split("/") if s]
    candidate = None
    if segments == ["watch"]:
        candidate = (parse_qs(parts.query).get("v") or [""])[0]
    elif len(segments) >= 3 and segments[1] == "videos":  # /<page>/videos/[<title>/]<id>/
        candidate = segments[-1]
    elif len(segments) == 2 and segments[0] == "reel":
        candidate = segments[1]
    return candidate if candidate and FACEBOOK_ID.fullmatch(candidate) else None


def player(address: str) -> str | None:
    """The player's HTML for a video ``address``, or None when it is not one we embed."""
    if video := youtube_id(address):
        return format_html(
            '<figure class="video"><iframe src="{}" title="{}" width="560" height="315" '
            'loading="lazy" allow="encrypted-media; picture-in-picture; fullscreen" '
            'referrerpolicy="strict-origin-when-cross-origin"></iframe>'
            '<figcaption><a href="{}">{}</a></figcaption></figure>',
            YOUTUBE_PLAYER + video,
            _("Video trên YouTube"),
            f"https://www.youtube.com/watch?v={video}",
            _("Xem trên YouTube"),
        )
    if video := facebook_id(address):
        page = f"https://www.facebook.com/watch/?v={video}"
        return format_html(
            '<figure class="video"><iframe src="{}" title="{}" width="560" height="315" '
            'loading="lazy" allow="encrypted-media; picture-in-picture; fullscreen" '
            'referrerpolicy="strict-origin-when-cross-origin"></iframe>'
            '<figcaption><a href="{}">{}</a></figcaption></figure>',
            f"{FACEBOOK_PLAYER}?href={quote(page, safe='')}&show_text=false",
            _("Video trên Facebook"),
            page,
            _("Xem trên Facebook"),
        )
    return None


def embed_videos(body: str) -> str:
    """``body`` (sanitised HTML) with each video address alone in a paragraph made a player."""

    def replace(match: re.Match) -> str:
        address = html.unescape(match["href"] or match["text"])
        return player(address) or match[0]

    return ALONE.sub(replace, body)
