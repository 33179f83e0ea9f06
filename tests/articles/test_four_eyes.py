"""Four eyes: nobody approves or publishes an article they wrote or whose content they changed
last; the editor-in-chief may when the newsroom says so (``NEWSROOM_FOUR_EYES_CHIEF_EXEMPT``)."""

import pytest
from django.test import Client

from articles import revisions, workflow
from articles.models import Article, Transition
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from demo.loader import load_demo
from tests.factories import (
    AuthorFactory,
    PhotoFactory,
    ReadyArticleFactory,
    UserFactory,
    figure_html,
    user_in_role,
)
from tests.helpers import change_url, client_for, form_data

pytestmark = pytest.mark.django_db
Status = Article.Status
Action = Transition.Action
APPROVE_REFUSED = "Bài này do bạn viết/sửa lần cuối; cần một người khác duyệt."
PUBLISH_REFUSED = "Bài này do bạn viết/sửa lần cuối; cần một người khác xuất bản."


@pytest.fixture
def people(roles):
    return {
        "journalist": user_in_role(JOURNALIST, "phongvien"),
        "editor": user_in_role(EDITOR, "bientapvien"),
        "editor2": user_in_role(EDITOR, "bientapvien2"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap"),
        "root": UserFactory(username="quantri", is_superuser=True),
    }


def written_by(user, status=Status.IN_REVIEW, **extra) -> Article:
    """A ready article ``user`` created and saved, now in ``status``."""
    article = ReadyArticleFactory(created_by=user, status=status, **extra)
    revisions.record(article, user=user, reason="Tạo bài")
    return article


def press(client, article, action, **changes):
    """Press "Lưu và <action>" on the edit page, with ``changes`` typed into the form."""
    article.refresh_from_db()
    response = client.post(
        change_url(article), form_data(article, _transition=action, **changes), follow=True
    )
    article.refresh_from_db()
    return response


def test_an_editor_cannot_approve_the_article_they_wrote(people):
    """The editor who wrote an article sees no approve button, and a crafted approval keeps
    the article waiting, with the reason in Vietnamese."""
    editor = people["editor"]
    article = written_by(editor)
    page = client_for(editor).get(change_url(article)).content.decode()
    assert 'value="approve"' not in page
    assert 'value="return"' in page
    assert APPROVE_REFUSED in page
    response = press(client_for(editor), article, "approve")
    assert article.status == Status.IN_REVIEW
    assert APPROVE_REFUSED in response.content.decode()
    assert not article.transitions.filter(action=Action.APPROVE).exists()
    with pytest.raises(workflow.WorkflowError) as refusal:
        workflow.perform(article=article, action=Action.APPROVE, actor=editor)
    assert refusal.value.messages == [APPROVE_REFUSED]


def test_an_editor_in_the_byline_cannot_approve(people):
    """An editor who signs the article (their byline is linked to their account) is its writer,
    though a journalist created it."""
    editor = people["editor"]
    article = written_by(people["journalist"])
    article.set_byline([AuthorFactory(), AuthorFactory(user=editor)])
    assert not workflow.may(editor, article, Action.APPROVE)
    assert workflow.may(people["editor2"], article, Action.APPROVE)
    with pytest.raises(workflow.WorkflowError):
        workflow.perform(article=article, action=Action.APPROVE, actor=editor)


def test_an_editor_who_corrects_then_presses_approve_keeps_the_correction_only(people):
    """ "Lưu và Duyệt" with a changed title: the correction is saved, the article stays
    waiting for review with the reason, and a second editor approves it."""
    article = written_by(people["journalist"])
    editor = client_for(people["editor"])
    assert 'value="approve"' in editor.get(change_url(article)).content.decode()
    response = press(editor, article, "approve", title="Tiêu đề do biên tập viên sửa lại cho gọn")
    page = response.content.decode()
    assert article.title == "Tiêu đề do biên tập viên sửa lại cho gọn"
    assert article.status == Status.IN_REVIEW
    assert "Đã lưu bài, nhưng chưa chuyển trạng thái" in page
    assert APPROVE_REFUSED in page
    assert revisions.last_editor_id(article) == people["editor"].pk
    assert 'value="approve"' not in editor.get(change_url(article)).content.decode()
    press(client_for(people["editor2"]), article, "approve")
    assert article.status == Status.APPROVED
    assert article.transitions.get(action=Action.APPROVE).actor == people["editor2"]


def test_pressing_approve_without_changing_anything_approves(people):
    """An editor who only reads and approves is not counted as an editor of the text, even
    when the browser's editor sends the body back spaced and quoted differently."""
    photo = PhotoFactory()
    article = written_by(
        people["journalist"], body=f"<p>Đoạn một&nbsp;về HĐND.</p>{figure_html(photo, 'Ảnh')}"
    )
    assert f'data-photo-id="{photo.pk}"' in article.body
    reformatted = (
        "<p>Đoạn một\u00a0về HĐND.</p>\n\n\t<figure>\n\t<img "
        f'alt="{photo.alt_text}" data-photo-id="{photo.pk}" height="{photo.height}" '
        f'src="{photo.image.url}" width="{photo.width}" />\n\t<figcaption>Ảnh</figcaption>'
        "\n</figure>\n"
    )
    stored = article.body
    response = press(client_for(people["editor"]), article, "approve", body=reformatted)
    assert "errorlist" not in response.content.decode()
    assert article.body != stored  # the same content, written differently
    assert article.status == Status.APPROVED
    assert revisions.last_editor_id(article) is None


def test_the_writer_fixing_after_a_correction_lets_the_editor_approve_again(people):
    """The editor corrects and returns the article; the journalist fixes it and resubmits:
    the journalist saved last, so the editor may approve."""
    article = written_by(people["journalist"])
    editor, journalist = client_for(people["editor"]), client_for(people["journalist"])
    press(editor, article, "return", title="Tiêu đề biên tập lại", transition_comment="Sửa sapo")
    assert article.status == Status.DRAFT
    press(journalist, article, "submit", lead=article.lead + " Thêm địa điểm tổ chức.")
    assert revisions.last_editor_id(article) == people["journalist"].pk
    press(editor, article, "approve")
    assert article.status == Status.APPROVED


def test_the_chief_cannot_publish_what_they_last_changed(people):
    """The editor-in-chief who changes an approved article's lead and presses "Lưu và Xuất
    bản" has the change saved and the publication left to another publisher."""
    article = written_by(people["journalist"], status=Status.APPROVED)
    chief = client_for(people["chief"])
    response = press(chief, article, "publish", lead=article.lead + " Đã kiểm tra số liệu.")
    assert article.lead.endswith("Đã kiểm tra số liệu.")
    assert article.status == Status.APPROVED
    assert PUBLISH_REFUSED in response.content.decode()
    page = chief.get(change_url(article)).content.decode()
    assert 'value="publish"' not in page
    assert PUBLISH_REFUSED in page
    press(client_for(people["root"]), article, "publish")
    assert article.status == Status.PUBLISHED


def test_nobody_approves_or_publishes_their_own_article(people):
    """Whoever wrote the article is refused at each step, the superuser too, and approval by
    one person then publication by the chief goes through."""
    for writer, action, status in [
        ("chief", Action.APPROVE, Status.IN_REVIEW),
        ("chief", Action.PUBLISH, Status.APPROVED),
        ("chief", Action.SCHEDULE, Status.APPROVED),
        ("root", Action.PUBLISH, Status.APPROVED),
    ]:
        article = written_by(people[writer], status=status)
        assert action not in workflow.available_actions(people[writer], article)
        with pytest.raises(workflow.WorkflowError):
            workflow.perform(article=article, action=action, actor=people[writer])
    article = written_by(people["chief"])
    workflow.perform(article=article, action=Action.APPROVE, actor=people["editor"])
    workflow.perform(article=article, action=Action.PUBLISH, actor=people["root"])
    assert article.status == Status.PUBLISHED


def test_the_chief_may_when_the_newsroom_exempts_them(people, settings):
    """With NEWSROOM_FOUR_EYES_CHIEF_EXEMPT on, the editor-in-chief approves and publishes their
    own article; an editor still may not approve theirs."""
    settings.NEWSROOM_FOUR_EYES_CHIEF_EXEMPT = True
    article = written_by(people["chief"])
    workflow.perform(article=article, action=Action.APPROVE, actor=people["chief"])
    workflow.perform(article=article, action=Action.PUBLISH, actor=people["chief"])
    assert article.status == Status.PUBLISHED
    assert not workflow.may(people["editor"], written_by(people["editor"]), Action.APPROVE)


def test_the_rule_can_be_turned_off(people, settings):
    """With NEWSROOM_FOUR_EYES off, an editor approves the article they wrote."""
    settings.NEWSROOM_FOUR_EYES = False
    article = written_by(people["editor"])
    assert "approve" in client_for(people["editor"]).get(change_url(article)).content.decode()
    press(client_for(people["editor"]), article, "approve", title="Tiêu đề sửa rồi duyệt luôn")
    assert article.status == Status.APPROVED


def test_the_writer_may_still_submit_and_an_editor_return(people):
    """Four eyes governs approval and publication only: submitting and returning are unchanged."""
    editor = people["editor"]
    article = written_by(editor, status=Status.DRAFT)
    workflow.perform(article=article, action=Action.SUBMIT, actor=editor)
    workflow.perform(article=article, action=Action.RETURN, actor=editor, comment="Viết lại")
    assert article.status == Status.DRAFT


def test_the_demo_was_approved_and_published_by_other_people(settings):
    """Every demo article went through review by someone other than its writer, and the
    published ones are on the home page."""
    load_demo()
    moves = Transition.objects.filter(action__in=[Action.APPROVE, Action.PUBLISH])
    assert moves.exists()
    for move in moves.select_related("article", "actor"):
        assert not workflow.is_owner(move.actor, move.article), move
    assert Article.objects.published().exists()
    assert Client().get("/").status_code == 200
