"""Bylines and people on the desk (issue 15, items 5 and 8): the writer signs first, the order
needs no number box, people are named as colleagues know them, the list reads at a glance."""

import re

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import revisions
from articles.models import Article
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    PhotoFactory,
    figure_html,
    user_in_role,
)
from tests.helpers import change_url, client_for, form_data

pytestmark = pytest.mark.django_db
ADD = "admin:articles_article_add"
LIST = "admin:articles_article_changelist"


@pytest.fixture
def people(roles):
    return {
        "journalist": user_in_role(JOURNALIST, "phongvien", first_name="Phạm Thu Hà"),
        "editor": user_in_role(EDITOR, "bientapvien", first_name="Nguyễn Hoàng Nam"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap", first_name="Trần Quang Huy"),
    }


def new_article_data(**changes) -> dict:
    data = {
        "title": "Hội Nông dân phường ra quân làm đường",
        "slug": "",
        "lead": "Sáng nay, hội viên ra quân.",
        "body": "<p>Nội dung.</p>",
        "category": "",
        "source": "",
        "edit_version": "",
        "transition_comment": "",
        "transition_published_at_0": "",
        "transition_published_at_1": "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0",
        "bylines-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def byline_rows(*rows) -> dict:
    data = {"bylines-TOTAL_FORMS": str(len(rows))}
    for index, (author, position) in enumerate(rows):
        data[f"bylines-{index}-author"] = author.pk
        data[f"bylines-{index}-position"] = position
    return data


# --- the writer signs first ------------------------------------------------------------------


def test_a_new_article_starts_with_its_writer_as_first_author(people):
    """A journalist with a byline opens "add article": their name is already the first author."""
    writer = AuthorFactory(name="Phạm Thu Hà", user=people["journalist"])
    AuthorFactory(name="Trần Bình")
    page = client_for(people["journalist"]).get(reverse(ADD)).content.decode()
    selected = re.search(r'<select name="bylines-0-author"[^>]*>(.*?)</select>', page, re.S)
    assert selected, "no first byline row"
    assert f'<option value="{writer.pk}" selected>Phạm Thu Hà</option>' in selected.group(1)
    assert re.search(r'name="bylines-0-position" value="1"', page)


def test_the_writer_row_as_posted_is_saved_first(people):
    """Saving the new article with the proposed row keeps the writer first, then the others."""
    writer = AuthorFactory(name="Phạm Thu Hà", user=people["journalist"])
    colleague = AuthorFactory(name="Trần Bình")
    client = client_for(people["journalist"])
    rows = byline_rows((writer, 1), (colleague, 2))
    response = client.post(reverse(ADD), new_article_data(**rows))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.byline == [writer, colleague]


def test_an_account_without_byline_starts_with_an_empty_row(people):
    """An editor with no byline of their own gets an empty first row, not someone else."""
    AuthorFactory(name="Trần Bình")
    page = client_for(people["editor"]).get(reverse(ADD)).content.decode()
    first = re.search(r'<select name="bylines-0-author"[^>]*>(.*?)</select>', page, re.S)
    assert first and "selected" not in first.group(1)


# --- order without a number box --------------------------------------------------------------


def test_the_byline_order_is_a_hidden_field_not_a_number_box(people):
    """The edit page has no number input for the order: the rows are moved instead."""
    article = ArticleFactory(created_by=people["journalist"])
    article.set_byline([AuthorFactory(), AuthorFactory()])
    page = client_for(people["journalist"]).get(change_url(article)).content.decode()
    assert re.search(r'<input type="hidden" name="bylines-0-position" value="1"', page)
    assert 'type="number" name="bylines-0-position"' not in page
    assert "articles/admin/byline-order.js" in page


def test_moving_an_author_up_saves_the_new_order(people):
    """The script writes the shown order into the positions; the server keeps it, renumbered."""
    first, second, third = AuthorFactory.create_batch(3)
    article = ArticleFactory(created_by=people["journalist"])
    article.set_byline([first, second, third])
    entries = {entry.author_id: entry for entry in article.bylines.all()}
    data = form_data(article)
    for index in range(3):
        author_id = data[f"bylines-{index}-author"]
        data[f"bylines-{index}-position"] = {third.pk: 1, first.pk: 2, second.pk: 3}[author_id]
    response = client_for(people["journalist"]).post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.byline == [third, first, second]
    assert [entry.position for entry in article.bylines.all()] == [1, 2, 3]
    assert set(entries) == {first.pk, second.pk, third.pk}


@pytest.mark.parametrize("bad", ["abc", "-4", "99999999999999999999", "²"])
def test_a_crafted_position_puts_the_author_last_calmly(people, bad):
    """A position that is not a small number is saved last, never a server error."""
    first, second = AuthorFactory.create_batch(2)
    article = ArticleFactory(created_by=people["journalist"])
    article.set_byline([first, second])
    data = form_data(article, **{"bylines-0-position": bad})
    response = client_for(people["journalist"]).post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.byline == [second, first]


# --- people by name --------------------------------------------------------------------------


def test_the_photo_list_names_uploaders_by_full_name(people):
    """The library list and its uploader filter show "Phạm Thu Hà", not "phongvien"."""
    PhotoFactory(uploaded_by=people["journalist"])
    page = client_for(people["chief"]).get(reverse("admin:photos_photo_changelist"))
    text = page.content.decode()
    assert "Phạm Thu Hà" in text
    assert re.search(r"<td class=\"field-uploader\">Phạm Thu Hà</td>", text)
    assert ">phongvien<" not in text


def test_history_and_greeting_name_people_in_full(people):
    """Django's history page and the greeting show full names, not usernames."""
    article = ArticleFactory(created_by=people["journalist"])
    LogEntry.objects.log_actions(
        user_id=people["editor"].pk,
        queryset=[article],
        action_flag=CHANGE,
        change_message="Sửa tít",
    )
    client = client_for(people["chief"])
    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    text = history.content.decode()
    assert "Nguyễn Hoàng Nam" in text and "bientapvien" not in text
    assert "Lịch sử thay đổi" in text and "Bản ghi nhớ" not in text
    assert "Xin chào," in text and "Trần Quang Huy" in text
    assert ContentType.objects.get_for_model(Article)  # the entry is the article's


# --- the list --------------------------------------------------------------------------------


def test_the_list_shows_authors_and_who_changed_it_last(people):
    """Each row: title, status, section, authors by name, and the last change with its author."""
    section = CategoryFactory(name="Mặt trận")
    article = ArticleFactory(
        created_by=people["journalist"], title="Ra mắt câu lạc bộ", category=section
    )
    article.set_byline([AuthorFactory(name="Trần Tương"), AuthorFactory(name="Trần Bình")])
    revisions.record(article, user=people["journalist"], reason="Tạo bài")
    revisions.record(article, user=people["editor"], reason="Lưu")
    text = client_for(people["chief"]).get(reverse(LIST)).content.decode()
    row = re.search(r"<tr>.*?Ra mắt câu lạc bộ.*?</tr>", text, re.S).group(0)
    assert "Trần Tương, Trần Bình" in row
    assert "Mặt trận" in row
    assert '<span class="last-editor">Nguyễn Hoàng Nam</span>' in row
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", row)


def test_the_list_filters_mine_status_section_and_organisation(people):
    """The filters the desk asks for are on the list, "Của tôi" first."""
    text = client_for(people["journalist"]).get(reverse(LIST)).content.decode()
    for words in ["Của tôi", "trạng thái", "chuyên mục", "tổ chức"]:
        assert words.lower() in text.lower(), words
    mine = ArticleFactory(created_by=people["journalist"], title="Bài tôi viết")
    ArticleFactory(created_by=people["editor"], title="Bài người khác")
    listed = client_for(people["journalist"]).get(reverse(LIST) + "?desk=mine")
    assert [a.pk for a in listed.context["cl"].result_list] == [mine.pk]


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(LIST)).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_for_two_rows_or_thirty(people):
    """Bylines, sections, photos and last editors come in a fixed number of queries."""
    client = client_for(people["chief"])

    def add(count):
        for _ in range(count):
            article = ArticleFactory(created_by=people["journalist"], category=CategoryFactory())
            article.set_byline([AuthorFactory(), AuthorFactory()])
            article.featured_photo = PhotoFactory()
            article.save()
            revisions.record(article, user=people["editor"], reason="Lưu")

    add(2)
    _list_queries(client)  # the first visit fills the session and content-type caches
    few = _list_queries(client)
    add(28)
    many = _list_queries(client)
    assert few == many
    assert many == 11, many  # session, user, count, rows, bylines, filters…


# --- the featured photo in the body ----------------------------------------------------------


def test_saving_with_the_featured_photo_also_in_the_body_warns(people):
    """The reader would see the same photo twice: the save says so (and still saves)."""
    photo = PhotoFactory(uploaded_by=people["journalist"])
    article = ArticleFactory(created_by=people["journalist"])
    data = form_data(
        article,
        featured_photo=photo.pk,
        body="<p>Mở đầu.</p>" + figure_html(photo, "Quang cảnh"),
    )
    response = client_for(people["journalist"]).post(change_url(article), data, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert any("Ảnh đại diện cũng có trong nội dung bài" in message for message in shown)
    article.refresh_from_db()
    assert article.featured_photo_id == photo.pk
