"""The editor's photo chooser (issue 15, item 6): upload first, one file a request with its own
answer in Vietnamese, then the library; a caption placeholder and the featured photo."""

import re

import pytest
from django.urls import reverse

from articles.roles import JOURNALIST
from photos.models import Photo
from tests.factories import PhotoFactory, UserFactory, image_bytes, uploaded

pytestmark = pytest.mark.django_db

EDITOR = reverse("admin:photos_photo_editor")
UPLOAD = reverse("admin:photos_photo_editor_upload")


@pytest.fixture
def journalist(roles):
    user = UserFactory(username="phongvien", first_name="Phạm Thu Hà")
    user.groups.add(roles[JOURNALIST])
    return user


@pytest.fixture
def writer(client, journalist):
    client.force_login(journalist)
    return client


def send(client, name, content, **fields):
    data = {"alt_text": "Hội viên ra quân", "caption": "", "credit": "", **fields}
    return client.post(UPLOAD, {**data, "image": uploaded(name, content)})


def test_the_chooser_puts_upload_first_then_the_library(writer):
    """The drop zone (several files, picker or drag) comes before the library grid."""
    PhotoFactory()
    page = writer.get(EDITOR + "?mode=figure&CKEditorFuncNum=1").content.decode()
    assert page.index('id="drop-zone"') < page.index('id="photo-grid"')
    assert re.search(r'<input type="file" name="image"[^>]* multiple', page)
    assert "Kéo thả một hay nhiều ảnh vào đây" in page
    assert "photos/admin/photo-upload.js" in page


def test_each_file_is_answered_on_its_own(writer, journalist):
    """Two files: the good one is kept and described in JSON, the bad one refused by name."""
    good = send(writer, "le-ra-quan.jpg", image_bytes(size=(320, 200)), caption="Ra quân")
    bad = send(writer, "khong-phai-anh.jpg", b"<html><script>alert(1)</script></html>")
    assert good.status_code == 201
    photo = Photo.objects.get()
    assert good.json()["photo"] == {
        "id": photo.pk,
        "url": photo.image.url,
        "width": 320,
        "height": 200,
        "alt": "Hội viên ra quân",
        "caption": "Ra quân",
        "credit": "",
    }
    assert "<img" in good.json()["thumbnail"]
    assert photo.uploaded_by == journalist
    assert bad.status_code == 400
    errors = bad.json()["errors"]
    assert errors and all(message.startswith("Ảnh: ") for message in errors)
    assert "khong-phai-anh.jpg" in " ".join(errors)
    assert Photo.objects.count() == 1


def test_a_file_without_alt_text_is_refused_in_vietnamese(writer):
    """The alt text is the library's rule: the upload says so, in Vietnamese."""
    answer = send(writer, "anh.png", image_bytes("PNG"), alt_text="")
    assert answer.status_code == 400
    assert any(m.startswith("Mô tả thay thế: ") for m in answer.json()["errors"])
    assert not Photo.objects.exists()


def test_one_request_carries_one_file(writer):
    """Several files in one request are refused (each has its own progress and answer)."""
    response = writer.post(
        UPLOAD,
        {
            "alt_text": "x",
            "image": [uploaded("a.jpg", image_bytes()), uploaded("b.jpg", image_bytes())],
        },
    )
    assert response.status_code == 400
    assert "một tệp" in response.json()["errors"][0]
    assert not Photo.objects.exists()


def test_staff_without_the_right_cannot_upload(client, roles):
    """A staff account without the library's add right gets a Vietnamese 403, nothing saved."""
    staff = UserFactory(username="khach", is_staff=True)
    client.force_login(staff)
    response = client.post(UPLOAD, {"alt_text": "x", "image": uploaded("a.jpg", image_bytes())})
    assert response.status_code == 403
    assert "quyền" in response.json()["errors"][0]
    assert not Photo.objects.exists()


def test_filling_a_placeholder_starts_with_its_caption(writer):
    """Opened from an imported caption placeholder, the upload form's caption is that caption."""
    caption = "Quang cảnh buổi lễ <ra mắt>"
    page = writer.get(EDITOR, {"mode": "figure", "CKEditorFuncNum": "1", "caption": caption})
    text = page.content.decode()
    assert 'value="Quang cảnh buổi lễ &lt;ra mắt&gt;"' in text
    assert "Đang chọn ảnh cho chú thích chờ ảnh" in text
    # Searching the library keeps the placeholder's caption in the address.
    assert re.search(r'<input type="hidden" name="caption" value="Quang cảnh', text)


def test_the_featured_photo_is_marked_in_the_library(writer, journalist):
    """The article's featured photo carries a badge and a warning before it is inserted."""
    featured = PhotoFactory(uploaded_by=journalist, caption="Ảnh đầu bài")
    other = PhotoFactory(uploaded_by=journalist, caption="Ảnh khác")
    text = writer.get(EDITOR, {"mode": "figure", "featured": str(featured.pk)}).content.decode()
    assert f'data-photo-id="{featured.pk}" data-featured="1"' in text
    assert f'data-photo-id="{other.pk}" data-featured' not in text
    assert "người đọc thấy ảnh đó hai lần" in text
    assert writer.get(EDITOR, {"featured": "abc"}).status_code == 200
