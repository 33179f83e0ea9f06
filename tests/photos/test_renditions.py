"""Renditions are made once when a photo is saved, in sensible widths, upright and cropped well."""

import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from PIL import Image

from photos.models import Photo
from photos.renditions import crop_box, rendition_names, renditions_for, target_widths
from tests.factories import PhotoFactory, image_bytes, media_files, two_colour_image

pytestmark = pytest.mark.django_db


def photo_of(content: bytes, name="anh.jpg", **fields) -> Photo:
    photo = Photo(image=ContentFile(content, name=name), alt_text="Ảnh thử", **fields)
    photo.save()
    return photo


def test_widths_never_exceed_the_photo():
    """A photo gets the standard widths it can fill, plus its own width when it is smaller."""
    assert target_widths(2500) == [320, 640, 960, 1280, 1920]
    assert target_widths(1920) == [320, 640, 960, 1280, 1920]
    assert target_widths(1000) == [320, 640, 960, 1000]
    assert target_widths(200) == [200]
    assert target_widths(1600, widest=1280) == [320, 640, 960, 1280]


def test_a_large_photo_gets_webp_and_jpeg_in_every_width(media_root):
    """Each width exists on disk as WebP and JPEG, with the size the page will announce."""
    photo = photo_of(image_bytes("JPEG", (2400, 1600)))
    full = renditions_for(photo)
    assert [(r.width, r.height) for r in full] == [
        (320, 213),
        (640, 427),
        (960, 640),
        (1280, 853),
        (1920, 1280),
    ]
    assert [r.width for r in renditions_for(photo, "16x9")] == [320, 640, 960, 1280]
    for name in rendition_names(photo.renditions):
        with photo.image.storage.open(name) as stored, Image.open(stored) as image:
            assert image.format == ("WEBP" if name.endswith(".webp") else "JPEG")
            width = int(name.rsplit("-", 1)[1].split(".")[0])
            assert image.size[0] == width
    assert full[0].webp_url.startswith("/media/renditions/photos/")


def test_transparent_png_falls_back_to_png(media_root):
    """A photo with transparency keeps it: WebP with alpha and a PNG fallback, not JPEG."""
    photo = photo_of(image_bytes("PNG", (700, 400), mode="RGBA", color=(0, 0, 0, 0)), "logo.png")
    assert photo.renditions["fallback"] == "png"
    smallest = renditions_for(photo)[0]
    assert smallest.fallback_url.endswith("full-320.png")
    with photo.image.storage.open(rendition_names(photo.renditions)[0]) as stored:
        assert Image.open(stored).mode == "RGBA"


def test_renditions_are_made_once(media_root):
    """Saving a caption or showing a page does not redo the renditions."""
    photo = photo_of(image_bytes("JPEG", (800, 600)))
    paths = [photo.image.storage.path(name) for name in rendition_names(photo.renditions)]
    times = [os.stat(path).st_mtime_ns for path in paths]
    photo.caption = "Chú thích mới"
    photo.save()
    fresh = Photo.objects.get(pk=photo.pk)
    renditions_for(fresh)
    assert [os.stat(path).st_mtime_ns for path in paths] == times
    assert fresh.renditions == photo.renditions


def test_crop_box_keeps_the_focal_point_inside():
    """The 16:9 box slides towards the focal point and never leaves the picture."""
    assert crop_box((1000, 1000), (16, 9), (0.5, 0.5)) == (0, 219, 1000, 781)
    assert crop_box((1000, 1000), (16, 9), (0.5, 0.95)) == (0, 438, 1000, 1000)
    assert crop_box((1000, 1000), (16, 9), (0.5, 0.0)) == (0, 0, 1000, 562)
    assert crop_box((3000, 1000), (16, 9), (0.9, 0.5)) == (1222, 0, 3000, 1000)
    assert crop_box((800, 600), None, (0.1, 0.1)) == (0, 0, 800, 600)


def rendered_colour(photo, shape="16x9") -> tuple:
    name = next(n for n in rendition_names(photo.renditions) if f"/{shape}-" in n)
    with photo.image.storage.open(name) as stored:
        return Image.open(io.BytesIO(stored.read())).convert("RGB").resize((1, 1)).getpixel((0, 0))


def test_focal_point_decides_the_crop_and_a_change_redoes_it(
    media_root, django_capture_on_commit_callbacks
):
    """A face on the right stays in the crop; moving the focal point replaces the old crops."""
    buffer = io.BytesIO()
    two_colour_image((1200, 600), left="red", right="blue").rotate(90, expand=True).save(
        buffer, "JPEG"
    )  # a tall picture: blue on top, red below
    photo = photo_of(buffer.getvalue(), focal_x=50, focal_y=5)
    top = rendered_colour(photo)
    assert top[2] > 200 and top[0] < 60
    old = rendition_names(photo.renditions)
    photo.focal_y = 95
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    bottom = rendered_colour(photo)
    assert bottom[0] > 200 and bottom[2] < 60
    remaining = set(media_files(media_root))
    assert not remaining & set(old) - set(rendition_names(photo.renditions))


def test_replacing_or_deleting_a_photo_removes_its_files(
    media_root, django_capture_on_commit_callbacks
):
    """Files of a replaced or deleted photo do not pile up under MEDIA_ROOT."""
    photo = photo_of(image_bytes("JPEG", (700, 500)), "cu.jpg")
    old = {photo.image.name, *rendition_names(photo.renditions)}
    photo.image = ContentFile(image_bytes("JPEG", (700, 500), color="red"), name="moi.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    files = set(media_files(media_root))
    assert not old & files
    assert photo.image.name in files
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert media_files(media_root) == []


def test_make_renditions_command_fills_in_missing_renditions(media_root, capsys):
    """Photos stored before renditions existed get them from the command."""
    photo = PhotoFactory()
    Photo.objects.filter(pk=photo.pk).update(renditions={})
    call_command("make_renditions")
    assert Photo.objects.get(pk=photo.pk).renditions["shapes"]["full"] == [[64, 48]]
    assert "Đã tạo các cỡ cho 1 ảnh" in capsys.readouterr().out
    call_command("make_renditions")
    assert "Đã tạo các cỡ cho 0 ảnh" in capsys.readouterr().out


def test_changing_the_widths_setting_makes_photos_out_of_date(settings, media_root):
    """A new NEWSROOM_PHOTO_WIDTHS is picked up on the next save or by the command."""
    photo = photo_of(image_bytes("JPEG", (900, 600)))
    settings.NEWSROOM_PHOTO_WIDTHS = (300, 600)
    call_command("make_renditions")
    assert [r.width for r in renditions_for(Photo.objects.get(pk=photo.pk))] == [300, 600]


@pytest.mark.parametrize(
    "media_url", ["/media/", "https://anh.example.vn/tin tuc/", "//cdn.example.vn/m%C3%A9dia/"]
)
def test_rendition_addresses_are_the_storages_own(media_root, settings, media_url):
    """The addresses a page shows are exactly what the storage itself gives for each file,
    whatever the media address (a path, another host, spaces or escapes in it)."""
    photo = photo_of(image_bytes("JPEG", (1400, 900)))
    settings.MEDIA_URL = media_url
    storage = photo.image.storage
    for shape in ("full", "16x9"):
        shown = renditions_for(photo, shape)
        assert shown
        for rendition in shown:
            for address, extension in (
                (rendition.webp_url, "webp"),
                (rendition.fallback_url, "jpg"),
            ):
                name = f"{photo.renditions['dir']}/{shape}-{rendition.width}.{extension}"
                assert name in rendition_names(photo.renditions)
                assert address == storage.url(name)


@pytest.mark.django_db(transaction=True)
def test_after_a_published_photo_is_replaced_readers_get_only_files_that_exist(client, media_root):
    """The file of a published article's photo is replaced outside any transaction (a shell, a
    script) while a reader comes: the page every later reader gets, from the page cache or
    not, shows the new picture from files that exist. (Saved in two steps, the page cached
    halfway named renditions deleted a moment later.)"""
    from django.db.models.signals import post_save

    from tests.factories import ReadyArticleFactory

    article = ReadyArticleFactory(live=True)
    photo, url = article.featured_photo, article.get_absolute_url()
    assert client.get(url).status_code == 200  # now in the page cache

    def reader_arrives(sender, instance, **kwargs):
        client.get(url)

    post_save.connect(reader_arrives, sender=Photo, dispatch_uid="reader-arrives")
    try:
        photo.image = ContentFile(image_bytes("JPEG", (700, 500), color="red"), name="moi.jpg")
        photo.save()
    finally:
        post_save.disconnect(sender=Photo, dispatch_uid="reader-arrives")
    page = client.get(url).content.decode()
    addresses = {part.split('"')[0].split(" ")[0] for part in page.split("/media/")[1:]}
    assert addresses and not [a for a in addresses if not (media_root / a).exists()]
    assert Photo.objects.get(pk=photo.pk).renditions["dir"] in page
