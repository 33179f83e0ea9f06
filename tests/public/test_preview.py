"""Unpublished articles: previews for the newsroom and signed links, 404 for everyone else."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.roles import EDITOR, JOURNALIST
from photos.renditions import renditions_for
from tests.factories import AbbreviationFactory, ReadyArticleFactory, user_in_role
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(roles):
    return {
        "author": user_in_role(JOURNALIST, "phongvien"),
        "colleague": user_in_role(JOURNALIST, "phongvien2"),
        "editor": user_in_role(EDITOR, "bientapvien"),
    }


def preview_url(article):
    return reverse("public:preview", args=[article.pk])


def test_author_and_editor_preview_a_draft(people):
    """The author and an editor see the draft in the public template, marked and not indexed."""
    article = ReadyArticleFactory(created_by=people["author"])
    for user in (people["author"], people["editor"]):
        response = client_for(user).get(preview_url(article))
        assert response.status_code == 200
        assert article.title in response.content.decode()
        assert "Bản xem trước" in response.content.decode()
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]


def test_others_get_404_or_login(people):
    """Another journalist gets 404; an anonymous visitor is sent to log in; the public URL 404s."""
    article = ReadyArticleFactory(created_by=people["author"])
    assert client_for(people["colleague"]).get(preview_url(article)).status_code == 404
    anonymous = Client().get(preview_url(article))
    assert anonymous.status_code == 302
    assert "login" in anonymous["Location"]
    assert Client().get(article.get_absolute_url()).status_code == 404


def make_link(client, article) -> str:
    response = client.post(
        reverse("admin:articles_article_preview_link", args=[article.pk]), follow=True
    )
    message = [str(m) for m in response.context["messages"]][-1]
    return message.rsplit(" ", 1)[-1]


def test_signed_link_lets_a_reviewer_without_account_read(people):
    """An editor's signed link opens the draft for anyone, until it expires."""
    article = ReadyArticleFactory(created_by=people["author"], status=Article.Status.IN_REVIEW)
    link = make_link(client_for(people["editor"]), article)
    assert "/xem-truoc/k/" in link
    path = link.split("testserver", 1)[1]
    response = Client().get(path)
    assert response.status_code == 200
    assert article.title in response.content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        assert Client().get(path).status_code == 404


def test_tampered_signed_link_is_404(people):
    """Changing a signed link in any way makes it worthless."""
    article = ReadyArticleFactory(created_by=people["author"])
    path = make_link(client_for(people["editor"]), article).split("testserver", 1)[1]
    assert Client().get(path[:-3] + "abc/").status_code == 404
    assert Client().get("/xem-truoc/k/khong-hop-le/").status_code == 404


def test_journalist_cannot_make_signed_links(people):
    """Only editors hand out preview links."""
    article = ReadyArticleFactory(created_by=people["author"])
    url = reverse("admin:articles_article_preview_link", args=[article.pk])
    assert client_for(people["author"]).post(url).status_code == 403


def test_preview_shows_the_article_as_the_public_will_see_it(people):
    """A draft's preview has its lead, body with explained abbreviations and its photo, and
    asks not to be indexed or stored."""
    AbbreviationFactory(short_form="HĐND", expansion="Hội đồng nhân dân")
    article = ReadyArticleFactory(
        created_by=people["author"], body="<p>Kỳ họp HĐND thành phố.</p>", published_at=None
    )
    response = client_for(people["editor"]).get(preview_url(article))
    page = response.content.decode()
    assert article.lead in page
    assert '<p>Kỳ họp <abbr title="Hội đồng nhân dân">HĐND</abbr> thành phố.</p>' in page
    photo = article.featured_photo
    assert renditions_for(photo, "full")[0].webp_url in page
    assert f'alt="{photo.alt_text}"' in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "private" in response["Cache-Control"]
