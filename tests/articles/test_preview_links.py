"""Preview links for reviewers without an account: one version of one unpublished article,
until the link expires, is revoked, or the article is published, taken down or deleted."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.factories import ReadyArticleFactory, user_in_role
from tests.helpers import change_url, client_for, form_data

pytestmark = pytest.mark.django_db
Status = Article.Status
Action = workflow.Action


@pytest.fixture
def people(roles):
    return {
        "author": user_in_role(JOURNALIST, "phongvien"),
        "colleague": user_in_role(JOURNALIST, "phongvien2"),
        "editor": user_in_role(EDITOR, "bientapvien", first_name="Nam"),
        "other_editor": user_in_role(EDITOR, "bientapvien2"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap"),
    }


def make_link(user, article) -> str:
    """Press "make a preview link" on the edit page as ``user``; the path the message gives."""
    response = client_for(user).post(
        reverse("admin:articles_article_preview_link", args=[article.pk]), follow=True
    )
    message = [str(m) for m in response.context["messages"]][-1]
    assert "/xem-truoc/k/" in message, message
    return message.rsplit(" ", 1)[-1].split("testserver", 1)[1]


def revoke_buttons(page: str) -> list[str]:
    """The addresses the edit page's "Thu hồi" buttons post to."""
    return re.findall(r'action="([^"]*/preview-links/\d+/revoke/)"', page)


def test_a_link_dies_when_the_article_is_published_and_stays_dead_after_take_down(people):
    """A link handed out before publication shows nothing once the article is published, nor
    after it is taken down again (it used to show the withdrawn article to anyone)."""
    article = ReadyArticleFactory(created_by=people["author"], status=Status.APPROVED)
    link = make_link(people["editor"], article)
    assert Client().get(link).status_code == 200
    workflow.perform(article=article, action=Action.PUBLISH, actor=people["chief"])
    assert Client().get(link).status_code == 404
    workflow.perform(article=article, action=Action.UNPUBLISH, actor=people["chief"])
    taken_down = Client().get(link)
    assert taken_down.status_code == 404
    assert article.title not in taken_down.content.decode()


def test_scheduling_kills_links_too(people):
    """Scheduling is publishing: links made before it stop working at once."""
    article = ReadyArticleFactory(created_by=people["author"], status=Status.APPROVED)
    link = make_link(people["editor"], article)
    tomorrow = timezone.now() + timedelta(days=1)
    workflow.perform(
        article=article, action=Action.PUBLISH, actor=people["chief"], published_at=tomorrow
    )
    assert Client().get(link).status_code == 404


def test_no_link_for_a_published_or_scheduled_article(people):
    """The button refuses, in Vietnamese, to make a link for an article already published."""
    article = ReadyArticleFactory(
        created_by=people["author"], status=Status.PUBLISHED, published_at=timezone.now()
    )
    response = client_for(people["chief"]).post(
        reverse("admin:articles_article_preview_link", args=[article.pk]), follow=True
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("đã xuất bản" in m for m in messages), messages
    assert not any("/xem-truoc/k/" in m for m in messages)
    assert not article.preview_links.exists()


def test_a_link_shows_the_version_it_was_made_for_and_says_the_article_changed(people):
    """After the link is made the editor rewrites the title and body: the reviewer still reads
    the version that was sent, with a notice that the article has changed since."""
    article = ReadyArticleFactory(
        created_by=people["author"],
        status=Status.IN_REVIEW,
        title="Hội Nông dân tập huấn kỹ thuật trồng lúa",
        body="<p>Bản gửi cho người duyệt ngoài.</p>",
    )
    link = make_link(people["editor"], article)
    before = Client().get(link).content.decode()
    assert "Hội Nông dân tập huấn kỹ thuật trồng lúa" in before
    assert "đã được sửa" not in before
    edited = client_for(people["editor"]).post(
        change_url(article),
        form_data(
            article,
            title="Tiêu đề mới chưa được gửi ai",
            body="<p>Đoạn viết thêm, chưa ai được xem.</p>",
        ),
    )
    assert edited.status_code == 302
    page = Client().get(link).content.decode()
    assert "Hội Nông dân tập huấn kỹ thuật trồng lúa" in page
    assert "Bản gửi cho người duyệt ngoài." in page
    assert "Tiêu đề mới chưa được gửi ai" not in page
    assert "Đoạn viết thêm" not in page
    assert "Bài viết đã được sửa sau khi liên kết này được tạo" in page


def test_the_frozen_version_keeps_its_byline_and_organisations(people):
    """Taxonomy changed after the link (an organisation dropped) is not shown to the reviewer:
    the link's version is whole, not today's body with yesterday's title."""
    article = ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    organisation = article.organisations.get()
    author = article.bylines.get().author
    link = make_link(people["editor"], article)
    article.organisations.clear()
    article.set_byline([])
    page = Client().get(link).content.decode()
    assert organisation.name in page
    assert author.name in page


def test_the_edit_page_lists_live_links_and_revokes_them(people):
    """The edit page lists each live link with who made it and when, and its "Thu hồi" button
    kills the link at once; the list is then empty and the audit log says who did what."""
    article = ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    link = make_link(people["editor"], article)
    editor = client_for(people["editor"])
    page = editor.get(change_url(article)).content.decode()
    assert "Liên kết xem trước đang dùng được" in page
    assert "bientapvien" in page or "Nam" in page
    buttons = revoke_buttons(page)
    assert len(buttons) == 1
    assert 'name="csrfmiddlewaretoken"' in page
    revoked = editor.post(buttons[0], follow=True)
    assert revoked.status_code == 200
    assert any("Đã thu hồi" in str(m) for m in revoked.context["messages"])
    assert Client().get(link).status_code == 404
    assert revoke_buttons(editor.get(change_url(article)).content.decode()) == []
    messages = list(
        LogEntry.objects.filter(object_id=str(article.pk)).values_list("user__username", flat=True)
    )
    assert messages.count("bientapvien") == 2  # made, then revoked
    texts = " ".join(LogEntry.objects.values_list("change_message", flat=True))
    assert "Tạo liên kết xem trước" in texts and "Thu hồi liên kết xem trước" in texts


def test_only_the_maker_and_the_editor_in_chief_may_revoke(people):
    """The article's journalist and another editor are refused (403, the link keeps working);
    a journalist who cannot see the article gets 404; a GET changes nothing; the chief may."""
    article = ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    link = make_link(people["editor"], article)
    url = revoke_buttons(client_for(people["editor"]).get(change_url(article)).content.decode())[0]
    assert client_for(people["author"]).post(url).status_code == 403
    assert client_for(people["other_editor"]).post(url).status_code == 403
    assert client_for(people["colleague"]).post(url).status_code == 404
    assert client_for(people["chief"]).get(url).status_code == 405
    assert Client().post(url).status_code == 302  # to the login page
    assert Client().get(link).status_code == 200
    other_page = client_for(people["other_editor"]).get(change_url(article)).content.decode()
    assert revoke_buttons(other_page) == []  # listed, without a button they may not press
    assert client_for(people["chief"]).post(url).status_code == 302
    assert Client().get(link).status_code == 404


def test_a_link_is_revoked_only_through_its_own_article(people):
    """A link's number under another article's address is not found: no revoking by id."""
    article = ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    other = ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    link = make_link(people["editor"], article)
    url = revoke_buttons(client_for(people["editor"]).get(change_url(article)).content.decode())[0]
    crossed = url.replace(f"/article/{article.pk}/", f"/article/{other.pk}/")
    assert client_for(people["chief"]).post(crossed).status_code == 404
    huge = re.sub(r"/preview-links/\d+/", "/preview-links/99999999999999999999/", url)
    assert client_for(people["chief"]).post(huge).status_code == 404
    assert Client().get(link).status_code == 200


def test_deleting_the_article_kills_its_links(people):
    """Deleted through the admin, the article takes its links with it."""
    article = ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    link = make_link(people["editor"], article)
    delete = reverse("admin:articles_article_delete", args=[article.pk])
    assert client_for(people["chief"]).post(delete, {"post": "yes"}).status_code == 302
    assert Client().get(link).status_code == 404


def test_an_expired_link_is_404_and_leaves_the_list(people, settings):
    """Past NEWSROOM_PREVIEW_MAX_AGE the link answers 404 and is no longer listed as live."""
    settings.NEWSROOM_PREVIEW_MAX_AGE = 3600
    article = ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    link = make_link(people["editor"], article)
    with time_machine.travel(timezone.now() + timedelta(minutes=59)):
        assert Client().get(link).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert Client().get(link).status_code == 404
        page = client_for(people["editor"]).get(change_url(article)).content.decode()
        assert revoke_buttons(page) == []


def test_links_of_the_old_signed_scheme_no_longer_open_anything(people):
    """A link given out before this change (a signature naming the article) answers 404."""
    article = ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    old = signing.dumps({"article": article.pk}, salt="articles.preview", compress=True)
    assert Client().get(f"/xem-truoc/k/{old}/").status_code == 404


@pytest.mark.parametrize(
    "token",
    [
        "khong-hop-le",
        "1",
        "9" * 300,
        "-1",
        "A" * 43,
        "%00",
        "..%2F..%2F",
        "đường-dẫn",
        "eyJhcnRpY2xlIjo5OTk5OTk5OTk5OTk5OTk5OTk5OTl9:1tXyZa:abc",
    ],
)
def test_crafted_tokens_answer_404_not_500(people, token):
    """Garbage, numbers, huge numbers, a well-formed guess or a forged signature: 404."""
    ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    assert Client().get(f"/xem-truoc/k/{token}/").status_code == 404


def test_one_articles_link_never_opens_another(people):
    """Two articles, two links: each opens its own article and no other."""
    first = ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    second = ReadyArticleFactory(created_by=people["author"], status=Status.IN_REVIEW)
    link = make_link(people["editor"], first)
    page = Client().get(link).content.decode()
    assert first.title in page and second.title not in page


# --- Where a visitor who must log in lands ------------------------------------------------


def test_anonymous_preview_lands_on_the_admin_login_page(people):
    """An anonymous visitor of /xem-truoc/<id>/ reaches the admin's login page (200), which
    sends them back to the preview once they have logged in."""
    article = ReadyArticleFactory(created_by=people["author"])
    client = Client()
    response = client.get(f"/xem-truoc/{article.pk}/", follow=True)
    assert response.status_code == 200
    final, _status = response.redirect_chain[-1]
    assert final.startswith(reverse("admin:login"))
    assert f"next=/xem-truoc/{article.pk}/" in final
    logged_in = client.post(
        final,
        {"username": "bientapvien", "password": "correct horse battery"},
        REMOTE_ADDR="10.0.0.1",
        follow=True,
    )
    assert logged_in.status_code == 200
    assert logged_in.redirect_chain[-1][0] == f"/xem-truoc/{article.pk}/"


@pytest.mark.parametrize(
    "unsafe", ["https://ke-xau.example/", "//ke-xau.example/", "javascript:alert(1)"]
)
def test_a_refused_next_lands_on_the_desk(people, unsafe):
    """A login whose next= points off the site logs in and lands on the admin's desk (200),
    not on a missing page and not on the other site."""
    client = Client()
    response = client.post(
        reverse("admin:login") + "?next=" + unsafe,
        {"username": "bientapvien", "password": "correct horse battery", "next": unsafe},
        REMOTE_ADDR="10.0.0.1",
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("admin:index")
