"""Templates show library photos as responsive pictures, and bodies with one query."""

import pytest
from django.core.files.base import ContentFile
from django.template import Context, Template

from photos.models import Photo
from public.templatetags.body import responsive_body
from tests.factories import PhotoFactory, image_bytes
from tests.htmltools import live_content

pytestmark = pytest.mark.django_db


def render(source: str, **context) -> str:
    return Template("{% load photos %}" + source).render(Context(context))


def big_photo(**fields) -> Photo:
    photo = Photo(
        image=ContentFile(image_bytes("JPEG", (1600, 1000)), name="hoi-nghi.jpg"),
        alt_text=fields.pop("alt_text", "Đại biểu dự hội nghị"),
        **fields,
    )
    photo.save()
    return photo


def figure(photo, caption="Quang cảnh hội nghị", alt="Hội trường"):
    return (
        f'<figure class="image"><img src="{photo.image.url}" alt="{alt}" '
        f'data-photo-id="{photo.pk}"><figcaption>{caption}</figcaption></figure>'
    )


def test_responsive_photo_renders_picture_with_srcset_sizes_and_lazy_loading():
    """The tag gives a WebP source, a JPEG fallback, every width, the size and the alt text."""
    photo = big_photo()
    html = render(
        '{% responsive_photo photo sizes="(min-width: 60rem) 50rem, 100vw" %}', photo=photo
    )
    assert html.startswith('<picture><source type="image/webp" srcset="')
    for width in (320, 640, 960, 1280, 1600):
        assert f"full-{width}.webp {width}w" in html
        assert f"full-{width}.jpg {width}w" in html
    assert 'sizes="(min-width: 60rem) 50rem, 100vw"' in html
    assert 'width="960" height="600"' in html
    assert 'alt="Đại biểu dự hội nghị"' in html
    assert 'loading="lazy"' in html
    assert 'full-960.jpg" srcset=' in html


def test_responsive_photo_crop_alt_and_eager_options():
    """A 16:9 crop for cards, an alt text for this use, and eager loading for the first picture."""
    photo = big_photo()
    html = render(
        '{% responsive_photo photo crop="16x9" alt="Ảnh bìa" loading="eager" %}', photo=photo
    )
    assert "16x9-1280.webp 1280w" in html
    assert "full-" not in html
    assert 'width="960" height="540"' in html
    assert 'alt="Ảnh bìa"' in html
    assert 'loading="eager"' in html
    assert 'fetchpriority="high"' in html


def test_responsive_photo_escapes_and_handles_missing_photos():
    """An alt text with markup is escaped; no photo renders nothing; no renditions, the file."""
    photo = big_photo(alt_text='"><script>alert(1)</script>')
    html = render("{% responsive_photo photo %}", photo=photo)
    assert "<script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html
    assert render("{% responsive_photo photo %}", photo=None) == ""
    Photo.objects.filter(pk=photo.pk).update(renditions={})
    plain = render("{% responsive_photo photo %}", photo=Photo.objects.get(pk=photo.pk))
    assert plain.startswith(f'<img src="{photo.image.url}"')
    assert 'width="1600" height="1000"' in plain


def test_responsive_body_turns_figures_into_pictures_with_credit():
    """Body images become pictures with the alt written for this use, credit after the caption."""
    photo = big_photo(credit="Trung tâm TT và VH")
    html = responsive_body(figure(photo) + "<p>Đoạn văn.</p>")
    assert '<figure class="image"><picture><source type="image/webp"' in html
    assert 'alt="Hội trường"' in html
    assert (
        'Quang cảnh hội nghị <span class="credit">Ảnh: Trung tâm TT và VH</span></figcaption>'
        in html
    )
    assert html.endswith("</figure><p>Đoạn văn.</p>")


def test_credit_already_in_the_caption_is_not_repeated():
    """A caption that names the photographer is left as written."""
    photo = big_photo(credit="Trần Bình")
    html = responsive_body(figure(photo, caption="Hội nghị (Ảnh: Trần Bình)"))
    assert html.count("Trần Bình") == 1


def test_missing_photo_keeps_the_caption_and_drops_the_broken_image():
    """When a photo was deleted, readers still see the caption and no broken image."""
    photo = big_photo()
    body = figure(photo, caption="Lễ ra quân")
    Photo.objects.filter(pk=photo.pk).delete()
    html = responsive_body(body)
    assert "<img" not in html
    assert "<figcaption>Lễ ra quân</figcaption>" in html


def test_responsive_body_uses_one_query_whatever_the_number_of_images(django_assert_num_queries):
    """One photo or ten, the body costs one query; a body without photos costs none."""
    photos = [PhotoFactory() for _ in range(10)]
    one = figure(photos[0])
    ten = "".join(figure(photo) for photo in photos)
    with django_assert_num_queries(1):
        assert responsive_body(one).count("<picture>") == 1
    with django_assert_num_queries(1):
        assert responsive_body(ten).count("<picture>") == 10
    with django_assert_num_queries(0):
        responsive_body("<p>Không có ảnh.</p>")


def test_responsive_body_cleans_whatever_reached_the_column():
    """Even HTML written around the sanitiser comes out without anything that runs."""
    photo = big_photo()
    dirty = figure(photo).replace("<figcaption>", '<figcaption onclick="alert(1)">')
    dirty += '<script>alert(2)</script><a href="javascript:alert(3)">x</a>'
    html = responsive_body(dirty)
    assert not live_content(html)
    assert "<picture>" in html
