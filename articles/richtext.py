"""The rich-text field and the HTML sanitiser.

Models use ``RichTextField`` from here, never the editor package directly, so the editor can be
swapped in one place. Whatever the editor sends, only the allowlist below is stored: the value
is cleaned every time the model is saved, so templates may mark it safe.
"""

import nh3
from ckeditor.fields import RichTextField as CKEditorRichTextField

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "hr", "a", "abbr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "figure", "figcaption", "img",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "target"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "data-photo-id"},
    "figure": {"class"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}

ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_html(html: str | None) -> str:
    """Return ``html`` with everything outside the newsroom's allowlist removed.

    Scripts, event handlers, inline styles, frames, forms and ``javascript:``/``data:`` URLs
    are dropped; links get ``rel="noopener noreferrer"``.
    """
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class RichTextField(CKEditorRichTextField):
    """A text column edited with the rich-text editor and sanitised on every save."""

    def pre_save(self, model_instance, add):
        cleaned = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, cleaned)
        return cleaned
