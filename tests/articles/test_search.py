"""Search at /tim-kiem/: the same answers on PostgreSQL and SQLite, diacritics optional."""

import html
import re
import unicodedata
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from articles import search
from articles.models import Article, SearchDocument
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

RESULT_TITLE = re.compile(r'<h2 class="card-title"><a href="[^"]+">(.*?)</a></h2>')


def found(client, query: str) -> list[str]:
    """The titles /tim-kiem/ shows for ``query``, in order, as a reader sees them."""
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    titles = RESULT_TITLE.findall(response.content.decode())
    return [html.unescape(re.sub(r"<[^>]+>", "", title)) for title in titles]


@pytest.fixture
def farmers(db):
    """Two public articles about the Farmers' Association and one about something else."""
    return [
        ArticleFactory(live=True, title="Hội Nông dân ra quân làm đường", lead="", body=""),
        ArticleFactory(
            live=True,
            title="Ngày hội trồng cây",
            lead="Nông dân xã Bắc Sơn góp công.",
            body="<p>Đoàn viên cùng tham gia.</p>",
            published_at=timezone.now() - timedelta(days=1),
        ),
        ArticleFactory(live=True, title="Thành Đoàn tổng kết năm", lead="", body=""),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "hoi nong dan",
        "Hội Nông dân",
        "HỘI NÔNG DÂN",
        "hỘi NôNg DâN",
        unicodedata.normalize("NFD", "Hội Nông dân"),
        unicodedata.normalize("NFD", "HỘI NÔNG DÂN"),
        "  hội   nông\tdân  ",
    ],
)
def test_diacritics_case_and_unicode_form_do_not_matter(client, farmers, query):
    """With or without accents, in capitals, composed or decomposed: the same articles."""
    assert found(client, query) == [farmers[0].title, farmers[1].title]


def test_d_with_stroke_folds_to_d(client, farmers):
    """ "doan" finds "Đoàn" in a title and in a body."""
    assert set(found(client, "doan")) == {farmers[1].title, farmers[2].title}


def test_every_word_must_appear_somewhere(client, farmers):
    """All words must be in the article, but in any of title, lead or body."""
    assert found(client, "nong dan doan vien") == [farmers[1].title]
    assert found(client, "hoi nong dan thanh") == []


def test_whole_words_only(client, farmers):
    """ "dan" does not find "Đoàn"'s neighbours like "dang"; a part of a word finds nothing."""
    ArticleFactory(live=True, title="Đảng bộ phường", lead="", body="")
    assert "Đảng bộ phường" not in found(client, "dan")
    assert found(client, "non") == []


def test_title_match_ranks_above_body_match(client):
    """An article with the word in its title comes before one with it only in its body."""
    body_only = ArticleFactory(
        live=True, title="Tin địa phương", lead="", body="<p>Chuyện về GPMB.</p>"
    )
    in_title = ArticleFactory(
        live=True,
        title="Đối thoại về GPMB",
        lead="",
        body="",
        published_at=timezone.now() - timedelta(days=3),
    )
    assert found(client, "gpmb") == [in_title.title, body_only.title]


def test_only_published_articles_are_found(client):
    """Drafts, articles in review, approved and scheduled articles are never found."""
    for status in (Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.APPROVED):
        ArticleFactory(title=f"Hội Nông dân {status}", status=status)
    ArticleFactory(
        title="Hội Nông dân hẹn giờ",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=2),
    )
    public = ArticleFactory(live=True, title="Hội Nông dân công bố")
    assert found(client, "hoi nong dan") == [public.title]


def test_editing_an_article_updates_what_finds_it(client):
    """After the title changes, the new words find it and the old ones no longer do."""
    article = ArticleFactory(live=True, title="Hội Cựu chiến binh họp mặt", lead="", body="")
    article.title = "Liên đoàn Lao động họp mặt"
    article.save()
    assert found(client, "lien doan lao dong") == [article.title]
    assert found(client, "cuu chien binh") == []
    assert SearchDocument.objects.count() == 1


def test_saving_other_fields_leaves_the_index_alone(client):
    """A save that does not touch title, lead or body does not rewrite the search document;
    the rebuild command indexes what bypassed save."""
    article = ArticleFactory(live=True, title="Hội Nông dân ra quân")
    SearchDocument.objects.filter(article=article).delete()
    article.source = "Trung tâm TT và VH"
    article.save(update_fields=["source"])
    assert not SearchDocument.objects.filter(article=article).exists()
    output = StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert "1 bài viết" in output.getvalue()
    assert found(client, "ra quan") == [article.title]


def test_words_in_the_body_html_are_found_but_not_the_markup(client):
    """Body text is searchable; tag and attribute names are not words of the article."""
    article = ArticleFactory(
        live=True,
        title="Tin ảnh",
        lead="",
        body='<p>Vườn <strong>mẫu</strong>&nbsp;kiểu mẫu</p><figure><img src="/media/a.jpg" '
        'alt="x"><figcaption>Trồng hoa</figcaption></figure>',
    )
    assert found(client, "vuon mau") == [article.title]
    assert found(client, "trong hoa") == [article.title]
    assert found(client, "strong") == []
    assert found(client, "figcaption") == []


def test_snippet_highlights_the_words_as_written(client, farmers):
    """Results show the matching words highlighted with their accents, from the lead."""
    page = client.get("/tim-kiem/", {"q": "nong dan"}).content.decode()
    assert "<mark>Nông</mark> <mark>dân</mark> xã Bắc Sơn góp công." in page
    assert "Hội <mark>Nông</mark> <mark>dân</mark> ra quân làm đường" in page
    assert "Tìm thấy 2 bài viết." in page


def test_snippet_of_a_long_body_is_cut_around_the_match():
    """A long body gives a short excerpt around the first match, marked as cut."""
    words = " ".join(f"từ{n}" for n in range(200))
    article = ArticleFactory.build(lead="", body=f"<p>{words} Hội Nông dân {words}</p>")
    snippet = search.snippet(article, ("nong",))
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "<mark>Nông</mark>" in snippet
    assert len(snippet.split()) < 50


def reference_snippet(article, words, size=40):
    """The excerpt by its definition: every word of the text folded, the window counted in
    words (as the snippet was first written, before it learned to stop early)."""
    from django.utils.safestring import mark_safe

    from articles.text import plain_text, word_spans

    wanted = set(words)
    lead = " ".join(article.lead.split())
    if any(folded in wanted for _, _, folded in word_spans(lead)):
        text = lead
    else:
        text = " ".join(plain_text(article.body).split()) or lead
    spans = word_spans(text)
    if not spans:
        return search.highlight(text, words)
    first = next((i for i, (_, _, folded) in enumerate(spans) if folded in wanted), 0)
    start = max(0, min(first - size // 4, len(spans) - size))
    end = min(len(spans), start + size)
    begin = spans[start][0] if start else 0
    finish = spans[end - 1][1] if end < len(spans) else len(text)
    shown = search.highlight(text[begin:finish], words)
    return mark_safe(("… " if begin else "") + shown + (" …" if finish < len(text) else ""))  # noqa: S308


SNIPPET_WORDS = ["Hội", "Nông", "dân", "nông", "HỘI", "Đoàn", "số", "chuyển", "đổi", "İ", "क़",
                 "x_y", "2024", "!", "—", "ﬁ", "ß"]  # fmt: skip
QUERY_WORDS = ["hoi", "nong", "dan", "doan", "so", "i", "2024", "ss"]


@given(
    lead=st.lists(st.sampled_from(SNIPPET_WORDS), max_size=15).map(" ".join),
    body=st.lists(st.sampled_from([*SNIPPET_WORDS, "</p><p>", "<br>"]), max_size=120).map(" ".join),
    query=st.lists(st.sampled_from(QUERY_WORDS), min_size=1, max_size=3).map(tuple),
    size=st.sampled_from([40, 8, 5]),
)
def test_snippet_is_the_excerpt_its_definition_gives(lead, body, query, size):
    """However the words fall (match in the lead, deep in the body, near the end, none at
    all, letters that fold to two), the quick excerpt equals the one defined word by word."""
    article = Article(lead=lead, body=f"<p>{body}</p>")
    assert search.snippet(article, query, size) == reference_snippet(article, query, size)


def test_query_is_escaped_wherever_it_is_shown(client, farmers):
    """Markup typed into the search box is shown as text, never run."""
    page = client.get("/tim-kiem/", {"q": "<script>alert(1)</script> nông"}).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page


@pytest.mark.parametrize("query", ["", "   ", None])
def test_empty_query_shows_the_form_and_a_hint(client, query):
    """Without a query the page explains what to type and lists nothing."""
    response = client.get("/tim-kiem/", {} if query is None else {"q": query})
    assert response.status_code == 200
    assert "Nhập một vài từ" in response.content.decode()
    assert list(response.context["articles"]) == []


@pytest.mark.parametrize("query", ["!!!", "… — “” ?", "%_%", "--- ;;; ** ##", "&&& |||"])
def test_query_of_symbols_only_is_answered_calmly(client, farmers, query):
    """A query with no letter or digit gets a message, not an error or every article."""
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    assert "ít nhất một chữ cái hoặc chữ số" in response.content.decode()
    assert list(response.context["articles"]) == []


def test_very_long_query_is_cut_and_said_so(client, farmers):
    """A query of thousands of characters is shortened, still searched, and the reader told."""
    response = client.get("/tim-kiem/", {"q": "hội nông dân " + "rất dài " * 2000})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Từ khóa dài quá" in page
    assert len(response.context["query"].text) == search.MAX_QUERY_LENGTH
    assert len(response.context["query"].words) <= search.MAX_WORDS


def test_one_enormous_word_finds_nothing_calmly(client, farmers):
    """A single word far longer than any real word is answered with no results."""
    assert found(client, "a" * 5000) == []


def test_percent_and_underscore_are_not_wildcards(client, farmers):
    """Characters that mean "anything" to SQL LIKE are not wildcards in search."""
    assert found(client, "n_ng") == []
    assert found(client, "%") == []


def test_results_paginate_and_keep_the_query(client):
    """Twenty results a page; the next page link keeps the words."""
    ArticleFactory.create_batch(21, live=True, title="Hội Nông dân ra quân")
    page = client.get("/tim-kiem/", {"q": "nông dân"}).content.decode()
    assert 'href="/tim-kiem/?q=n%C3%B4ng+d%C3%A2n&amp;page=2"' in page
    assert len(found(client, "nông dân")) == 20


def test_search_page_is_not_indexed(client, farmers):
    """Search results ask search engines not to index them."""
    page = client.get("/tim-kiem/", {"q": "nong dan"}).content.decode()
    assert '<meta name="robots" content="noindex, follow">' in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text only")
def test_postgres_stores_a_weighted_vector_with_accents_folded():
    """On PostgreSQL the stored vector holds folded words weighted A (title), B, C."""
    article = ArticleFactory(
        live=True, title="Hội Nông dân", lead="Đoàn viên", body="<p>Trồng cây</p>"
    )
    vector = SearchDocument.objects.get(article=article).vector
    assert vector == "'cay':7C 'dan':3A 'doan':4B 'hoi':1A 'nong':2A 'trong':6C 'vien':5B"


# --- Large archives: every match is ranked -------------------------------------------------------


def bulk_articles(titles_and_ages: list[tuple[str, int]]) -> list[Article]:
    """Published articles stored in bulk (no signals) and indexed in bulk, as seed_bench does."""
    now = timezone.now()
    articles = Article.objects.bulk_create(
        Article(
            title=title,
            slug=f"bai-{number}",
            lead="",
            body="",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(days=age),
        )
        for number, (title, age) in enumerate(titles_and_ages)
    )
    search.index_in_bulk((a.pk, a.title, a.lead, a.body) for a in articles)
    return articles


def test_every_match_is_ranked_however_old(client):
    """With more than a hundred matches, the best one comes first even when it is the
    oldest, the count is every match, and the last page holds the oldest weak ones."""
    bulk_articles(
        [("Hội Nông dân tổng kết năm", 4000)]  # the best match, but the oldest
        + [(f"Hội viên xã số {n} ra đồng cùng nông dân", n) for n in range(120)]
    )
    response = client.get("/tim-kiem/", {"q": "hoi nong dan"})
    assert response.context["paginator"].count == 121
    assert "Tìm thấy 121 bài viết." in response.content.decode()
    assert found(client, "hoi nong dan")[0] == "Hội Nông dân tổng kết năm"
    last = client.get("/tim-kiem/", {"q": "hoi nong dan", "page": "7"})
    assert last.status_code == 200
    assert [a.title for a in last.context["articles"]] == [
        "Hội viên xã số 119 ra đồng cùng nông dân"
    ]
    assert client.get("/tim-kiem/", {"q": "hoi nong dan", "page": "8"}).status_code == 404


def test_ranking_puts_titles_first(client):
    """A title match comes before a newer body-only one."""
    bulk_articles([("Tin về GPMB", 5), ("Tin khác", 1)])
    Article.objects.filter(title="Tin khác").update(body="<p>Nói về GPMB.</p>")
    search.rebuild_index()
    assert found(client, "gpmb") == ["Tin về GPMB", "Tin khác"]


def test_bulk_index_stores_what_one_save_stores():
    """index_in_bulk (seed_bench, rebuild_search_index) writes the same search document as
    saving the article does."""
    article = ArticleFactory(
        live=True,
        title="Hội LHPN ra mắt CLB",
        lead="Sáng 3/3, Covid-19 lùi xa.",
        body="<p>Đoàn viên <b>trồng</b> cây.</p><figure><figcaption>Ảnh</figcaption></figure>",
    )
    saved = SearchDocument.objects.filter(article=article)
    before = list(saved.values_list("vector", "text"))
    saved.delete()
    assert search.index_in_bulk([(article.pk, article.title, article.lead, article.body)]) == 1
    assert list(saved.values_list("vector", "text")) == before
    # Running it again updates in place.
    assert search.index_in_bulk([(article.pk, article.title, article.lead, article.body)]) == 1
    assert list(saved.values_list("vector", "text")) == before
