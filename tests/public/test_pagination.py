"""Long lists count only a few pages ahead, so a page costs the same in any size of archive."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from public.pagination import COUNT_AHEAD

pytestmark = pytest.mark.django_db
PER_PAGE = 20


@pytest.fixture
def archive():
    """More published articles than a first page counts (COUNT_AHEAD pages and more)."""
    total = (COUNT_AHEAD + 3) * PER_PAGE + 5
    start = timezone.now() - timedelta(days=400)
    Article.objects.bulk_create(
        Article(
            title=f"Hội Nông dân xã ra quân {number}",
            slug=f"hoi-nong-dan-{number}",
            status=Article.Status.PUBLISHED,
            published_at=start + timedelta(hours=number),
        )
        for number in range(total)
    )
    return total


def test_first_page_counts_no_further_than_a_few_pages_ahead(client, archive):
    """The first page's count stops COUNT_AHEAD pages on: its SQL has that bound, and the
    page links end in "…" rather than naming a last page it did not count."""
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/tin-moi/").content.decode()
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]
    assert len(counts) == 1
    assert f"LIMIT {(1 + COUNT_AHEAD) * PER_PAGE + 1}" in counts[0]
    assert 'rel="next" href="/tin-moi/?page=2"' in page
    links = page.split('<nav class="pagination"')[1].split("</nav>")[0]
    last_page = -(-archive // PER_PAGE)
    assert f"?page={last_page}" not in links
    assert "…" in links


def test_pages_past_the_first_count_are_still_there(client, archive):
    """Every page of the archive answers, the last one too, and the one after it is a 404;
    near the end the links name the last page again."""
    last_page = -(-archive // PER_PAGE)
    response = client.get("/tin-moi/", {"page": last_page})
    assert response.status_code == 200
    assert len(response.context["articles"]) == archive - (last_page - 1) * PER_PAGE
    assert client.get("/tin-moi/", {"page": last_page + 1}).status_code == 404
    near_end = client.get("/tin-moi/", {"page": last_page - 1}).content.decode()
    assert f'href="/tin-moi/?page={last_page}"' in near_end


def test_short_lists_still_name_their_last_page(client):
    """A list that fits in the count shows every page number, the last one included."""
    start = timezone.now() - timedelta(days=10)
    Article.objects.bulk_create(
        Article(
            title=f"Tin {number}",
            slug=f"tin-{number}",
            status=Article.Status.PUBLISHED,
            published_at=start + timedelta(minutes=number),
        )
        for number in range(5 * PER_PAGE)
    )
    page = client.get("/tin-moi/").content.decode()
    assert 'href="/tin-moi/?page=5"' in page
