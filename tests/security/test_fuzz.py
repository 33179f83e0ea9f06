"""Bad input everywhere: random Unicode, huge values, control characters, NUL bytes and broken
percent-encoding in every public URL, query parameter and admin form never give a 500.

Hypothesis writes the input; the profile (``tests/conftest.py``) keeps the number of examples
modest and is derandomized in CI. Requests go through Django's test client, which re-raises
any exception a view lets out, so a crash fails the test with its traceback.
"""

import os
import re
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from articles.models import Correction, Note, Revision
from public import urls as public_urls
from tests.factories import AbbreviationFactory, UserFactory, image_bytes, newsroom_with
from tests.helpers import change_url, client_for, form_data

pytestmark = pytest.mark.django_db

# --- What a hostile or broken client sends ------------------------------------------------

BROKEN_ESCAPES = ["%", "%2", "%zz", "%%41", "%C3%28", "%ff%fe", "%E2%82", "%u202e", "%00", "%0a"]
AWKWARD = [
    "0", "-1", "00", "1.5", "1e9", "9" * 25, "٣", "NaN", "None", "true", "[]", "{}", "..",
    "../../etc/passwd", "' OR 1=1 --", '"><script>alert(1)</script>', "%s%n", "\x00",
    "\u202eabc", "\ufeff", "🙂" * 3, "Hội Nông dân", "hoi nong dan", " ", "\t\r\n",
]  # fmt: skip
LETTER = st.characters(exclude_categories=["Cs"])  # anything UTF-8 can carry
CONTROL = st.characters(max_codepoint=0x1F) | st.sampled_from("\x7f\x85\u2028\u200b\ufffe\uffff")

# Text as a person (or a script) might type it: any Unicode, control characters, a huge run.
text_values = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=CONTROL, max_size=20),
    st.sampled_from(AWKWARD),
    st.builds(lambda char, size: char * size, LETTER, st.integers(300, 20_000)),
)
# One piece of a URL or form body exactly as it crosses the network: Unicode properly
# escaped, raw bytes (as the server hands them over, Latin-1), or escapes that are broken.
raw_fragments = st.one_of(
    text_values.map(lambda text: quote(text, safe="")),
    st.binary(max_size=40).map(lambda data: data.decode("latin-1")),
    st.sampled_from(BROKEN_ESCAPES),
)
raw_values = st.lists(raw_fragments, max_size=3).map("".join)


def query_strings(names: list[str]):
    """A raw query string: known and made-up names, any values, repeated, or none at all."""
    name = st.one_of(st.sampled_from(names), raw_values) if names else raw_values
    pair = st.tuples(name, raw_values).map(lambda item: "=".join(item))
    return st.lists(pair | raw_values, max_size=5).map("&".join)


def path_segment(real: str):
    """A path segment: the real one (so the view runs to the end) or anything at all."""
    return st.one_of(st.just(real), raw_values.filter(lambda value: "/" not in value))


def assert_answered(response, url):
    assert response.status_code < 500, url


# --- Every public URL ----------------------------------------------------------------------

QUERY_NAMES = ["q", "page", "p", "utm_source", "fbclid"]
# Each public route, with its path parameters; the test below checks none is missing.
ROUTES = {
    "home": "/",
    "latest": "/tin-moi/",
    "corrections": "/dinh-chinh/",
    "feed-latest-rss": "/tin-moi/rss/",
    "feed-latest-atom": "/tin-moi/atom/",
    "detail": "/tin-tuc/{slug}-{pk}/",
    "detail-by-id": "/tin-tuc/{pk}/",
    "preview": "/xem-truoc/{pk}/",
    "signed-preview": "/xem-truoc/k/{token}/",
    "category": "/chuyen-muc/{category}/",
    "feed-category-rss": "/chuyen-muc/{category}/rss/",
    "feed-category-atom": "/chuyen-muc/{category}/atom/",
    "organisation": "/to-chuc/{organisation}/",
    "feed-organisation-rss": "/to-chuc/{organisation}/rss/",
    "feed-organisation-atom": "/to-chuc/{organisation}/atom/",
    "author": "/tac-gia/{author}/",
    "tag": "/the/{tag}/",
    "read": "/doc/{pk}/",
    "archive": "/luu-tru/",
    "archive-year": "/luu-tru/{year}/",
    "archive-month": "/luu-tru/{year}/{month}/",
    "archive-day": "/luu-tru/{year}/{month}/{day}/",
    "search": "/tim-kiem/",
    "sitemap": "/sitemap.xml",
    "sitemap-section": "/sitemap-{section}.xml",
    "robots": "/robots.txt",
}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.fixture
def world():
    world = newsroom_with(2)
    article = world["article"]
    world.update(
        staff=client_for(UserFactory(username="fuzz-staff", is_superuser=True)),
        values={
            "slug": article.slug,
            "pk": str(article.pk),
            "token": "khong-hop-le",
            "category": world["category"].slug,
            "organisation": world["organisation"].slug,
            "author": world["author"].slug,
            "tag": world["tag"].slug,
            "year": f"{article.published_at:%Y}",
            "month": f"{article.published_at:%m}",
            "day": f"{article.published_at:%d}",
            "section": "articles",
        },
    )
    AbbreviationFactory()
    return world


def test_every_public_route_is_in_the_sweep():
    """A new public URL cannot escape the sweep unnoticed."""
    assert set(ROUTES) == {pattern.name for pattern in public_urls.urlpatterns}


@pytest.mark.parametrize("name", ROUTES)
@given(data=st.data())
def test_public_urls_never_answer_500(world, name, data):
    """Any path parameter and any query string give a page, a redirect or a 4xx, never a 500,
    for a reader and for logged-in staff (who bypass the page cache)."""
    template = ROUTES[name]
    path = PLACEHOLDER.sub(
        lambda match: data.draw(path_segment(world["values"][match[1]]), label=match[1]),
        template,
    )
    query = data.draw(query_strings(QUERY_NAMES), label="query")
    client = world["staff"] if data.draw(st.booleans(), label="staff") else Client()
    method = data.draw(st.sampled_from(["get", "head"]), label="method")
    response = getattr(client, method)(path, QUERY_STRING=query)
    assert_answered(response, f"{path}?{query}")


# --- Admin pages that read the query string ------------------------------------------------

ADMIN_QUERY_NAMES = [
    "q", "o", "p", "e", "all", "_popup", "_to_field", "_changelist_filters", "status",
    "desk", "category__id__exact", "published_at__gte", "published_at__year", "created_at__day",
    "uploaded_by__id__exact", "kind__exact", "parent__id__exact", "a", "b", "page", "ids",
    "term", "app_label", "model_name", "field_name", "CKEditorFuncNum", "mode",
]  # fmt: skip


def admin_get_urls(article) -> list[str]:
    urls = [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    return [
        *urls,
        reverse("admin:index"),
        reverse("admin:autocomplete"),
        reverse("admin:articles_article_compare", args=[article.pk]),
        reverse("admin:articles_article_revisions", args=[article.pk]),
        reverse("admin:photos_photo_describe"),
        reverse("admin:photos_photo_editor"),
        reverse("admin_article_import"),
        change_url(article),
    ]


@given(data=st.data())
def test_admin_pages_never_answer_500_to_a_crafted_query(world, data):
    """Filters, ordering, searches, page numbers and popup flags of any value are answered
    calmly by every admin list and by our own admin pages."""
    article = world["article"]
    for number in (1, 2):
        Revision.objects.get_or_create(
            article=article, number=number, defaults={"content": {"title": article.title}}
        )
    url = data.draw(st.sampled_from(admin_get_urls(article)), label="url")
    query = data.draw(query_strings(ADMIN_QUERY_NAMES), label="query")
    assert_answered(world["staff"].get(url, QUERY_STRING=query), f"{url}?{query}")


# --- Admin forms ---------------------------------------------------------------------------


def shows_errors(response) -> bool:
    page = response.content.decode()
    return "errorlist" in page or "errornote" in page


FORMS = {
    "article": (
        lambda world: reverse("admin:articles_article_add"),
        [
            "title",
            "slug",
            "lead",
            "body",
            "category",
            "organisations",
            "tags",
            "featured_photo",
            "source",
            "edit_version",
            "transition_comment",
            "bylines-TOTAL_FORMS",
            "bylines-INITIAL_FORMS",
            "bylines-0-author",
            "bylines-0-position",
            "_transition",
            "transition_published_at_0",
        ],
    ),
    "article-change": (
        lambda world: change_url(world["article"]),
        ["title", "slug", "lead", "body", "edit_version", "transition_published_at_1"],
    ),
    "organisation": (
        lambda world: reverse("admin:articles_organisation_add"),
        [
            "name",
            "short_name",
            "slug",
            "kind",
            "parent",
            "position",
            "aliases",
            "description",
            "website",
        ],
    ),
    "author": (
        lambda world: reverse("admin:articles_author_add"),
        ["name", "slug", "unit", "bio", "user"],
    ),
    "category": (
        lambda world: reverse("admin:articles_category_add"),
        ["name", "slug", "parent", "description", "position"],
    ),
    "tag": (lambda world: reverse("admin:articles_tag_add"), ["name", "slug"]),
    "abbreviation": (
        lambda world: reverse("admin:articles_abbreviation_add"),
        ["short_form", "expansion"],
    ),
    "photo-describe": (
        lambda world: reverse("admin:photos_photo_describe"),
        [
            "form-TOTAL_FORMS",
            "form-INITIAL_FORMS",
            "form-0-id",
            "form-0-caption",
            "form-0-alt_text",
            "form-0-credit",
        ],
    ),
    "import": (lambda world: reverse("admin_article_import"), ["text", "category"]),
}


@pytest.mark.parametrize("form", FORMS)
@given(data=st.data())
def test_admin_forms_answer_bad_input_with_form_errors(world, form, data):
    """Every admin form, sent any bytes in any of its fields as a raw form body, saves or shows
    the form again with its errors; it never crashes."""
    url_of, names = FORMS[form]
    url = url_of(world)
    if form == "article-change":
        names = [*names, *form_data(world["article"])]
    chosen = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    pairs = [f"{quote(name)}={data.draw(raw_values, label=name)}" for name in chosen]
    body = "&".join(pairs).encode("latin-1")
    response = world["staff"].post(url, data=body, content_type="application/x-www-form-urlencoded")
    assert_answered(response, url)
    assert response.status_code in {200, 302, 400, 403}
    if response.status_code == 200 and body:  # an empty POST just shows the blank form
        assert shows_errors(response), body[:300]


@given(
    image=st.one_of(st.binary(max_size=2000), st.just(image_bytes())),
    name=text_values,
    alt_text=text_values,
    caption=text_values,
    credit=text_values,
    focal=st.one_of(text_values, st.integers(-(10**20), 10**20).map(str)),
)
def test_photo_form_answers_bad_files_and_text_with_errors(
    world, image, name, alt_text, caption, credit, focal
):
    """The photo form and the editor's upload popup take any file under any name, and any
    text, and answer with the photo saved or the form's errors."""
    for url in (reverse("admin:photos_photo_add"), reverse("admin:photos_photo_editor")):
        # A browser sends only a base name; one with nothing left after the last slash cannot
        # even be built as an upload, so it becomes "x".
        base = os.path.basename(name.replace("\x00", "")[:200]).strip(". ")
        upload = SimpleUploadedFile(base or "x", image)
        response = world["staff"].post(
            url,
            {
                "image": upload,
                "alt_text": alt_text,
                "caption": caption,
                "credit": credit,
                "focal_x": focal,
                "focal_y": focal,
            },
        )
        assert_answered(response, url)
        assert response.status_code in {200, 302}


@given(text=st.one_of(text_values, raw_values))
def test_editorial_note_of_any_text_is_kept_or_refused_with_a_message(world, text):
    """A note of any text is added as written (trimmed) or refused with a message."""
    article = world["article"]
    before = Note.objects.count()
    url = reverse("admin:articles_article_note", args=[article.pk])
    response = world["staff"].post(url, {"text": text})
    assert response.status_code == 302
    if Note.objects.count() == before:
        messages = [str(message) for message in response.wsgi_request._messages]
        assert messages, repr(text[:50])
    else:
        assert Note.objects.latest("pk").text == text.strip()


@given(text=st.one_of(text_values, raw_values), kind=st.one_of(text_values, raw_values))
def test_correction_of_any_text_is_kept_or_refused_with_a_message(world, text, kind):
    """A correction of any text and kind is added as written (trimmed) or refused with a
    message, never a 500 (issue 19)."""
    article = world["article"]
    before = Correction.objects.count()
    url = reverse("admin:articles_article_public_note", args=[article.pk])
    response = world["staff"].post(url, {"text": text, "kind": kind})
    assert response.status_code == 302
    if Correction.objects.count() == before:
        messages = [str(message) for message in response.wsgi_request._messages]
        assert messages, repr(text[:50])
    else:
        assert Correction.objects.latest("pk").text == text.strip()
    for kind_name in Correction.Kind.values:
        assert_answered(world["staff"].post(url, {"text": text, "kind": kind_name}), url)


# --- What the sweep found ------------------------------------------------------------------


def test_note_with_a_nul_character_is_refused_with_a_message(world):
    """PostgreSQL cannot store NUL: the note is refused with a message instead of a 500."""
    article = world["article"]
    url = reverse("admin:articles_article_note", args=[article.pk])
    response = world["staff"].post(url, {"text": "Ghi chú\x00 có ký tự lạ"}, follow=True)
    assert response.status_code == 200
    assert "ký tự không hợp lệ" in response.content.decode()
    assert not Note.objects.exists()


def test_clearing_the_slug_of_a_public_article_in_a_form_with_errors_shows_the_errors(world):
    """An editor clears the slug (to have it made again) and leaves the title empty: the form
    comes back with its errors, its "view on site" link by id."""
    article = world["article"]
    response = world["staff"].post(change_url(article), form_data(article, slug="", title=""))
    assert response.status_code == 200
    assert shows_errors(response)
    assert f'href="/tin-tuc/{article.pk}/"' in response.content.decode()


def test_crafted_search_and_page_values_are_answered_calmly(client, world):
    """Examples the sweep tried, kept so they are always run: NUL, broken escapes, huge."""
    cases = [
        "/tim-kiem/?q=%00",
        "/tim-kiem/?q=%ff%fe&page=%00",
        "/tim-kiem/?q=" + "a" * 20_000,
        "/tin-moi/?page=" + "9" * 30,
        "/sitemap-articles.xml?p=%00",
        f"/tin-tuc/x-{'9' * 30}/",
        "/xem-truoc/k/%00/",
    ]
    for url in cases:
        assert_answered(client.get(url), url)


def test_nul_in_a_query_string_is_refused_before_it_reaches_the_database(world, client):
    """An admin list filtered by a text with NUL failed on PostgreSQL: now any query string
    holding NUL gets 400 with a plain message, on the public site and in the admin."""
    staff = world["staff"]
    article_list = reverse("admin:articles_article_changelist")
    for url, query in [
        (article_list, "title=%00"),
        (article_list, "status=a%00b"),
        (reverse("admin:auth_user_changelist"), "username=%00"),
        (reverse("admin:autocomplete"), "term=%00&app_label=articles&model_name=article"),
        ("/tim-kiem/", "q=h%00i"),
        ("/tin-moi/", "%00=1"),
    ]:
        response = staff.get(url, QUERY_STRING=query)
        assert response.status_code == 400, (url, query)
        assert "ký tự không hợp lệ" in response.content.decode()
    assert client.get("/tim-kiem/", QUERY_STRING="q=%00").status_code == 400
    assert staff.get(article_list, QUERY_STRING="title=abc").status_code == 200


def test_an_empty_to_field_parameter_is_refused_instead_of_failing(world):
    """The sweep found that ``?_to_field=`` (empty) made Django's change and delete pages look
    for a field named "" and fail; it is refused with 400, for our models and Django's."""
    staff = world["staff"]
    article = world["article"]
    for url in (
        change_url(article),
        reverse("admin:articles_article_delete", args=[article.pk]),
        reverse("admin:auth_user_change", args=[UserFactory().pk]),
    ):
        assert staff.get(url, {"_to_field": ""}).status_code == 400, url
    posted = staff.post(change_url(article), form_data(article, _to_field="", title="Không lưu"))
    assert posted.status_code == 400
    article.refresh_from_db()
    assert article.title != "Không lưu"
    assert staff.get(change_url(article), {"_to_field": "id"}).status_code == 200
