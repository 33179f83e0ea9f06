"""Search over the whole archive as a reader uses it: filters in the address, counts that say
when they stopped counting, "did you mean", excerpts from the stored text, a fixed number of
queries, and (PostgreSQL) the tiered page equal to ranking every match."""

import re
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles import search
from articles.models import Article
from articles.search_ranking import _ranked, postgres_ids
from tests.articles.relevance_corpus import ARTICLES, QUERIES
from tests.articles.test_search import found
from tests.factories import ArticleFactory, CategoryFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def titles(client, params: dict) -> list[str]:
    """The titles /tim-kiem/ lists for ``params``, highlights taken off."""
    page = client.get("/tim-kiem/", params).content.decode()
    shown = re.findall(r'class="card-title"><a [^>]+>(.*?)</a>', page)
    return [re.sub("<[^>]+>", "", title) for title in shown]


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 9, 0))


@pytest.fixture
def world(db):
    """Farmers' news in two sections, two organisations and three years."""
    economy, society = CategoryFactory(name="Kinh tế"), CategoryFactory(name="Xã hội")
    farmers, veterans = OrganisationFactory(name="Hội Nông dân"), OrganisationFactory()
    rows = [
        ("Nông dân làm giàu 2021", economy, farmers, at(2021, 3, 1)),
        ("Nông dân trồng lúa 2022", society, farmers, at(2022, 6, 15)),
        ("Nông dân góp đất 2023", economy, veterans, at(2023, 12, 31)),
    ]
    made = {}
    for title, section, organisation, when in rows:
        article = ArticleFactory(live=True, title=title, category=section, published_at=when)
        article.organisations.set([organisation])
        made[title] = article
    return {"economy": economy, "farmers": farmers, "articles": made}


def test_filters_narrow_the_results_and_stay_in_the_address(client, world):
    """Section, organisation and a date range each narrow the list; the links keep them."""
    economy, farmers = world["economy"], world["farmers"]
    assert found(client, "nong dan") == [
        "Nông dân góp đất 2023", "Nông dân trồng lúa 2022", "Nông dân làm giàu 2021"
    ]  # fmt: skip
    page = client.get("/tim-kiem/", {"q": "nong dan", "chuyen_muc": economy.slug})
    assert titles(client, {"q": "nong dan", "chuyen_muc": economy.slug}) == [
        "Nông dân góp đất 2023", "Nông dân làm giàu 2021"
    ]  # fmt: skip
    assert f'<option value="{economy.slug}" selected>' in page.content.decode()
    params = {"q": "nong dan", "to_chuc": farmers.slug, "tu_ngay": "2022-01-01"}
    assert titles(client, params) == ["Nông dân trồng lúa 2022"]
    assert "Tìm thấy 1 bài viết." in client.get("/tim-kiem/", params).content.decode()
    # The last day of a range counts whole, in local time.
    response = client.get("/tim-kiem/", {"q": "nong dan", "den_ngay": "31/12/2023"})
    assert "Tìm thấy 3 bài viết." in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"tu_ngay": "2023-99-01"}, "Nhập một ngày hợp lệ."),
        ({"tu_ngay": "2023-01-01", "den_ngay": "2022-01-01"}, "Ngày bắt đầu phải trước"),
        ({"chuyen_muc": "khong-co"}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_a_bad_filter_is_explained_and_the_search_still_answers(client, world, params, message):
    """A crafted or mistyped filter gets a Vietnamese message, never a 500; the rest works."""
    response = client.get("/tim-kiem/", {"q": "nong dan", **params})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Tìm thấy 3 bài viết." in page


def test_the_page_cache_keys_on_the_filters(client, world, settings):
    """Two filters give two cached pages; an unknown parameter is dropped."""
    from public.search_views import SearchView

    assert {"q", "page", "chuyen_muc", "to_chuc", "tu_ngay", "den_ngay"} == set(
        SearchView.cache_params
    )
    economy = world["economy"]
    whole = client.get("/tim-kiem/", {"q": "nong dan"}).content.decode()
    narrowed = client.get("/tim-kiem/", {"q": "nong dan", "chuyen_muc": economy.slug})
    assert "Tìm thấy 3 bài viết." in whole
    assert "Tìm thấy 2 bài viết." in narrowed.content.decode()


def test_a_count_past_its_bound_says_more_than(client):
    """Past ten pages beyond the one shown the count stops and says "hơn"."""
    now = timezone.now()
    Article.objects.bulk_create(
        [
            Article(
                title=f"Chợ quê số {n}",
                slug=f"cho-que-{n}",
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(hours=n + 1),
            )
            for n in range(221)
        ]
    )
    search.rebuild_index()
    page = client.get("/tim-kiem/", {"q": "cho que"}).content.decode()
    assert "Tìm thấy hơn 220 bài viết." in page
    assert "Chợ quê số 0<" in re.sub("</?mark>", "", page)
    assert client.get("/tim-kiem/", {"q": "cho que", "page": "12"}).status_code == 200


def test_did_you_mean_offers_the_spelling_the_archive_uses(client, world):
    """A mark mistyped (nộng for nông) finds the articles and offers the right spelling."""
    page = client.get("/tim-kiem/", {"q": "nộng dân", "chuyen_muc": world["economy"].slug})
    text = page.content.decode()
    assert "Có phải bạn muốn tìm:" in text
    assert "nông dân</a>" in text
    assert f"chuyen_muc={world['economy'].slug}" in text
    assert (
        "Có phải bạn muốn tìm:" not in client.get("/tim-kiem/", {"q": "nông dân"}).content.decode()
    )
    assert (
        "Có phải bạn muốn tìm:" not in client.get("/tim-kiem/", {"q": "nong dan"}).content.decode()
    )


def test_the_excerpt_comes_from_the_stored_text(client):
    """The excerpt is cut from the text stored at save time, not from the body's HTML."""
    article = ArticleFactory(live=True, title="Tin ngắn", lead="", body="<p>Mùa gặt bội thu.</p>")
    Article.objects.filter(pk=article.pk).update(body="<p>Không còn chữ nào khớp.</p>")
    page = client.get("/tim-kiem/", {"q": "bội thu"}).content.decode()
    assert "Mùa gặt <mark>bội</mark> <mark>thu</mark>." in page


def test_the_search_page_makes_a_fixed_number_of_queries(client, django_assert_num_queries):
    """The same for 3 results or 23: the page cache's check, the count, the ids (on PostgreSQL
    one query a tier tried, at most three), the articles, the sections and organisations the
    filters offer, the navigation."""
    for n in range(3):
        ArticleFactory(live=True, title=f"Đường làng {n}", body="<p>" + "chữ " * 300 + "</p>")
    expected = 7
    with django_assert_num_queries(expected):
        client.get("/tim-kiem/", {"q": "duong lang"})
    if connection.vendor == "postgresql":
        expected += 1  # every word in the title: 3 articles; words together: a full page
    for n in range(20):
        ArticleFactory(live=True, title=f"Đường quê {n}", lead="Đường làng mới.")
    with django_assert_num_queries(expected):
        client.get("/tim-kiem/", {"q": "duong lang"})


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the tiers are PostgreSQL's")
@pytest.mark.parametrize("size", [1, 2, 3, 5])
def test_a_tiered_page_is_the_same_as_ranking_every_match(size):
    """Whichever tier fills a page, it is the top of the whole ranking, for every query of
    the relevance set and pages of several sizes."""
    now = timezone.now()
    for _key, hours, title, lead, body in ARTICLES:
        ArticleFactory(live=True, title=title, lead=lead, body=f"<p>{body}</p>",
                       published_at=now - timedelta(hours=hours))  # fmt: skip
    published = Article.objects.published()
    for text, _ in QUERIES:
        query = search.parse_query(text)
        whole = _ranked(query, published, "", [], (True, True, True), 1000)
        for start in (0, size):
            assert (
                postgres_ids(query, published, start, start + size) == whole[start : start + size]
            ), text
