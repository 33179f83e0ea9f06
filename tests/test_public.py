"""The plain public pages: home, article, and the section lists."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article

from .factories import ArticleFactory, AuthorFactory, OrganisationFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_home_lists_only_public_articles(client):
    """The home page shows published articles, not drafts or scheduled ones."""
    public = ArticleFactory(live=True, title="Bài đã xuất bản")
    ArticleFactory(title="Bản nháp bí mật")
    ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
        title="Bài hẹn giờ",
    )
    page = client.get("/").content.decode()
    assert public.title in page
    assert "Bản nháp bí mật" not in page
    assert "Bài hẹn giờ" not in page


def test_article_page_shows_title_lead_byline_and_local_time(client):
    """An article shows its byline in order and its time in Vietnam's time zone."""
    article = ArticleFactory(
        live=True,
        published_at=datetime(2022, 1, 13, 14, 44, tzinfo=UTC),
    )
    article.set_byline([AuthorFactory(name="Trần Tương"), AuthorFactory(name="Trần Bình")])
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert article.title in page
    assert article.lead in page
    assert "13/01/2022 21:44" in page
    assert page.index("Trần Tương") < page.index("Trần Bình")


def test_stale_slug_redirects_permanently_to_the_canonical_url(client):
    """After a title change, the old link answers 301 to the new URL."""
    article = ArticleFactory(live=True)
    old_url = article.get_absolute_url()
    article.slug = "tieu-de-moi"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(f"/tin-tuc/{article.pk}/").status_code == 301


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.APPROVED},
        {"status": Article.Status.PUBLISHED, "published_at": None},
    ],
)
def test_unpublished_article_is_not_found(client, state):
    """Nobody outside the newsroom can open an article that is not public."""
    article = ArticleFactory(**state)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_article_is_not_found_before_its_time(client):
    """A scheduled article answers 404 until its publication time."""
    article = ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(hours=1)
    )
    assert client.get(article.get_absolute_url()).status_code == 404


def test_section_pages_list_their_public_articles(client):
    """Organisation, author, tag and category pages list their published articles only."""
    organisation, author, tag = OrganisationFactory(), AuthorFactory(), TagFactory()
    article = ArticleFactory(live=True, title="Bài của tổ chức")
    hidden = ArticleFactory(title="Bài chưa xuất bản", category=article.category)
    for item in (article, hidden):
        item.organisations.add(organisation)
        item.tags.add(tag)
        item.set_byline([author])
    for section in (organisation, author, tag, article.category):
        response = client.get(section.get_absolute_url())
        page = response.content.decode()
        assert response.status_code == 200
        assert article.title in page
        assert hidden.title not in page
    assert client.get("/to-chuc/khong-co/").status_code == 404


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", ""])
def test_bad_page_numbers_show_a_page_not_an_error(client, page):
    """Odd page numbers in the URL still give a page of articles."""
    for _ in range(3):
        ArticleFactory(live=True)
    response = client.get("/", {"page": page})
    assert response.status_code == 200


def test_article_body_renders_figures_and_no_script(client):
    """The stored body reaches the page as clean HTML with its figures."""
    article = ArticleFactory(
        live=True,
        body='<figure><img src="/media/x.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption>'
        "</figure><p>Đoạn văn<script>alert(1)</script></p>",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<figcaption>Chú thích</figcaption>" in page
    assert "alert(1)" not in page
