"""The rich-text field and the HTML sanitiser.

Models use ``RichTextField`` from here, never the editor package directly, so the editor can be
swapped in one place. Whatever the editor sends, only the allowlist below is stored: the value
is cleaned every time the model is saved, so templates may mark it safe.

Images in a body must come from the photo library. On save each ``<img>`` is tied to its
library photo (``data-photo-id``) and anything else is dropped; the form refuses such images
first, with a message, so no editor loses work without being told.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import nh3
from ckeditor.fields import RichTextField as CKEditorRichTextField
from ckeditor.fields import RichTextFormField as CKEditorRichTextFormField
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "hr", "a", "abbr",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "figure", "figcaption", "img",
}  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "data-photo-id"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}

# Attributes allowed only with these values.
ALLOWED_ATTRIBUTE_VALUES = {
    "a": {"target": {"_blank"}},
    "th": {"scope": {"row", "col", "rowgroup", "colgroup"}},
}

# The classes the editor's image tool writes (captioned figure and alignment), and the importer's
# caption still waiting for its photo (which the pre-publish checklist flags); nothing else.
ALLOWED_CLASSES = {
    "figure": {"image", "image-left", "image-center", "image-right", "photo-placeholder"},
    "img": {"image-left", "image-right"},
    "p": {"image-center"},
}

NUMERIC_ATTRIBUTES = {"width", "height", "data-photo-id", "colspan", "rowspan", "start"}
NUMBER = re.compile(r"\d{1,6}")

ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _only_numbers(element: str, attribute: str, value: str) -> str | None:
    if attribute in NUMERIC_ATTRIBUTES:
        return value if NUMBER.fullmatch(value.strip()) else None
    return value


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
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_only_numbers,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


@dataclass
class Figure:
    """Where a ``<figure>`` of a body ends, and where and what its caption is."""

    end: int | None = None
    caption_end: int | None = None
    caption_text: str = ""


@dataclass
class ImageTag:
    """One ``<img>`` start tag of a body: its place in the text and its attributes."""

    start: int
    end: int
    attrs: dict[str, str]
    figure: Figure | None = field(default=None, repr=False)

    @property
    def photo_id(self) -> int | None:
        value = self.attrs.get("data-photo-id", "")
        return int(value) if NUMBER.fullmatch(value) else None


class _ImageFinder(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.images: list[ImageTag] = []
        self.open_figures: list[Figure] = []
        self.caption_of: Figure | None = None

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            self.open_figures.append(Figure())
        elif tag == "figcaption" and self.open_figures:
            self.caption_of = self.open_figures[-1]
        elif tag == "img":
            start = self.position()
            end = start + len(self.get_starttag_text())
            figure = self.open_figures[-1] if self.open_figures else None
            values = {name: value or "" for name, value in attrs}
            self.images.append(ImageTag(start, end, values, figure))

    def handle_endtag(self, tag):
        if tag == "figcaption" and self.caption_of is not None:
            self.caption_of.caption_end = self.position()
            self.caption_of = None
        elif tag == "figure" and self.open_figures:
            self.open_figures.pop().end = self.position()

    def handle_data(self, data):
        if self.caption_of is not None:
            self.caption_of.caption_text += data


def find_images(html: str) -> list[ImageTag]:
    """Every ``<img>`` in ``html``, in order, with the figure it sits in (if any)."""
    finder = _ImageFinder(html)
    finder.feed(html)
    finder.close()
    return finder.images


def splice(html: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace the ``(start, end)`` spans of ``html`` with new text (spans must not overlap)."""
    pieces, position = [], 0
    for start, end, text in sorted(edits, key=lambda edit: edit[0]):
        pieces += [html[position:start], text]
        position = end
    pieces.append(html[position:])
    return "".join(pieces)


def _media_name(src: str, media_url: str) -> str | None:
    path = unquote(urlsplit(src).path)
    prefix = urlsplit(media_url).path
    return path[len(prefix) :] if prefix and path.startswith(prefix) else None


def library_photos(images: list[ImageTag], photos=None) -> dict[int, object]:
    """The library photo each image shows (by its ``src``, else its ``data-photo-id``).

    One query whatever the number of images; the result maps list positions to photos.
    ``photos`` is the queryset of photos to look in (a migration passes its historical
    model's); every library photo by default.
    """
    if not images:
        return {}
    if photos is None:
        photos = apps.get_model("photos", "Photo").objects.all()
    photo_model = photos.model
    media_url = photo_model._meta.get_field("image").storage.url("")
    names = {_media_name(image.attrs.get("src", ""), media_url) for image in images} - {None}
    ids = {image.photo_id for image in images} - {None}
    if not names and not ids:
        return {}
    found_photos = list(photos.filter(Q(image__in=names) | Q(pk__in=ids)))
    by_name = {photo.image.name: photo for photo in found_photos}
    by_id = {photo.pk: photo for photo in found_photos}
    found = {}
    for position, image in enumerate(images):
        photo = by_name.get(_media_name(image.attrs.get("src", ""), media_url))
        photo = photo or by_id.get(image.photo_id)
        if photo is not None:
            found[position] = photo
    return found


def shown_photo_ids(html: str) -> set[int]:
    """The ids of the library photos a *stored* body shows, without a query.

    Saving ties every image of a body to its library photo (``link_library_photos`` writes the
    photo's ``data-photo-id`` and drops any other image), so the ids are read from the text.
    A body that was never cleaned goes through ``photos_shown_by`` instead.
    """
    if not html or "<img" not in html:
        return set()
    return {image.photo_id for image in find_images(html)} - {None}


def photos_shown_by(bodies: dict[int, str], photos=None) -> dict[int, set[int]]:
    """For each key of ``bodies`` (any HTML, cleaned or not), the ids of the library photos it
    shows, found as ``library_photos`` finds them (by ``src``, else ``data-photo-id``).

    One query for all the bodies (in ``photos``, every library photo by default); keys whose
    body shows no library photo are left out.
    """
    owners, images = [], []
    for key, html in bodies.items():
        if html and "<img" in html:
            found = find_images(html)
            owners += [key] * len(found)
            images += found
    shown: dict[int, set[int]] = {}
    for position, photo in library_photos(images, photos).items():
        shown.setdefault(owners[position], set()).add(photo.pk)
    return shown


def link_library_photos(html: str) -> str:
    """Tie each image of a cleaned body to its library photo; drop images from elsewhere.

    The alt text written for this use is kept (the library's when empty); the address and
    size become the library photo's own.
    """
    images = find_images(html)
    photos = library_photos(images)
    edits = []
    for position, image in enumerate(images):
        photo = photos.get(position)
        if photo is None:
            edits.append((image.start, image.end, ""))
            continue
        attributes = [
            ("src", photo.image.url),
            ("alt", image.attrs.get("alt", "").strip() or photo.alt_text),
            ("width", photo.width),
            ("height", photo.height),
            ("data-photo-id", photo.pk),
        ]
        if image.attrs.get("class") in ALLOWED_CLASSES["img"]:
            attributes.append(("class", image.attrs["class"]))
        tag = format_html("<img {}>", format_html_join(" ", '{}="{}"', attributes))
        edits.append((image.start, image.end, tag))
    return splice(html, edits)


class _FigureFinder(HTMLParser):
    """Each top-level ``<figure>`` start tag: where it is, and whether it holds a caption and
    an image."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", html)]
        self.figures: list[dict] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            if self.depth == 0:
                line, column = self.getpos()
                start = self.line_starts[line - 1] + column
                end = start + len(self.get_starttag_text())
                self.figures.append({"start": start, "end": end, "caption": "", "image": False})
            self.depth += 1
        elif self.depth and tag == "img":
            self.figures[-1]["image"] = True

    def handle_endtag(self, tag):
        if tag == "figure" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.figures[-1]["caption"] += data


def _captions_without_photo(html: str) -> list[dict]:
    if not html or "<figure" not in html:
        return []
    finder = _FigureFinder(html)
    finder.feed(html)
    finder.close()
    return [f for f in finder.figures if f["caption"].strip() and not f["image"]]


def count_captions_without_photo(html: str) -> int:
    """How many figures of ``html`` have a caption and no image, whatever their class.

    The editor drops classes it does not know when it saves, so the importer's
    ``photo-placeholder`` marker cannot be the only sign of a caption waiting for its photo.
    """
    return len(_captions_without_photo(html))


def mark_photo_placeholders(html: str) -> str:
    """Give every figure that has a caption and no image the ``photo-placeholder`` class."""
    marked = '<figure class="photo-placeholder">'
    edits = [
        (f["start"], f["end"], marked)
        for f in _captions_without_photo(html)
        if html[f["start"] : f["end"]] != marked
    ]
    return splice(html, edits) if edits else html


def clean_rich_text(html: str | None) -> str:
    """What a rich-text field stores: sanitised, with its images tied to the photo library and
    captions waiting for a photo marked as such."""
    cleaned = sanitize_html(html)
    cleaned = link_library_photos(cleaned) if "<img" in cleaned else cleaned
    return mark_photo_placeholders(cleaned)


class RichTextFormField(CKEditorRichTextFormField):
    """The editor's form field: refuses images that did not come from the photo library."""

    def clean(self, value):
        value = super().clean(value)
        images = find_images(sanitize_html(value))
        photos = library_photos(images)
        strangers = [image for position, image in enumerate(images) if position not in photos]
        if strangers:
            example = strangers[0].attrs.get("src") or _("(ảnh dán trực tiếp, không có địa chỉ)")
            raise ValidationError(
                _(
                    "Nội dung có %(count)d ảnh không lấy từ thư viện ảnh (ví dụ: %(example)s). "
                    "Hãy xoá ảnh đó rồi chèn lại bằng nút «Chèn ảnh từ thư viện», để ảnh được "
                    "kiểm tra và có đủ cỡ cho điện thoại."
                ),
                code="image_outside_library",
                params={"count": len(strangers), "example": example[:120]},
            )
        return value


class RichTextField(CKEditorRichTextField):
    """A text column edited with the rich-text editor and sanitised on every save."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})

    def pre_save(self, model_instance, add):
        cleaned = clean_rich_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, cleaned)
        return cleaned
