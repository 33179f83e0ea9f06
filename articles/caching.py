"""The anonymous page cache, and how a change in the newsroom reaches every page at once.

Every public page (HTML, feeds, sitemaps) goes through ``public_page``. For a visitor who is
not logged in, the rendered response is kept in Django's cache (Redis when ``REDIS_URL`` is set,
local memory otherwise) under a key that includes the site's *generation*. Saving or deleting
anything the public pages show (an article, its byline, organisations, tags, photos…) starts a
new generation, so every page is rendered afresh on its next visit; nothing needs to know which
pages an article appears on. The generation also ends by itself when a scheduled article's
publication time comes.

Logged-in users are never served from the cache and their pages are never stored, so staff
never see a stale page and the public never sees a staff page. Cached responses carry an ETag
and ``Last-Modified`` (the start of the generation: no page can have changed since), and a
conditional GET that matches gets ``304 Not Modified``.

Local memory is per process: run more than one application process only with Redis.
``NEWSROOM_PAGE_CACHE = False`` turns the page cache off (every page rendered on every visit),
for measuring the pages themselves or when a CDN in front does all the caching.
"""

import hashlib
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date
from django.utils.translation import get_language

STATE_KEY = "newsroom:public-pages:state"
# A backstop only: changes end a generation long before this.
PAGE_TIMEOUT = 15 * 60
# Parameters that only track where a visitor came from; a page is the same without them.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "zarsrc"})


def current_state() -> dict:
    """The current generation: its id, when it began, and when it must end at the latest."""
    state = cache.get(STATE_KEY)
    now = time.time()
    if state is None or (state["until"] is not None and now >= state["until"]):
        state = {"id": uuid.uuid4().hex, "since": now, "until": _next_publication_time()}
        cache.set(STATE_KEY, state, None)
    return state


def _next_publication_time() -> float | None:
    from .models import Article

    upcoming = (
        Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True)
    ).first()
    return upcoming.timestamp() if upcoming else None


def new_generation() -> None:
    """Forget every cached public page (they are rendered again on their next visit)."""
    cache.delete(STATE_KEY)


def invalidate(sender=None, action=None, **kwargs) -> None:
    """Signal receiver: something public changed; start a new generation now and at commit.

    Now, so this process shows the change at once; again after the transaction commits, so a
    page rendered from the not-yet-committed state in between is not kept. For
    ``m2m_changed`` only the ``post_*`` actions count.
    """
    if action is not None and not action.startswith("post_"):
        return
    new_generation()
    transaction.on_commit(new_generation)


def page_key(request, state: dict) -> str:
    """The cache key of this request's page in this generation."""
    varying = sorted(
        (name, values)
        for name, values in request.GET.lists()
        if name not in TRACKING_PARAMETERS and not name.startswith("utm_")
    )
    # HEAD is answered from the GET entry, as Django's own cache middleware does.
    raw = "|".join(
        [request.scheme, request.get_host(), request.path, repr(varying), get_language()]
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"newsroom:public-page:{state['id']}:{digest}"


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def public_page(view):
    """Serve ``view`` from the page cache to anonymous visitors, with ETag and 304."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
            return response
        if not settings.NEWSROOM_PAGE_CACHE:
            response = view(request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            return response

        state = current_state()
        key = page_key(request, state)
        response = cache.get(key)
        if response is None:
            response = view(request, *args, **kwargs)
            if callable(getattr(response, "render", None)):
                response = response.render()
            if _storable(response):
                response["Last-Modified"] = http_date(state["since"])
                set_response_etag(response)
                patch_cache_control(response, public=True, no_cache=True)
                patch_vary_headers(response, ["Cookie"])
                cache.set(key, response, PAGE_TIMEOUT)
            else:
                patch_vary_headers(response, ["Cookie"])
                return response
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=int(state["since"]),
            response=response,
        )

    return wrapper
