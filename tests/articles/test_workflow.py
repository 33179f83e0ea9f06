"""The editorial workflow: who may move an article where, what it needs, what it records."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import workflow
from articles.models import Article, Revision, Transition
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.factories import ArticleFactory, ReadyArticleFactory, UserFactory, user_in_role

pytestmark = pytest.mark.django_db

Status = Article.Status
Action = Transition.Action


@pytest.fixture
def people(roles):
    return {
        "owner": user_in_role(JOURNALIST, "phongvien", email="pv@example.org"),
        "other_journalist": user_in_role(JOURNALIST, "phongvien2", email="pv2@example.org"),
        "editor": user_in_role(EDITOR, "bientapvien", email="btv@example.org"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap", email="tbt@example.org"),
        "superuser": UserFactory(username="root", is_superuser=True),
        "no_role": UserFactory(username="khach"),
    }


SOURCE = {
    Action.SUBMIT: Status.DRAFT,
    Action.RETURN: Status.IN_REVIEW,
    Action.APPROVE: Status.IN_REVIEW,
    Action.PUBLISH: Status.APPROVED,
    Action.SCHEDULE: Status.APPROVED,
    Action.UNPUBLISH: Status.PUBLISHED,
}
TARGET = {
    Action.SUBMIT: Status.IN_REVIEW,
    Action.RETURN: Status.DRAFT,
    Action.APPROVE: Status.APPROVED,
    Action.PUBLISH: Status.PUBLISHED,
    Action.SCHEDULE: Status.PUBLISHED,
    Action.UNPUBLISH: Status.DRAFT,
}
ALLOWED = {
    Action.SUBMIT: {"owner", "editor", "chief", "superuser"},
    Action.RETURN: {"editor", "chief", "superuser"},
    Action.APPROVE: {"editor", "chief", "superuser"},
    Action.PUBLISH: {"chief", "superuser"},
    Action.SCHEDULE: {"chief", "superuser"},
    Action.UNPUBLISH: {"chief", "superuser"},
}
ROLES = ["owner", "other_journalist", "editor", "chief", "superuser", "no_role"]


@pytest.mark.parametrize("action", list(SOURCE), ids=str)
@pytest.mark.parametrize("role", ROLES)
def test_role_by_transition_matrix(people, role, action):
    """Each role makes exactly the transitions the workflow grants it; refusals change nothing."""
    published_at = timezone.now() - timedelta(hours=1)
    article = ReadyArticleFactory(
        created_by=people["owner"],
        status=SOURCE[action],
        published_at=published_at if SOURCE[action] == Status.PUBLISHED else None,
    )
    when = timezone.now() + timedelta(days=1) if action == Action.SCHEDULE else None
    actor = people[role]
    if role in ALLOWED[action]:
        transition = workflow.perform(
            article=article, action=action, actor=actor, comment="Cần sửa sapo", published_at=when
        )
        article.refresh_from_db()
        assert article.status == TARGET[action]
        assert (transition.from_status, transition.to_status) == (SOURCE[action], TARGET[action])
        assert transition.actor == actor
        assert Revision.objects.filter(article=article).count() == 1
        assert article.version == 2
    else:
        with pytest.raises(PermissionDenied):
            workflow.perform(
                article=article, action=action, actor=actor, comment="x", published_at=when
            )
        article.refresh_from_db()
        assert article.status == SOURCE[action]
        assert not Transition.objects.exists()
        assert not Revision.objects.exists()
        assert article.version == 1


def test_available_actions_match_the_matrix(people):
    """The buttons offered to each role are the transitions it may make."""
    article = ReadyArticleFactory(created_by=people["owner"], status=Status.APPROVED)
    assert workflow.available_actions(people["owner"], article) == []
    assert workflow.available_actions(people["editor"], article) == []
    assert workflow.available_actions(people["chief"], article) == [Action.PUBLISH, Action.SCHEDULE]


def test_inactive_user_may_do_nothing(people):
    """A deactivated editor-in-chief can no longer publish."""
    chief = people["chief"]
    chief.is_active = False
    chief.save()
    article = ReadyArticleFactory(status=Status.APPROVED)
    with pytest.raises(PermissionDenied):
        workflow.perform(article=article, action=Action.PUBLISH, actor=chief)


def test_return_needs_a_comment(people):
    """Returning an article without saying why is refused with a Vietnamese message."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW)
    with pytest.raises(workflow.WorkflowError) as refusal:
        workflow.perform(article=article, action=Action.RETURN, actor=people["editor"], comment=" ")
    assert "lý do trả lại" in refusal.value.messages[0]
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_return_keeps_the_comment_for_the_author(people):
    """The reason for a return is stored with the transition."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW, created_by=people["owner"])
    workflow.perform(
        article=article, action=Action.RETURN, actor=people["editor"], comment="Thiếu ảnh hội nghị"
    )
    assert article.transitions.get().comment == "Thiếu ảnh hội nghị"


def test_wrong_status_is_refused_with_a_reason(people):
    """Publishing a draft directly is refused: it must be reviewed and approved first."""
    article = ReadyArticleFactory(status=Status.DRAFT)
    with pytest.raises(workflow.WorkflowError) as refusal:
        workflow.perform(article=article, action=Action.PUBLISH, actor=people["chief"])
    assert "Bản nháp" in refusal.value.messages[0]


def test_checklist_lists_every_missing_item(people):
    """Approval of an incomplete article is refused with each missing item named."""
    article = ArticleFactory(status=Status.IN_REVIEW, title="Ngắn", lead="", category=None)
    with pytest.raises(workflow.WorkflowError) as refusal:
        workflow.perform(article=article, action=Action.APPROVE, actor=people["editor"])
    text = " ".join(refusal.value.messages)
    for expected in ("Tiêu đề", "Sapo", "tác giả", "chuyên mục", "ảnh đại diện", "tổ chức"):
        assert expected in text
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_checklist_flags_photo_without_alt_text_and_caption_placeholders(people):
    """A featured photo without alt text and a caption still waiting for its photo are flagged."""
    article = ReadyArticleFactory(
        status=Status.APPROVED,
        body='<p>Đoạn</p><figure class="photo-placeholder"><figcaption>Quang cảnh</figcaption>'
        "</figure>",
    )
    article.featured_photo.alt_text = ""
    article.featured_photo.save()
    problems = workflow.publication_problems(article)
    assert any("mô tả thay thế" in problem for problem in problems)
    assert any("chú thích ảnh chưa có ảnh" in problem for problem in problems)


def test_checklist_is_configurable(people, settings):
    """A newsroom that does not require a featured photo can approve without one."""
    settings.NEWSROOM_CHECKLIST = {**settings.NEWSROOM_CHECKLIST, "require_featured_photo": False}
    article = ReadyArticleFactory(status=Status.IN_REVIEW, featured_photo=None)
    workflow.perform(article=article, action=Action.APPROVE, actor=people["editor"])
    assert article.status == Status.APPROVED


def test_publishing_with_a_future_time_schedules(people):
    """The article appears at the chosen moment, with no job: before, hidden; after, public."""
    moment = timezone.now().replace(microsecond=0) + timedelta(hours=3)
    article = ReadyArticleFactory(status=Status.APPROVED)
    transition = workflow.perform(
        article=article, action=Action.PUBLISH, actor=people["chief"], published_at=moment
    )
    assert transition.action == Action.SCHEDULE
    assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(moment - timedelta(seconds=1)):
        assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(moment + timedelta(seconds=1)):
        assert Article.objects.published().filter(pk=article.pk).exists()


def test_schedule_in_the_past_is_refused(people):
    """Scheduling needs a time still to come."""
    article = ReadyArticleFactory(status=Status.APPROVED)
    with pytest.raises(workflow.WorkflowError):
        workflow.perform(
            article=article,
            action=Action.SCHEDULE,
            actor=people["chief"],
            published_at=timezone.now() - timedelta(minutes=1),
        )


def test_publish_now_and_unpublish(people):
    """Publishing shows the article at once; taking it down hides it and makes it a draft."""
    article = ReadyArticleFactory(status=Status.APPROVED)
    workflow.perform(article=article, action=Action.PUBLISH, actor=people["chief"])
    assert Article.objects.published().filter(pk=article.pk).exists()
    workflow.perform(article=article, action=Action.UNPUBLISH, actor=people["chief"])
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.published_at is None
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_notifications_reach_editors_then_the_author(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    """Editors hear of a submission; the author hears of the return, approval and publication."""
    article = ReadyArticleFactory(created_by=people["owner"])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(article=article, action=Action.SUBMIT, actor=people["owner"])
    assert set(mailoutbox[-1].to) == {"btv@example.org", "tbt@example.org"}
    assert article.title in mailoutbox[-1].subject
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(
            article=article, action=Action.RETURN, actor=people["editor"], comment="Bổ sung số liệu"
        )
    assert mailoutbox[-1].to == ["pv@example.org"]
    assert "Bổ sung số liệu" in mailoutbox[-1].body
    for action, actor in [
        (Action.SUBMIT, "owner"),
        (Action.APPROVE, "editor"),
        (Action.PUBLISH, "chief"),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            workflow.perform(article=article, action=action, actor=people[actor])
    subjects = [message.subject for message in mailoutbox]
    assert any(subject.startswith("Bài đã được duyệt") for subject in subjects)
    assert mailoutbox[-1].subject.startswith("Bài đã xuất bản")
    assert mailoutbox[-1].to == ["pv@example.org"]


def test_no_mail_is_sent_before_the_transaction_commits(people, mailoutbox):
    """Mail waits for the commit, so a rolled-back transition never announces itself."""
    article = ReadyArticleFactory(created_by=people["owner"])
    workflow.perform(article=article, action=Action.SUBMIT, actor=people["owner"])
    assert mailoutbox == []


def test_imported_archive_article_is_published_without_review():
    """An archive import is published at its original time, recorded as an import."""
    article = ArticleFactory()
    moment = timezone.now() - timedelta(days=900)
    transition = workflow.publish_imported(article=article, published_at=moment)
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at == moment
    assert transition.action == Action.IMPORT


def test_editing_rights_follow_the_status(people):
    """A journalist edits only their own drafts; editors anything unpublished; the chief all."""
    own_draft = ArticleFactory(created_by=people["owner"])
    own_review = ArticleFactory(created_by=people["owner"], status=Status.IN_REVIEW)
    published = ArticleFactory(live=True, created_by=people["owner"])
    assert workflow.can_edit(people["owner"], own_draft)
    assert not workflow.can_edit(people["other_journalist"], own_draft)
    assert not workflow.can_edit(people["owner"], own_review)
    assert workflow.can_edit(people["editor"], own_review)
    assert not workflow.can_edit(people["editor"], published)
    assert workflow.can_edit(people["chief"], published)
    assert workflow.can_delete(people["owner"], own_draft)
    assert not workflow.can_delete(people["owner"], published)
    assert not workflow.can_delete(people["editor"], own_draft)
