"""The photo library in the admin: thumbnails, search, many uploads at once, the editor's popup."""

import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from articles.roles import JOURNALIST
from photos.models import Photo
from tests.factories import (
    PhotoFactory,
    UserFactory,
    camera_jpeg,
    image_bytes,
    media_files,
    uploaded,
)
from tests.htmltools import form_fields

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:photos_photo_changelist")
UPLOAD = reverse("admin:photos_photo_upload")
DESCRIBE = reverse("admin:photos_photo_describe")
EDITOR = reverse("admin:photos_photo_editor")


@pytest.fixture
def journalist(roles):
    user = UserFactory(username="phongvien")
    user.groups.add(roles[JOURNALIST])
    return user


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client


def test_list_shows_thumbnails_from_renditions(journalist_client, journalist):
    """The library lists each photo with a small rendition, not the full-size file."""
    photo = PhotoFactory(caption="Hội nghị tổng kết", uploaded_by=journalist)
    page = journalist_client.get(CHANGELIST).content.decode()
    thumbnail = photo.renditions["dir"] + "/full-64.jpg"
    assert f'src="/media/{thumbnail}"' in page
    assert 'class="photo-thumb"' in page
    assert "Tải nhiều ảnh" in page


@pytest.mark.parametrize("term", ["tổng kết", "Trần Bình"])
def test_search_finds_photos_by_caption_and_credit(journalist_client, journalist, term):
    """Searching the library by words of a caption or by the photographer finds the photo."""
    PhotoFactory(caption="Hội nghị tổng kết năm", credit="Trần Bình", uploaded_by=journalist)
    PhotoFactory(caption="Ngày hội đại đoàn kết", credit="Lê Hoa", uploaded_by=journalist)
    response = journalist_client.get(CHANGELIST, {"q": term})
    assert [photo.caption for photo in response.context["cl"].result_list] == [
        "Hội nghị tổng kết năm"
    ]


def test_adding_a_photo_records_the_uploader_and_makes_renditions(journalist_client, journalist):
    """A photo added in the admin belongs to its uploader and has its renditions at once."""
    response = journalist_client.post(
        reverse("admin:photos_photo_add"),
        {
            "image": uploaded("le-hoi.jpg", image_bytes("JPEG", (1000, 700))),
            "caption": "Lễ hội đường phố",
            "alt_text": "Đoàn diễu hành trên phố",
            "credit": "Trần Bình",
            "focal_x": "30",
            "focal_y": "",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert photo.uploaded_by == journalist
    assert [width for width, _height in photo.renditions["shapes"]["full"]] == [320, 640, 960, 1000]
    assert photo.focal_x == 30
    change = journalist_client.get(reverse("admin:photos_photo_change", args=[photo.pk]))
    page = change.content.decode()
    assert 'class="focal-picker" data-x="30" data-y=""' in page
    assert "Nguyên khung: 320, 640, 960, 1000 px" in page


def test_alt_text_is_required(journalist_client, media_root):
    """A photo without alt text is not saved and the form says so."""
    response = journalist_client.post(
        reverse("admin:photos_photo_add"),
        {"image": uploaded("a.jpg", image_bytes()), "alt_text": "", "caption": "", "credit": ""},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["alt_text"]
    assert not Photo.objects.exists()
    assert media_files(media_root) == []


def test_many_photos_at_once_keeps_the_good_and_names_the_bad(journalist_client, media_root):
    """Three photos and one fake: three are kept, the fake is named in a message."""
    files = [
        uploaded("mot.jpg", image_bytes("JPEG", (200, 100))),
        uploaded("hai.png", image_bytes("PNG", (120, 90))),
        uploaded("gia.jpg", b"<html><script>alert(1)</script></html>"),
        uploaded("ba.jpg", camera_jpeg()),
    ]
    response = journalist_client.post(
        UPLOAD,
        {"images": files, "alt_text": "Hội nghị", "caption": "Toàn cảnh", "credit": "TTVH"},
        follow=True,
    )
    photos = Photo.objects.order_by("pk")
    assert [photo.image.name.rsplit("/", 1)[1][:3] for photo in photos] == ["mot", "hai", "ba-"]
    assert [photo.image.name[-4:] for photo in photos] == [".jpg", ".png", ".jpg"]
    assert {photo.alt_text for photo in photos} == {"Hội nghị"}
    messages = [str(message) for message in response.context["messages"]]
    assert any("«gia.jpg»" in message for message in messages)
    assert any("Đã tải lên 3 ảnh" in message for message in messages)
    ids = ",".join(str(photo.pk) for photo in photos)
    assert response.redirect_chain[-1][0] == f"{DESCRIBE}?ids={ids}"
    assert not [name for name in media_files(media_root) if "gia" in name]


def test_describe_step_saves_each_photos_own_alt_text(journalist_client, journalist):
    """After a batch upload, each photo gets its own caption and alt text on one page."""
    first, second = PhotoFactory.create_batch(2, alt_text="chung", uploaded_by=journalist)
    url = f"{DESCRIBE}?ids={first.pk},{second.pk}"
    page = journalist_client.get(url)
    assert page.status_code == 200
    assert len(page.context["rows"]) == 2
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": first.pk,
        "form-0-alt_text": "Chủ tịch phát biểu",
        "form-0-caption": "Phát biểu khai mạc",
        "form-0-credit": "",
        "form-1-id": second.pk,
        "form-1-alt_text": "",
        "form-1-caption": "",
        "form-1-credit": "",
    }
    response = journalist_client.post(url, data)
    assert response.status_code == 200  # the second alt text is missing
    assert response.context["formset"].forms[1].errors["alt_text"]
    data["form-1-alt_text"] = "Đại biểu biểu quyết"
    assert journalist_client.post(url, data).status_code == 302
    assert {photo.alt_text for photo in Photo.objects.all()} == {
        "Chủ tịch phát biểu",
        "Đại biểu biểu quyết",
    }


def test_a_batch_of_only_bad_files_shows_the_form_again(journalist_client, media_root):
    """When nothing could be kept the form comes back with the reasons."""
    response = journalist_client.post(
        UPLOAD, {"images": [uploaded("x.png", b"GIF89a not really")], "alt_text": "x"}
    )
    assert response.status_code == 200
    assert "Không ảnh nào được nhận." in response.content.decode()
    assert media_files(media_root) == []


def test_a_batch_is_limited_in_size(journalist_client):
    """More than thirty files at once is refused with the limit named."""
    files = [uploaded(f"{n}.jpg", image_bytes()) for n in range(31)]
    response = journalist_client.post(UPLOAD, {"images": files, "alt_text": "x"})
    assert "tối đa 30 ảnh; bạn đã chọn 31" in response.content.decode()
    assert not Photo.objects.exists()


def test_editor_popup_lists_photos_for_the_editor_to_pick(journalist_client, journalist):
    """The popup shows the library with what the editor needs to insert each photo."""
    photo = PhotoFactory(
        caption="Trao quà Tết", alt_text="Trao quà", credit="Lê Hoa", uploaded_by=journalist
    )
    PhotoFactory(caption="Ảnh khác", uploaded_by=journalist)
    response = journalist_client.get(EDITOR, {"CKEditorFuncNum": "3", "mode": "figure", "q": "quà"})
    assert response.status_code == 200
    page = response.content.decode()
    data = json.loads(re.search(r'id="photo-data" type="application/json">(.*?)</script>', page)[1])
    assert data == {
        str(photo.pk): {
            "id": photo.pk,
            "url": photo.image.url,
            "width": 64,
            "height": 48,
            "alt": "Trao quà",
            "caption": "Trao quà Tết",
            "credit": "Lê Hoa",
        }
    }
    assert '<input type="hidden" name="CKEditorFuncNum" value="3">' in page
    assert "csrfmiddlewaretoken" in page


def test_editor_popup_upload_goes_through_the_same_checks(journalist_client, media_root):
    """A photo uploaded from the editor is checked, stored clean and handed back to the editor."""
    url = f"{EDITOR}?CKEditorFuncNum=3&mode=figure"
    refused = journalist_client.post(
        url, {"image": uploaded("bieu-do.png", b"<svg onload=alert(1)>"), "alt_text": "x"}
    )
    assert "không phải là ảnh JPEG" in refused.content.decode()
    assert media_files(media_root) == []
    response = journalist_client.post(
        url,
        {"image": uploaded("dien-thoai.jpg", camera_jpeg()), "alt_text": "Người dân nhận quà"},
    )
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (200, 400)
    chosen = re.search(
        r'id="chosen-photo" type="application/json">(.*?)</script>', response.content.decode()
    )
    assert json.loads(chosen[1])["id"] == photo.pk


def test_editor_popup_is_for_staff_only_and_checks_csrf(client, journalist, media_root):
    """Visitors are sent to log in, staff without the right get 403, and a forged POST fails."""
    assert client.get(EDITOR).status_code == 302
    outsider = UserFactory(username="khach")
    client.force_login(outsider)
    assert client.get(EDITOR).status_code == 403
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(journalist)
    forged = csrf_client.post(EDITOR, {"image": uploaded("a.jpg", image_bytes()), "alt_text": "x"})
    assert forged.status_code == 403
    assert not Photo.objects.exists()


def test_viewers_who_may_not_add_photos_cannot_upload(client, media_root):
    """A user who may only look at the library sees no upload form and cannot post one."""
    viewer = UserFactory(username="xem")
    viewer.user_permissions.add(Permission.objects.get(codename="view_photo"))
    client.force_login(viewer)
    page = client.get(EDITOR)
    assert page.status_code == 200
    assert page.context["form"] is None
    response = client.post(EDITOR, {"image": uploaded("a.jpg", image_bytes()), "alt_text": "x"})
    assert response.status_code == 403
    assert media_files(media_root) == []
    assert client.get(UPLOAD).status_code == 403


def test_changing_the_focal_point_in_the_admin_keeps_the_file_and_redoes_the_crops(
    journalist_client, journalist
):
    """Editing a photo without choosing a new file keeps it; a new focal point moves the crops."""
    photo = PhotoFactory(uploaded_by=journalist)
    url = reverse("admin:photos_photo_change", args=[photo.pk])
    data = form_fields(journalist_client.get(url).content.decode(), "photo_form")
    data.update(focal_x="80", focal_y="20", caption="Chú thích đã sửa")
    assert journalist_client.post(url, data).status_code == 302
    saved = Photo.objects.get(pk=photo.pk)
    assert saved.image.name == photo.image.name
    assert saved.caption == "Chú thích đã sửa"
    assert saved.renditions["dir"] != photo.renditions["dir"]
