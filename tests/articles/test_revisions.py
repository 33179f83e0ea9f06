"""Every save keeps a revision; two revisions compare word by word; restore loses nothing."""

import pytest
from django.urls import reverse

from articles import revisions
from articles.models import Article
from articles.roles import EDITOR, JOURNALIST
from tests.factories import AuthorFactory, OrganisationFactory, ReadyArticleFactory, user_in_role
from tests.helpers import change_url, client_for, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(roles):
    return user_in_role(EDITOR, "bientapvien", first_name="Nguyễn Hoàng Nam")


def test_every_admin_save_keeps_a_revision(editor):
    """Three saves through the admin leave three numbered revisions with who saved them."""
    article = ReadyArticleFactory(status=Article.Status.IN_REVIEW)
    client = client_for(editor)
    for title in ("Tiêu đề thứ nhất của bài", "Tiêu đề thứ hai của bài", "Tiêu đề thứ ba của bài"):
        article.refresh_from_db()
        assert client.post(change_url(article), form_data(article, title=title)).status_code == 302
    history = list(article.revisions.order_by("number"))
    assert [r.number for r in history] == [1, 2, 3]
    assert [r.content["title"] for r in history][-1] == "Tiêu đề thứ ba của bài"
    assert all(r.created_by == editor for r in history)


def test_snapshot_keeps_byline_order_and_relations():
    """A revision holds the byline in order and the names of everything linked."""
    article = ReadyArticleFactory()
    first, second = AuthorFactory(name="Trần Tương"), AuthorFactory(name="Trần Bình")
    article.set_byline([first, second])
    content = revisions.record(article, user=None).content
    assert [a["name"] for a in content["authors"]] == ["Trần Tương", "Trần Bình"]
    assert content["featured_photo"]["id"] == article.featured_photo_id
    assert content["category"]["name"] == article.category.name


def test_word_diff_marks_removed_and_added_words():
    """The comparison shows the words removed and added, not raw HTML."""
    old, new = revisions.word_diff(
        "Hội nghị có 120 đại biểu dự.", "Hội nghị có 150 đại biểu tham dự."
    )
    assert "<del>120</del>" in old
    assert "<ins>150</ins>" in new
    assert "<ins>tham </ins>" in new or "<ins>tham</ins>" in new


def test_word_diff_escapes_what_it_shows():
    """Text that looks like HTML is shown as text in the comparison."""
    _old, new = revisions.word_diff("an toàn", "<script>alert(1)</script>")
    assert "<script>" not in new
    assert "&lt;script&gt;" in new


def test_compare_page_shows_both_versions_side_by_side(editor):
    """An editor compares two revisions in the admin and sees the changed words marked."""
    article = ReadyArticleFactory(
        status=Article.Status.IN_REVIEW, body="<p>Có 120 hộ tham gia.</p>"
    )
    revisions.record(article, user=editor)
    article.body = "<p>Có 150 hộ tham gia.</p>"
    article.save()
    revisions.record(article, user=editor)
    url = reverse("admin:articles_article_compare", args=[article.pk])
    page = client_for(editor).get(url, {"a": 1, "b": 2}).content.decode()
    assert "<del>120</del>" in page
    assert "<ins>150</ins>" in page
    listing = client_for(editor).get(reverse("admin:articles_article_revisions", args=[article.pk]))
    assert listing.status_code == 200
    bad = client_for(editor).get(url, {"a": "x"})
    assert bad.status_code == 302


def test_restore_brings_back_old_content_as_a_new_revision(editor):
    """Restoring revision 1 writes its text and byline back and adds revision 3; nothing is lost."""
    article = ReadyArticleFactory(status=Article.Status.IN_REVIEW, title="Tiêu đề ban đầu của bài")
    original_authors = article.byline
    revisions.record(article, user=editor)
    article.title = "Tiêu đề đã bị sửa sai"
    article.save()
    article.set_byline([AuthorFactory()])
    article.organisations.add(OrganisationFactory())
    revisions.record(article, user=editor)
    url = reverse("admin:articles_article_restore", args=[article.pk, 1])
    response = client_for(editor).post(url, {"confirm": "yes"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề ban đầu của bài"
    assert article.byline == original_authors
    assert article.organisations.count() == 1
    assert list(article.revisions.values_list("number", flat=True)) == [3, 2, 1]
    assert article.revisions.first().reason == "Khôi phục từ phiên bản 1"


def test_restore_is_refused_to_who_may_not_edit(roles):
    """A journalist cannot restore an old version of a published article (403), even by GET."""
    journalist = user_in_role(JOURNALIST, "phongvien")
    article = ReadyArticleFactory(live=True, created_by=journalist)
    revisions.record(article, user=journalist)
    url = reverse("admin:articles_article_restore", args=[article.pk, 1])
    client = client_for(journalist)
    assert client.get(url).status_code == 403
    assert client.post(url, {"confirm": "yes"}).status_code == 403
