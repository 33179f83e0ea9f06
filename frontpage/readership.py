"""Most read: reads counted without cookies or personal data, cheaply, and the lists.

A read is the article page's beacon (``public.urls``: a tiny POST its own script sends once the
page is shown), not the page request, so the page cache keeps serving every page. ``count``:

- refuses what is not a reader: no or a robot's user agent, a prefetch;
- counts one address reading one article once in ``NEWSROOM_READ_REPEAT_SECONDS``: the cache
  holds a keyed hash (``salted_hmac``) of the address, the article and the day, which expires
  with the window; the address itself is stored nowhere;
- appends the read to a queue in the cache (a counter gives each read its own slot), so a read
  costs a few cache operations and no database query;
- every ``NEWSROOM_READ_FLUSH_EVERY`` reads or ``NEWSROOM_READ_FLUSH_SECONDS`` seconds, one
  request (holding a lock in the cache) ``flush``es the queue: the reads are summed per article
  and day and written in four queries, however many there were.

``most_read()`` is the "Đọc nhiều" lists (today, this week), kept in the cache and made again at
each flush, so rendering a page reads them from the cache without a query.
"""

import re
import time
from collections import Counter
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from articles.models import Article
from frontpage.models import ReadCount
from newsroom.security import client_address

SEQUENCE = "newsroom:reads:sequence"
FLUSHED = "newsroom:reads:flushed"
LOCK = "newsroom:reads:flushing"
LISTS = "newsroom:reads:lists"
QUEUED_SECONDS = 24 * 3600  # a read not flushed by then is dropped
LIST_SIZE = 5
WEEK = 7
ROBOTS = re.compile(
    r"bot|crawl|spider|slurp|fetch|preview|scan|monitor|headless|lighthouse|facebookexternalhit"
    r"|zalo|curl|wget|python|java/|go-http|okhttp|axios|node-fetch|libwww|httpclient",
    re.IGNORECASE,
)


def is_reader(request) -> bool:
    """Whether the request looks like a person's browser showing the page."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    if not agent.startswith("Mozilla/") or ROBOTS.search(agent):
        return False
    purpose = request.META.get("HTTP_SEC_PURPOSE", "") + request.META.get("HTTP_PURPOSE", "")
    return "prefetch" not in purpose.lower()


def _slot(number: int) -> str:
    return f"newsroom:reads:read:{number}"


def count(request, article_id: int) -> bool:
    """Count a read of ``article_id`` from ``request`` unless it is a robot or a repeat; True
    when counted. Flushes the queue when it is due."""
    if not is_reader(request):
        return False
    today = timezone.localdate()
    seen = salted_hmac(
        "newsroom.reads", f"{client_address(request)}|{article_id}|{today.isoformat()}"
    ).hexdigest()[:32]
    if not cache.add(f"newsroom:reads:seen:{seen}", 1, settings.NEWSROOM_READ_REPEAT_SECONDS):
        return False
    cache.add(SEQUENCE, 0, None)
    try:
        number = cache.incr(SEQUENCE)
    except ValueError:  # evicted between the two calls: this read is lost, not the others
        return False
    cache.set(_slot(number), (article_id, today.toordinal()), QUEUED_SECONDS)
    flushed = cache.get(FLUSHED) or {"number": 0, "at": 0.0}
    due = number - flushed["number"] >= settings.NEWSROOM_READ_FLUSH_EVERY
    if due or time.time() - flushed["at"] >= settings.NEWSROOM_READ_FLUSH_SECONDS:
        flush()
    return True


def flush() -> int:
    """Write the queued reads to the database in bulk; returns how many were written. One
    process at a time (the others go on counting)."""
    if not cache.add(LOCK, 1, 60):
        return 0
    try:
        last = cache.get(SEQUENCE) or 0
        flushed = cache.get(FLUSHED) or {"number": 0, "at": 0.0}
        first = flushed["number"] + 1 if flushed["number"] <= last else 1  # the cache was emptied
        keys = [_slot(number) for number in range(first, last + 1)]
        reads: Counter = Counter()
        for start in range(0, len(keys), 1000):
            reads.update(cache.get_many(keys[start : start + 1000]).values())
        write(reads)
        cache.set(FLUSHED, {"number": last, "at": time.time()}, None)
        cache.delete_many(keys)
        refresh_lists()
        return sum(reads.values())
    finally:
        cache.delete(LOCK)


@transaction.atomic
def write(reads: Counter) -> None:
    """Add ``reads`` ({(article id, day ordinal): n}) to the daily counts: four queries."""
    if not reads:
        return
    ids = {article_id for article_id, _ in reads}
    known = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
    days = {date.fromordinal(day) for _, day in reads}
    rows = {
        (row.article_id, row.day): row
        for row in ReadCount.objects.select_for_update().filter(article_id__in=known, day__in=days)
    }
    changed, new = [], []
    for (article_id, ordinal), number in reads.items():
        if article_id not in known:  # a crafted or deleted id
            continue
        day = date.fromordinal(ordinal)
        row = rows.get((article_id, day))
        if row is None:
            new.append(ReadCount(article_id=article_id, day=day, count=number))
        else:
            row.count += number
            changed.append(row)
    ReadCount.objects.bulk_update(changed, ["count"])
    ReadCount.objects.bulk_create(new)


def _top(since: date) -> list[dict]:
    rows = (
        ReadCount.objects.filter(day__gte=since, article__in=Article.objects.published())
        .values("article_id", "article__title", "article__slug")
        .annotate(reads=Sum("count"))
        .order_by("-reads", "-article_id")[:LIST_SIZE]
    )
    return [
        {
            "title": row["article__title"],
            "url": reverse(
                "public:detail", kwargs={"slug": row["article__slug"], "pk": row["article_id"]}
            ),
            "reads": row["reads"],
        }
        for row in rows
    ]


def refresh_lists() -> dict:
    """Make the most-read lists again from the database (two queries) and keep them."""
    today = timezone.localdate()
    lists = {"today": _top(today), "week": _top(today - timedelta(days=WEEK - 1))}
    cache.set(LISTS, {"day": today.toordinal(), **lists}, None)
    return lists


def most_read() -> dict:
    """{"today": [...], "week": [...]}: each item's title, address and reads; from the cache."""
    kept = cache.get(LISTS)
    if kept is None or kept["day"] != timezone.localdate().toordinal():
        return refresh_lists()
    return {"today": kept["today"], "week": kept["week"]}
