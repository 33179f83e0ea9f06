"""The photo library's object-level rules: who may change a photo, who may see it, and what a
replaced file leaves behind (issue 13, findings 1, 2 and 6)."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from django.utils import timezone

from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from photos.models import Photo
from tests.factories import (
    ArticleFactory,
    PhotoFactory,
    ReadyArticleFactory,
    UserFactory,
    figure_html,
    image_bytes,
    uploaded,
    user_in_role,
)
from tests.helpers import change_url, client_for, form_data

pytestmark = pytest.mark.django_db

DESCRIBE = reverse("admin:photos_photo_describe")
EDITOR_POPUP = reverse("admin:photos_photo_editor")
AUTOCOMPLETE = reverse("admin:autocomplete")
DRAFT_CAPTION = "Bí mật: ảnh chưa đăng của phóng viên Hà"


@pytest.fixture
def newsroom(roles):
    """Two journalists, an editor, the chief; a photo on a published page, one on a draft."""
    people = {
        "ha": user_in_role(JOURNALIST, "phongvien"),
        "binh": user_in_role(JOURNALIST, "phongvien2"),
        "editor": user_in_role(EDITOR, "bientapvien"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap"),
    }
    published_photo = PhotoFactory(uploaded_by=people["ha"], caption="Lễ ra quân")
    published = ReadyArticleFactory(
        live=True, featured_photo=published_photo, created_by=people["ha"]
    )
    draft_photo = PhotoFactory(uploaded_by=people["ha"], caption=DRAFT_CAPTION)
    draft = ArticleFactory(created_by=people["ha"], featured_photo=draft_photo)
    return {
        **people,
        "published": published,
        "published_photo": published_photo,
        "draft": draft,
        "draft_photo": draft_photo,
    }


def photo_change(photo) -> str:
    return reverse("admin:photos_photo_change", args=[photo.pk])


def replacement(caption="Ảnh đã bị thay", **extra) -> dict:
    """What the photo form posts to put a new picture and caption on a photo."""
    return {
        "image": uploaded("thay-the.jpg", image_bytes("JPEG", (640, 480), color="red")),
        "caption": caption,
        "alt_text": "Ảnh thay thế",
        "credit": "",
        "focal_x": "",
        "focal_y": "",
        **extra,
    }


def describe_data(photo, caption="Chú thích bị sửa") -> dict:
    return {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": photo.pk,
        "form-0-caption": caption,
        "form-0-alt_text": "Sửa mô tả",
        "form-0-credit": "",
    }


def unchanged(photo) -> bool:
    saved = Photo.objects.get(pk=photo.pk)
    return (saved.image.name, saved.caption, saved.renditions) == (
        photo.image.name,
        photo.caption,
        photo.renditions,
    )


# --- Finding 1: nobody but the chief changes a photo a published article shows ---------------


@pytest.mark.parametrize("who", ["binh", "ha", "editor"])
def test_a_published_photo_cannot_be_replaced_except_by_the_chief(newsroom, client, who):
    """A second journalist, the uploader herself and an editor post a new picture over the
    published article's photo: refused (403), and readers still see the old picture."""
    photo = newsroom["published_photo"]
    response = client_for(newsroom[who]).post(photo_change(photo), replacement())
    assert response.status_code == 403
    assert unchanged(photo)
    page = client.get(newsroom["published"].get_absolute_url()).content.decode()
    assert photo.renditions["dir"] in page and "Ảnh đã bị thay" not in page


@pytest.mark.parametrize("who", ["binh", "ha", "editor"])
def test_the_describe_page_cannot_rewrite_a_published_photo(newsroom, who):
    """The batch-description page with a published photo's id: nothing is shown to edit and a
    crafted post changes nothing."""
    photo = newsroom["published_photo"]
    client = client_for(newsroom[who])
    url = f"{DESCRIBE}?ids={photo.pk}"
    page = client.get(url, follow=True)
    assert "form-0-caption" not in page.content.decode()
    assert "không có quyền sửa" in page.content.decode()
    client.post(url, describe_data(photo))
    assert unchanged(photo)


def test_a_journalist_cannot_change_a_colleagues_draft_photo(newsroom):
    """Bình posts a new picture and caption over Hà's draft photo: it is as if it did not exist."""
    photo = newsroom["draft_photo"]
    binh = client_for(newsroom["binh"])
    response = binh.post(photo_change(photo), replacement())
    assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    assert unchanged(photo)
    binh.post(f"{DESCRIBE}?ids={photo.pk}", describe_data(photo))
    assert unchanged(photo)


def test_the_uploader_and_editors_change_an_unpublished_photo(newsroom):
    """Hà changes her own draft photo; an editor may too; the chief changes the published one."""
    photo = newsroom["draft_photo"]
    url = f"{DESCRIBE}?ids={photo.pk}"
    assert client_for(newsroom["ha"]).post(url, describe_data(photo, "Của Hà")).status_code == 302
    assert Photo.objects.get(pk=photo.pk).caption == "Của Hà"
    editor = client_for(newsroom["editor"])
    assert editor.post(url, describe_data(photo, "Biên tập sửa")).status_code == 302
    assert Photo.objects.get(pk=photo.pk).caption == "Biên tập sửa"
    published = newsroom["published_photo"]
    chief = client_for(newsroom["chief"])
    chief.post(f"{DESCRIBE}?ids={published.pk}", describe_data(published, "Tổng biên tập sửa"))
    assert Photo.objects.get(pk=published.pk).caption == "Tổng biên tập sửa"


def test_buttons_follow_the_rule(newsroom):
    """The published photo opens read-only for its uploader (no save button); her draft photo
    opens as a form."""
    ha = client_for(newsroom["ha"])
    published = ha.get(photo_change(newsroom["published_photo"])).content.decode()
    draft = ha.get(photo_change(newsroom["draft_photo"])).content.decode()
    assert 'name="_save"' not in published and 'name="caption"' not in published
    assert 'name="_save"' in draft and 'name="caption"' in draft


def test_the_chief_replacing_a_published_file_is_written_in_the_audit_log(
    newsroom, client, media_root, django_capture_on_commit_callbacks
):
    """The chief replaces the picture of a published article: the history names the articles
    and both files; the old renditions stay on disk until the new ones exist and the change
    is committed, and the page then shows only files that exist."""
    photo, article = newsroom["published_photo"], newsroom["published"]
    old = [photo.image.name, *photo_files(photo)]
    chief = client_for(newsroom["chief"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = chief.post(photo_change(photo), replacement("Ảnh mới của lễ ra quân"))
        assert response.status_code == 302
        new = Photo.objects.get(pk=photo.pk)
        assert all((media_root / name).exists() for name in old + photo_files(new))
    for callback in callbacks:
        callback()
    assert not any((media_root / name).exists() for name in old)
    entry = LogEntry.objects.get(object_id=str(photo.pk), action_flag=CHANGE)
    message = entry.get_change_message()
    assert message.startswith("Thay tệp ảnh đang hiện trên bài đã xuất bản: ")
    assert f"«{article.title}»" in message
    assert photo.image.name in message and new.image.name in message
    assert entry.user == newsroom["chief"]
    page = client.get(article.get_absolute_url()).content.decode()
    assert new.renditions["dir"] in page and photo.renditions["dir"] not in page
    shown = {name for name in photo_files(new) if f"/media/{name}" in page}
    assert shown and all((media_root / name).exists() for name in shown)


def photo_files(photo) -> list[str]:
    from photos.renditions import rendition_names

    return rendition_names(photo.renditions)


def test_a_scheduled_article_protects_its_body_photos_too(newsroom):
    """A photo shown only in the body of an article scheduled for tomorrow is the chief's."""
    photo = PhotoFactory(uploaded_by=newsroom["editor"])
    ArticleFactory(
        status="published",
        published_at=timezone.now() + timedelta(days=1),
        body=figure_html(photo, "Ảnh trong bài hẹn giờ"),
    )
    response = client_for(newsroom["editor"]).post(photo_change(photo), replacement())
    assert response.status_code == 403
    assert unchanged(photo)


# --- Finding 2: a colleague's unpublished photo is out of sight -------------------------------


def autocomplete(client, term: str) -> dict:
    query = {"app_label": "articles", "model_name": "article", "field_name": "featured_photo"}
    return client.get(AUTOCOMPLETE, {**query, "term": term}).json()


def test_a_colleagues_draft_photo_is_out_of_sight(newsroom):
    """Bình looks for Hà's unpublished photo by its id and its caption: the change page, the
    library, the featured-photo search, the editor's popup and the describe page show nothing
    of it — neither caption nor file address."""
    photo = newsroom["draft_photo"]
    binh = client_for(newsroom["binh"])
    change = binh.get(photo_change(photo), follow=True)
    assert change.redirect_chain[0] == (reverse("admin:index"), 302)
    pages = [
        change.content.decode(),
        binh.get(reverse("admin:photos_photo_changelist")).content.decode(),
        binh.get(
            reverse("admin:photos_photo_history", args=[photo.pk]), follow=True
        ).content.decode(),
        json.dumps(autocomplete(binh, "Bí mật"), ensure_ascii=False),
        binh.get(EDITOR_POPUP, {"q": "Bí mật"}).content.decode(),
        binh.get(f"{DESCRIBE}?ids={photo.pk}", follow=True).content.decode(),
    ]
    for page in pages:
        assert DRAFT_CAPTION not in page
        assert Path(photo.image.name).name not in page
        assert photo.renditions["dir"] not in page


def test_the_uploader_and_editors_see_the_draft_photo_everywhere(newsroom):
    """Hà, an editor and the chief find the draft photo by its caption in each place."""
    for who in ("ha", "editor", "chief"):
        client = client_for(newsroom[who])
        found = autocomplete(client, "Bí mật")["results"]
        assert [item["id"] for item in found] == [str(newsroom["draft_photo"].pk)], who
        assert DRAFT_CAPTION in client.get(EDITOR_POPUP, {"q": "Bí mật"}).content.decode()


def test_a_journalist_sees_photos_on_public_pages_and_in_her_own_articles(newsroom):
    """Bình finds the published article's photo; Hà sees a photo an editor put on her draft."""
    binh = client_for(newsroom["binh"])
    found = autocomplete(binh, "Lễ ra quân")["results"]
    assert [item["id"] for item in found] == [str(newsroom["published_photo"].pk)]
    editors_photo = PhotoFactory(uploaded_by=newsroom["editor"], caption="Ảnh biên tập chọn")
    draft = newsroom["draft"]
    draft.featured_photo = editors_photo
    draft.save()
    assert autocomplete(client_for(newsroom["ha"]), "biên tập chọn")["results"]
    assert not autocomplete(binh, "biên tập chọn")["results"]


def test_an_article_cannot_borrow_a_photo_out_of_sight(newsroom):
    """Bình puts Hà's unpublished photo on her own draft, as featured photo or by its id in
    the body: the form refuses it and the page does not give away its address."""
    photo = newsroom["draft_photo"]
    own = ArticleFactory(created_by=newsroom["binh"])
    binh = client_for(newsroom["binh"])
    featured = binh.post(change_url(own), form_data(own, featured_photo=photo.pk))
    body = f'<p>Ảnh:</p><img src="/x.jpg" alt="a" data-photo-id="{photo.pk}">'
    in_body = binh.post(change_url(own), form_data(own, body=body))
    for response in (featured, in_body):
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
        assert Path(photo.image.name).name not in response.content.decode()
    own.refresh_from_db()
    assert own.featured_photo_id is None and not own.body_photos.exists()


# --- Finding 6 (part): crafted ids are answered calmly ----------------------------------------

CRAFTED_IDS = ["99999999999999999999", "-1", "abc", "1,,2", "1;2", " ", "0x10", "1e3", "٣"]


@pytest.mark.parametrize("ids", [*CRAFTED_IDS, ",".join(["1"] * 31)])
def test_the_describe_page_refuses_crafted_ids_with_a_message(newsroom, ids):
    """Ids out of range, negative, not numbers or too many: a message in Vietnamese, the
    library's list, never a server error."""
    client = client_for(newsroom["ha"])
    client.raise_request_exception = False
    for response in (
        client.get(DESCRIBE, {"ids": ids}),
        client.post(f"{DESCRIBE}?ids={ids}", describe_data(newsroom["draft_photo"])),
    ):
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:photos_photo_changelist")
    page = client.get(DESCRIBE, {"ids": ids}, follow=True).content.decode()
    assert "Danh sách ảnh không hợp lệ" in page
    assert unchanged(newsroom["draft_photo"])


def test_a_crafted_photo_id_in_the_describe_form_is_refused(newsroom):
    """A form row naming a photo outside the page's list (or too large an id) saves nothing."""
    own, other = newsroom["draft_photo"], newsroom["published_photo"]
    client = client_for(newsroom["ha"])
    for crafted in (other.pk, "99999999999999999999", "-5"):
        response = client.post(
            f"{DESCRIBE}?ids={own.pk}", describe_data(own) | {"form-0-id": crafted}
        )
        assert response.status_code == 200
        assert "errorlist" in response.content.decode()
    assert unchanged(own) and unchanged(other)


@pytest.mark.parametrize("value", ["99999999999999999999", "-1", "abc", "1.5", "%00"])
def test_every_id_taking_admin_url_answers_a_crafted_id_calmly(newsroom, value):
    """Each admin URL that takes an id, read from the resolver, given a crafted id: 302, 404
    or 405 (POST only), never a server error."""
    from tests.security.test_authorisation import admin_routes

    client = client_for(UserFactory(username="quantri", is_superuser=True))
    client.raise_request_exception = False
    tried = 0
    for route in admin_routes().values():
        if "<" not in route or "(?P" in route:
            continue
        path = "/" + route
        for placeholder in ("<path:object_id>", "<int:pk>", "<int:number>"):
            path = path.replace(placeholder, value)
        if path.endswith("/compare/"):
            path += f"?a={value}&b={value}"
        for method in (client.get, client.post):
            assert method(path).status_code in {302, 400, 403, 404, 405}, path
            tried += 1
    assert tried > 40
