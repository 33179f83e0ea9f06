"""The Content-Security-Policy: strict on the public site and the admin, loosened only where
CKEditor runs, and nothing in our pages that the strict policy would block."""

import json

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Article, Revision
from photos.models import Photo
from tests.factories import AuthorFactory, PhotoFactory, UserFactory, newsroom_with
from tests.helpers import client_for
from tests.htmltools import inline_code
from tests.security.test_security import production_env, run

pytestmark = pytest.mark.django_db

HEADER = "Content-Security-Policy"
STRICT = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    # an article's video players (public/video.py), and no other frame
    "frame-src": ["https://www.youtube-nocookie.com", "https://www.facebook.com"],
}


def policy(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as {directive: [sources]}."""
    directives = {}
    for part in response[HEADER].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def world():
    world = newsroom_with(2)
    world["staff"] = UserFactory(username="quantri", is_superuser=True)
    return world


def public_urls(world) -> list[str]:
    article = world["article"]
    day = article.published_at
    return [
        "/",
        "/tin-moi/",
        article.get_absolute_url(),
        world["category"].get_absolute_url(),
        world["organisation"].get_absolute_url(),
        world["author"].get_absolute_url(),
        world["tag"].get_absolute_url(),
        "/tim-kiem/?q=noi+dung",
        f"/luu-tru/{day:%Y}/",
        "/tin-tuc/khong-co-999999/",  # the 404 page
    ]


def test_public_pages_carry_the_strict_policy_cached_or_not(client, world):
    """Every public page, feed and sitemap says the strict policy, first visit and from cache,
    and a 304 too; no inline script or style, no eval, anywhere."""
    urls = [*public_urls(world), "/tin-moi/rss/", "/sitemap.xml", "/robots.txt"]
    for url in urls:
        for _visit in ("fresh", "cached"):
            response = client.get(url)
            assert policy(response) == STRICT, url
        if response.status_code == 200:
            repeat = client.get(url, headers={"if-none-match": response["ETag"]})
            assert repeat.status_code == 304
            assert policy(repeat) == STRICT


def test_public_pages_have_nothing_the_policy_would_block(client, world):
    """The public templates use no inline script, style or event handler, so the strict policy
    costs readers nothing; JSON-LD blocks are data and stay."""
    for url in public_urls(world):
        page = client.get(url).content.decode()
        assert inline_code(page) == [], url
    article_page = client.get(world["article"].get_absolute_url()).content.decode()
    assert '<script type="application/ld+json">' in article_page


def test_the_editor_pages_alone_allow_inline_code_and_never_eval(world):
    """The article add and edit pages, where CKEditor runs, allow inline scripts and styles
    and data: images; no page allows eval or another site's script."""
    client = client_for(world["staff"])
    article = world["article"]
    for url in (
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "ckeditor/ckeditor.js" in response.content.decode()
        loosened = policy(response)
        assert loosened["script-src"] == ["'self'", "'unsafe-inline'"]
        assert loosened["style-src"] == ["'self'", "'unsafe-inline'"]
        assert loosened["img-src"] == ["'self'", "data:"]
        assert {key: value for key, value in loosened.items() if key not in STRICT} == {}
        unchanged = {"script-src", "style-src", "img-src"}
        assert {k: v for k, v in loosened.items() if k not in unchanged} == {
            k: v for k, v in STRICT.items() if k not in unchanged
        }
    # A stale save shows the edit page again: still the editor's policy, nothing more.
    stale = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {"title": article.title, "edit_version": 0},
    )
    assert policy(stale)["script-src"] == ["'self'", "'unsafe-inline'"]


def admin_pages(world) -> list[str]:
    """Admin pages without the editor: every list, add and change page, and our own views."""
    article = world["article"]
    for number in (1, 2):
        Revision.objects.create(article=article, number=number, content={"title": "a"})
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    request = RequestFactory().get("/admin/")
    request.user = world["staff"]
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        if model is not Article and model_admin.has_add_permission(request):
            urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        instance = model._default_manager.first()
        if instance is not None and model is not Article:
            urls.append(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
            )
    photo = Photo.objects.first()
    urls += [
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_article_delete", args=[article.pk]),
        reverse("admin:articles_author_delete", args=[AuthorFactory().pk]),
        reverse("admin:articles_article_revisions", args=[article.pk]),
        reverse("admin:articles_article_compare", args=[article.pk]) + "?a=1&b=2",
        reverse("admin_article_import"),
        reverse("admin:photos_photo_upload"),
        reverse("admin:photos_photo_describe") + f"?ids={photo.pk}",
        reverse("admin:photos_photo_editor") + "?CKEditorFuncNum=1&mode=figure",
        reverse("public:preview", args=[article.pk]),
    ]
    return urls


def test_admin_pages_keep_the_strict_policy_and_need_nothing_more(world):
    """Outside the editor the admin has the public site's strict policy, and its pages (ours
    and Django's) contain nothing that policy would block."""
    client = client_for(world["staff"])
    PhotoFactory()
    for url in admin_pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert policy(response) == STRICT, url
        assert inline_code(response.content.decode()) == [], url


def test_login_page_and_lockout_keep_the_strict_policy(client):
    """The login page, where passwords are typed, runs nothing inline."""
    response = client.get(reverse("admin:login"))
    assert policy(response) == STRICT
    assert inline_code(response.content.decode()) == []


def test_production_adds_upgrade_insecure_requests(tmp_path):
    """With production settings pages carry the same policy plus upgrade-insecure-requests."""
    result = run(["tests/deploy_probe.py"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    for page in ("login_page", "home"):
        header = seen[page]["headers"][HEADER]
        directives = dict(part.strip().partition(" ")[::2] for part in header.split(";"))
        assert directives.pop("upgrade-insecure-requests") == ""
        assert {name: value.split() for name, value in directives.items()} == STRICT
