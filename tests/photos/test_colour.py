"""Pictures with a colour profile are converted to sRGB; no profile or its text reaches readers."""

import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image, ImageCms

from articles.models import Author
from photos.models import Photo
from photos.renditions import ensure_renditions, rendition_names
from tests.factories import PhotoFactory, UserFactory, uploaded, wide_gamut_profile

pytestmark = pytest.mark.django_db

SECRET = "GPS 21.0285N 105.8542E Nguyen Van A"
PROFILE = wide_gamut_profile(f"Adobe RGB linear {SECRET}")

# Linear-light Adobe RGB → XYZ (D50) by its primaries → sRGB by sRGB's matrix and curve, worked
# out by hand: grey keeps its hue but takes sRGB's curve; a green-grey gains red and blue
# because Adobe RGB's green is purer than sRGB's.
GREY, GREY_IN_SRGB = (128, 128, 128), (188, 188, 188)
SAGE, SAGE_IN_SRGB = (100, 150, 100), (152, 202, 166)


@pytest.fixture
def chief_client(client):
    client.force_login(UserFactory(username="tongbientap", is_superuser=True))
    return client


def two_colours(fmt: str, mode: str = "RGB", **options) -> bytes:
    """A picture whose left half is grey and right half sage green, in linear Adobe RGB."""
    image = Image.new("RGB", (400, 200), GREY)
    image.paste(Image.new("RGB", (200, 200), SAGE), (200, 0))
    if mode == "RGBA":
        image.putalpha(200)
    buffer = io.BytesIO()
    image.save(buffer, fmt, icc_profile=PROFILE, **options)
    return buffer.getvalue()


def assert_clean_srgb(path, tolerance: int) -> None:
    with open(path, "rb") as raw:
        content = raw.read()
    assert SECRET.encode() not in content, path
    assert b"Adobe RGB" not in content, path
    with Image.open(path) as image:
        assert "icc_profile" not in image.info, path
        width, height = image.size
        left = image.convert("RGB").getpixel((width // 4, height // 2))
        right = image.convert("RGB").getpixel((3 * width // 4, height // 2))
    for got, wanted in ((left, GREY_IN_SRGB), (right, SAGE_IN_SRGB)):
        assert all(abs(a - b) <= tolerance for a, b in zip(got, wanted, strict=True)), (
            path,
            got,
            wanted,
        )


@pytest.mark.parametrize(
    ("fmt", "mode", "tolerance"),
    [("PNG", "RGB", 0), ("PNG", "RGBA", 0), ("JPEG", "RGB", 3), ("WEBP", "RGB", 4)],
)
def test_wide_gamut_photo_is_converted_to_srgb_without_its_profile(
    chief_client, fmt, mode, tolerance
):
    """A photo in (linear) Adobe RGB shows the same colours, in sRGB: the master and every
    rendition carry no profile and nothing of its text."""
    response = chief_client.post(
        reverse("admin:photos_photo_add"),
        {"image": uploaded(f"mau.{fmt.lower()}", two_colours(fmt, mode)), "alt_text": "Màu"},
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    storage = photo.image.storage
    assert_clean_srgb(photo.image.path, tolerance)
    if mode == "RGBA":
        with Image.open(photo.image.path) as stored:
            assert stored.mode == "RGBA" and stored.getpixel((10, 10))[3] == 200
    renditions = rendition_names(photo.renditions)
    assert renditions
    for name in renditions:
        assert_clean_srgb(storage.path(name), tolerance + 4)  # WebP/JPEG at rendition quality


def test_renditions_of_a_master_stored_with_its_profile_are_converted(media_root):
    """A photo stored before uploads were converted still gets sRGB renditions without its
    profile (``manage.py make_renditions --force`` remakes them)."""
    photo = PhotoFactory()
    old_master = photo.image.storage.save("photos/cu/mau-cu.png", ContentFile(two_colours("PNG")))
    Photo.objects.filter(pk=photo.pk).update(image=old_master)
    photo.refresh_from_db()
    assert ensure_renditions(photo, force=True)
    for name in rendition_names(photo.renditions):
        assert_clean_srgb(photo.image.storage.path(name), 4)


@pytest.mark.parametrize(
    "profile",
    [
        ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes(),
        b"acsp" + SECRET.encode() * 20,
    ],
    ids=["lab-profile-on-rgb", "unreadable-profile"],
)
def test_a_profile_that_does_not_fit_is_dropped_and_the_numbers_kept(chief_client, profile):
    """A profile that cannot describe the picture (Lab on RGB numbers, or garbage) is ignored,
    as a browser would: the photo is accepted with its numbers as they were, without it."""
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), SAGE).save(buffer, "PNG", icc_profile=profile)
    response = chief_client.post(
        reverse("admin:photos_photo_add"),
        {"image": uploaded("la.png", buffer.getvalue()), "alt_text": "Ảnh lạ"},
    )
    assert response.status_code == 302
    with Image.open(Photo.objects.get().image.path) as stored:
        assert "icc_profile" not in stored.info
        assert stored.getpixel((40, 30)) == SAGE


def test_author_photo_is_converted_too(media_root):
    """An author's portrait goes through the same conversion as library photos."""
    portrait = ContentFile(two_colours("PNG"), name="chan-dung.png")
    author = Author(name="Trần Thị Bình", photo=portrait)
    author.save()
    assert_clean_srgb(author.photo.path, 0)
