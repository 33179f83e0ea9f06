"""Read replicas: the public's pages read from them, everything else from the primary.

Only the anonymous public pages (``newsroom.pagecache.public_page``) read from a replica, inside
``replica_reads()``: they are the pages a cache already serves slightly old, so a second of
replication lag changes nothing for them. The admin, logins, previews, every write and every
read made inside a transaction stay on the primary, so an editor always reads what was just
saved. The replicas are ``settings.NEWSROOM_READ_REPLICAS`` (from ``DATABASE_REPLICA_URLS``).
"""

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

_replica_reads = ContextVar("replica_reads", default=False)


@contextmanager
def replica_reads():
    """Let the reads made inside go to a read replica, when there is one."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def reading_from_replicas() -> bool:
    """Whether reads made now may go to a replica."""
    return _replica_reads.get()


class ReplicaRouter:
    """Sends the public pages' reads to a replica chosen at random, the rest to ``default``."""

    def db_for_read(self, model, **hints):
        replicas = getattr(settings, "NEWSROOM_READ_REPLICAS", [])
        if replicas and reading_from_replicas() and not connections["default"].in_atomic_block:
            return random.choice(replicas)  # noqa: S311 — spreading load, not a secret
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the primary's very rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
