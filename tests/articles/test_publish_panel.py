"""The edit page's publish panel (issue 15): the live checklist, autosave and recovery, a
published article's pending version, and mentions in the discussion."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, Autosave, Revision, Transition
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.factories import ArticleFactory, ReadyArticleFactory, user_in_role
from tests.helpers import change_url, client_for, form_data

pytestmark = pytest.mark.django_db
Status = Article.Status
Action = Transition.Action


@pytest.fixture
def people(roles):
    return {
        "journalist": user_in_role(JOURNALIST, "phongvien", first_name="Phạm Thu Hà"),
        "colleague": user_in_role(JOURNALIST, "phongvien2", first_name="Lê Văn Bình"),
        "editor": user_in_role(EDITOR, "bientapvien", first_name="Nguyễn Hoàng Nam"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap", first_name="Trần Quang Huy"),
    }


def _panel(page: str) -> dict:
    """The publish panel's data attributes, as the page's script reads them."""
    tag = re.search(r'<aside class="publish-panel"[^>]*>', page, re.S).group(0)
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', tag))


# --- the panel ------------------------------------------------------------------------------


def test_one_save_button_and_no_stock_submit_row(people):
    """The edit page has one "Lưu" and the workflow actions in the panel, not Django's row."""
    article = ArticleFactory(created_by=people["journalist"])
    page = client_for(people["journalist"]).get(change_url(article)).content.decode()
    assert 'class="publish-panel"' in page
    assert 'name="_continue"' in page and ">Lưu</button>" in page
    assert 'name="_save"' not in page and 'name="_addanother"' not in page
    assert 'form="article_form" name="_transition" value="submit"' in page


# --- the live checklist ----------------------------------------------------------------------


def test_checklist_of_the_unsaved_form_is_the_servers_checklist(people):
    """The panel's checklist of the typed form is what the workflow would refuse, word for word."""
    article = ReadyArticleFactory(created_by=people["journalist"])
    client = client_for(people["journalist"])
    url = reverse("admin:articles_article_checklist", args=[article.pk])
    typed = form_data(article, title="Ngắn", lead="")
    problems = client.post(url, typed).json()["problems"]
    article.title, article.lead = "Ngắn", ""
    assert problems == workflow.publication_problems(article)
    assert len(problems) == 2
    assert client.post(url, form_data(article.__class__.objects.get(pk=article.pk))).json() == {
        "problems": []
    }
    article.refresh_from_db()
    assert article.title != "Ngắn"  # nothing saved


def test_checklist_counts_removed_bylines_and_a_caption_without_photo(people):
    """Removing the last author or typing a caption with no photo shows up before any save."""
    article = ReadyArticleFactory(created_by=people["journalist"])
    url = reverse("admin:articles_article_checklist", args=[article.pk])
    data = form_data(article, body="<figure><figcaption>Quang cảnh</figcaption></figure>")
    data["bylines-0-DELETE"] = "on"
    problems = client_for(people["journalist"]).post(url, data).json()["problems"]
    assert problems == ["Bài viết chưa có tác giả.", "Nội dung còn chú thích ảnh chưa có ảnh."]


def test_checklist_of_another_journalists_article_is_not_found(people):
    article = ArticleFactory(created_by=people["journalist"])
    url = reverse("admin:articles_article_checklist", args=[article.pk])
    assert client_for(people["colleague"]).post(url, {}).status_code == 404
    assert client_for(people["journalist"]).get(url).status_code == 405


# --- autosave --------------------------------------------------------------------------------


def _autosave(client, url, ticket, **fields):
    body = {
        "ticket": ticket,
        "fields": {"title": "", "slug": "", "lead": "", "body": "", "source": "", **fields},
    }
    return client.post(url, json.dumps(body), content_type="application/json")


def test_autosave_keeps_one_row_no_revision_and_few_queries(people):
    """Each autosave overwrites the writer's one row, records no revision, costs ≤ 4 queries."""
    article = ArticleFactory(created_by=people["journalist"])
    client = client_for(people["journalist"])
    panel = _panel(client.get(change_url(article)).content.decode())
    revisions_before = Revision.objects.count()
    assert _autosave(
        client, panel["autosave-url"], panel["autosave-ticket"], title="Một"
    ).json() == {"saved": True}
    with CaptureQueriesContext(connection) as captured:
        response = _autosave(
            client, panel["autosave-url"], panel["autosave-ticket"], title="Một hai"
        )
    assert response.json() == {"saved": True}
    assert len(captured) <= 4, [q["sql"] for q in captured]
    assert Revision.objects.count() == revisions_before
    assert list(Autosave.objects.values_list("content__title", flat=True)) == ["Một hai"]


def test_recovery_offers_the_typed_text_with_a_diff_only_to_its_writer(people):
    """Reopening the page offers what was typed, with a word diff; nobody else sees it."""
    article = ArticleFactory(created_by=people["journalist"], title="Hội Nông dân ra quân")
    client = client_for(people["journalist"])
    panel = _panel(client.get(change_url(article)).content.decode())
    _autosave(
        client,
        panel["autosave-url"],
        panel["autosave-ticket"],
        title="Hội Nông dân ra quân làm đường",
        slug=article.slug,
        lead=article.lead,
        body=article.body,
        source=article.source,
    )
    offer = client.get(panel["autosave-url"]).json()
    assert offer["found"] and offer["fields"]["title"] == "Hội Nông dân ra quân làm đường"
    assert [row["label"] for row in offer["diff"]] == ["Tiêu đề"]
    assert "<ins> làm đường</ins>" in offer["diff"][0]["new"]
    assert client_for(people["editor"]).get(panel["autosave-url"]).json() == {"found": False}
    # A ticket is its writer's: another account cannot write under it.
    refused = _autosave(
        client_for(people["editor"]), panel["autosave-url"], panel["autosave-ticket"]
    )
    assert refused.status_code == 403
    Autosave.objects.update(saved_at=timezone.now() - timedelta(days=30))
    assert client.get(panel["autosave-url"]).json() == {"found": False}  # expired


def test_saving_the_form_drops_the_autosave(people):
    article = ArticleFactory(created_by=people["journalist"])
    client = client_for(people["journalist"])
    panel = _panel(client.get(change_url(article)).content.decode())
    _autosave(client, panel["autosave-url"], panel["autosave-ticket"], title="Đang gõ dở")
    client.post(change_url(article), form_data(article, title="Hội Nông dân ra quân đầu năm"))
    assert not Autosave.objects.exists()


def test_only_who_may_edit_may_autosave(people):
    """Once submitted, the journalist may no longer edit, so may not autosave (403, Vietnamese)."""
    article = ReadyArticleFactory(created_by=people["journalist"])
    client = client_for(people["journalist"])
    panel = _panel(client.get(change_url(article)).content.decode())
    workflow.perform(article=article, action=Action.SUBMIT, actor=people["journalist"])
    response = _autosave(client, panel["autosave-url"], panel["autosave-ticket"], title="Sửa")
    assert response.status_code == 403
    assert "chuyển trạng thái" in response.json()["error"]
    assert _autosave(client, panel["autosave-url"], "giả mạo").status_code == 403
    bad = client.post(panel["autosave-url"], "{", content_type="application/json")
    assert bad.status_code == 400
    assert not Autosave.objects.exists()


def test_the_add_page_autosaves_a_new_article_and_offers_it_again(people):
    """Typing in a new article, the tab closes: the add page opened again offers the text."""
    client = client_for(people["journalist"])
    add = reverse("admin:articles_article_add")
    panel = _panel(client.get(add).content.decode())
    assert panel["autosave-key"].startswith("new-")
    _autosave(client, panel["autosave-url"], panel["autosave-ticket"], title="Đoàn viên phường")
    again = _panel(client.get(add).content.decode())
    assert again["autosave-key"] != panel["autosave-key"]
    offer = client.get(again["autosave-url"]).json()
    assert offer["fields"]["title"] == "Đoàn viên phường"
    drop = client.post(again["autosave-drop-url"], {"key": offer["key"]})
    assert drop.json() == {"dropped": True}
    assert client.get(again["autosave-url"]).json() == {"found": False}


# --- a published article's pending version --------------------------------------------------------


def _published(people) -> Article:
    article = ReadyArticleFactory(
        created_by=people["journalist"], title="Bản đang xuất bản ở trang"
    )
    workflow.publish_imported(article=article, published_at=timezone.now() - timedelta(hours=1))
    return article


def test_a_pending_version_goes_through_the_workflow_while_the_public_reads_the_old(people):
    """An editor reworks a published article; submit, approve, publish; the public page changes
    only at the publish."""
    article = _published(people)
    editor, chief = client_for(people["editor"]), client_for(people["chief"])
    new_version = reverse("admin:articles_article_new_version", args=[article.pk])
    assert editor.post(new_version).status_code == 302
    article.refresh_from_db()
    assert article.pending_status == Status.DRAFT
    page = editor.get(change_url(article)).content.decode()
    assert "phiên bản cập nhật" in page
    edited = form_data(article, title="Bản cập nhật với số liệu mới nhất")
    for key in [k for k in edited if k.startswith("bylines-")]:
        del edited[key]
    edited.update(
        {
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
            "bylines-0-author": article.bylines.get().author_id,
            "bylines-0-position": "1",
            "_transition": "submit",
        }
    )
    response = editor.post(change_url(article), edited)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản đang xuất bản ở trang"
    assert article.pending_status == Status.IN_REVIEW
    assert article.pending_revision.content["title"] == "Bản cập nhật với số liệu mới nhất"
    public = chief.get(article.get_absolute_url()).content.decode()
    assert "Bản đang xuất bản ở trang" in public
    workflow.perform(article=article, action=Action.APPROVE, actor=people["chief"])
    assert workflow.available_actions(people["chief"], article) == [
        Action.PUBLISH,
        Action.SCHEDULE,  # at a time to come (issue 19): tests/articles/test_living_stories.py
        Action.UNPUBLISH,
    ]
    published_at = article.published_at
    workflow.perform(article=article, action=Action.PUBLISH, actor=people["chief"])
    article.refresh_from_db()
    assert article.title == "Bản cập nhật với số liệu mới nhất"
    assert not article.has_pending_version and article.published_at == published_at
    assert (
        "Bản cập nhật với số liệu mới nhất"
        in chief.get(article.get_absolute_url()).content.decode()
    )


def test_the_live_article_can_be_taken_down_while_a_version_waits(people):
    """Taking down the live article meanwhile makes the waiting version its draft."""
    article = _published(people)
    client_for(people["editor"]).post(
        reverse("admin:articles_article_new_version", args=[article.pk])
    )
    article.refresh_from_db()
    assert Action.UNPUBLISH in workflow.available_actions(people["chief"], article)
    workflow.perform(article=article, action=Action.UNPUBLISH, actor=people["chief"])
    article.refresh_from_db()
    assert article.status == Status.DRAFT and not article.has_pending_version


def test_a_pending_version_is_checked_not_the_live_row(people):
    """Approving checks the pending version: a version without a lead is refused."""
    article = _published(people)
    from articles import pending, revisions

    content = {**revisions.snapshot(article), "lead": ""}
    pending.start(article=article, content=content, user=people["editor"], reason="Thử")
    workflow.perform(article=article, action=Action.SUBMIT, actor=people["editor"])
    with pytest.raises(workflow.WorkflowError) as refused:
        workflow.perform(article=article, action=Action.APPROVE, actor=people["chief"])
    assert any("Sapo" in reason for reason in refused.value.messages)


# --- the discussion ------------------------------------------------------------------------------


def test_a_mention_emails_the_person_named_with_the_article_and_its_link(
    people, django_capture_on_commit_callbacks
):
    """ "@bientapvien" or "@Trần Quang Huy" in a note e-mails them the title and the edit link."""
    article = ArticleFactory(created_by=people["journalist"], title="Hội CCB thăm hỏi gia đình")
    url = reverse("admin:articles_article_note", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people["journalist"]).post(
            url, {"text": "@bientapvien và @Trần Quang Huy xem giúp đoạn hai"}
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["bientapvien@example.org", "tongbientap@example.org"]
    assert "Hội CCB thăm hỏi gia đình" in message.subject
    assert change_url(article) in message.body


def test_mentioning_someone_who_cannot_see_the_article_sends_nothing(
    people, django_capture_on_commit_callbacks
):
    """Another journalist mentioned in a draft's note gets no e-mail: the title stays private."""
    article = ArticleFactory(created_by=people["journalist"], title="Tin riêng chưa xuất bản")
    url = reverse("admin:articles_article_note", args=[article.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people["journalist"]).post(url, {"text": "@phongvien2 xem bài này"})
    assert mail.outbox == []


def test_a_return_comment_with_a_mention_notifies(people, django_capture_on_commit_callbacks):
    """The note given with a workflow action mentions too."""
    article = ReadyArticleFactory(created_by=people["journalist"], status=Status.IN_REVIEW)
    data = form_data(
        article, _transition="return", transition_comment="@tongbientap xem lại số liệu"
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for(people["editor"]).post(change_url(article), data)
    subjects = [m.subject for m in mail.outbox]
    assert any("nhắc đến bạn" in s for s in subjects), subjects


def test_an_autosave_posted_as_a_form_is_refused_calmly(client, roles):
    """A crafted form POST to the autosave address (not JSON, so no ticket) is refused with a
    Vietnamese message, not a server error (the body was already read as a form)."""
    client.force_login(user_in_role(JOURNALIST, "pv-form"))
    response = client.post("/admin/articles/article/autosave/", {"fields": "x"})
    assert response.status_code == 403
    assert "tải lại trang" in response.json()["error"]
    assert response.json()["saved"] is False


def test_a_ticket_writes_only_at_its_own_articles_address(people):
    """The ticket of one article posted to another article's autosave address is refused."""
    mine = ArticleFactory(created_by=people["journalist"])
    other = ArticleFactory(created_by=people["journalist"])
    client = client_for(people["journalist"])
    panel = _panel(client.get(change_url(mine)).content.decode())
    elsewhere = reverse("admin:articles_article_autosave", args=[other.pk])
    assert _autosave(client, elsewhere, panel["autosave-ticket"], title="Lạc").status_code == 403
    assert not Autosave.objects.exists()
