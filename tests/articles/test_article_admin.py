"""The article admin enforces the workflow on the server and keeps every word."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Revision, Transition
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    ReadyArticleFactory,
    user_in_role,
)
from tests.helpers import change_url, client_for, form_data

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def people(roles):
    return {
        "journalist": user_in_role(JOURNALIST, "phongvien", first_name="Phạm Thu Hà"),
        "journalist2": user_in_role(JOURNALIST, "phongvien2"),
        "editor": user_in_role(EDITOR, "bientapvien", first_name="Nguyễn Hoàng Nam"),
        "editor2": user_in_role(EDITOR, "bientapvien2", first_name="Lê Văn Tùng"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap"),
    }


def test_journalist_creates_a_draft_owned_by_them(people):
    """A journalist's new article is a draft they own, with its first revision."""
    client = client_for(people["journalist"])
    author = AuthorFactory()
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "title": "Phụ nữ phường Hòa Bình làm sạch kênh mương",
            "lead": "Sáng 2/4, hơn 80 hội viên phụ nữ ra quân vớt rác trên kênh.",
            "body": "<p>Nội dung.</p>",
            "category": CategoryFactory().pk,
            "source": "Trung tâm TT và VH",
            "edit_version": "",
            "bylines-TOTAL_FORMS": "1",
            "bylines-INITIAL_FORMS": "0",
            "bylines-0-author": author.pk,
            "bylines-0-position": "1",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status == Status.DRAFT
    assert article.created_by == people["journalist"]
    assert article.revisions.get().reason == "Tạo bài"


@pytest.mark.parametrize(
    "forged",
    [
        {"status": "published"},
        {"published_at_0": "01/01/2020", "published_at_1": "08:00"},
        {"created_by": "1"},
        {"version": "99"},
    ],
)
def test_crafted_post_of_protected_fields_is_refused(people, forged):
    """A POST that tries to set status, time, owner or version is refused and changes nothing."""
    article = ReadyArticleFactory(created_by=people["journalist"])
    response = client_for(people["journalist"]).post(
        change_url(article), form_data(article, title="Tiêu đề bị đổi lén", **forged)
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.title != "Tiêu đề bị đổi lén"


def test_journalist_cannot_edit_another_journalists_article(people):
    """Editing someone else's draft is refused with 403 and the article is unchanged."""
    article = ReadyArticleFactory(created_by=people["journalist2"])
    client = client_for(people["journalist"])
    # The admin answers as if the article did not exist: it is not in this user's list.
    assert client.get(change_url(article))["Location"] == reverse("admin:index")
    response = client.post(change_url(article), form_data(article, title="Bị sửa trộm"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title != "Bị sửa trộm"


def test_journalist_cannot_edit_own_article_once_submitted(people):
    """Once in review, the journalist may read their article but not change it."""
    article = ReadyArticleFactory(created_by=people["journalist"], status=Status.IN_REVIEW)
    client = client_for(people["journalist"])
    page = client.get(change_url(article))
    assert page.status_code == 200
    assert "Bạn chỉ được xem bài này" in page.content.decode()
    response = client.post(change_url(article), form_data(article, title="Sửa sau khi gửi"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Sửa sau khi gửi"


def test_journalist_forging_a_publish_button_changes_nothing(people):
    """A journalist who posts the publish action gets 403; neither text nor status changes."""
    article = ReadyArticleFactory(created_by=people["journalist"])
    response = client_for(people["journalist"]).post(
        change_url(article), form_data(article, title="Tự xuất bản", _transition="publish")
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.title != "Tự xuất bản"
    assert not Transition.objects.exists()


def test_journalist_cannot_delete_published_work(people):
    """Deleting a published article is refused to its journalist, allowed for own drafts."""
    published = ReadyArticleFactory(created_by=people["journalist"], live=True)
    draft = ReadyArticleFactory(created_by=people["journalist"])
    client = client_for(people["journalist"])
    delete = lambda a: reverse("admin:articles_article_delete", args=[a.pk])  # noqa: E731
    assert client.post(delete(published), {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=published.pk).exists()
    assert client.post(delete(draft), {"post": "yes"}).status_code == 302
    assert not Article.objects.filter(pk=draft.pk).exists()


def test_journalist_list_shows_only_their_articles(people):
    """The article list of a journalist holds their own articles only."""
    mine = ArticleFactory(created_by=people["journalist"], title="Bài của tôi")
    ArticleFactory(created_by=people["journalist2"], title="Bài của người khác")
    page = client_for(people["journalist"]).get(reverse("admin:articles_article_changelist"))
    text = page.content.decode()
    assert mine.title in text
    assert "Bài của người khác" not in text


def test_buttons_show_only_the_users_transitions(people):
    """The journalist sees "Gửi duyệt" on a draft; only the chief sees "Xuất bản" when approved."""
    draft = ReadyArticleFactory(created_by=people["journalist"])
    page = client_for(people["journalist"]).get(change_url(draft)).content.decode()
    assert 'value="submit"' in page
    assert 'value="publish"' not in page
    approved = ReadyArticleFactory(status=Status.APPROVED)
    editor_page = client_for(people["editor"]).get(change_url(approved)).content.decode()
    chief_page = client_for(people["chief"]).get(change_url(approved)).content.decode()
    assert 'value="publish"' not in editor_page
    assert 'value="publish"' in chief_page
    assert "Lưu và Xuất bản" in chief_page


def test_the_whole_journey_through_the_admin(people):
    """Write, submit, return with a comment, fix, resubmit, approve, publish: on the home page."""
    journalist, editor, chief = (client_for(people[k]) for k in ("journalist", "editor", "chief"))
    article = ReadyArticleFactory(created_by=people["journalist"])

    def act(client, action, **changes):
        article.refresh_from_db()
        response = client.post(
            change_url(article), form_data(article, _transition=action, **changes)
        )
        assert response.status_code == 302
        article.refresh_from_db()

    act(journalist, "submit")
    assert article.status == Status.IN_REVIEW
    act(editor, "return", transition_comment="Sapo cần nêu rõ thời gian, địa điểm.")
    assert article.status == Status.DRAFT
    page = journalist.get(change_url(article)).content.decode()
    assert "Sapo cần nêu rõ thời gian, địa điểm." in page
    act(journalist, "submit", lead=article.lead + " Hội nghị diễn ra tại nhà văn hóa phường.")
    act(editor, "approve")
    assert article.status == Status.APPROVED
    act(chief, "publish")
    assert article.status == Status.PUBLISHED
    assert article.title in Client().get("/").content.decode()
    actions = list(
        article.transitions.order_by("created_at", "pk").values_list("action", flat=True)
    )
    assert actions == ["submit", "return", "submit", "approve", "publish"]


def test_return_without_comment_is_refused_but_edits_are_kept(people):
    """An editor's corrections are saved even when the return itself is refused for no comment."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW)
    client = client_for(people["editor"])
    response = client.post(
        change_url(article),
        form_data(article, title="Tiêu đề đã biên tập lại", _transition="return"),
        follow=True,
    )
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã biên tập lại"
    assert article.status == Status.IN_REVIEW
    assert "lý do trả lại" in response.content.decode()


def test_chief_schedules_with_a_local_time(people):
    """Scheduling takes the time in Vietnam's zone and marks the article in the list."""
    article = ReadyArticleFactory(status=Status.APPROVED)
    tomorrow = timezone.localtime() + timedelta(days=1)
    response = client_for(people["chief"]).post(
        change_url(article),
        form_data(
            article,
            _transition="publish",
            transition_published_at_0=tomorrow.strftime("%d/%m/%Y"),
            transition_published_at_1="08:30",
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    local = timezone.localtime(article.published_at)
    assert (local.hour, local.minute) == (8, 30)
    assert article.transitions.get().action == "schedule"
    listing = client_for(people["chief"]).get(reverse("admin:articles_article_changelist"))
    assert f"Hẹn giờ {local.strftime('%d/%m/%Y')} 08:30" in listing.content.decode()


def test_stale_save_is_refused_naming_who_saved_and_keeping_the_text(people):
    """Two editors open the article; the second save is refused, names the first, keeps the text."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW)
    first, second = client_for(people["editor"]), client_for(people["editor2"])
    opened = form_data(article)
    assert first.get(change_url(article)).status_code == 200
    assert second.get(change_url(article)).status_code == 200
    saved = first.post(change_url(article), {**opened, "title": "Bản của biên tập viên thứ nhất"})
    assert saved.status_code == 302
    stale = second.post(change_url(article), {**opened, "title": "Bản của biên tập viên thứ hai"})
    page = stale.content.decode()
    assert stale.status_code == 200
    assert "Nguyễn Hoàng Nam đã lưu bài này lúc" in page
    assert "Bản của biên tập viên thứ hai" in page
    article.refresh_from_db()
    assert article.title == "Bản của biên tập viên thứ nhất"
    assert Revision.objects.filter(article=article).count() == 1


def test_edit_page_shows_who_else_has_it_open(people):
    """The second editor sees the first one's name; after the timeout without heartbeat, not."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW)
    client_for(people["editor"]).get(change_url(article))
    page = client_for(people["editor2"]).get(change_url(article)).content.decode()
    assert "Nguyễn Hoàng Nam" in page.split('id="presence"')[1].split("</div>")[0]
    beat = client_for(people["editor2"]).post(
        reverse("admin:articles_article_presence", args=[article.pk])
    )
    assert beat.json() == {"others": ["Nguyễn Hoàng Nam"]}
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        beat = client_for(people["editor2"]).post(
            reverse("admin:articles_article_presence", args=[article.pk])
        )
        assert beat.json() == {"others": []}


def test_checklist_is_shown_to_the_editor(people):
    """An editor reviewing an incomplete article sees what it lacks."""
    article = ArticleFactory(status=Status.IN_REVIEW)
    page = client_for(people["editor"]).get(change_url(article)).content.decode()
    assert "Bài chưa đủ điều kiện" in page
    assert "Bài viết chưa có tác giả." in page


def test_notes_join_the_editorial_thread(people):
    """A note posted on the article appears in its thread; an empty one is refused."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW, created_by=people["journalist"])
    client = client_for(people["editor"])
    url = reverse("admin:articles_article_note", args=[article.pk])
    client.post(url, {"text": "Kiểm tra lại số liệu 2,8 tỷ đồng."})
    client.post(url, {"text": "   "})
    assert article.notes.count() == 1
    page = client_for(people["journalist"]).get(change_url(article)).content.decode()
    assert "Kiểm tra lại số liệu 2,8 tỷ đồng." in page


def test_desk_counts_each_queue(people):
    """The admin's first page shows the user's desk with the right numbers."""
    journalist = people["journalist"]
    ArticleFactory(created_by=journalist)
    returned = ReadyArticleFactory(created_by=journalist, status=Status.IN_REVIEW)
    from articles import workflow

    workflow.perform(
        article=returned, action="return", actor=people["editor"], comment="Sửa tiêu đề"
    )
    ArticleFactory(status=Status.IN_REVIEW)
    ArticleFactory(status=Status.APPROVED)
    ArticleFactory(status=Status.PUBLISHED, published_at=timezone.now() + timedelta(days=1))
    ArticleFactory(live=True)
    page = client_for(journalist).get(reverse("admin:index")).content.decode()
    desk = page.split('id="editorial-desk"')[1].split("</div>\n</div>")[0]
    assert '<span class="count">2</span>Bài nháp của tôi' in desk
    assert '<span class="count">1</span>Bị trả lại cho tôi' in desk
    chief_page = client_for(people["chief"]).get(reverse("admin:index")).content.decode()
    assert '<span class="count">1</span>Đã hẹn giờ' in chief_page
    assert '<span class="count">1</span>Đã duyệt, chờ xuất bản' in chief_page
    returned_list = client_for(journalist).get(
        reverse("admin:articles_article_changelist") + "?desk=returned"
    )
    assert returned.title in returned_list.content.decode()


def test_list_and_form_show_the_featured_photo(people):
    """Editors recognise articles by their picture: a thumbnail in the list and on the form."""
    article = ReadyArticleFactory(status=Status.IN_REVIEW)
    client = client_for(people["editor"])
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f'alt="{article.featured_photo.alt_text}" width="64"' in listing
    form = client.get(change_url(article)).content.decode()
    assert f'alt="{article.featured_photo.alt_text}" width="240"' in form


# --- The list and the desk cost the same at any size ---------------------------------------------


def many_articles(count: int, editor) -> None:
    """``count`` articles of every kind: published with bylines and a subsection, and drafts."""
    parent = CategoryFactory(name="Kinh tế")
    section = CategoryFactory(name="Nông thôn mới", parent=parent)
    for number in range(count):
        article = ArticleFactory(
            live=number % 2 == 0, category=section, created_by=editor if number % 3 else None
        )
        article.set_byline([AuthorFactory()])


@pytest.mark.parametrize("count", [3, 30])
def test_article_list_makes_the_same_queries_whatever_the_number(
    people, count, django_assert_num_queries
):
    """The article list runs a fixed number of queries with 3 or 30 articles (bylines and
    sections' parents included), and counts the list once, not the whole table beside it."""
    client = client_for(people["editor"])
    url = reverse("admin:articles_article_changelist")
    client.get(url)
    many_articles(count, people["editor"])
    with django_assert_num_queries(11) as captured:
        page = client.get(url).content.decode()
    assert "Kinh tế › Nông thôn mới" in page
    assert sum("COUNT(" in query["sql"].upper() for query in captured.captured_queries) == 1


@pytest.mark.parametrize("count", [3, 30])
def test_desk_makes_the_same_queries_whatever_the_number(people, count, django_assert_num_queries):
    """The editor's desk costs a fixed number of queries with 3 or 30 articles."""
    client = client_for(people["editor"])
    client.get(reverse("admin:index"))
    many_articles(count, people["editor"])
    with django_assert_num_queries(7):  # the seventh: "Được giao cho tôi" (planning, issue 19)
        assert client.get(reverse("admin:index")).status_code == 200


def test_year_filter_lists_the_years_from_the_first_to_the_last(people):
    """Instead of the date hierarchy, a filter lists publication years newest first and
    narrows the list to one year."""
    now = timezone.now()
    old = ArticleFactory(live=True, published_at=now - timedelta(days=3 * 366), title="Tin năm cũ")
    ArticleFactory(live=True, title="Tin năm nay")
    client = client_for(people["chief"])
    url = reverse("admin:articles_article_changelist")
    page = client.get(url).content.decode()
    first, last = timezone.localtime(old.published_at).year, timezone.localtime(now).year
    for year in range(first, last + 1):
        assert f"?nam={year}" in page
    filtered = client.get(url, {"nam": first}).content.decode()
    assert "Tin năm cũ" in filtered
    assert "Tin năm nay" not in filtered


def test_article_list_shows_thirty_a_page_and_leads_on(people):
    """Thirty rows a page, a screenful that the list draws quickly; the next page has the rest."""
    client = client_for(people["editor"])
    many_articles(31, people["editor"])
    url = reverse("admin:articles_article_changelist")
    first = client.get(url).content.decode()
    second = client.get(url, {"p": 2}).content.decode()

    def rows(page: str) -> set[str]:
        return set(re.findall(r'href="(/admin/articles/article/\d+/change/)[?"]', page))

    assert len(rows(first)) == 30
    assert len(rows(second)) == 1
    assert not rows(first) & rows(second)
