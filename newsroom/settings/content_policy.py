"""The Content-Security-Policy (django-csp; README, "Security"), and what the editor's pages
loosen."""

from csp.constants import NONE, SELF, UNSAFE_INLINE

from newsroom.settings.base import DEBUG

# --- Content-Security-Policy (django-csp; README, "Security") -------------------------------
# Nothing runs on the public site but our own files: no inline script or style, no eval, no
# plugin, no frame but YouTube's privacy-enhanced player and Facebook's video plugin, no other
# site's script; forms post only here and no page may be framed.
# JSON-LD blocks are data (application/ld+json), which the policy does not execute or block.
# Photos and static files are served from this site; serving them from object storage or a
# CDN means adding that origin to img-src (and style-src/script-src for static files).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        # The article's video players (public/video.py) and nothing else.
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.facebook.com"],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": not DEBUG,
    }
}
# Added only on the pages where CKEditor 4 runs (README, "Security", what is loosened): its
# toolbar buttons are inline event handlers, its editing frame starts with an inline script,
# it places toolbar, dialogs and figures with inline styles, and it gives a figure a drag
# handle drawn as a data: image. Still no eval, no script from elsewhere; every other admin
# page keeps the strict policy.
NEWSROOM_EDITOR_VIEWS = {"admin:articles_article_add", "admin:articles_article_change"}
NEWSROOM_EDITOR_CSP_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["data:"],  # the 1-pixel GIF of the drag handle on figures
}
