"""Corrections and updates shown to readers (issue 19, item 4): added by editors, under the
article, in its JSON-LD and feeds, listed at /dinh-chinh/, never stale, never leaked."""

import json
import re
from datetime import datetime, timedelta
from xml.etree import ElementTree as ET

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles import schedule
from articles.models import Article, Correction, RenderedArticle
from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from public import rendering
from tests.factories import ArticleFactory, ReadyArticleFactory, user_in_role
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
FIX = "Bài viết trước đây ghi nhầm số thành viên là 30; con số đúng là 35."


@pytest.fixture
def people(roles):
    return {
        "journalist": user_in_role(JOURNALIST, "phongvien"),
        "editor": user_in_role(EDITOR, "bientapvien"),
        "chief": user_in_role(EDITOR_IN_CHIEF, "tongbientap"),
    }


@pytest.fixture
def article():
    return ReadyArticleFactory(live=True, title="Câu lạc bộ phụ nữ khởi nghiệp ra mắt")


def _add(client, article, text=FIX, kind="correction"):
    url = reverse("admin:articles_article_public_note", args=[article.pk])
    return client.post(url, {"kind": kind, "text": text}, follow=True)


def _json_ld(page: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


# --- Who adds them, and how --------------------------------------------------------------------


def test_an_editor_adds_a_correction_that_readers_see_under_the_article(
    people, article, client, django_capture_on_commit_callbacks
):
    """The editor types the correction in the panel; the reader sees it, dated, under the body,
    and the stored page was rendered again when the note was committed."""
    url = article.get_absolute_url()
    client.get(url)  # stored before the note
    with django_capture_on_commit_callbacks(execute=True):
        response = _add(client_for(people["editor"]), article)
    assert "Đã thêm Đính chính" in response.content.decode()
    note = Correction.objects.get()
    assert note.created_by == people["editor"] and note.article == article
    stored = RenderedArticle.objects.get(article=article)
    assert stored.page_stamp and FIX in stored.article_html  # rendered again at the commit
    page = client.get(url).content.decode()
    assert FIX in page and "Đính chính và cập nhật" in page
    assert timezone.localtime(note.noted_at).strftime("%d/%m/%Y %H:%M") in page
    assert FIX in page[page.index('class="article-body"') :]  # under the body


def test_a_journalist_may_not_add_change_or_delete_a_note(people, article):
    """Journalists are refused on the server, whatever they post, even on their own article."""
    journalist = client_for(people["journalist"])
    Article.objects.filter(pk=article.pk).update(created_by=people["journalist"])
    assert _add(journalist, article).status_code == 403
    note = Correction.objects.create(article=article, text=FIX)
    change = reverse("admin:articles_correction_change", args=[note.pk])
    delete = reverse("admin:articles_correction_delete", args=[note.pk])
    assert journalist.get(change).status_code == 403
    assert journalist.post(change, {"kind": "update", "text": "x"}).status_code == 403
    assert journalist.post(delete, {"post": "yes"}).status_code == 403
    assert Correction.objects.get().text == FIX


def test_bad_notes_are_refused_with_a_reason(people, article):
    """Empty text, an unknown kind, a NUL, an unpublished article: a Vietnamese message."""
    editor = client_for(people["editor"])
    assert "đang để trống" in _add(editor, article, text="   ").content.decode()
    assert "Hãy chọn loại" in _add(editor, article, kind="xoa-bai").content.decode()
    assert "ký tự NUL" in _add(editor, article, text="a\x00b").content.decode()
    too_long = _add(editor, article, text="x" * 2001).content.decode()
    assert "dài quá 2000 ký tự" in too_long
    draft = ReadyArticleFactory()
    assert "Chỉ bài đã xuất bản" in _add(editor, draft).content.decode()
    assert not Correction.objects.exists()


def test_a_note_is_plain_text_for_readers(people, article, client):
    """Markup typed in a note is shown as text, never run."""
    _add(client_for(people["chief"]), article, text="<script>alert(1)</script> đã sửa")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; đã sửa" in page


def test_changing_or_deleting_a_note_is_never_served_stale(people, article, client):
    """Whatever is done to a note, the next page shows it: the stored page follows."""
    url = article.get_absolute_url()
    chief = client_for(people["chief"])
    _add(chief, article)
    assert FIX in client.get(url).content.decode()
    note = Correction.objects.get()
    change = reverse("admin:articles_correction_change", args=[note.pk])
    response = chief.post(change, {"kind": "update", "text": "Đã có thêm 5 thành viên mới."})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{article.pk}/change/#public-notes")
    page = client.get(url).content.decode()
    assert FIX not in page and "Đã có thêm 5 thành viên mới." in page and "Cập nhật" in page
    stored = RenderedArticle.objects.get(article=article).article_html
    assert "Đã có thêm 5 thành viên mới." in stored
    delete = reverse("admin:articles_correction_delete", args=[note.pk])
    assert chief.post(delete, {"post": "yes"}).status_code == 302
    page = client.get(url).content.decode()
    assert "Đã có thêm 5 thành viên mới." not in page
    assert "article-notes" not in page


# --- What machines read ------------------------------------------------------------------------


def test_json_ld_carries_the_note_and_its_time_as_date_modified(people, article, client):
    """dateModified is the latest note's time; the note is a CorrectionComment."""
    later = timezone.now() + timedelta(days=2)
    with time_machine.travel(later, tick=False):
        _add(client_for(people["editor"]), article)
    data = _json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["dateModified"].startswith(timezone.localtime(later).strftime("%Y-%m-%dT%H:%M"))
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": f"Đính chính: {FIX}",
            "datePublished": timezone.localtime(later).replace(microsecond=0).isoformat(),
        }
    ]


def test_feeds_carry_the_note_and_atom_its_updated_time(people, article, client):
    """The RSS item's description has a line for the note; Atom's <updated> is its time."""
    later = timezone.now() + timedelta(hours=5)
    with time_machine.travel(later, tick=False):
        _add(client_for(people["editor"]), article, kind="update", text="Đã có thêm 5 người.")
    rss = ET.fromstring(client.get("/tin-moi/rss/").content)  # noqa: S314 - our own output
    description = rss.find("channel/item/description").text
    when = timezone.localtime(later).strftime("%d/%m/%Y %H:%M")
    assert f"Cập nhật ({when}): Đã có thêm 5 người." in description
    atom = ET.fromstring(client.get("/tin-moi/atom/").content)  # noqa: S314 - our own output
    updated = datetime.fromisoformat(atom.find(f"{ATOM}entry/{ATOM}updated").text)
    assert abs(updated - later) < timedelta(seconds=1)


# --- The public list ---------------------------------------------------------------------------


def test_the_list_of_corrections_is_public_paginated_and_in_the_sitemap(article, client):
    """/dinh-chinh/ lists the notes newest first, twenty a page, with one URL per page."""
    for number in range(21):
        Correction.objects.create(
            article=article,
            text=f"Đính chính số {number}.",
            noted_at=timezone.now() - timedelta(minutes=number),
        )
    first = client.get("/dinh-chinh/")
    assert first.status_code == 200
    page = first.content.decode()
    assert "Đính chính số 0." in page and "Đính chính số 20." not in page
    assert page.index("Đính chính số 0.") < page.index("Đính chính số 1.")
    assert f'href="{article.get_absolute_url()}#dinh-chinh-' in page
    assert "Đính chính số 20." in client.get("/dinh-chinh/?page=2").content.decode()
    assert client.get("/dinh-chinh/?page=1").status_code == 301
    assert client.get("/dinh-chinh/?page=3").status_code == 404
    assert "ETag" in first  # a public page, cached as every other
    assert "http://testserver/dinh-chinh/" in client.get("/sitemap-pages.xml").content.decode()


def test_the_list_makes_the_same_queries_whatever_the_number(client, django_assert_num_queries):
    """The list costs a fixed number of queries with 2 or 12 notes (the page cache's clock, the
    count, the notes with their articles, the navigation)."""
    for count in (2, 12):
        Correction.objects.all().delete()
        for _number in range(count):
            Correction.objects.create(article=ArticleFactory(live=True), text=FIX)
        cache.clear()
        with django_assert_num_queries(4):
            assert client.get("/dinh-chinh/").status_code == 200


def test_no_note_of_an_article_the_public_cannot_see_shows_anywhere(people, client):
    """Notes of a draft, a scheduled, an embargoed, an expired or a taken-down article stay out
    of the list, the feeds and the pages."""
    now = timezone.now()
    hidden = {
        "nháp": ArticleFactory(),
        "hẹn giờ": ArticleFactory(
            status=Article.Status.PUBLISHED, published_at=now + timedelta(days=1)
        ),
        "cấm đăng": ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=now + timedelta(hours=1),
            embargo_until=now + timedelta(hours=1),
        ),
        "hết hạn": ArticleFactory(
            live=True, expires_at=now - timedelta(minutes=1), published_at=now - timedelta(days=1)
        ),
    }
    for name, article in hidden.items():
        Correction.objects.create(article=article, text=f"Ghi chú của bài {name}")
    visible = ArticleFactory(live=True)
    Correction.objects.create(article=visible, text="Ghi chú của bài công khai")
    pages = [client.get(url).content.decode() for url in ("/dinh-chinh/", "/tin-moi/rss/")]
    pages.append(client.get("/tin-moi/atom/").content.decode())
    for page in pages:
        assert "Ghi chú của bài công khai" in page
        assert not any(f"Ghi chú của bài {name}" in page for name in hidden)
    assert client.get(hidden["hết hạn"].get_absolute_url()).status_code == 404


def test_an_expired_article_takes_its_notes_off_the_list_at_its_second(people, client):
    """At the article's end time its notes leave /dinh-chinh/ with it."""
    end = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    article = ReadyArticleFactory(live=True)
    Correction.objects.create(article=article, text="Ghi chú sắp hết hạn")
    schedule.set_time_limits(
        article=article, actor=people["chief"], expires_at=end, embargo_until=None
    )
    with time_machine.travel(end - timedelta(seconds=1), tick=False):
        assert "Ghi chú sắp hết hạn" in client.get("/dinh-chinh/").content.decode()
    with time_machine.travel(end, tick=False):
        assert "Ghi chú sắp hết hạn" not in client.get("/dinh-chinh/").content.decode()


def test_rebuild_keeps_the_notes_in_the_stored_page(article):
    """rebuild_rendered stores the notes with the page."""
    Correction.objects.create(article=article, text=FIX)
    rendering.rebuild([article.pk])
    assert FIX in RenderedArticle.objects.get(article=article).article_html
