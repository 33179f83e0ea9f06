"""Authorisation sweep at object level, and the taxonomy's rules (issue 13).

For every admin change, delete, history and custom URL that takes an object (read from the URL
resolver, so a new one joins the sweep by itself), every object a role must not touch is asked
for by a second user of the role allowed to (where ownership decides) and by each lower role,
with GET and with a valid POST that would change it: the answer is a refusal (302, 403, 404,
405) or a read-only page, nothing in the database changes, and an object out of the role's
sight gives nothing of itself away. The rule table is ``articles.permissions``'s docstring.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Abbreviation, Article, EditPresence, Note, Organisation, Tag
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from photos.models import Photo
from tests.factories import (
    AbbreviationFactory,
    ArticleFactory,
    AuthorFactory,
    PhotoFactory,
    ReadyArticleFactory,
    TagFactory,
    UserFactory,
    figure_html,
    image_bytes,
    uploaded,
    user_in_role,
)
from tests.helpers import client_for
from tests.htmltools import form_fields
from tests.security.test_authorisation import admin_routes

pytestmark = pytest.mark.django_db
Status = Article.Status

ANON, STAFF, OWNER, OTHER, EDITOR_, EDITOR2, CHIEF = (
    "anonymous", "staff without role", "journalist (owner)", "other journalist", "editor",
    "second editor", "editor-in-chief",
)  # fmt: skip
MARK = "Sửa trái phép"
# Who may not touch each object, and who may not even see it (nothing of it may show). The
# second editor matters only where an editor's own object is concerned.
BELOW_CHIEF = {ANON, STAFF, OWNER, OTHER, EDITOR_}
OBJECTS = {
    "draft photo": ({ANON, STAFF, OTHER}, {OTHER}),
    "published photo": (BELOW_CHIEF, set()),
    "scheduled body photo": (BELOW_CHIEF | {EDITOR2}, {OWNER, OTHER}),
    "draft article": ({ANON, STAFF, OTHER}, {OTHER}),
    "published article": (BELOW_CHIEF, {STAFF}),
    "published author": (BELOW_CHIEF, set()),
    "published tag": (BELOW_CHIEF, set()),
    "organisation": (BELOW_CHIEF, set()),
    "section": (BELOW_CHIEF, set()),
    "glossary entry": (BELOW_CHIEF, set()),
}
# Custom URLs that name their objects in the query string, and pages that list them.
QUERY_ID_ROUTES = {"photos_photo_describe": "ids"}
NO_OBJECT_ROUTES = {
    "photos_photo_upload",
    "photos_photo_editor",
    "photos_photo_editor_upload",
    "admin_article_import",
    # the add page's checklist and autosave: they take the new article's form, no object
    "articles_article_checklist_new",
    "articles_article_autosave_new",
    "articles_article_autosave_drop_new",
}
# What the rule table lets a role do to an object the sweep otherwise forbids it: an editor
# starts the next version of a published article (it waits for approval while the public
# reads the live one; tests/articles/test_publish_panel.py tries it).
ALLOWED = {(EDITOR_, "articles_article_new_version")}
# Answers that refuse; a 200 must be a read-only page (no save, delete, transition, restore).
REFUSALS = {302, 403, 404, 405}
WRITABLE = ('name="_save"', 'name="_continue"', 'name="post"', 'name="_transition"', "/restore/")


@pytest.fixture
def newsroom(roles):
    people = {
        OWNER: user_in_role(JOURNALIST, "phongvien"),
        OTHER: user_in_role(JOURNALIST, "phongvien2"),
        EDITOR_: user_in_role(EDITOR, "bientapvien"),
        EDITOR2: user_in_role(EDITOR, "bientapvien2"),
        CHIEF: user_in_role(EDITOR_IN_CHIEF, "tongbientap"),
        STAFF: UserFactory(username="nhanvien"),
    }
    byline = AuthorFactory(name="Phạm Thu Hà", user=people[OWNER])
    published = ReadyArticleFactory(
        live=True,
        created_by=people[OWNER],
        featured_photo=PhotoFactory(uploaded_by=people[OWNER], caption="Ảnh bài đã đăng"),
        lead="Sáng 12/3, HĐND thành phố họp phiên thường kỳ với đủ các đại biểu tham dự.",
    )
    published.tags.add(TagFactory(name="Kỳ họp HĐND"))
    draft = ReadyArticleFactory(
        created_by=people[OWNER],
        title="Bài nháp bí mật của phóng viên Hà về dự án mới",
        featured_photo=PhotoFactory(uploaded_by=people[OWNER], caption="Ảnh nháp bí mật"),
    )
    draft.set_byline([byline])
    hidden = PhotoFactory(uploaded_by=people[EDITOR_], caption="Ảnh hẹn giờ bí mật")
    ArticleFactory(
        status=Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
        body=figure_html(hidden, "Ảnh trong bài hẹn giờ"),
    )
    objects = {
        "draft photo": draft.featured_photo,
        "published photo": published.featured_photo,
        "scheduled body photo": hidden,
        "draft article": draft,
        "published article": published,
        "published author": published.byline[0],
        "published tag": published.tags.get(),
        "organisation": published.organisations.get(),
        "section": published.category,
        "glossary entry": AbbreviationFactory(),
    }
    for article in (draft, published):
        article.revisions.create(number=1, content={"title": article.title, "lead": "", "body": ""})
    return {"people": people, "objects": objects}


def object_routes(model) -> dict[str, str]:
    """The admin URLs of ``model`` that take an object: in the path, or in the query."""
    prefix = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
    return {
        name: route
        for name, route in admin_routes().items()
        if route.startswith(prefix)
        and ("<path:object_id>" in route or "<int:pk>" in route or name in QUERY_ID_ROUTES)
    }


def test_every_custom_admin_url_is_in_the_object_sweep():
    """An admin URL of ours that takes no object in its path must be classified here first."""
    for name, route in admin_routes().items():
        if (
            not route.startswith(("admin/articles/", "admin/photos/"))
            or "<" in route
            or "(?P" in route
        ):
            continue
        view = name.rsplit("_", 1)[-1]
        assert view in {"changelist", "add"} or name in {*QUERY_ID_ROUTES, *NO_OBJECT_ROUTES}, name


def url_for(name: str, route: str, obj) -> str:
    path = "/" + route.replace("<path:object_id>", str(obj.pk)).replace("<int:pk>", str(obj.pk))
    path = path.replace("<int:number>", "1")
    if name in QUERY_ID_ROUTES:
        path += f"?{QUERY_ID_ROUTES[name]}={obj.pk}"
    if name == "articles_article_compare":
        path += "?a=1&b=1"
    return path


def post_data(name: str, obj, valid_form: dict) -> dict:
    """A POST that would change ``obj`` if the view let it through."""
    if name.endswith("_change"):
        data = dict(valid_form)
        field = {"photo": "caption", "article": "title", "abbreviation": "expansion"}
        data[field.get(obj._meta.model_name, "name")] = MARK
        if isinstance(obj, Photo):
            data["image"] = uploaded("thay.jpg", image_bytes("JPEG", (80, 60), color="red"))
        return data
    if name.endswith("_delete"):
        return {"post": "yes"}
    if name == "photos_photo_describe":
        return {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": obj.pk,
            "form-0-caption": MARK,
            "form-0-alt_text": MARK,
        }
    return {"text": MARK}  # a note; the other article actions take no data


def state(obj) -> tuple:
    """Everything a request could change about ``obj``: its row, its file, its history."""
    row = type(obj).objects.filter(pk=obj.pk).values().first()
    extra = ()
    if isinstance(obj, Photo):
        extra = (obj.image.storage.exists(row["image"]),)
    if isinstance(obj, Article):
        extra = (obj.revisions.count(), obj.transitions.count(), list(obj.tags.all()))
    return row, extra


def secrets(obj) -> list[str]:
    if isinstance(obj, Photo):
        return [obj.caption, obj.image.name.rsplit("/", 1)[-1], obj.renditions["dir"]]
    if isinstance(obj, Article):
        return [obj.title, obj.slug]
    return []


def listings(obj) -> list[str]:
    """Pages that list objects of this kind, searched for this one by words of its caption or
    title (the search box shows the words typed, so the whole is what must not appear)."""
    term = " ".join(secrets(obj)[0].split()[1:3]) if secrets(obj) else ""
    if isinstance(obj, Photo):
        auto = "app_label=articles&model_name=article&field_name=featured_photo"
        return [
            reverse("admin:photos_photo_changelist") + f"?q={term}",
            reverse("admin:photos_photo_editor") + f"?q={term}",
            reverse("admin:autocomplete") + f"?{auto}&term={term}",
        ]
    if isinstance(obj, Article):
        return [reverse("admin:articles_article_changelist") + f"?q={term}"]
    return []


@pytest.mark.parametrize("label", OBJECTS)
def test_no_role_touches_what_it_must_not(newsroom, label):
    """Each admin URL that takes this object, GET and POST, by each role that must not touch
    it: refused or read-only, the object unchanged, and nothing of it shown to those who may
    not see it (nor in the lists, the search boxes and the editor's photo popup)."""
    obj = newsroom["objects"][label]
    forbidden, hidden = OBJECTS[label]
    routes = object_routes(type(obj))
    superuser = client_for(UserFactory(username="quantri", is_superuser=True))
    change = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    valid_form = form_fields(superuser.get(change).content.decode(), f"{obj._meta.model_name}_form")
    before = state(obj)
    wrong, requests, skipped = [], 0, 0
    for role in sorted(forbidden):
        client = Client() if role == ANON else client_for(newsroom["people"][role])
        for name, route in routes.items():
            if (role, name) in ALLOWED:
                skipped += 1
                continue
            url = url_for(name, route, obj)
            for method in ("get", "post"):
                data = post_data(name, obj, valid_form) if method == "post" else {}
                response = getattr(client, method)(url, data)
                requests += 1
                page = response.content.decode(errors="replace") + response.get("Location", "")
                read_only = response.status_code == 200 and not any(w in page for w in WRITABLE)
                if response.status_code not in REFUSALS and not read_only:
                    wrong.append((role, method, url, response.status_code))
                if role in hidden and any(secret in page for secret in secrets(obj)):
                    wrong.append((role, method, url, "shows the object"))
                if state(obj) != before:
                    wrong.append((role, method, url, "changed the object"))
        if role in hidden:
            for url in listings(obj):
                page = client.get(url).content.decode()
                requests += 1
                if any(secret in page for secret in secrets(obj)):
                    wrong.append((role, "get", url, "lists the object"))
            assert not Note.objects.filter(author=newsroom["people"][role]).exists()
            assert not EditPresence.objects.filter(user=newsroom["people"][role]).exists()
    print(f"\n{label}: {len(routes)} URLs × {len(forbidden)} roles, {requests} requests")
    assert wrong == []
    assert requests >= 2 * (len(routes) * len(forbidden) - skipped)


# --- The taxonomy's rules, one by one --------------------------------------------------------


def test_an_editor_renames_a_tag_only_while_no_published_article_carries_it(newsroom):
    """The tag of a published article is the chief's to rename; an unused one is the editor's."""
    used, unused = newsroom["objects"]["published tag"], TagFactory(name="Chưa dùng")
    editor = client_for(newsroom["people"][EDITOR_])
    for tag, expected in ((used, 403), (unused, 302)):
        url = reverse("admin:articles_tag_change", args=[tag.pk])
        response = editor.post(url, {"name": "Tên mới " + tag.name, "slug": tag.slug})
        assert response.status_code == expected
    assert Tag.objects.get(pk=used.pk).name == used.name
    assert Tag.objects.get(pk=unused.pk).name == "Tên mới Chưa dùng"
    chief = client_for(newsroom["people"][CHIEF])
    url = reverse("admin:articles_tag_change", args=[used.pk])
    assert chief.post(url, {"name": "Kỳ họp thứ 9", "slug": used.slug}).status_code == 302


def test_an_editor_changes_an_author_only_outside_published_bylines(newsroom):
    """Hà signs a published article: her byline page is the chief's; a new author is not."""
    author = newsroom["objects"]["published author"]
    newcomer = AuthorFactory(name="Lê Văn Mới")
    editor = client_for(newsroom["people"][EDITOR_])
    for person, expected in ((author, 403), (newcomer, 302)):
        url = reverse("admin:articles_author_change", args=[person.pk])
        data = {"name": "Tên đã sửa", "slug": person.slug, "unit": "", "bio": "", "user": ""}
        assert editor.post(url, data).status_code == expected
    author.refresh_from_db()
    assert author.name != "Tên đã sửa"


def test_glossary_entries_used_on_published_pages_are_the_chiefs(newsroom):
    """HĐND is explained on a published page: an editor can neither change that entry nor add
    one for a short form published text uses; an unused one is hers to add and change."""
    editor = client_for(newsroom["people"][EDITOR_])
    entry = newsroom["objects"]["glossary entry"]
    url = reverse("admin:articles_abbreviation_change", args=[entry.pk])
    data = {"short_form": "HĐND", "expansion": "Hội đồng bị sửa"}
    assert editor.post(url, data).status_code == 403
    entry.delete()
    add = reverse("admin:articles_abbreviation_add")
    refused = editor.post(add, data)
    assert refused.status_code == 200
    assert "chỉ Tổng biên tập được thêm chữ viết tắt này" in refused.content.decode()
    assert not Abbreviation.objects.exists()
    unused = {"short_form": "GPMB", "expansion": "Giải phóng mặt bằng"}
    assert editor.post(add, unused).status_code == 302
    fresh = Abbreviation.objects.get(short_form="GPMB")
    rename = reverse("admin:articles_abbreviation_change", args=[fresh.pk])
    assert editor.post(rename, data).status_code == 200  # renamed onto a published short form
    assert client_for(newsroom["people"][CHIEF]).post(add, data).status_code == 302


def test_editable_columns_of_a_list_obey_the_object_rules(newsroom):
    """An account given the organisation permissions by hand (not the chief) saves the list's
    position column: refused for an organisation on published pages, nothing saved."""
    clerk = UserFactory(username="thuky")
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_organisation", "change_organisation"])
    )
    organisation = newsroom["objects"]["organisation"]
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": organisation.pk,
        "form-0-position": "99",
        "_save": "Lưu",
    }
    response = client_for(clerk).post(reverse("admin:articles_organisation_changelist"), data)
    assert response.status_code == 403
    assert Organisation.objects.get(pk=organisation.pk).position == organisation.position
