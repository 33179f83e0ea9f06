"""Read replicas: the public's pages read from them, the newsroom always from the primary."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from articles.models import Article
from newsroom.pagecache import public_page
from newsroom.routers import ReplicaRouter, reading_from_replicas, replica_reads
from tests.factories import UserFactory

router = ReplicaRouter()


def test_without_replicas_everything_uses_the_primary(settings):
    """With no replica configured, reads go to the primary even on a public page."""
    settings.NEWSROOM_READ_REPLICAS = []
    with replica_reads():
        assert router.db_for_read(Article) == "default"


def test_public_page_reads_go_to_a_replica_and_writes_to_the_primary(settings):
    """Inside a public page, reads go to one of the replicas; writes never do, and outside a
    public page reads stay on the primary."""
    settings.NEWSROOM_READ_REPLICAS = ["replica1", "replica2"]
    assert router.db_for_read(Article) == "default"
    with replica_reads():
        chosen = {router.db_for_read(Article) for _ in range(50)}
        assert chosen == {"replica1", "replica2"}
        assert router.db_for_write(Article) == "default"
    assert not reading_from_replicas()


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_the_primary(settings):
    """A read made inside a transaction (a save being checked) sees the primary's rows."""
    settings.NEWSROOM_READ_REPLICAS = ["replica1"]
    with replica_reads(), transaction.atomic():
        assert router.db_for_read(Article) == "default"


def test_migrations_run_on_the_primary_only():
    """Replicas copy the primary: nothing is migrated on them."""
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica1", "articles")


@pytest.mark.django_db
def test_only_anonymous_visits_to_public_pages_read_from_replicas(settings):
    """An anonymous GET of a public page reads from replicas; a signed-in visit or a POST
    does not, and neither does anything outside the public pages."""
    settings.NEWSROOM_READ_REPLICAS = []  # the decision is what is checked, not the routing
    seen = []

    def view(request):
        seen.append(reading_from_replicas())
        return HttpResponse("ok")

    page = public_page(view)
    factory = RequestFactory()
    anonymous = factory.get("/")
    anonymous.user = AnonymousUser()
    page(anonymous)
    signed_in = factory.get("/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=x")
    signed_in.user = UserFactory()
    page(signed_in)
    posted = factory.post("/")
    posted.user = UserFactory()
    page(posted)
    assert seen == [True, False, False]
    assert not reading_from_replicas()
