"""Uploads are judged by their content, refused with a Vietnamese message, and stored clean."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image

from photos.images import prepare_upload
from photos.models import Photo
from photos.renditions import rendition_names
from tests.factories import (
    UserFactory,
    bomb_png,
    camera_jpeg,
    image_bytes,
    media_files,
    noisy_jpeg,
    uploaded,
)

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:photos_photo_add")


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="bientap", is_superuser=True))
    return client


def post_photo(client, upload, **fields):
    data = {"image": upload, "alt_text": "Quang cảnh hội nghị", "caption": "", "credit": ""}
    return client.post(ADD_URL, {**data, **fields})


def gif_with_two_frames() -> bytes:
    buffer = io.BytesIO()
    frames = [Image.new("P", (30, 20), 1), Image.new("P", (30, 20), 2)]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:])
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "stored_format", "extension"),
    [
        ("hoi-nghi.jpg", image_bytes("JPEG", (80, 60)), "JPEG", ".jpg"),
        ("so-do.png", image_bytes("PNG", (80, 60), mode="RGBA", color=(0, 0, 0, 0)), "PNG", ".png"),
        ("le-hoi.webp", image_bytes("WEBP", (80, 60)), "WEBP", ".webp"),
        ("dong-ho.gif", gif_with_two_frames(), "PNG", ".png"),
    ],
)
def test_each_accepted_format_is_stored(
    editor_client, media_root, name, content, stored_format, extension
):
    """JPEG, PNG, WebP and GIF are accepted; a GIF is kept as a (lossless) PNG."""
    response = post_photo(editor_client, uploaded(name, content))
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = Photo.objects.get()
    assert photo.image.name.endswith(extension)
    with Image.open(photo.image.path) as stored:
        assert stored.format == stored_format
        assert (photo.width, photo.height) == stored.size
    assert photo.uploaded_by.username == "bientap"


def test_the_content_decides_not_the_name(editor_client):
    """A PNG named .jpg is accepted and stored under a .png name; the name is made URL-safe,
    with a random part so that nobody finds a photo by guessing its name."""
    response = post_photo(editor_client, uploaded("Ảnh Hội nghị.JPG", image_bytes("PNG")))
    assert response.status_code == 302
    assert re.fullmatch(
        r"anh-hoi-nghi-[0-9a-f]{16}\.png", Photo.objects.get().image.name.rsplit("/", 1)[1]
    )


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.cookie)</script></svg>"
)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bom.png", bomb_png(), "vượt giới hạn 50.0 megapixel"),
        ("lon.png", bomb_png(8000, 8000), "8000 × 8000 điểm ảnh, vượt giới hạn 50.0 megapixel"),
        ("dut.jpg", noisy_jpeg()[:4000], "bị hỏng hoặc không trọn vẹn"),
        ("ghi-chu.jpg", "Biên bản họp chi bộ tháng 3".encode(), "không phải là ảnh JPEG"),
        ("bieu-do.png", SVG_WITH_SCRIPT, "không phải là ảnh JPEG"),
        ("trang.gif", b"<html><body><script>alert(1)</script></body></html>", "không phải"),
        ("rong.jpg", b"", "rỗng"),
        ("lai.gif", image_bytes("GIF") + b"<script>alert(1)</script>", "mã trang web"),
        ("chu-thich.jpg", image_bytes("JPEG", comment=b"<svg onload=alert(1)>"), "mã trang web"),
        ("php.png", image_bytes("PNG") + b"<?php system($_GET['c']); ?>", "mã trang web"),
        ("hong-dau.png", image_bytes("PNG")[:8] + b"\x00" * 40, "bị hỏng"),
        ("dut.png", image_bytes("PNG", size=(300, 200))[:60], "bị hỏng hoặc không trọn vẹn"),
    ],
    ids=[
        "bomb-header",
        "over-pixel-limit",
        "truncated-jpeg",
        "text-named-jpg",
        "svg-with-script-named-png",
        "html-named-gif",
        "empty",
        "gif-with-script-after-it",
        "jpeg-with-markup-in-comment",
        "png-with-php-after-it",
        "png-with-broken-header",
        "truncated-png",
    ],
)
def test_bad_files_are_refused_with_a_message_and_leave_nothing(
    editor_client, media_root, name, content, message
):
    """Each bad file is refused with a Vietnamese message naming it; no row, no file is left."""
    response = post_photo(editor_client, uploaded(name, content, "image/png"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["image"]
    assert message in errors[0]
    if content:
        assert name in errors[0]
    assert not Photo.objects.exists()
    assert media_files(media_root) == []


def test_byte_limit_comes_from_settings(editor_client, settings, media_root):
    """A file over NEWSROOM_PHOTO_MAX_BYTES is refused before it is even opened."""
    settings.NEWSROOM_PHOTO_MAX_BYTES = 10_000
    response = post_photo(editor_client, uploaded("nang.jpg", noisy_jpeg()))
    error = response.context["adminform"].form.errors["image"][0]
    assert "vượt giới hạn 9,8\xa0KB" in error or "vượt giới hạn 9.8\xa0KB" in error
    assert media_files(media_root) == []


def test_pixel_limit_comes_from_settings(editor_client, settings):
    """NEWSROOM_PHOTO_MAX_PIXELS sets the largest picture accepted."""
    settings.NEWSROOM_PHOTO_MAX_PIXELS = 1_000
    response = post_photo(editor_client, uploaded("vua.png", image_bytes("PNG", (40, 40))))
    assert "40 × 40 điểm ảnh" in response.context["adminform"].form.errors["image"][0]
    response = post_photo(editor_client, uploaded("nho.png", image_bytes("PNG", (30, 30))))
    assert response.status_code == 302


def test_phone_photo_is_shown_upright_without_any_metadata(editor_client):
    """A photo stored on its side is turned upright; EXIF, GPS and comments are all gone."""
    response = post_photo(editor_client, uploaded("dien-thoai.jpg", camera_jpeg((400, 200))))
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (200, 400)
    storage = photo.image.storage
    upright = [photo.image.path] + [
        storage.path(name) for name in rendition_names(photo.renditions) if "/full-" in name
    ]
    assert len(upright) == 3  # the master, and one width in WebP and JPEG (never upscaled)
    for path in upright:
        with Image.open(path) as image:
            width, height = image.size
            assert height > width, path
            top = image.convert("RGB").getpixel((width // 2, height // 4))
            bottom = image.convert("RGB").getpixel((width // 2, 3 * height // 4))
            assert top[0] > 200 and top[2] < 60, (path, top)  # red on top
            assert bottom[2] > 200 and bottom[0] < 60, (path, bottom)  # blue below
    for path in [photo.image.path] + [storage.path(n) for n in rendition_names(photo.renditions)]:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert image.getexif().get_ifd(0x8825) == {}
            assert "comment" not in image.info
        with open(path, "rb") as raw:
            content = raw.read()
        assert b"Exif" not in content
        assert b"GPS test" not in content
        assert "Máy ảnh".encode() not in content


def test_every_way_in_is_checked_even_without_a_form(media_root):
    """Code that saves a photo directly (the importer, a script) gets the same refusal."""
    photo = Photo(image=ContentFile(b"<svg onload=alert(1)>", name="x.jpg"), alt_text="x")
    with pytest.raises(ValidationError) as refusal:
        photo.save()
    assert "không phải là ảnh JPEG" in refusal.value.messages[0]
    assert not Photo.objects.exists()
    assert media_files(media_root) == []
    good = Photo(image=ContentFile(camera_jpeg(), name="nhap.jpg"), alt_text="Ảnh nhập")
    good.save()
    assert (good.width, good.height) == (200, 400)
    assert good.renditions["shapes"]["full"]


def test_prepare_upload_names_the_file_and_keeps_nothing_extra():
    """The clean file is upright, has a safe name and its size; the limit message is Vietnamese."""
    clean = prepare_upload(uploaded("Ảnh Đại hội.jpeg", camera_jpeg((300, 100))))
    assert re.fullmatch(r"anh-dai-hoi-[0-9a-f]{16}\.jpg", clean.name)
    assert prepare_upload(uploaded("Ảnh Đại hội.jpeg", camera_jpeg())).name != clean.name
    assert (clean.width, clean.height) == (100, 300)
    assert prepare_upload(clean) is clean
