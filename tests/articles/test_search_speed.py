"""Search at 100,000 articles: what keeps it fast must keep it right. The publication time the
ranking reads beside the words follows the article however it changes, and (PostgreSQL) a
tier is answered from the one GIN index without testing any article's vectors."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import search
from articles.models import Article, SearchDocument
from articles.search_ranking import _ranked, postgres_ids
from articles.workflow import publish_imported
from tests.articles.relevance_corpus import ARTICLES, QUERIES
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def ranked(text: str) -> list[str]:
    return [article.title for article in search.search(search.parse_query(text))[0:10]]


@pytest.fixture
def markets(db):
    """Three market stories a day apart, all with every word of the query in the title."""
    now = timezone.now()
    return [
        ArticleFactory(live=True, title=f"Chợ phiên vùng cao {n}",
                       published_at=now - timedelta(days=n + 1))
        for n in range(3)
    ]  # fmt: skip


def test_a_new_publication_time_moves_the_article_however_it_is_set(markets):
    """Newest first among equals: a queryset ``update()`` (no signal, no save) and a save
    of the time alone both move the article, on either database."""
    assert ranked("chợ phiên") == ["Chợ phiên vùng cao 0", "Chợ phiên vùng cao 1",
                                   "Chợ phiên vùng cao 2"]  # fmt: skip
    Article.objects.filter(pk=markets[2].pk).update(published_at=timezone.now())
    assert ranked("chợ phiên")[0] == "Chợ phiên vùng cao 2"
    markets[1].published_at = timezone.now() - timedelta(minutes=1)
    markets[1].save(update_fields=["published_at"])
    assert ranked("chợ phiên") == ["Chợ phiên vùng cao 2", "Chợ phiên vùng cao 1",
                                   "Chợ phiên vùng cao 0"]  # fmt: skip


def test_publishing_through_the_workflow_ranks_the_article_by_its_new_time(markets):
    """A draft (no publication time) published through the workflow comes first."""
    draft = ArticleFactory(title="Chợ phiên vùng cao mới", status=Article.Status.DRAFT)
    assert "Chợ phiên vùng cao mới" not in ranked("chợ phiên")
    publish_imported(article=draft, published_at=timezone.now())
    assert ranked("chợ phiên")[0] == "Chợ phiên vùng cao mới"
    if connection.vendor == "postgresql":
        draft.refresh_from_db()
        copied = SearchDocument.objects.get(article=draft).published_at
        assert copied == draft.published_at


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plan")
def test_a_tier_is_read_from_the_one_index_without_testing_vectors(markets):
    """The first tier's statement: every condition in the GIN index scan, none left to test
    on each candidate (which would decompress its body's vector)."""
    query = search.parse_query("chợ phiên")
    with CaptureQueriesContext(connection) as captured:
        # As for a page of many matches (the count not known to fit on it): tiers.
        postgres_ids(query, Article.objects.published(), 0, 2)
    statement = captured.captured_queries[0]["sql"]
    with transaction.atomic(), connection.cursor() as cursor:
        setting, sql = statement.split("; ", 1)
        cursor.execute(setting)
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on article_search_gin" in plan
    scan = plan[plan.index("Bitmap Heap Scan") :].split("->")[0]
    assert "Filter" not in scan, plan
    assert "strip(ts_filter(head" in scan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's two ways to rank")
def test_ranking_a_few_matches_on_their_own_vectors_gives_the_same_order():
    """When the count says the matches fit on the page, each is tested on its own vectors
    instead of reading the words' and pairs' sets: the same order for every query of the
    relevance set (phrases, marks, pairs, places)."""
    now = timezone.now()
    for _key, hours, title, lead, body in ARTICLES:
        ArticleFactory(live=True, title=title, lead=lead, body=f"<p>{body}</p>",
                       published_at=now - timedelta(hours=hours))  # fmt: skip
    published = Article.objects.published()
    every_key = (True, True, True)
    for text, _ in QUERIES:
        query = search.parse_query(text)
        from_sets = _ranked(query, published, "", [], every_key, 100)
        assert _ranked(query, published, "", [], every_key, 100, few=True) == from_sets, text
        assert postgres_ids(query, published, 0, 100, len(from_sets)) == from_sets, text
