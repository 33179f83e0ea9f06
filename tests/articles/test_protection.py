"""Deleting an author, organisation, photo, section or owner that articles use is refused."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.urls import reverse

from articles.models import Article, Author, Category, Organisation
from photos.models import Photo
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    OrganisationFactory,
    PhotoFactory,
    ReadyArticleFactory,
    UserFactory,
)
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

REFUSAL = "vì các mục dưới đây đang dùng đến"


@pytest.fixture
def article():
    """A published-ready article with a byline, an organisation, a photo and a section."""
    return ReadyArticleFactory(created_by=UserFactory(username="phongvien"))


def used_things(article):
    return {
        "author": article.byline[0],
        "organisation": article.organisations.get(),
        "photo": article.featured_photo,
        "category": article.category,
    }


def assert_intact(article):
    fresh = Article.objects.get(pk=article.pk)
    assert fresh.byline == article.byline
    assert list(fresh.organisations.all()) == list(article.organisations.all())
    assert fresh.featured_photo_id == article.featured_photo_id
    assert fresh.category_id == article.category_id


@pytest.mark.parametrize("kind", ["author", "organisation", "photo", "category"])
def test_deleting_what_an_article_uses_is_refused_by_the_model(article, kind):
    """Deleting a used author, organisation, photo or section raises and changes nothing."""
    thing = used_things(article)[kind]
    with pytest.raises(ProtectedError):
        thing.delete()
    with pytest.raises(ProtectedError):
        type(thing).objects.filter(pk=thing.pk).delete()
    assert type(thing).objects.filter(pk=thing.pk).exists()
    assert_intact(article)


def test_things_no_article_uses_can_still_be_deleted(article):
    """The guard refuses only what is in use: unused ones delete as before."""
    for factory in (AuthorFactory, OrganisationFactory, PhotoFactory, CategoryFactory):
        thing = factory()
        thing.delete()
        assert not type(thing).objects.filter(pk=thing.pk).exists()
    assert_intact(article)


@pytest.mark.parametrize("kind", ["author", "organisation", "photo", "category"])
def test_admin_delete_page_explains_in_vietnamese_and_deletes_nothing(article, kind):
    """The admin's delete page says why in Vietnamese, lists the article, and a forced POST
    deletes nothing."""
    thing = used_things(article)[kind]
    url = reverse(f"admin:{thing._meta.app_label}_{thing._meta.model_name}_delete", args=[thing.pk])
    client = client_for(UserFactory(username="quantri", is_superuser=True))

    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert f"Không thể xóa {thing._meta.verbose_name}" in text
    assert REFUSAL in text
    assert "Chưa có gì bị xóa" in text
    assert article.title in text

    forced = client.post(url, {"post": "yes"})
    assert forced.status_code == 200
    assert REFUSAL in forced.content.decode()
    assert type(thing).objects.filter(pk=thing.pk).exists()
    assert_intact(article)


@pytest.mark.parametrize(
    "model", [Author, Organisation, Photo, Category], ids=lambda m: m._meta.model_name
)
def test_bulk_delete_in_the_admin_explains_and_deletes_nothing(article, model):
    """Deleting a selection that includes a used item is refused for the whole selection."""
    thing = used_things(article)[model._meta.model_name]
    spare = {
        Author: AuthorFactory,
        Organisation: OrganisationFactory,
        Photo: PhotoFactory,
        Category: CategoryFactory,
    }[model]()
    client = client_for(UserFactory(username="quantri", is_superuser=True))
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    data = {"action": "delete_selected", "_selected_action": [thing.pk, spare.pk], "post": "yes"}

    response = client.post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Không thể xóa các" in text
    assert REFUSAL in text
    assert article.title in text
    assert model.objects.filter(pk__in=[thing.pk, spare.pk]).count() == 2
    assert_intact(article)


def test_unused_organisation_deletes_through_the_admin(article):
    """An organisation no article names is deleted by the admin as usual."""
    spare = OrganisationFactory()
    client = client_for(UserFactory(username="quantri", is_superuser=True))
    url = reverse("admin:articles_organisation_delete", args=[spare.pk])
    assert "Bạn có chắc" in client.get(url).content.decode()
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Organisation.objects.filter(pk=spare.pk).exists()


def test_an_account_that_created_articles_cannot_be_deleted(article):
    """A journalist's account keeps its articles: the user delete page refuses and explains."""
    owner = article.created_by
    client = client_for(UserFactory(username="quantri", is_superuser=True))
    url = reverse("admin:auth_user_delete", args=[owner.pk])
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert get_user_model().objects.filter(pk=owner.pk).exists()
    assert Article.objects.filter(pk=article.pk, created_by=owner).exists()


def test_deleting_an_article_keeps_the_things_it_used(article):
    """Deleting an article leaves its author, organisation, photo and section in place."""
    things = used_things(article)
    ArticleFactory(category=things["category"])
    article.delete()
    for thing in things.values():
        assert type(thing).objects.filter(pk=thing.pk).exists()
