"""Updating a published story safely (issue 19, item 3): an update published at a scheduled
time without cron, previews of the update, and dropping it."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import pending, preview_links, revisions, selectors, workflow
from articles.models import Article, RenderedArticle, Transition
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.factories import ReadyArticleFactory, user_in_role
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
Status = Article.Status
Action = Transition.Action
OLD = "Hội LHPN phường ra mắt câu lạc bộ khởi nghiệp"
NEW = "Câu lạc bộ khởi nghiệp đón thêm hai mươi thành viên nhiễm mặn"


@pytest.fixture
def people(roles):
    return {
        "journalist": user_in_role(JOURNALIST, "phongvien", first_name="Phạm Thu Hà"),
        "editor": user_in_role(EDITOR, "bientapvien", first_name="Nguyễn Hoàng Nam"),
        "editor2": user_in_role(EDITOR, "bientapvien2", first_name="Lê Văn Bình"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap", first_name="Trần Quang Huy"),
    }


def _published(people) -> Article:
    article = ReadyArticleFactory(created_by=people["journalist"], title=OLD)
    workflow.publish_imported(article=article, published_at=timezone.now() - timedelta(hours=1))
    return article


def _approved_update(people, title: str = NEW) -> Article:
    """A published article whose update the editor wrote and the chief approved."""
    article = _published(people)
    content = revisions.snapshot(article) | {"title": title}
    pending.start(article=article, content=content, user=people["editor"], reason="Cập nhật")
    workflow.perform(article=article, action=Action.SUBMIT, actor=people["editor"])
    workflow.perform(article=article, action=Action.APPROVE, actor=people["chief"])
    return article


def _scheduled_update(people, when) -> Article:
    article = _approved_update(people)
    workflow.perform(
        article=article, action=Action.PUBLISH, actor=people["chief"], published_at=when
    )
    return article


def _json_ld(page: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def _title_of(page: str) -> str:
    return re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)


# --- Publishing an update at a scheduled time --------------------------------------------------


def test_a_scheduled_update_replaces_the_public_version_at_its_second(people, client):
    """The chief schedules an approved update: the public page, its JSON-LD, the lists and the
    search show the old version until the very second, then the update, with no cron job."""
    when = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    article = _scheduled_update(people, when)
    article.refresh_from_db()
    published_at = article.published_at
    assert article.has_scheduled_update and article.pending_publish_at == when
    assert article.title == OLD
    assert selectors.next_publication_time() == when.timestamp()

    url = article.get_absolute_url()
    with time_machine.travel(when - timedelta(seconds=1), tick=False):
        page = client.get(url).content.decode()
        assert _title_of(page) == OLD
        modified_before = _json_ld(page)["dateModified"]
        assert OLD in client.get("/tin-moi/").content.decode()
        assert NEW not in client.get("/tim-kiem/?q=nhiem+man").content.decode()
    with time_machine.travel(when, tick=False):
        page = client.get(url).content.decode()
        assert _title_of(page) == NEW
        assert _json_ld(page)["dateModified"] != modified_before
        assert NEW in client.get("/tin-moi/").content.decode()
        assert article.get_absolute_url() in client.get("/tim-kiem/?q=nhiem+man").content.decode()
    article.refresh_from_db()
    assert article.title == NEW and not article.has_pending_version
    assert article.published_at == published_at  # the first publication time stays
    stored = RenderedArticle.objects.get(article=article)
    assert NEW in stored.article_html and OLD not in stored.article_html
    assert article.revisions.first().reason == "Phiên bản cập nhật lên trang theo lịch"
    assert article.revisions.first().created_by == people["chief"]


def test_the_update_is_applied_with_the_page_cache_off_and_for_a_signed_in_reader(people, settings):
    """Without the page cache (a CDN in front) or for a signed-in reader, the first request
    after the time still publishes the update."""
    settings.NEWSROOM_PAGE_CACHE = False
    when = timezone.now() + timedelta(minutes=30)
    article = _scheduled_update(people, when)
    reader = client_for(people["journalist"])
    with time_machine.travel(when - timedelta(seconds=1), tick=False):
        assert _title_of(reader.get(article.get_absolute_url()).content.decode()) == OLD
    with time_machine.travel(when + timedelta(seconds=1), tick=False):
        assert _title_of(reader.get(article.get_absolute_url()).content.decode()) == NEW


def test_a_cached_page_is_not_served_past_the_updates_time(people, client):
    """A page the cache kept before the time is not served after it: the generation ends at
    the update's second."""
    when = timezone.now() + timedelta(minutes=10)
    article = _scheduled_update(people, when)
    with time_machine.travel(when - timedelta(seconds=2), tick=False):
        first = client.get("/")
        assert OLD in first.content.decode()
    with time_machine.travel(when - timedelta(seconds=1), tick=False):
        assert OLD in client.get("/").content.decode()  # kept, still right
    with time_machine.travel(when, tick=False):
        assert NEW in client.get("/").content.decode()
    assert Article.objects.get(pk=article.pk).title == NEW


def test_publishing_the_due_update_twice_publishes_it_once(people):
    """Two requests at the same second: one publishes, the other finds nothing due."""
    when = timezone.now() + timedelta(minutes=5)
    article = _scheduled_update(people, when)
    count = article.revisions.count()
    with time_machine.travel(when, tick=False):
        assert pending.publish_due() == 1
        assert pending.publish_due() == 0
    assert article.revisions.count() == count + 1


def test_the_public_version_is_unchanged_while_the_update_goes_through_review(people, client):
    """Starting, submitting, approving and scheduling the update change nothing public: not
    the page, not its dateModified, not the search."""
    article = _published(people)
    url = article.get_absolute_url()
    before = client.get(url).content.decode()
    content = revisions.snapshot(article) | {
        "title": NEW,
        "lead": "Sapo mới hoàn toàn khác: câu lạc bộ có thêm hai mươi thành viên.",
    }
    pending.start(article=article, content=content, user=people["editor"], reason="Cập nhật")
    workflow.perform(article=article, action=Action.SUBMIT, actor=people["editor"])
    workflow.perform(article=article, action=Action.APPROVE, actor=people["chief"])
    workflow.perform(
        article=article,
        action=Action.SCHEDULE,
        actor=people["chief"],
        published_at=timezone.now() + timedelta(days=1),
    )
    after = client.get(url).content.decode()
    assert _title_of(after) == OLD and "Sapo mới" not in after
    assert _json_ld(after)["dateModified"] == _json_ld(before)["dateModified"]
    assert NEW not in client.get("/tim-kiem/?q=nhiem+man").content.decode()


def test_the_live_article_can_be_taken_down_while_an_update_is_scheduled(people, client):
    """The chief takes the live article down before the update's time: it leaves the site at
    once, the update becomes its draft, and the time passing publishes nothing."""
    when = timezone.now() + timedelta(hours=1)
    article = _scheduled_update(people, when)
    assert Action.UNPUBLISH in workflow.available_actions(people["chief"], article)
    workflow.perform(article=article, action=Action.UNPUBLISH, actor=people["chief"])
    article.refresh_from_db()
    assert article.status == Status.DRAFT and not article.has_pending_version
    assert article.title == NEW and article.pending_publish_at is None
    assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(when + timedelta(minutes=1), tick=False):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert pending.publish_due() == 0
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT


def test_only_the_chief_schedules_an_update_and_not_in_the_past(people):
    """An editor cannot schedule the update; the chief cannot schedule it in the past."""
    article = _approved_update(people)
    assert Action.SCHEDULE not in workflow.available_actions(people["editor2"], article)
    with pytest.raises(workflow.PermissionDenied):
        workflow.perform(
            article=article,
            action=Action.SCHEDULE,
            actor=people["editor2"],
            published_at=timezone.now() + timedelta(hours=1),
        )
    with pytest.raises(workflow.WorkflowError):
        workflow.perform(
            article=article,
            action=Action.SCHEDULE,
            actor=people["chief"],
            published_at=timezone.now() - timedelta(hours=1),
        )
    article.refresh_from_db()
    assert article.pending_status == Status.APPROVED


def test_the_edit_page_schedules_the_update_from_its_time_field(people):
    """The chief types a future time in the panel and presses "Lưu và Xuất bản": scheduled."""
    from tests.helpers import change_url, form_data

    article = _approved_update(people)
    when = timezone.localtime(timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    data = form_data(article, title=NEW)
    for key in [k for k in data if k.startswith("bylines-")]:
        del data[key]
    author = article.bylines.get().author_id
    data.update(
        {
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
            "bylines-0-author": author,
            "bylines-0-position": "1",
            "_transition": "publish",
            "transition_published_at_0": when.strftime("%d/%m/%Y"),
            "transition_published_at_1": when.strftime("%H:%M"),
        }
    )
    chief = client_for(people["chief"])
    response = chief.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.has_scheduled_update and article.pending_publish_at == when
    assert article.title == OLD
    page = chief.get(change_url(article)).content.decode()
    assert "Phiên bản cập nhật lên trang lúc" in page
    assert when.strftime("%d/%m/%Y %H:%M") in page


# --- Previews of the update --------------------------------------------------------------------


def test_the_newsroom_preview_shows_the_update_and_the_public_page_the_live_version(people, client):
    """ "Xem trước" of an article with an update shows the update; the public page does not."""
    article = _approved_update(people)
    preview = client_for(people["editor"]).get(reverse("public:preview", args=[article.pk]))
    page = preview.content.decode()
    assert _title_of(page) == NEW
    assert "Phiên bản cập nhật (Đã duyệt)" in page
    assert preview["X-Robots-Tag"] == "noindex, nofollow"
    assert _title_of(client.get(article.get_absolute_url()).content.decode()) == OLD


def test_a_preview_link_of_the_update_shows_it_until_it_is_published(people, client):
    """An editor makes a link to the update for an outside reviewer; it shows the update, and
    opens nothing once the update is published."""
    article = _approved_update(people)
    editor = client_for(people["editor"])
    response = editor.post(reverse("admin:articles_article_preview_link", args=[article.pk]))
    assert response.status_code == 302
    link = article.preview_links.get()
    assert link.revision_id == Article.objects.get(pk=article.pk).pending_revision_id
    _link, key = preview_links.create(article=article, user=people["editor"])
    url = reverse("public:signed-preview", args=[key])
    assert _title_of(client.get(url).content.decode()) == NEW
    workflow.perform(article=article, action=Action.PUBLISH, actor=people["chief"])
    assert client.get(url).status_code == 404


def test_no_preview_link_of_a_published_article_without_an_update(people):
    """A published article with no update gets no preview link (the public page is its view)."""
    article = _published(people)
    editor = client_for(people["editor"])
    editor.post(reverse("admin:articles_article_preview_link", args=[article.pk]))
    assert not article.preview_links.exists()
    with pytest.raises(ValueError):
        preview_links.create(article=article, user=people["editor"])


# --- Dropping the update -----------------------------------------------------------------------


def test_an_editor_drops_the_update_after_a_question(people, client):
    """GET asks; POST drops the update, records it in the thread, and the public page and the
    revisions are untouched."""
    article = _approved_update(people)
    url = reverse("admin:articles_article_discard_version", args=[article.pk])
    editor = client_for(people["editor2"])
    question = editor.get(url)
    assert question.status_code == 200
    assert "Có, bỏ phiên bản cập nhật" in question.content.decode()
    count = article.revisions.count()
    response = editor.post(url, {"comment": "Số liệu chưa được xác nhận"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert not article.has_pending_version and article.title == OLD
    assert article.revisions.count() == count  # the dropped text stays in the history
    dropped = article.transitions.first()
    assert dropped.action == Action.DISCARD and dropped.actor == people["editor2"]
    assert dropped.comment == "Số liệu chưa được xác nhận"
    thread = editor.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "Bỏ phiên bản cập nhật" in thread.content.decode()
    assert _title_of(client.get(article.get_absolute_url()).content.decode()) == OLD
    again = editor.post(url)
    assert again.status_code == 302  # nothing left to drop: said so, no error


def test_who_may_drop_an_update(people):
    """A journalist may not; the editor who started it and other editors may while it is in
    review; once scheduled, only the chief."""
    article = _approved_update(people)
    url = reverse("admin:articles_article_discard_version", args=[article.pk])
    assert client_for(people["journalist"]).post(url).status_code == 403
    assert workflow.may_discard_pending(people["editor"], article)
    assert workflow.may_discard_pending(people["editor2"], article)
    workflow.perform(
        article=article,
        action=Action.SCHEDULE,
        actor=people["chief"],
        published_at=timezone.now() + timedelta(hours=3),
    )
    article.refresh_from_db()
    assert client_for(people["editor"]).post(url).status_code == 403
    assert client_for(people["chief"]).post(url).status_code == 302
    article.refresh_from_db()
    assert not article.has_pending_version
    assert selectors.next_publication_time() is None  # the schedule went with it


def test_an_update_that_cannot_be_published_does_not_take_the_site_down(people, client, caplog):
    """A scheduled update whose stored content is broken is logged and left due; readers keep
    the published version."""
    when = timezone.now() + timedelta(minutes=5)
    article = _scheduled_update(people, when)
    broken = Article.objects.get(pk=article.pk).pending_revision
    broken.content = {"slug": article.slug}  # no title, lead or body: cannot be written in
    broken.save(update_fields=["content"])
    with time_machine.travel(when + timedelta(seconds=1), tick=False):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200 and _title_of(response.content.decode()) == OLD
    assert "A scheduled update could not be published" in caplog.text
    assert Article.objects.get(pk=article.pk).has_scheduled_update
