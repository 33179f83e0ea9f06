"""The anonymous page cache, and how a change in the newsroom reaches every page at once.

Every public page (HTML, feeds, sitemaps) goes through ``public_page``. For a visitor who is
not logged in, the rendered response is kept in Django's cache (Redis when ``REDIS_URL`` is set,
local memory otherwise) under a key that includes the site's *generation*. Saving or deleting
anything the public pages show (a published article, its byline, organisations, tags, photos…:
``articles.signals``; a draft's saves do not count) starts a new generation. It also ends by
itself when a scheduled time comes; beginning one runs the content's clock (``expire_at_next``:
scheduled updates whose time has come are published then, on every GET of a public page).

Logged-in users are never served from the cache and their pages are never stored, so staff
never see a stale page and the public never sees a staff page. Cached responses carry an ETag
and ``Last-Modified`` (when their content changed, as the view says: an article's change, the
newest change among a list's articles, a feed's newest item; else the start of the generation,
since which no page can have changed), and a conditional GET that matches gets ``304 Not
Modified``.

Local memory is per process: run more than one application process only with Redis. Each
process keeps the generation it last read for ``STATE_SECONDS`` (0.1 s) and copies of the pages
it served lately, so a page served again costs no round trip to Redis. A page may end sooner
than its generation: a view sets ``response.cache_until`` (a timestamp), and the page is served
from neither cache once it has come (the front page does, when a chosen story's time ends).
``NEWSROOM_PAGE_CACHE = False`` turns the page cache off (every page rendered on every visit),
for measuring the pages themselves or when a CDN in front does all the caching.

What anyone can add to the cache is bounded, since every entry is made on a stranger's
request. A page is kept under its canonical address only: its path and the query parameters
its view declares it reads (``cache_params``; the last value of each, blank ones left out),
never the Host header or the scheme, which the pages do not depend on (their absolute links
come from ``NEWSROOM_BASE_URL``). The view is handed only those parameters, so ``/?x=1`` or
``?utm_source=…`` is the same page as ``/`` and shares its entry. A parameter that takes free
text (``cache_free_text``: the search box) could still make a new entry for every value, so
one client address (an IPv6 /64 counts as one) may add only
``NEWSROOM_PAGE_CACHE_SEARCHES_PER_CLIENT`` such pages each ``QUOTA_SECONDS``; past that its
pages are rendered and not kept. Each process keeps at most ``LOCAL_PAGE_COUNT`` copies in
``LOCAL_PAGE_BYTES``, and Redis is given a ``maxmemory`` with eviction (README).
"""

import hashlib
import ipaddress
import threading
import time
import uuid
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, QueryDict
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from newsroom.routers import replica_reads
from newsroom.security import client_address

STATE_KEY = "newsroom:public-pages:state"
# A backstop only: changes end a generation long before this.
PAGE_TIMEOUT = 15 * 60
# How long one client's allowance of new free-text pages (searches) lasts.
QUOTA_SECONDS = PAGE_TIMEOUT
# A request without these cannot be answered 304.
CONDITIONAL_HEADERS = frozenset({"HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"})
# How long a process trusts the generation it last read, and how much of its memory it gives
# to copies of pages (the least recently served go first).
STATE_SECONDS = 0.1
LOCAL_PAGE_BYTES = 32 * 1024 * 1024
# Also bounded by number, so that many small pages (or their headers) cannot grow past it.
LOCAL_PAGE_COUNT = 2000
# Every query parameter some public page reads (filled by ``public_page``), for the early
# lookup in PageCacheMiddleware, which runs before it knows which page was asked for.
_READ_PARAMETERS: set[str] = set()


class _LocalCopies:
    """This process's copies: the generation last read, and pages (content and headers)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.forget()

    def forget(self) -> None:
        self.state, self.read_at = None, 0.0
        self.pages: OrderedDict[str, tuple] = OrderedDict()
        self.size = 0

    def fresh_state(self, now: float) -> dict | None:
        state = self.state
        if state is None or not 0 <= now - self.read_at < STATE_SECONDS:
            return None
        return state if state["until"] is None or now < state["until"] else None

    def page(self, key: str) -> HttpResponse | None:
        with self.lock:
            kept = self.pages.get(key)
            if kept is not None:
                self.pages.move_to_end(key)
        if kept is None:
            return None
        content, status, headers, until = kept
        if until is not None and time.time() >= until:
            return None
        response = HttpResponse(content, status=status, headers=headers)
        response.cache_until = until
        return response

    def keep(self, key: str, response) -> None:
        until = getattr(response, "cache_until", None)
        kept = (response.content, response.status_code, dict(response.items()), until)
        with self.lock:
            if key in self.pages:
                return
            self.pages[key] = kept
            self.size += len(kept[0])
            while self.pages and (
                self.size > LOCAL_PAGE_BYTES or len(self.pages) > LOCAL_PAGE_COUNT
            ):
                self.size -= len(self.pages.popitem(last=False)[1][0])


_local = _LocalCopies()


def forget_local_copies() -> None:
    """Drop this process's copies (after ``cache.clear()``, say)."""
    with _local.lock:
        _local.forget()


def current_state() -> dict:
    """The current generation: its id, when it began, and when it must end at the latest."""
    now = time.time()
    state = _local.fresh_state(now)
    if state is not None:
        return state
    state = cache.get(STATE_KEY)
    if state is None or (state["until"] is not None and now >= state["until"]):
        state = {"id": uuid.uuid4().hex, "since": now, "until": _next_publication_time()}
        cache.set(STATE_KEY, state, None)
    _local.state, _local.read_at = state, now
    return state


# When the current generation must end at the latest (a scheduled article's time comes), as
# the content's app tells it (``expire_at_next``): the cache imports no model.
_next_change = None


def expire_at_next(source) -> None:
    """Have each new generation end when ``source()`` says (a timestamp, or None for never)."""
    global _next_change
    _next_change = source


def _next_publication_time() -> float | None:
    return _next_change() if _next_change is not None else None


def new_generation() -> None:
    """Forget every cached public page (they are rendered again on their next visit)."""
    cache.delete(STATE_KEY)
    forget_local_copies()


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


def canonical_parameters(query: QueryDict, names) -> list[tuple[str, str]]:
    """The parameters among ``names`` that make a page what it is: the last value of each
    (what ``QueryDict.get`` gives a view), blank ones left out, in a fixed order."""
    kept = []
    for name in sorted(names):
        values = query.getlist(name)
        if values and values[-1].strip():
            kept.append((name, values[-1]))
    return kept


def page_key(path: str, parameters: list[tuple[str, str]], state: dict) -> str:
    """The cache key of a page in this generation: its canonical address and the language.

    Neither the Host header nor the scheme is part of it: no page depends on them (absolute
    links come from NEWSROOM_BASE_URL), and any allowed host name, or a wildcard in
    ALLOWED_HOSTS, would otherwise make a copy of every page. HEAD is answered from the GET
    entry, as Django's own cache middleware does.
    """
    raw = "|".join([path, repr(parameters), get_language()])
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"newsroom:public-page:{state['id']}:{digest}"


def _only(request, parameters: list[tuple[str, str]]) -> None:
    """Hand the view only the parameters its page is keyed on, so that what it renders (its
    page links keep the query, say) is the same for every address that shares the entry."""
    query = QueryDict(mutable=True)
    for name, value in parameters:
        query[name] = value
    query._mutable = False
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def _client(request) -> str:
    """The client's address as the site sees it (newsroom.security), an IPv6 address widened
    to its /64, which one home or phone holds whole; hashed, as it becomes part of a key."""
    address = client_address(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        network = address
    else:
        network = str(parsed)
        if parsed.version == 6:
            mapped = parsed.ipv4_mapped
            network = str(mapped or ipaddress.ip_network(f"{parsed}/64", strict=False))
    return hashlib.sha256(network.encode()).hexdigest()[:32]


def _within_allowance(request) -> bool:
    """Count one more free-text page added by this client; False once past its allowance."""
    # The allowance runs from the client's first new page, not from a clock boundary: a fixed
    # window would hand a client twice the allowance across the boundary.
    key = f"newsroom:page-allowance:{_client(request)}"
    cache.add(key, 0, QUOTA_SECONDS)
    try:
        added = cache.incr(key)
    except ValueError:  # the counter was evicted or expired between the two calls
        return False
    return added <= settings.NEWSROOM_PAGE_CACHE_SEARCHES_PER_CLIENT


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _ended(response) -> bool:
    until = getattr(response, "cache_until", None)
    return until is not None and time.time() >= until


def _timeout(response) -> float:
    until = getattr(response, "cache_until", None)
    if until is None:
        return PAGE_TIMEOUT
    return max(1, min(PAGE_TIMEOUT, until - time.time()))


def _render(view, request, *args, **kwargs):
    """The anonymous visitor's page, rendered here, reading from a replica when there is one
    (``newsroom.routers``)."""
    with replica_reads():
        response = view(request, *args, **kwargs)
        if callable(getattr(response, "render", None)):
            response = response.render()
    return response


def _signed_in(request) -> bool:
    # Without a session cookie nobody is signed in, and looking would load an empty session.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return request.user.is_authenticated


def _from_cache(request, state: dict, key: str):
    """This request's page from this process's copy or the shared cache (304 when the visitor
    already has it), or None."""
    response = _local.page(key)
    if response is None:
        response = cache.get(key)
        if response is None or _ended(response):
            return None
        _local.keep(key, response)
    return _conditional(request, response, state)


def _conditional(request, response, state: dict):
    if not CONDITIONAL_HEADERS & request.META.keys():
        return response
    changed = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=changed if changed is not None else int(state["since"]),
        response=response,
    )


class PageCacheMiddleware:
    """Answer an anonymous visitor from this process's copy of a page before the URL is even
    resolved.

    ``public_page`` is what fills the cache and decides what may be kept; this only looks the
    request up in the process's own copies under the same key, early, so a page this process
    has served lately skips URL resolution, the view's wrapper and the middleware listed
    after this one. It never waits on Redis or the database: with no generation read in the
    last tenth of a second, or no copy of the page, the request goes on exactly as without
    it (and ``public_page`` reads the generation and the shared cache). Measured in
    ``make bench``: resolving the site's routes alone cost a cached page 25–40 µs more than
    the baseline's first route; the lookup here costs any request a few microseconds.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.NEWSROOM_PAGE_CACHE
            and request.method in ("GET", "HEAD")
            and not _signed_in(request)
        ):
            state = _local.fresh_state(time.time())
            if state is not None:
                # Keyed on every parameter some page reads: a page that reads fewer of them
                # then misses here and is found by public_page under its own key.
                parameters = []
                if request.META.get("QUERY_STRING"):
                    parameters = canonical_parameters(request.GET, _READ_PARAMETERS)
                response = _local.page(page_key(request.path, parameters, state))
                if response is not None:
                    return _conditional(request, response, state)
        return self.get_response(request)


def public_page(view):
    """Serve ``view`` from the page cache to anonymous visitors, with ETag and 304.

    The view (its class, or the function) declares the query parameters it reads in
    ``cache_params``, and those of them that take free text in ``cache_free_text``; it is
    handed no other parameter.
    """
    declared = getattr(view, "view_class", view)
    names = frozenset(getattr(declared, "cache_params", ()))
    free_text = frozenset(getattr(declared, "cache_free_text", ()))
    _READ_PARAMETERS.update(names)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        parameters = canonical_parameters(request.GET, names) if request.GET else []
        _only(request, parameters)
        reading = request.method in ("GET", "HEAD")
        if reading and not (settings.NEWSROOM_PAGE_CACHE and not _signed_in(request)):
            # The generation is read even when no page is kept: beginning a new one runs the
            # content's clock (a scheduled update replacing a public version), whoever asks.
            current_state()
        if not reading or _signed_in(request):
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
            return response
        if not settings.NEWSROOM_PAGE_CACHE:
            response = _render(view, request, *args, **kwargs)
            patch_vary_headers(response, ["Cookie"])
            return response

        state = current_state()
        key = page_key(request.path, parameters, state)
        response = _from_cache(request, state, key)
        if response is not None:
            return response
        response = _render(view, request, *args, **kwargs)
        if not _storable(response):
            patch_vary_headers(response, ["Cookie"])
            return response
        if not response.has_header("Last-Modified"):  # the view knows when its content changed
            response["Last-Modified"] = http_date(state["since"])
        set_response_etag(response)
        patch_cache_control(response, public=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        typed = any(name in free_text for name, _ in parameters)
        if not _ended(response) and (not typed or _within_allowance(request)):
            cache.set(key, response, _timeout(response))
            _local.keep(key, response)
        return _conditional(request, response, state)

    return wrapper
