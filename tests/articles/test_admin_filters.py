"""Every list filter and every date-hierarchy parameter of every admin list, given a hostile
value, answers with the list (unfiltered or empty) or the admin's "wrong parameters" redirect,
never a 500.

The parameters are read from the admin itself (each filter's ``expected_parameters()`` and each
``date_hierarchy``), so a filter added later is swept without editing this file.
"""

from datetime import timedelta

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from articles.models import Article
from articles.roles import JOURNALIST
from photos.models import Photo
from tests.factories import ArticleFactory, PhotoFactory, UserFactory, newsroom_with, user_in_role
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

# Values a hand-edited or scripted query string carries: out-of-range years (datetime knows
# 1–9999, the page's time zone shifts the ends), digits that are not ASCII (Python's
# ``isdigit`` and ``int`` accept "²" and "٣" differently), huge numbers, signs, empty.
HOSTILE = [
    "0", "1", "-1", "-0", "+1", "00", "9999", "10000", "99999999999", "9" * 25, "2**63",
    "0001-01-01", "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999",
    "²", "٣", "١٠", "²⁰²⁴", "1.5", "1e3", "0x10", " 2024", "2024 ", "", " ", "abc", "None",
    "true", "[]", "%", "2024-01-01", "01/01/2024", "'", "🙂", "Hội", "\u202e1",
]  # fmt: skip
# One of each kind above, tried on every parameter of every list (the rest are drawn below).
EACH_KIND = [
    "0", "1", "9999", "9" * 25, "-1", "²", "", "abc", "0001-01-01", "9999-12-31 23:59:59.9",
]  # fmt: skip
# Year, month and day together: dates that do not exist or sit at the ends of the calendar.
DATES = [
    ("2024", "2", "30"), ("2023", "2", "29"), ("2024", "13", "1"), ("2024", "0", "1"),
    ("2024", "12", "32"), ("9999", "12", "31"), ("9999", "12", None), ("1", "1", "1"),
    ("1", None, None), ("9999", None, None), ("2024", "99999999999", "1"), ("2024", "1", "-1"),
    ("2024", "²", "1"),
]  # fmt: skip


def admin_lists() -> list:
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def filter_parameters(model, model_admin, user) -> list[str]:
    """The query parameters the admin list of ``model`` reads for its filters."""
    request = RequestFactory().get("/")
    request.user = user
    names = []
    for list_filter in model_admin.get_list_filter(request):
        if callable(list_filter) and not isinstance(list_filter, tuple):
            spec = list_filter(request, {}, model, model_admin)
        else:
            field_path, spec_class = (
                list_filter if isinstance(list_filter, tuple) else (list_filter, None)
            )
            field = admin.utils.get_fields_from_path(model, field_path)[-1]
            create = spec_class or admin.FieldListFilter.create
            spec = create(field, request, {}, model, model_admin, field_path=field_path)
        names += spec.expected_parameters()
    if model_admin.date_hierarchy:
        names += [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
    return names


def changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


@pytest.fixture
def world(roles):
    world = newsroom_with(2)
    superuser = UserFactory(username="filter-root", is_superuser=True)
    journalist = user_in_role(JOURNALIST, "filter-journalist")
    ArticleFactory(created_by=journalist)
    PhotoFactory(uploaded_by=journalist)
    world.update(
        superuser=superuser,
        journalist=journalist,
        clients=[client_for(superuser), client_for(journalist)],
        parameters={
            model: filter_parameters(model, model_admin, superuser)
            for model, model_admin in admin_lists()
        },
    )
    return world


def assert_calm(response, url, query, *, superuser=True):
    """The list, the admin's redirect for wrong parameters, or (for a journalist) a refusal."""
    calm = {200, 302} if superuser else {200, 302, 403}
    assert response.status_code in calm, (url, query, response.status_code)


def test_the_sweep_sees_every_filter_and_date_hierarchy(world):
    """The sweep knows the article list's year filter and the photo list's date hierarchy."""
    assert "nam" in world["parameters"][Article]
    assert {"published_at__gte", "desk", "status__exact"} <= set(world["parameters"][Article])
    assert "created_at__year" in world["parameters"][Photo]
    assert all(world["parameters"][model] is not None for model, _ in admin_lists())


@pytest.mark.parametrize("value", ["0", "%C2%B2", "99999999999", "1", "9999", "-1"])
def test_article_list_by_an_impossible_year_shows_the_list(world, value):
    """``?nam=0``, ``?nam=²`` or ``?nam=99999999999`` show the article list, with no article
    of that year, instead of a server error."""
    response = world["clients"][0].get(changelist(world["article"]), QUERY_STRING=f"nam={value}")
    assert response.status_code == 200
    assert world["article"].title not in response.content.decode()


def test_article_list_by_a_real_year_still_filters(world):
    """The year filter keeps working: this year's articles are listed, last year's are not."""
    old = ArticleFactory(live=True, published_at=timezone.now() - timedelta(days=800))
    this_year = timezone.localtime(world["article"].published_at).year
    response = world["clients"][0].get(changelist(old), {"nam": str(this_year)})
    page = response.content.decode()
    assert world["article"].title in page
    assert old.title not in page


def test_every_filter_of_every_list_takes_hostile_values(world):
    """Each filter parameter of each admin list, alone, with each kind of hostile value: for
    the superuser, and for a journalist on the article list (whose desk filter reads who asks)."""
    for model, _ in admin_lists():
        url = changelist(model)
        clients = [(world["clients"][0], True)]
        if model is Article:
            clients.append((world["clients"][1], False))
        for name in world["parameters"][model]:
            for value in EACH_KIND:
                for client, superuser in clients:
                    response = client.get(url, {name: value})
                    assert_calm(response, url, f"{name}={value!r}", superuser=superuser)


def test_every_date_hierarchy_takes_impossible_dates(world):
    """Year, month and day of each list's date hierarchy that make no date, or a date at the
    end of the calendar, are answered calmly."""
    for model, model_admin in admin_lists():
        if not model_admin.date_hierarchy:
            continue
        url = changelist(model)
        for date in DATES:
            query = {
                f"{model_admin.date_hierarchy}__{part}": value
                for part, value in zip(("year", "month", "day"), date, strict=True)
                if value is not None
            }
            assert_calm(world["clients"][0].get(url, query), url, query)


# Lookups Django's admin accepts on any field of a list, with values the database cannot take.
HAND_TYPED = {
    "articles.article": [
        "published_at__gte=0001-01-01", "published_at__lt=0001-01-01+00:00",
        "updated_at__exact=0001-01-01", "updated_at__year=0", "published_at__year=99999999999",
        "published_at__iso_year=0", "published_at__range=0001-01-01,0001-01-02",
        "id__in=1,99999999999999999999", "published_at__date=0001-01-01",
        "published_at__hour=99999999999", "version__gt=99999999999999999999",
    ],
    "photos.photo": ["created_at__gte=0001-01-01+00:00:00", "width__gt=99999999999999999999"],
    "auth.user": ["date_joined__gte=0001-01-01", "last_login__year=0"],
    "axes.accessattempt": ["attempt_time__gte=0001-01-01", "attempt_time__year=9999"],
}  # fmt: skip


@pytest.mark.parametrize("label", HAND_TYPED)
def test_lookups_typed_on_any_field_are_answered_calmly(world, label):
    """A lookup typed into the address on any field, with a year 0 or a date before year 1 in
    UTC, gives the list or the admin's redirect to the unfiltered list, never a 500."""
    url = reverse(f"admin:{label.replace('.', '_')}_changelist")
    for query in HAND_TYPED[label]:
        assert_calm(world["clients"][0].get(url, QUERY_STRING=query), url, query)


def test_a_dropped_filter_is_explained(world):
    """The photo list asked for the year 9999 of its date hierarchy lands on the whole list
    with a message saying the filter was dropped."""
    url = reverse("admin:photos_photo_changelist")
    response = world["clients"][0].get(url, {"created_at__year": "9999"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("?e=1")
    assert "Bộ lọc trong địa chỉ không hợp lệ" in response.content.decode()


@given(data=st.data())
def test_filters_take_any_combination_of_any_values(world, data):
    """Several filters of one list at once, each any text or number, never give a 500."""
    model, _ = data.draw(st.sampled_from(admin_lists()), label="list")
    names = world["parameters"][model]
    if not names:
        return
    value = st.one_of(
        st.sampled_from(HOSTILE),
        st.integers(-(10**20), 10**20).map(str),
        st.text(max_size=12).filter(lambda text: "\x00" not in text),
    )
    query = data.draw(
        st.dictionaries(st.sampled_from(names), value, min_size=1, max_size=4), label="query"
    )
    number = data.draw(st.sampled_from([0, 1]), label="client (0: superuser, 1: journalist)")
    response = world["clients"][number].get(changelist(model), query)
    assert_calm(response, changelist(model), query, superuser=number == 0)
