"""Ids larger than any database column can hold, typed into a form or a URL by hand or by a
script, are answered as ids that do not exist: a form error or a 404, never a 500."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory, newsroom_with
from tests.helpers import change_url, client_for, form_data

pytestmark = pytest.mark.django_db

HUGE = [str(2**31), str(2**63), "9" * 25]


@pytest.fixture
def world():
    world = newsroom_with(1)
    world["staff"] = client_for(UserFactory(is_superuser=True))
    return world


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize(
    "field", ["category", "organisations", "tags", "featured_photo", "bylines-0-author"]
)
def test_article_form_refuses_an_id_too_large_for_its_column(world, field, value):
    article = world["article"]
    data = form_data(article, **{field: value})
    if field == "bylines-0-author":
        data.update({"bylines-TOTAL_FORMS": "1", "bylines-INITIAL_FORMS": "0"})
        data.pop("bylines-0-id", None)
    response = world["staff"].post(change_url(article), data)
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


@pytest.mark.parametrize("value", HUGE)
def test_admin_urls_with_an_id_too_large_are_not_found(world, value):
    staff = world["staff"]
    for name in ("admin:articles_article_change", "admin:photos_photo_change"):
        response = staff.get(reverse(name, args=[value]))
        assert response.status_code in {302, 404}, name
    for query in (f"category__id__exact={value}", f"organisations__id__exact={value}"):
        response = staff.get(reverse("admin:articles_article_changelist") + "?" + query)
        assert response.status_code in {200, 302}, query
