"""Responsive photos for templates: ``{% responsive_photo %}`` (and ``picture_html`` for Python).

It reads the renditions a photo already has (``photos.renditions``) and resizes nothing.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from photos.models import Photo
from photos.renditions import renditions_for

register = template.Library()

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
