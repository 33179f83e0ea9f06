"""The editorial desk (issue 15): addresses, the caption checklist, revisions, restore, names."""

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from articles import revisions, workflow
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


# --- read-only body, names and dates -------------------------------------------------------


def test_submitted_article_shows_its_body_as_text_to_the_journalist(people):
    """After submitting, the journalist's read-only page shows the body's words, not its HTML."""
    article = ReadyArticleFactory(
        created_by=people["journalist"],
        status=Status.IN_REVIEW,
        body="<p>Hơn <strong>80 hội viên</strong> ra quân.</p>",
    )
    page = client_for(people["journalist"]).get(change_url(article)).content.decode()
    assert (
        '<div class="readonly-body"><p>Hơn <strong>80 hội viên</strong> ra quân.</p></div>' in page
    )
    assert "&lt;p&gt;Hơn" not in page


def test_edit_page_names_the_creator_and_dates_in_vietnamese_format(people):
    """The creator is shown by full name, and admin dates read dd/mm/yyyy HH:MM."""
    article = ReadyArticleFactory(created_by=people["journalist"])
    page = client_for(people["chief"]).get(change_url(article)).content.decode()
    assert "Phạm Thu Hà" in page
    assert ">phongvien<" not in page
    local = timezone.localtime(article.created_at).strftime("%d/%m/%Y %H:%M")
    assert local in page
    assert " năm " not in page


# --- revisions -----------------------------------------------------------------------------


def test_a_pass_through_the_workflow_leaves_one_revision_per_step(people):
    """Create, submit, return, submit, approve, publish: six revisions, named by what happened."""
    journalist, editor, chief = people["journalist"], people["editor"], people["chief"]
    article = ReadyArticleFactory(created_by=journalist)
    article.revisions.all().delete()
    steps = [
        (journalist, "submit", ""),
        (editor, "return", "Ghi rõ địa chỉ"),
        (journalist, "submit", ""),
        (editor, "approve", ""),
        (chief, "publish", ""),
    ]
    for actor, action, comment in steps:
        article.refresh_from_db()
        response = client_for(actor).post(
            change_url(article),
            form_data(article, _transition=action, transition_comment=comment),
        )
        assert response.status_code == 302, action
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    reasons = list(article.revisions.order_by("number").values_list("reason", flat=True))
    assert reasons == ["Gửi duyệt", "Trả lại: Ghi rõ địa chỉ", "Gửi duyệt", "Duyệt", "Xuất bản"]


def test_a_refused_transition_still_records_the_save(people):
    """Text saved with a transition the checklist refuses is kept as a "Lưu" revision."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW, lead="")
    before = article.revisions.count()
    client_for(people["editor"]).post(
        change_url(article), form_data(article, title="Tiêu đề đã sửa", _transition="approve")
    )
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert article.title == "Tiêu đề đã sửa"
    assert article.revisions.count() == before + 1
    assert article.revisions.first().reason == "Lưu"


# --- restoring a published article ---------------------------------------------------------


def _published_with_two_revisions(people):
    article = ReadyArticleFactory(created_by=people["journalist"], status=Status.APPROVED)
    revisions.record(article, user=people["journalist"], reason="Lưu")
    article.title = "Tiêu đề đang xuất bản trên trang công khai"
    article.save()
    revisions.record(article, user=people["editor"], reason="Lưu")
    workflow.perform(article=article, action=Action.PUBLISH, actor=people["chief"])
    return article


def test_restoring_a_published_article_asks_first_and_makes_a_pending_draft(people):
    """Restore of a published article asks first; confirmed, it makes a draft of the restored
    version (Wagtail's rule) and the live article, the public page, stays as it was."""
    article = _published_with_two_revisions(people)
    first = article.revisions.order_by("number").first()
    url = reverse("admin:articles_article_restore", args=[article.pk, first.number])
    client = client_for(people["chief"])
    page = client.get(url).content.decode()
    assert "Khôi phục không đổi trang bạn đọc đang xem" in page
    assert client.post(url).status_code == 200  # no confirm: the question again
    article.refresh_from_db()
    assert article.title == "Tiêu đề đang xuất bản trên trang công khai"
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Tiêu đề đang xuất bản trên trang công khai"
    assert article.status == Status.PUBLISHED and article.pending_status == Status.DRAFT
    assert article.pending_revision.content["title"] == first.content["title"]
    assert LogEntry.objects.filter(
        object_id=str(article.pk), change_message__startswith="Khôi phục phiên bản"
    ).exists()
    public = client.get(article.get_absolute_url()).content.decode()
    assert "Tiêu đề đang xuất bản trên trang công khai" in public


def test_only_the_editor_in_chief_restores_a_published_article(people):
    """An editor's confirmed restore of a published article is refused (403), nothing changes."""
    article = _published_with_two_revisions(people)
    url = reverse("admin:articles_article_restore", args=[article.pk, 1])
    assert client_for(people["editor"]).post(url, {"confirm": "yes"}).status_code == 403
    article.refresh_from_db()
    assert article.title == "Tiêu đề đang xuất bản trên trang công khai"


# --- cost ----------------------------------------------------------------------------------


def _edit_page_queries(people, authors: int, *, status=Status.IN_REVIEW, who="editor") -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import AuthorFactory, OrganisationFactory

    owner = people[who] if status == Status.DRAFT else None  # a draft is opened by its writer
    article = ReadyArticleFactory(status=status, created_by=owner)
    article.set_byline([AuthorFactory() for _ in range(authors)])
    for _ in range(authors):
        article.organisations.add(OrganisationFactory())
    client = client_for(people[who])
    client.get(change_url(article))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(change_url(article)).status_code == 200
    return len(captured)


def test_edit_page_queries_are_pinned(people):
    """The edit page's queries: a fixed 29 with one author and organisation, and one more per
    further author (Django's autocomplete box reads its chosen author; organisations cost
    nothing more). Each row's heading used to cost one more."""
    one, six = _edit_page_queries(people, 1), _edit_page_queries(people, 6)
    assert one == EDIT_PAGE_QUERIES
    assert six - one == 5


EDIT_PAGE_QUERIES = 29


def test_a_drafts_edit_page_queries_are_pinned_too(people):
    """The journalist's own draft, with its live checklist and autosave offer: a fixed number
    whatever the byline's length beyond Django's one read per chosen author."""
    one = _edit_page_queries(people, 1, status=Status.DRAFT, who="journalist")
    six = _edit_page_queries(people, 6, status=Status.DRAFT, who="journalist")
    assert one == DRAFT_EDIT_PAGE_QUERIES, one
    assert six - one == 5


DRAFT_EDIT_PAGE_QUERIES = 25
