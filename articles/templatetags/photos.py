"""Responsive photos for templates: ``{% responsive_photo %}`` and ``|responsive_body``.

Both read the renditions a photo already has (``articles.renditions``); neither resizes
anything, and ``responsive_body`` fetches every photo of a body in one query.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ..models import Photo
from ..renditions import renditions_for
from ..richtext import find_images, sanitize_html, splice

register = template.Library()

BODY_SIZES = "(min-width: 48rem) 45rem, 100vw"
DEFAULT_WIDTH = 960  # the fallback <img src> for browsers that ignore srcset


def picture_html(
    photo: Photo | None,
    *,
    sizes: str = "100vw",
    alt: str | None = None,
    shape: str = "full",
    loading: str = "lazy",
    css_class: str = "",
) -> SafeString:
    """The ``<picture>`` markup for a library photo: WebP and fallback ``srcset``, size, alt."""
    if photo is None or not photo.image:
        return mark_safe("")
    alt = photo.alt_text if alt is None else alt
    eager = loading == "eager"
    extra = {"loading": "eager" if eager else "lazy", "decoding": "async"}
    if eager:
        extra["fetchpriority"] = "high"
    if css_class:
        extra["class"] = css_class
    attributes = format_html_join(" ", '{}="{}"', extra.items())
    renditions = renditions_for(photo, shape)
    if not renditions:  # renditions not made yet: the (clean, upright) master itself
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" {}>',
            photo.image.url,
            alt,
            photo.width,
            photo.height,
            attributes,
        )
    small_enough = [r for r in renditions if r.width <= DEFAULT_WIDTH] or renditions[:1]
    chosen = small_enough[-1]
    webp = ", ".join(f"{r.webp_url} {r.width}w" for r in renditions)
    fallback = ", ".join(f"{r.fallback_url} {r.width}w" for r in renditions)
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" {}></picture>',
        webp,
        sizes,
        chosen.fallback_url,
        fallback,
        sizes,
        chosen.width,
        chosen.height,
        alt,
        attributes,
    )


@register.simple_tag
def responsive_photo(photo, sizes="100vw", alt=None, crop="full", loading="lazy", css_class=""):
    """Render a library photo responsively.

    ``{% responsive_photo article.featured_photo sizes="(min-width: 60rem) 50rem, 100vw" %}``;
    ``crop="16x9"`` uses the crop around the focal point, ``loading="eager"`` suits the first
    picture on a page, ``alt`` replaces the library's alt text for this use.
    """
    return picture_html(
        photo, sizes=sizes, alt=alt, shape=crop, loading=loading, css_class=css_class
    )


@register.filter
def responsive_body(html, sizes=BODY_SIZES):
    """Turn the library images of a stored body into responsive pictures.

    ``{{ article.body|responsive_body }}``. Each ``<img data-photo-id>`` becomes the photo's
    ``<picture>`` with the alt text written for this use; the photo's credit is added to its
    figure's caption; an image whose photo is gone is dropped and its caption kept. The body
    is cleaned again first, so the output is safe whatever reached the column.
    """
    html = sanitize_html(html)
    images = [image for image in find_images(html) if image.photo_id is not None]
    if not images:
        return mark_safe(html)  # noqa: S308 — sanitised just above
    photos = Photo.objects.in_bulk({image.photo_id for image in images})
    edits, credited = [], set()
    for image in images:
        photo = photos.get(image.photo_id)
        markup = ""
        if photo is not None:
            alt = image.attrs.get("alt", "").strip() or photo.alt_text
            css_class = image.attrs.get("class", "")
            markup = picture_html(photo, sizes=sizes, alt=alt, css_class=css_class)
        edits.append((image.start, image.end, markup))
        figure = image.figure
        if photo is None or not photo.credit or figure is None or figure.caption_end is None:
            continue
        if id(figure) in credited or photo.credit.casefold() in figure.caption_text.casefold():
            continue
        credited.add(id(figure))
        credit = format_html(' <span class="credit">{}</span>', _("Ảnh: %s") % photo.credit)
        edits.append((figure.caption_end, figure.caption_end, credit))
    return mark_safe(splice(html, edits))  # noqa: S308 — sanitised HTML and format_html parts
