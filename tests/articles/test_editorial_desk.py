"""The editorial desk (issue 15): addresses, the caption checklist, revisions, restore, names."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Article, Transition
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.factories import ReadyArticleFactory, user_in_role
from tests.helpers import change_url, client_for, form_data

pytestmark = pytest.mark.django_db
Status = Article.Status
Action = Transition.Action

# What CKEditor sends back for the importer's caption placeholder: it drops the class.
EDITOR_PLACEHOLDER = "<p>Mở đầu.</p><figure><figcaption>Quang cảnh buổi lễ</figcaption></figure>"


@pytest.fixture
def people(roles):
    return {
        "journalist": user_in_role(JOURNALIST, "phongvien", first_name="Phạm Thu Hà"),
        "editor": user_in_role(EDITOR, "bientapvien", first_name="Nguyễn Hoàng Nam"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap", first_name="Trần Quang Huy"),
    }


# --- addresses -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "admin:articles_article_add",
        "admin:articles_organisation_add",
        "admin:articles_author_add",
        "admin:articles_category_add",
        "admin:articles_tag_add",
    ],
)
def test_add_pages_load_no_urlify_script(people, url):
    """No add page loads Django's URLify, which garbles Vietnamese (đ→dj, letters dropped)."""
    response = client_for(people["chief"]).get(reverse(url))
    assert response.status_code == 200
    # Django loads urlify.js on every admin form; it only acts on the fields listed here.
    assert b"data-prepopulated-fields" in response.content
    assert b"dependency_ids" not in response.content


def test_article_saved_without_slug_gets_the_vietnamese_address(people):
    """An article saved with the address left empty gets it folded as the public site does."""
    article = ReadyArticleFactory(created_by=people["journalist"])
    title = "Hội LHPN phường Trần Phú ra mắt câu lạc bộ Đoàn viên khởi nghiệp"
    response = client_for(people["journalist"]).post(
        change_url(article), form_data(article, title=title, slug="")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.slug == "hoi-lhpn-phuong-tran-phu-ra-mat-cau-lac-bo-doan-vien-khoi-nghiep"


# --- a caption waiting for its photo -------------------------------------------------------


def test_body_saved_through_the_editor_keeps_the_placeholder_marker(people):
    """A caption without a photo, as CKEditor saves it, is stored marked as a placeholder."""
    article = ReadyArticleFactory(created_by=people["journalist"])
    client_for(people["journalist"]).post(
        change_url(article), form_data(article, body=EDITOR_PLACEHOLDER)
    )
    article.refresh_from_db()
    assert '<figure class="photo-placeholder"><figcaption>Quang cảnh buổi lễ' in article.body


def test_checklist_flags_any_caption_without_a_photo_whatever_its_class(people):
    """A figure with a caption and no image is flagged even when stored without the marker."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW)
    for body in (
        EDITOR_PLACEHOLDER,
        '<figure class="image"><figcaption>Quang cảnh</figcaption></figure>',
        "<figure>\n<figcaption>\nQuang cảnh\n</figcaption>\n</figure>",
    ):
        Article.objects.filter(pk=article.pk).update(body=body)  # as stored, no re-marking
        article.refresh_from_db()
        problems = workflow.publication_problems(article)
        assert any("chú thích ảnh chưa có ảnh" in problem for problem in problems), body


def test_editor_cannot_approve_after_the_editor_dropped_the_marker(people):
    """The bypass: the editor saves the imported caption unmarked, approval is still refused."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW)
    client = client_for(people["editor"])
    client.post(
        change_url(article),
        form_data(article, body=EDITOR_PLACEHOLDER, _transition="approve"),
    )
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    Article.objects.filter(pk=article.pk).update(body=EDITOR_PLACEHOLDER)
    article.refresh_from_db()
    with pytest.raises(workflow.WorkflowError):
        workflow.perform(article=article, action=Action.APPROVE, actor=people["editor"])


def test_a_figure_with_its_photo_or_without_caption_is_not_flagged(people):
    """A captioned photo and an empty figure are not captions waiting for a photo."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW)
    Article.objects.filter(pk=article.pk).update(
        body='<figure class="image"><img src="/m/a.jpg" alt="a"><figcaption>Ảnh</figcaption>'
        "</figure><figure><figcaption> </figcaption></figure>"
    )
    article.refresh_from_db()
    assert not any("chú thích" in p for p in workflow.publication_problems(article))
