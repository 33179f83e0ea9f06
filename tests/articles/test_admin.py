"""The editorial admin answers for every model, in Vietnamese, and saves what editors enter."""

import pytest
from django.contrib import admin
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    OrganisationFactory,
    PhotoFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

REGISTERED = [
    model for model in admin.site._registry if model._meta.app_label in {"articles", "auth"}
]


@pytest.fixture
def superuser_client(client):
    user = UserFactory(username="chief", is_superuser=True)
    client.force_login(user)
    return client


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.model_name)
def test_every_list_and_add_page_answers(superuser_client, model):
    """Each model's list (with a search) and add page open for the superuser (corrections are
    added from their article's page, issue 19: their own add page is refused)."""
    assert superuser_client.get(admin_url(model, "changelist")).status_code == 200
    assert superuser_client.get(admin_url(model, "changelist"), {"q": "Hội"}).status_code == 200
    added = superuser_client.get(admin_url(model, "add")).status_code
    assert added == (403 if model._meta.model_name == "correction" else 200)


def test_change_pages_answer_with_related_data(superuser_client):
    """Change pages for an article with its relations, and for each noun, open."""
    photo = PhotoFactory()
    article = ArticleFactory(featured_photo=photo)
    article.organisations.add(OrganisationFactory())
    article.tags.add(TagFactory())
    article.set_byline([AuthorFactory(), AuthorFactory()])
    for obj in (article, photo, article.category, article.byline[0]):
        response = superuser_client.get(admin_url(type(obj), "change", obj.pk))
        assert response.status_code == 200
    response = superuser_client.get(admin_url(Article, "changelist"))
    assert article.title in response.content.decode()


def test_admin_speaks_vietnamese(superuser_client):
    """The article form is labelled in Vietnamese and carries the CKEditor body."""
    page = superuser_client.get(admin_url(Article, "add")).content.decode()
    assert "Tiêu đề" in page
    assert "Sapo" in page
    assert "ckeditor" in page
    assert 'lang="vi"' in page


def test_autocomplete_finds_organisations_by_short_name(superuser_client):
    """Typing a short name in the article form's organisation box finds the organisation."""
    OrganisationFactory(name="Hội Liên hiệp Phụ nữ", short_name="Hội LHPN")
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "article",
            "field_name": "organisations",
            "term": "LHPN",
        },
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Hội LHPN"]


def test_adding_an_article_saves_byline_in_order_and_cleans_the_body(superuser_client):
    """An article posted through the admin keeps its byline order and loses its script."""
    first, second = AuthorFactory(name="Trần Tương"), AuthorFactory(name="Trần Bình")
    category = CategoryFactory()
    organisation = OrganisationFactory()
    data = {
        "title": "Hội Cựu chiến binh giúp hội viên phát triển kinh tế",
        "slug": "",
        "lead": "Ngày 5/3, Hội CCB phường tổ chức trao vốn.",
        "body": "<p>Nội dung</p><script>alert(1)</script>",
        "category": category.pk,
        "organisations": [organisation.pk],
        "source": "Trung tâm TT và VH",
        "bylines-TOTAL_FORMS": "2",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-position": "2",
        "bylines-0-author": second.pk,
        "bylines-1-position": "1",
        "bylines-1-author": first.pk,
    }
    response = superuser_client.post(admin_url(Article, "add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.slug == "hoi-cuu-chien-binh-giup-hoi-vien-phat-trien-kinh-te"
    assert article.body == "<p>Nội dung</p>"
    assert article.byline == [first, second]
    assert list(article.bylines.values_list("position", flat=True)) == [1, 2]
    assert article.created_by.username == "chief"


def test_anonymous_visitor_is_sent_to_login(client):
    """The admin is closed to visitors who have not logged in."""
    response = client.get(admin_url(Article, "changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
