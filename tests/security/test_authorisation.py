"""Authorisation sweep: every admin URL, read from the URL resolver, and every workflow action,
for each role and an anonymous visitor — exactly what the workflow allows, nothing more.

The expected answers are written out here from the README's role table, not computed from
``articles.roles``, so a change of permissions that nobody meant shows up as a failure.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from articles import preview_links, revisions
from articles.models import Article, Correction, EditPresence, Note, Revision, Transition
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from frontpage.models import ArticleReads, FrontPage, ReadCount
from reports.models import RoyaltyGrade
from tests.factories import (
    AbbreviationFactory,
    AuthorFactory,
    PhotoFactory,
    ReadyArticleFactory,
    TagFactory,
    UserFactory,
    user_in_role,
)
from tests.helpers import form_data
from tests.planning.factories import AssignmentFactory

pytestmark = pytest.mark.django_db
Status = Article.Status

ANON, STAFF, OWNER, OTHER, EDITOR_, CHIEF, ROOT = (
    "anonymous", "staff without role", "journalist (owner)", "other journalist", "editor",
    "editor-in-chief", "superuser",
)  # fmt: skip
ROLES = [ANON, STAFF, OWNER, OTHER, EDITOR_, CHIEF, ROOT]
SIGNED_IN = ROLES[1:]


def admin_routes() -> dict[str, str]:
    """Every URL under /admin/ from the resolver: its name (or route, when unnamed) → route."""
    found = {}

    def walk(patterns, prefix):
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            else:
                found[entry.name or route] = route

    walk([p for p in get_resolver().url_patterns if str(p.pattern).startswith("admin/")], "")
    return found


@pytest.fixture
def people(roles):
    owner = user_in_role(JOURNALIST, "phongvien")
    byline = AuthorFactory(name="Phạm Thu Hà", user=owner)
    return {
        STAFF: UserFactory(username="nhanvien"),
        OWNER: owner,
        OTHER: user_in_role(JOURNALIST, "phongvien2"),
        EDITOR_: user_in_role(EDITOR, "bientapvien"),
        CHIEF: user_in_role(EDITOR_IN_CHIEF, "tongbientap"),
        ROOT: UserFactory(username="quantri", is_superuser=True),
        "byline": byline,
    }


def client_as(people, role) -> Client:
    client = Client()
    if role != ANON:
        client.force_login(people[role])
    return client


def owned_article(people, status=Status.DRAFT, **extra) -> Article:
    """A ready article the journalist created and signs, in ``status``."""
    article = ReadyArticleFactory(status=status, created_by=people[OWNER], **extra)
    article.set_byline([people["byline"]])
    for number in (1, 2):  # the journalist's own saves (four eyes: the writer saved last)
        Revision.objects.create(
            article=article,
            number=number,
            content=revisions.snapshot(article),
            created_by=people[OWNER],
        )
    return article


# --- Every admin URL, GET ---------------------------------------------------------------------

# What each role may do with the plain models: v(iew) a(dd) c(hange) d(elete) (README).
RIGHTS = {
    "photo": {OWNER: "vac", OTHER: "vac", EDITOR_: "vacd", CHIEF: "vacd", ROOT: "vacd"},
    "organisation": {OWNER: "v", OTHER: "v", EDITOR_: "v", CHIEF: "vacd", ROOT: "vacd"},
    "author": {OWNER: "v", OTHER: "v", EDITOR_: "vac", CHIEF: "vacd", ROOT: "vacd"},
    "category": {OWNER: "v", OTHER: "v", EDITOR_: "v", CHIEF: "vacd", ROOT: "vacd"},
    "tag": {OWNER: "va", OTHER: "va", EDITOR_: "vac", CHIEF: "vacd", ROOT: "vacd"},
    "abbreviation": {OWNER: "v", OTHER: "v", EDITOR_: "vac", CHIEF: "vacd", ROOT: "vacd"},
    "royaltygrade": {EDITOR_: "vac", CHIEF: "vacd", ROOT: "vacd"},  # editors grade (reports)
    # Editors and the chief plan; a journalist sees their own assignments (planning, issue 19).
    "assignment": {OWNER: "v", OTHER: "v", EDITOR_: "vac", CHIEF: "vacd", ROOT: "vacd"},
    # Corrections and updates readers see (issue 19): editors and the chief; added from the
    # article's page, never on their own add page.
    "correction": {EDITOR_: "vcd", CHIEF: "vcd", ROOT: "vcd"},
    # The read counts (frontpage.readership_admin): seen, never written, even by a superuser.
    "articlereads": {EDITOR_: "v", CHIEF: "v", ROOT: "v"},
    "user": {ROOT: "vacd"},
    "group": {ROOT: "vacd"},
    # django-axes's records: nobody adds them by hand.
    "accessattempt": {ROOT: "vcd"},
    "accesslog": {ROOT: "vcd"},
    "accessfailurelog": {ROOT: "vcd"},
}
NEEDS = {"changelist": "vc", "add": "a", "change": "vc", "history": "vc", "delete": "d"}

# The article's own rules (object: the journalist's draft). 302 for the other journalist: the
# admin answers an article one may not see as if it did not exist (back to the desk); its
# history page does the same before it checks the permission, hence 302 for staff too.
ARTICLE = {
    "changelist": {STAFF: 403, OWNER: 200, OTHER: 200, EDITOR_: 200, CHIEF: 200, ROOT: 200},
    "add": {STAFF: 403, OWNER: 200, OTHER: 200, EDITOR_: 200, CHIEF: 200, ROOT: 200},
    "change": {STAFF: 403, OWNER: 200, OTHER: 302, EDITOR_: 200, CHIEF: 200, ROOT: 200},
    "history": {STAFF: 302, OWNER: 200, OTHER: 302, EDITOR_: 200, CHIEF: 200, ROOT: 200},
    "delete": {STAFF: 403, OWNER: 200, OTHER: 302, EDITOR_: 403, CHIEF: 200, ROOT: 200},
    "revisions": {STAFF: 403, OWNER: 200, OTHER: 404, EDITOR_: 200, CHIEF: 200, ROOT: 200},
    "compare": {STAFF: 403, OWNER: 200, OTHER: 404, EDITOR_: 200, CHIEF: 200, ROOT: 200},
    # The question before a restore, to who may restore (issue 15); the restore is a POST.
    "restore": {STAFF: 403, OWNER: 200, OTHER: 404, EDITOR_: 200, CHIEF: 200, ROOT: 200},
    # POST only: a GET is refused whoever asks.
    "note": dict.fromkeys(SIGNED_IN, 405),
    "presence": dict.fromkeys(SIGNED_IN, 405),
    "preview_link": dict.fromkeys(SIGNED_IN, 405),
    "preview_revoke": dict.fromkeys(SIGNED_IN, 405),
    # The publish panel (issue 15): the checklist of the typed form, autosave, a new version.
    "checklist": dict.fromkeys(SIGNED_IN, 405),
    "checklist_new": dict.fromkeys(SIGNED_IN, 405),
    "autosave": {STAFF: 403, OWNER: 200, OTHER: 404, EDITOR_: 200, CHIEF: 200, ROOT: 200},
    "autosave_new": {STAFF: 403, OWNER: 200, OTHER: 200, EDITOR_: 200, CHIEF: 200, ROOT: 200},
    "autosave_drop": dict.fromkeys(SIGNED_IN, 405),
    "autosave_drop_new": dict.fromkeys(SIGNED_IN, 405),
    "new_version": dict.fromkeys(SIGNED_IN, 405),
    # Dropping an update (issue 19): the question, to whoever may see the article (the draft
    # has no update: back to its page with why); adding a correction is a POST.
    "discard_version": {STAFF: 403, OWNER: 302, OTHER: 404, EDITOR_: 302, CHIEF: 302, ROOT: 302},
    "public_note": dict.fromkeys(SIGNED_IN, 405),
}
PHOTO_PAGES = {"upload": "a", "describe": "c", "editor": "v"}
# The photo is the journalist's draft's: out of the other journalist's sight (and of a staff
# account's, whose history page, like the article's, looks for the object first).
PHOTO_OUT_OF_SIGHT = {"change": {OTHER}, "history": {OTHER, STAFF}}
# The assignment is the journalist's: another journalist's or a staff account's page of it is
# answered as if it did not exist, as for the photo.
ASSIGNMENT_OUT_OF_SIGHT = PHOTO_OUT_OF_SIGHT
# Site-wide pages; the view-on-site shortcut is checked with the journalist's draft.
SITE = {
    "index": dict.fromkeys(SIGNED_IN, 200),
    "login": dict.fromkeys(SIGNED_IN, 302) | {ANON: 200},
    "logout": dict.fromkeys(SIGNED_IN, 405),  # only a POST signs out
    "password_change": dict.fromkeys(SIGNED_IN, 200),
    "password_change_done": dict.fromkeys(SIGNED_IN, 200),
    "jsi18n": dict.fromkeys(SIGNED_IN, 200),
    "autocomplete": dict.fromkeys(SIGNED_IN, 403),  # without its parameters
    "admin_view_on_site": {STAFF: 404, OWNER: 302, OTHER: 404, EDITOR_: 302, CHIEF: 302, ROOT: 302},
    "admin_article_import": dict.fromkeys(SIGNED_IN, 200) | {STAFF: 403},
    "app_list": dict.fromkeys(SIGNED_IN, 200) | {STAFF: 404},  # /admin/articles/
    "auth_user_password_change": dict.fromkeys(SIGNED_IN, 403) | {ROOT: 200},
    # The reports (/admin/bao-cao/): editors and the chief; the royalty sheet the chief only.
    # A download without the name of a table is not found.
    **{
        name: dict.fromkeys(SIGNED_IN, 403) | {EDITOR_: ok, CHIEF: ok, ROOT: ok}
        for name, ok in (
            ("coverage", 200),
            ("coverage-download", 404),
            ("production", 200),
            ("production-download", 404),
        )
    },
    "royalties": dict.fromkeys(SIGNED_IN, 403) | {CHIEF: 200, ROOT: 200},
    "royalties-download": dict.fromkeys(SIGNED_IN, 403) | {CHIEF: 404, ROOT: 404},
    # The calendar (/admin/lich/, issue 19): every staff account; moving and the assignee's
    # buttons are POSTs; the phone's feed needs its signed key; time limits are the chief's.
    "calendar": dict.fromkeys(SIGNED_IN, 200),
    "day": dict.fromkeys(SIGNED_IN, 200),
    "address": dict.fromkeys(SIGNED_IN, 200),
    "move": dict.fromkeys(SIGNED_IN, 405),
    "planning_assignment_act": dict.fromkeys(SIGNED_IN, 405),
    "feed": dict.fromkeys(ROLES, 404),
    "time-limits": dict.fromkeys(SIGNED_IN, 403) | {CHIEF: 200, ROOT: 200},
    # The front page (one object): editors see it, the chief changes it.
    "frontpage_frontpage_changelist": dict.fromkeys(SIGNED_IN, 403)
    | {EDITOR_: 200, CHIEF: 200, ROOT: 200},
    "frontpage_frontpage_add": dict.fromkeys(SIGNED_IN, 403),
    "frontpage_frontpage_change": dict.fromkeys(SIGNED_IN, 403)
    | {EDITOR_: 200, CHIEF: 200, ROOT: 200},
    "frontpage_frontpage_history": dict.fromkeys(SIGNED_IN, 403)
    | {EDITOR_: 200, CHIEF: 200, ROOT: 200},
}


def expected_status(name: str, role: str) -> int:
    """What ``role`` gets for a GET of the admin URL ``name`` (see the tables above)."""
    if role == ANON:
        return SITE.get(name, {}).get(ANON, 302)  # to the login page
    if name == "view_on_site":  # Django's, shadowed by ours at the same address
        name = "admin_view_on_site"
    if name in SITE:
        return SITE[name][role]
    if name.startswith("admin/"):  # unnamed: <id>/ redirects to the change page; the rest 404
        return 302 if name.endswith("<path:object_id>/") else 404
    app_model, view = name.rsplit("_", 1)
    if name.startswith("articles_article_"):
        view = name.removeprefix("articles_article_")
        return ARTICLE[view][role]
    if name.startswith("photos_photo_") and view in PHOTO_PAGES:
        if PHOTO_PAGES[view] not in RIGHTS["photo"].get(role, ""):
            return 403
        if name == "photos_photo_editor_upload":  # the chooser's drop zone: a POST only
            return 405 if "a" in RIGHTS["photo"].get(role, "") else 403
        return 302 if view == "describe" else 200  # no ?ids=: back to the library, with why
    if role in PHOTO_OUT_OF_SIGHT.get(view, set()) and name.startswith("photos_photo_"):
        return 302
    if role in ASSIGNMENT_OUT_OF_SIGHT.get(view, set()) and name.startswith("planning_"):
        return 302
    model = app_model.split("_", 1)[1]
    granted = RIGHTS[model].get(role, "")
    return 200 if any(right in granted for right in NEEDS[view]) else 403


@pytest.fixture
def site(people):
    """One object of every registered model, and the journalist's draft."""
    draft = owned_article(people)
    AccessAttempt.objects.create(username="ai-do", ip_address="10.0.0.9", failures_since_start=1)
    AccessLog.objects.create(username="ai-do", ip_address="10.0.0.9")
    AccessFailureLog.objects.create(username="ai-do", ip_address="10.0.0.9")
    objects = {
        "article": draft,
        "photo": draft.featured_photo,
        "organisation": draft.organisations.get(),
        "author": people["byline"],
        "category": draft.category,
        "tag": TagFactory(),
        "abbreviation": AbbreviationFactory(),
        "user": people[OTHER],
        "group": Group.objects.get(name=JOURNALIST),
        "accessattempt": AccessAttempt.objects.get(),
        "accesslog": AccessLog.objects.get(),
        "accessfailurelog": AccessFailureLog.objects.get(),
        "assignment": AssignmentFactory(assignee=people[OWNER]),
        "correction": Correction.objects.create(
            article=ReadyArticleFactory(live=True), text="Đính chính số liệu."
        ),
        "frontpage": FrontPage.get(),
        "articlereads": read_article(),
        "royaltygrade": RoyaltyGrade.objects.create(
            article=ReadyArticleFactory(live=True), grade="A", points=10
        ),
    }
    return {"draft": draft, "objects": objects}


def read_article() -> ArticleReads:
    article = ReadyArticleFactory(live=True)
    ReadCount.objects.create(article=article, day=timezone.localdate(), count=3)
    return ArticleReads.objects.get(pk=article.pk)


def admin_url(name: str, route: str, site) -> str:
    """The URL of ``route`` with its parameters filled in for the site's objects."""
    draft = site["draft"]
    if name in {"view_on_site", "admin_view_on_site"}:
        content_type = ContentType.objects.get_for_model(Article)
        return reverse("admin:view_on_site", args=[content_type.pk, draft.pk])
    if name == "app_list":
        return reverse("admin:app_list", args=["articles"])
    if name == "auth_user_password_change":
        return reverse("admin:auth_user_password_change", args=[site["objects"]["user"].pk])
    model = route.split("/")[2] if route.count("/") > 2 else ""
    obj = site["objects"].get(model)
    path = "/" + route
    replacements = {
        "<int:pk>": draft.pk,
        "<int:number>": 1,
        "<int:link_id>": 1,
        "<slug:action>": "nhan",
        "<str:day>": "2026-01-15",
        "<str:key>": "khong-phai-khoa",
        "<path:object_id>": obj.pk if obj else 0,
        "(?P<url>.*)$": "khong-co-trang-nay/",
    }
    for placeholder, value in replacements.items():
        path = path.replace(placeholder, str(value))
    if name == "articles_article_compare":
        path += "?a=1&b=2"
    return path


def test_the_sweep_knows_every_admin_url():
    """A new admin URL must be added to this sweep's tables before it can ship."""
    known = set(SITE) | {"view_on_site", "admin/(?P<url>.*)$"}
    for name in admin_routes():
        if name in known or name.endswith("<path:object_id>/"):
            continue
        app_model, view = name.rsplit("_", 1)
        if name.startswith("articles_article_"):
            assert name.removeprefix("articles_article_") in ARTICLE, name
        elif name.startswith("photos_photo_") and view in PHOTO_PAGES:
            continue
        else:
            assert app_model.split("_", 1)[1] in RIGHTS and view in NEEDS, name


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_url_answers_each_role_as_the_workflow_allows(people, site, role):
    """For each admin URL (from the resolver): the status this role must get. Anonymous
    visitors are sent to the login page from every one of them."""
    client = client_as(people, role)
    wrong = []
    for name, route in admin_routes().items():
        url = admin_url(name, route, site)
        response = client.get(url)
        expected = expected_status(name, role)
        if response.status_code != expected:
            wrong.append((url, expected, response.status_code))
        if role == ANON and expected == 302:
            to = "/admin/" if name == "logout" else "/admin/login/"  # then to the login page
            assert response["Location"].startswith(to), url
    assert wrong == []


def test_view_on_site_does_not_reveal_the_address_of_an_article_one_may_not_see(people, site):
    """Django's "view on site" shortcut redirected any staff member to any article's public
    address, slug and all; a journalist learnt a colleague's unpublished headline from it."""
    content_type = ContentType.objects.get_for_model(Article)
    url = reverse("admin:view_on_site", args=[content_type.pk, site["draft"].pk])
    leaked = client_as(people, OTHER).get(url)
    assert leaked.status_code == 404
    assert site["draft"].slug not in leaked.get("Location", "")
    own = client_as(people, OWNER).get(url)
    assert own["Location"].endswith(site["draft"].get_absolute_url())
    organisation = site["objects"]["organisation"]
    shortcut = reverse(
        "admin:view_on_site",
        args=[ContentType.objects.get_for_model(organisation).pk, organisation.pk],
    )
    assert (
        client_as(people, OTHER).get(shortcut)["Location"].endswith(organisation.get_absolute_url())
    )


# --- The article's extra actions, POST: status codes and side effects ----------------------

POST_ACTIONS = {
    # action: {role: status}; side effects are checked below from the status.
    "note": {STAFF: 403, OWNER: 302, OTHER: 404, EDITOR_: 302, CHIEF: 302, ROOT: 302},
    "presence": {STAFF: 403, OWNER: 200, OTHER: 404, EDITOR_: 200, CHIEF: 200, ROOT: 200},
    "restore": {STAFF: 403, OWNER: 302, OTHER: 404, EDITOR_: 302, CHIEF: 302, ROOT: 302},
    "preview_link": {STAFF: 403, OWNER: 403, OTHER: 404, EDITOR_: 302, CHIEF: 302, ROOT: 302},
    # A link the editor made: the maker and the editor-in-chief revoke it, nobody else.
    "preview_revoke": {STAFF: 403, OWNER: 403, OTHER: 404, EDITOR_: 302, CHIEF: 302, ROOT: 302},
    "delete": {STAFF: 403, OWNER: 302, OTHER: 302, EDITOR_: 403, CHIEF: 302, ROOT: 302},
}


def article_post(action: str, article) -> tuple[str, dict]:
    if action == "restore":
        return reverse("admin:articles_article_restore", args=[article.pk, 1]), {"confirm": "yes"}
    if action == "delete":
        return reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    if action == "preview_revoke":
        maker = User.objects.get(username="bientapvien")
        link, _key = preview_links.create(article=article, user=maker)
        return reverse("admin:articles_article_preview_revoke", args=[article.pk, link.pk]), {}
    return reverse(f"admin:articles_article_{action}", args=[article.pk]), {"text": "Ghi chú"}


def side_effect(action: str, article) -> bool:
    """Whether ``action`` left its mark on ``article``."""
    if action == "note":
        return Note.objects.filter(article=article).exists()
    if action == "presence":
        return EditPresence.objects.filter(article=article).exists()
    if action == "restore":
        return Revision.objects.filter(article=article, number=3).exists()
    if action == "delete":
        return not Article.objects.filter(pk=article.pk).exists()
    if action == "preview_link":
        return article.preview_links.exists()
    return not article.preview_links.live().exists()  # preview_revoke


@pytest.mark.parametrize("role", SIGNED_IN)
@pytest.mark.parametrize("action", POST_ACTIONS)
def test_article_actions_do_only_what_the_role_allows(people, role, action):
    """Notes, presence, restore, preview links and deletion on the journalist's draft: the
    status each role gets, and the change happens exactly when it is allowed."""
    article = owned_article(people)
    url, data = article_post(action, article)
    response = client_as(people, role).post(url, data)
    expected = POST_ACTIONS[action][role]
    assert response.status_code == expected
    allowed = expected in {200, 302} and not (action == "delete" and role == OTHER)
    assert side_effect(action, article) == allowed


def test_an_editor_cannot_restore_or_delete_published_work_but_the_chief_can(people):
    """Once published, the article is the editor-in-chief's: the editor's restore is refused,
    the journalist sees it read-only and cannot delete it."""
    article = owned_article(people, Status.PUBLISHED, published_at=timezone.now())
    restore, confirmed = article_post("restore", article)
    assert client_as(people, EDITOR_).post(restore, confirmed).status_code == 403
    assert client_as(people, OWNER).post(restore, confirmed).status_code == 403
    delete = reverse("admin:articles_article_delete", args=[article.pk])
    assert client_as(people, OWNER).post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:articles_article_change", args=[article.pk])
    owner = client_as(people, OWNER)
    assert owner.get(change).status_code == 200  # read-only
    edit = owner.post(change, form_data(article, title="Sửa sau khi đăng"))
    assert edit.status_code == 403
    assert client_as(people, CHIEF).post(restore, confirmed).status_code == 302
    assert Article.objects.get(pk=article.pk).title != "Sửa sau khi đăng"


# --- Every workflow action through the edit form ---------------------------------------------

SOURCE = {
    "submit": Status.DRAFT,
    "return": Status.IN_REVIEW,
    "approve": Status.IN_REVIEW,
    "publish": Status.APPROVED,
    "schedule": Status.APPROVED,
    "unpublish": Status.PUBLISHED,
}
TARGET = {
    "submit": Status.IN_REVIEW,
    "return": Status.DRAFT,
    "approve": Status.APPROVED,
    "publish": Status.PUBLISHED,
    "schedule": Status.PUBLISHED,
    "unpublish": Status.DRAFT,
}
# Who may make each transition on the journalist's article (README, "The editorial workflow").
MAY = {
    "submit": {OWNER, EDITOR_, CHIEF, ROOT},
    "return": {EDITOR_, CHIEF, ROOT},
    "approve": {EDITOR_, CHIEF, ROOT},
    "publish": {CHIEF, ROOT},
    "schedule": {CHIEF, ROOT},
    "unpublish": {CHIEF, ROOT},
}


def transition_post(article, action: str) -> dict:
    data = form_data(article, _transition=action, transition_comment="Cần ghi rõ địa điểm.")
    if action == "schedule":
        later = timezone.localtime(timezone.now() + timedelta(days=2))
        data["transition_published_at_0"] = later.strftime("%d/%m/%Y")
        data["transition_published_at_1"] = later.strftime("%H:%M")
    return data


@pytest.mark.parametrize("role", SIGNED_IN)
@pytest.mark.parametrize("action", SOURCE)
def test_every_workflow_action_for_every_role(people, role, action):
    """Each transition on the journalist's article in its source status, pressed by each
    role: the allowed ones move it and record who did it; the others are refused with 403
    (or the article is out of sight) and change nothing — no status, version or revision."""
    published_at = timezone.now() - timedelta(hours=1) if action == "unpublish" else None
    article = owned_article(people, SOURCE[action], published_at=published_at)
    before = (article.version, article.revisions.count())
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client_as(people, role).post(url, transition_post(article, action))
    article.refresh_from_db()
    if role in MAY[action]:
        assert response.status_code == 302
        assert response["Location"] == url
        assert article.status == TARGET[action]
        transition = Transition.objects.get(article=article)
        assert (transition.action, transition.actor) == (action, people[role])
        if action == "schedule":
            assert article.published_at > timezone.now() and not article.is_public
    else:
        assert response.status_code in {302, 403}
        if response.status_code == 302:  # the other journalist: the article is not theirs
            assert role == OTHER and response["Location"] == reverse("admin:index")
        assert article.status == SOURCE[action]
        assert not Transition.objects.filter(article=article).exists()
        assert (article.version, article.revisions.count()) == before


@pytest.mark.parametrize("action", SOURCE)
def test_a_transition_from_the_wrong_status_is_refused_with_its_reason(people, action):
    """The chief pressing a transition the article's status does not allow (a crafted POST)
    keeps the edits, leaves the status and says why."""
    wrong = {
        Status.DRAFT: Status.APPROVED,
        Status.IN_REVIEW: Status.DRAFT,
        Status.APPROVED: Status.IN_REVIEW,
        Status.PUBLISHED: Status.APPROVED,
    }[SOURCE[action]]
    article = owned_article(people, wrong)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client_as(people, CHIEF).post(url, transition_post(article, action), follow=True)
    article.refresh_from_db()
    assert article.status == wrong
    assert not Transition.objects.filter(article=article).exists()
    assert "chưa chuyển trạng thái" in response.content.decode()


def test_a_transition_that_does_not_exist_is_refused(people):
    """A made-up action name is refused with 403 before anything is saved."""
    article = owned_article(people)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(article, title="Không được lưu", _transition="publish-everything")
    assert client_as(people, ROOT).post(url, data).status_code == 403
    article.refresh_from_db()
    assert article.title != "Không được lưu"


def test_photo_upload_pages_refuse_who_may_not_add_or_change_photos(people):
    """A staff account without the photo permissions can neither upload nor describe."""
    photo = PhotoFactory()
    staff = client_as(people, STAFF)
    upload = staff.post(reverse("admin:photos_photo_upload"), {"alt_text": "x"})
    describe = staff.post(
        reverse("admin:photos_photo_describe") + f"?ids={photo.pk}",
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": photo.pk},
    )
    assert (upload.status_code, describe.status_code) == (403, 403)
    editor_popup = staff.post(reverse("admin:photos_photo_editor"), {"alt_text": "x"})
    assert editor_popup.status_code == 403
    journalist = client_as(people, OWNER)
    delete = reverse("admin:photos_photo_delete", args=[photo.pk])
    assert journalist.post(delete, {"post": "yes"}).status_code == 403
    assert type(photo).objects.filter(pk=photo.pk).exists()


def test_a_journalist_cannot_grant_themselves_anything(people):
    """User and group pages are the superuser's: a journalist's POST to them is refused."""
    journalist = client_as(people, OWNER)
    me = people[OWNER]
    change = reverse("admin:auth_user_change", args=[me.pk])
    response = journalist.post(change, {"username": me.username, "is_superuser": "on"})
    assert response.status_code == 403
    me.refresh_from_db()
    assert not me.is_superuser
    group = reverse("admin:auth_group_change", args=[Group.objects.get(name=EDITOR).pk])
    assert journalist.post(group, {"name": EDITOR}).status_code == 403
