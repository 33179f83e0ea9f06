"""The article body for readers: ``{{ body|responsive_body }}``.

It turns the library images of a stored body into responsive pictures, fetching every photo of
a body in one query, and resizes nothing; and a video's address alone in a paragraph into its
player (``public.video``).
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from articles.richtext import find_images, sanitize_html, splice
from photos.models import Photo
from photos.templatetags.photos import picture_html
from public.video import embed_videos

register = template.Library()

BODY_SIZES = "(min-width: 48rem) 45rem, 100vw"


@register.filter
def responsive_body(html, sizes=BODY_SIZES):
    """Turn the library images of a stored body into responsive pictures.

    ``{{ article.body|responsive_body }}``. Each ``<img data-photo-id>`` becomes the photo's
    ``<picture>`` with the alt text written for this use; the photo's credit is added to its
    figure's caption; an image whose photo is gone is dropped and its caption kept. The body
    is cleaned again first, so the output is safe whatever reached the column.
    """
    html = embed_videos(sanitize_html(html))
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
