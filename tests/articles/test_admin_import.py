"""The admin's "Nhập bài từ văn bản" page: paste an archive text, get your own draft to edit."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article, Author
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.factories import AuthorFactory, CategoryFactory, UserFactory, user_in_role
from tests.helpers import IMPORT_FIXTURES, client_for

pytestmark = pytest.mark.django_db

FIXTURES = IMPORT_FIXTURES
IMPORT_URL = "/admin/articles/article/import/"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8-sig")


@pytest.fixture
def journalist(roles):
    user = UserFactory(username="phongvien")
    user.groups.add(Group.objects.get(name=JOURNALIST))
    return user


@pytest.fixture
def journalist_client(client, journalist):
    client.force_login(journalist)
    return client


def test_page_is_mounted_at_the_article_admin_address():
    """The page lives beside the article admin, not mistaken for an article's id."""
    assert reverse("admin_article_import") == IMPORT_URL


def test_journalist_pastes_text_and_lands_on_own_draft(journalist_client, journalist):
    """A journalist's pasted text becomes their draft, and they land on its edit page."""
    AuthorFactory(name="Lê Minh Khoa")
    AuthorFactory(name="Vũ Thị Lan")
    page = journalist_client.get(IMPORT_URL)
    assert page.status_code == 200
    assert "Nhập bài từ văn bản" in page.content.decode()
    assert "csrfmiddlewaretoken" in page.content.decode()

    section = CategoryFactory()
    response = journalist_client.post(
        IMPORT_URL, {"text": fixture_text("bom.txt"), "category": section.pk}
    )
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
    assert (article.created_by, article.status, article.category) == (
        journalist,
        Article.Status.DRAFT,
        section,
    )
    assert [author.name for author in article.byline] == ["Lê Minh Khoa", "Vũ Thị Lan"]
    edit_page = journalist_client.get(response["Location"])
    assert edit_page.status_code == 200
    assert "Đã tạo bản nháp «Hội Nông dân thành phố tập huấn" in edit_page.content.decode()


def test_article_list_links_to_the_page(journalist_client):
    """The article list shows a "Nhập bài từ văn bản" button to those who may add articles."""
    page = journalist_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f'href="{IMPORT_URL}"' in page
    assert "Nhập bài từ văn bản" in page


def test_staff_without_permission_gets_403(client, roles):
    """A staff member who may not add articles is refused, on the page and on a crafted POST."""
    client.force_login(UserFactory(username="thuky"))
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"text": fixture_text("bom.txt")}).status_code == 403
    assert Article.objects.count() == 0


def test_anonymous_visitor_is_sent_to_log_in(client):
    """Someone not logged in is sent to the admin login, and nothing is created."""
    response = client.post(IMPORT_URL, {"text": fixture_text("bom.txt")})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert Article.objects.count() == 0


def test_post_without_csrf_token_is_refused(journalist):
    """A POST without the CSRF token is refused."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(journalist)
    assert browser.post(IMPORT_URL, {"text": fixture_text("bom.txt")}).status_code == 403
    assert Article.objects.count() == 0


def test_bad_paste_shows_the_error_and_keeps_the_text(journalist_client):
    """A text without a date is refused with the line and reason; the pasted text stays."""
    text = fixture_text("no_date.txt")
    response = journalist_client.post(IMPORT_URL, {"text": text})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Không đọc được bài: dòng 3: thiếu ngày đăng" in page
    assert response.context["form"]["text"].value() == text
    assert escape("Phiên chợ có 30 gian hàng, bán rau, hải sản khô") in page
    assert Article.objects.count() == 0


def test_empty_paste_is_refused_in_vietnamese(journalist_client):
    """A paste of blank lines is refused as an empty text."""
    response = journalist_client.post(IMPORT_URL, {"text": "  \n\n  "})
    assert "văn bản trống" in response.content.decode()
    assert Article.objects.count() == 0


def test_pasting_an_imported_text_again_makes_no_copy(journalist_client, journalist):
    """A text already in the newsroom is refused, saying which article it is."""
    text = fixture_text("one_author.txt")
    journalist_client.post(IMPORT_URL, {"text": text})
    article = Article.objects.get()
    response = journalist_client.post(IMPORT_URL, {"text": text})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"đã có trong tòa soạn, mã bài {article.pk}; không tạo bản trùng" in page
    assert Article.objects.count() == 1


def test_editor_in_chief_may_import_too(client, roles):
    """Any role that may add articles may use the page."""
    chief = UserFactory(username="tongbientap")
    chief.groups.add(Group.objects.get(name=EDITOR_IN_CHIEF))
    client.force_login(chief)
    response = client.post(IMPORT_URL, {"text": fixture_text("crlf.txt")})
    assert response.status_code == 302
    assert Article.objects.get().created_by == chief


def test_a_colleagues_draft_is_not_named_when_its_text_is_pasted_again(client, journalist):
    """A journalist pasting a text another journalist already imported (a draft they may not
    open) is told it exists, without its title, date or number; nothing is created."""
    colleague = client_for(user_in_role(JOURNALIST, "phongvien2"))
    colleague.post(IMPORT_URL, {"text": fixture_text("one_author.txt")})
    draft = Article.objects.get()
    client.force_login(journalist)
    response = client.post(IMPORT_URL, {"text": fixture_text("one_author.txt")})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bài này đã có trong tòa soạn" in page
    assert f"mã bài {draft.pk}" not in page
    assert "đã có trong tòa soạn, mã bài" not in page
    assert page.count(escape(draft.title)) == 1  # only in the pasted text, kept in the form
    assert Article.objects.count() == 1


def test_an_editor_is_told_which_article_a_pasted_text_is(client, journalist):
    """An editor, who may open every article, is told the title and number of the existing one."""
    client.force_login(journalist)
    client.post(IMPORT_URL, {"text": fixture_text("one_author.txt")})
    draft = Article.objects.get()
    client.force_login(user_in_role(EDITOR, "bientapvien"))
    page = client.post(IMPORT_URL, {"text": fixture_text("one_author.txt")}).content.decode()
    assert f"đã có trong tòa soạn, mã bài {draft.pk}" in page


def test_a_journalist_import_creates_no_author_and_names_the_unknown_ones(journalist_client):
    """Journalists may not add authors: names not yet in the list stay out of the byline,
    and the journalist is told which, in Vietnamese; known names are kept in order."""
    AuthorFactory(name="Vũ Thị Lan")
    response = journalist_client.post(IMPORT_URL, {"text": fixture_text("bom.txt")}, follow=True)
    article = Article.objects.get()
    assert [author.name for author in article.byline] == ["Vũ Thị Lan"]
    assert list(Author.objects.values_list("name", flat=True)) == ["Vũ Thị Lan"]
    page = response.content.decode()
    assert "Chưa có tác giả «Lê Minh Khoa» trong danh sách tác giả" in page
    assert "Vũ Thị Lan»" not in page


def test_an_editor_import_adds_the_missing_authors(client, roles):
    """An editor, who may add authors, gets every name of the byline, new ones created."""
    client.force_login(user_in_role(EDITOR, "bientapvien"))
    response = client.post(IMPORT_URL, {"text": fixture_text("bom.txt")}, follow=True)
    article = Article.objects.get()
    assert [author.name for author in article.byline] == ["Lê Minh Khoa", "Vũ Thị Lan"]
    assert "Chưa có tác giả" not in response.content.decode()
