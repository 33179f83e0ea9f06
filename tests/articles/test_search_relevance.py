"""The relevance test set: for each query a reader types, the articles /tim-kiem/ lists first,
in order, the same on PostgreSQL and SQLite (``relevance_corpus``: our own texts)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.articles.relevance_corpus import ARTICLES, QUERIES
from tests.articles.test_search import found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db):
    """Every article of the set, published ``hours`` ago; titles by key."""
    now = timezone.now()
    return {
        key: ArticleFactory(
            live=True,
            title=title,
            lead=lead,
            body=f"<p>{body}</p>",
            published_at=now - timedelta(hours=hours),
        ).title
        for key, hours, title, lead, body in ARTICLES
    }


def test_the_set_is_large_enough_and_unambiguous():
    """At least 40 articles and 30 queries; no two articles share an age or a title."""
    assert len(ARTICLES) >= 40 and len(QUERIES) >= 30
    assert len({hours for _, hours, *_ in ARTICLES}) == len(ARTICLES)
    assert len({title for _, _, title, *_ in ARTICLES}) == len(ARTICLES)


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[query for query, _ in QUERIES])
def test_top_results_come_in_the_expected_order(client, corpus, query, expected):
    """The first results are the articles a reader of Vietnamese would put first."""
    titles = found(client, query)
    assert titles[: len(expected)] == [corpus[key] for key in expected]
