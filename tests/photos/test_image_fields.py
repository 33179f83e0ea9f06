"""Author photos and organisation logos take the photo library's upload path, every way in."""

import importlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import clear_url_caches, reverse
from PIL import Image

from articles.models import Author, Organisation
from photos.models import Photo
from tests.factories import (
    AuthorFactory,
    OrganisationFactory,
    UserFactory,
    camera_jpeg,
    image_bytes,
    media_files,
    uploaded,
)

pytestmark = pytest.mark.django_db

GIF_WITH_SCRIPT = image_bytes("GIF") + b"<script>alert(document.cookie)</script>"

# model, its image field, and the rest of its admin form
FIELDS = {
    "author": (Author, "photo", {"name": "Lê Văn Cường", "unit": "", "bio": ""}),
    "organisation": (
        Organisation,
        "logo",
        {"name": "Hội Nông dân", "kind": "mass", "position": 0, "aliases": ""},
    ),
}


@pytest.fixture
def chief_client(client):
    client.force_login(UserFactory(username="tongbientap", is_superuser=True))
    return client


def admin_url(kind: str, action: str, *args) -> str:
    return reverse(
        f"admin:{'photos' if kind == 'photo' else 'articles'}_{kind}_{action}", args=args
    )


def post_new(client, kind: str, upload):
    _model, field, data = FIELDS[kind]
    return client.post(admin_url(kind, "add"), {**data, field: upload})


def assert_no_metadata(path) -> None:
    with Image.open(path) as image:
        assert not image.getexif(), path
        assert image.getexif().get_ifd(0x8825) == {}  # no GPS
        assert "comment" not in image.info
        assert image.height > image.width  # turned upright by its EXIF orientation
    with open(path, "rb") as raw:
        content = raw.read()
    assert b"Exif" not in content and b"GPS test" not in content
    assert "Máy ảnh".encode() not in content


@pytest.mark.parametrize("kind", FIELDS)
def test_gps_tagged_jpeg_through_the_admin_is_stored_without_metadata(chief_client, kind):
    """A phone photo sent as an author's photo or a logo is stored upright, without its GPS."""
    model, field, _data = FIELDS[kind]
    response = post_new(chief_client, kind, uploaded("dien-thoai.jpg", camera_jpeg()))
    assert response.status_code == 302
    assert_no_metadata(getattr(model.objects.get(), field).path)


@pytest.mark.parametrize("way", ["model-save", "field-file-save"])
@pytest.mark.parametrize("kind", FIELDS)
def test_gps_tagged_jpeg_saved_by_code_is_stored_without_metadata(kind, way):
    """A script or command that saves the picture directly gets the same clean copy."""
    model, field, data = FIELDS[kind]
    data = {key: value for key, value in data.items() if key != "aliases"}
    if way == "model-save":
        instance = model(**data, **{field: ContentFile(camera_jpeg(), name="dien-thoai.jpg")})
        instance.save()
    else:
        instance = model.objects.create(**data)
        getattr(instance, field).save("dien-thoai.jpg", ContentFile(camera_jpeg()))
    instance.refresh_from_db()
    assert_no_metadata(getattr(instance, field).path)


@pytest.mark.parametrize("kind", FIELDS)
def test_gif_with_a_trailing_script_is_refused_by_the_admin(chief_client, media_root, kind):
    """A GIF with a script after the picture is refused with the library's Vietnamese message;
    nothing is saved."""
    model, field, _data = FIELDS[kind]
    response = post_new(chief_client, kind, uploaded("bieu-trung.gif", GIF_WITH_SCRIPT))
    assert response.status_code == 200
    error = response.context["adminform"].form.errors[field][0]
    assert "«bieu-trung.gif» có chứa mã trang web hoặc mã lệnh lẫn trong ảnh" in error
    assert not model.objects.exists()
    assert media_files(media_root) == []


@pytest.mark.parametrize("way", ["model-save", "field-file-save"])
def test_gif_with_a_trailing_script_is_refused_in_code(media_root, way):
    """Code that saves a polyglot as a logo gets the same refusal, and no file is written."""
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as refusal:
        if way == "model-save":
            organisation.logo = ContentFile(GIF_WITH_SCRIPT, name="logo.gif")
            organisation.save()
        else:
            organisation.logo.save("logo.gif", ContentFile(GIF_WITH_SCRIPT))
    assert "mã trang web" in refusal.value.messages[0]
    assert media_files(media_root) == []
    assert not Organisation.objects.get().logo


def test_replaced_author_photo_is_removed_after_commit(
    chief_client, media_root, django_capture_on_commit_callbacks
):
    """A replaced author photo leaves the disk once the change is committed, not before."""
    author = AuthorFactory(photo=ContentFile(image_bytes("JPEG"), name="cu.jpg"))
    old = author.photo.name
    data = {"name": author.name, "slug": author.slug, "unit": "", "bio": ""}
    with django_capture_on_commit_callbacks() as pending:
        response = chief_client.post(
            admin_url("author", "change", author.pk),
            {**data, "photo": uploaded("moi.jpg", image_bytes("JPEG", color="red"))},
        )
        assert response.status_code == 302
        author.refresh_from_db()
        assert author.photo.name.startswith("authors/moi-")
        assert media_files(media_root) == sorted([old, author.photo.name])
    for callback in pending:
        callback()
    assert media_files(media_root) == [author.photo.name]


def test_cleared_logo_and_deleted_organisation_take_their_files(
    chief_client, media_root, django_capture_on_commit_callbacks
):
    """Clearing a logo, or deleting the organisation, removes the file from the disk."""
    kept = OrganisationFactory(logo=ContentFile(image_bytes("PNG"), name="giu.png"))
    cleared = OrganisationFactory(logo=ContentFile(image_bytes("PNG"), name="bo.png"))
    data = {"name": cleared.name, "slug": cleared.slug, "kind": "mass", "position": 0}
    with django_capture_on_commit_callbacks(execute=True):
        response = chief_client.post(
            admin_url("organisation", "change", cleared.pk), {**data, "logo-clear": "on"}
        )
    assert response.status_code == 302
    assert media_files(media_root) == [kept.logo.name]
    with django_capture_on_commit_callbacks(execute=True):
        response = chief_client.post(admin_url("organisation", "delete", kept.pk), {"post": "yes"})
    assert response.status_code == 302
    assert media_files(media_root) == []


def test_rolled_back_replacement_keeps_the_old_file(media_root, django_capture_on_commit_callbacks):
    """A save that is rolled back leaves the old photo on disk, where the row still points."""
    author = AuthorFactory(photo=ContentFile(image_bytes("JPEG"), name="cu.jpg"))
    old = author.photo.name
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        author.photo = ContentFile(image_bytes("JPEG", color="red"), name="moi.jpg")
        author.save()
        raise RuntimeError("the rest of the change failed")
    assert Author.objects.get().photo.name == old
    assert old in media_files(media_root)


def test_a_file_two_rows_name_stays_until_the_last_goes(
    media_root, django_capture_on_commit_callbacks
):
    """Deleting one of two authors who share a photo file keeps the file for the other."""
    first = AuthorFactory(photo=ContentFile(image_bytes("JPEG"), name="chung.jpg"))
    second = AuthorFactory(photo=first.photo.name)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert media_files(media_root) == [second.photo.name]
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert media_files(media_root) == []


@pytest.mark.parametrize(
    ("kind", "folder"),
    [("author", "authors"), ("organisation", "organisations"), ("photo", r"photos/\d{4}/\d{2}")],
)
def test_stored_names_cannot_be_guessed(chief_client, kind, folder):
    """Two uploads of the same file get different names: the uploaded name made URL-safe and
    64 random bits, never an id or a counter."""
    content = image_bytes("JPEG", (80, 60))
    for number in range(2):
        if kind == "photo":
            data = {"image": uploaded("DSC_0001.JPG", content), "alt_text": "Ảnh"}
            response = chief_client.post(admin_url("photo", "add"), data)
        else:
            _model, field, data = FIELDS[kind]
            data = {**data, "name": f"{data['name']} {number}"}
            data[field] = uploaded("DSC_0001.JPG", content)
            response = chief_client.post(admin_url(kind, "add"), data)
        assert response.status_code == 302
    names = [
        *Author.objects.values_list("photo", flat=True),
        *Organisation.objects.values_list("logo", flat=True),
        *Photo.objects.values_list("image", flat=True),
    ]
    assert len(names) == 2 and names[0] != names[1]
    for name in names:
        assert re.fullmatch(rf"{folder}/dsc_0001-[0-9a-f]{{16}}\.jpg", name), name


@pytest.fixture
def debug_urls(settings):
    """The URLs as ``runserver`` with DJANGO_DEBUG=1 has them (media served by Django)."""
    import newsroom.urls

    settings.DEBUG = True
    importlib.reload(newsroom.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(newsroom.urls)
    clear_url_caches()


def test_development_server_lists_no_media_folder(client, debug_urls):
    """With debug on, a photo's address answers but its folder is not listed."""
    author = AuthorFactory(photo=ContentFile(image_bytes("JPEG"), name="an.jpg"))
    assert client.get(author.photo.url).status_code == 200
    assert client.get("/media/authors/").status_code == 404
    assert client.get("/media/").status_code == 404
