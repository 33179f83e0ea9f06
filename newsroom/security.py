"""Login throttling, idle-session expiry, malformed parameters, the request's scheme
(README, "Security").

Throttling is django-axes with our choices: failures are counted per account and per address
separately, each against its own limit; a lockout lasts a cool-off and answers with a page in
Vietnamese; a successful login clears only that account's failures from that address; every
failure and every lockout is logged to ``newsroom.security``.
"""

import logging
import ssl
import time
from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import SESSION_KEY, logout
from django.db.models import Sum
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

security_log = logging.getLogger("newsroom.security")

LAST_SEEN_KEY = "newsroom_last_seen"
# The last-seen time is written at most this often, so an active editor's session is not
# rewritten on every request; the idle limit is therefore exact to within this many seconds.
LAST_SEEN_RESOLUTION = 60


def client_address(request) -> str:
    """The visitor's address: behind our TLS proxy, the one the proxy appended last to
    X-Forwarded-For (the left-most entries are whatever the client sent); otherwise REMOTE_ADDR."""
    if settings.NEWSROOM_BEHIND_PROXY:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuses any login while its account or address is locked out.

    A login without a request (a shell, the test client's ``login()``) comes from no network
    address, so there is nothing to throttle and it is passed on to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class LoginFailureHandler(AxesDatabaseHandler):
    """Axes's database handler with separate limits for an account and for an address."""

    def get_failures(self, request, credentials=None) -> int:
        """Recent failures, measured against the per-account limit (AXES_FAILURE_LIMIT).

        Axes compares one number with one limit. A whole office shares one address behind its
        router, so an address's count is scaled: it reaches the account limit only after
        NEWSROOM_LOGIN_FAILURES_PER_ADDRESS failures.
        """
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        username = get_client_username(request, credentials)
        by_account = _failures(recent.filter(username=username)) if username else 0
        by_address = _failures(recent.filter(ip_address=request.axes_ip_address))
        account_limit = settings.AXES_FAILURE_LIMIT
        address_limit = settings.NEWSROOM_LOGIN_FAILURES_PER_ADDRESS
        return max(by_account, by_address * account_limit // address_limit)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """Clear the failures of the account that just logged in, from this address only.

        Clearing the whole address would let someone with one valid account log in between
        guesses at a colleague's password and never be locked out.
        """
        username = get_client_username(request, credentials)
        attempts = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        )
        count, _ = attempts.delete()
        return count

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None:
            return
        username = get_client_username(request, credentials)
        if getattr(request, "axes_locked_out", False):
            security_log.warning(
                "Login locked out: account %r from address %s", username, request.axes_ip_address
            )
        else:
            security_log.info(
                "Failed login: account %r from address %s", username, request.axes_ip_address
            )


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets: HTTP 429, in Vietnamese, saying how long to wait."""
    cool_off = get_cool_off(request) or timedelta(0)
    minutes = max(1, round(cool_off.total_seconds() / 60))
    context = {
        **admin.site.each_context(request),
        "title": _("Tạm khóa đăng nhập"),
        "minutes": minutes,
    }
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


class IdleSessionMiddleware:
    """Signs out a session that has made no request for NEWSROOM_IDLE_TIMEOUT seconds.

    Every request counts as activity, the edit page's heartbeat too: typing in the editor sends
    no request, and an idle limit must never cost an article being written.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only a request carrying a session cookie can be signed in; the public's pages are not
        # made to load a session.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and SESSION_KEY in request.session:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        if last_seen is not None and now - last_seen > settings.NEWSROOM_IDLE_TIMEOUT:
            security_log.info("Signed out after %d s idle", now - last_seen)
            logout(request)
            messages.info(
                request,
                _(
                    "Phiên làm việc đã kết thúc vì không hoạt động quá %(minutes)d phút. "
                    "Hãy đăng nhập lại."
                )
                % {"minutes": settings.NEWSROOM_IDLE_TIMEOUT // 60},
            )
        elif last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
            request.session[LAST_SEEN_KEY] = now


def refuse_malformed_parameters(get_response):
    """Answer 400 to parameters no page of the site sends, before a view fails on them:

    - a NUL character in the query string: PostgreSQL cannot compare text with it, so an admin
      list filtered by ``?title=%00`` failed with a 500. Form fields are left to the forms,
      which refuse NUL with a message and keep the rest of what was typed;
    - an empty ``_to_field`` (the admin's popup parameter): Django's change and delete pages
      then look for a field named "" and fail.
    """

    def middleware(request):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                return _bad_request(_("Địa chỉ có ký tự không hợp lệ (ký tự NUL)."))
        to_field = request.GET.get("_to_field")
        if to_field is None and request.method == "POST":
            to_field = request.POST.get("_to_field")
        if to_field == "":
            return _bad_request(_("Yêu cầu có tham số không hợp lệ (_to_field trống)."))
        return get_response(request)

    return middleware


def _bad_request(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


# The headers by which a server such as gunicorn may be told "this came in over HTTPS"
# (gunicorn's secure_scheme_headers, as WSGI environ keys).
FORWARDED_SCHEME_HEADERS = (
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_PROTOCOL",
    "HTTP_X_FORWARDED_SSL",
)


def scheme_from_the_connection(get_response):
    """Believe "https" only from the server's own connection, never from a forwarded header.

    gunicorn sets ``wsgi.url_scheme`` to "https" when a request from an address in its
    ``forwarded_allow_ips`` (the loopback by default; any UNIX-socket peer) carries
    ``X-Forwarded-Proto: https`` or a like header, whoever wrote it: with a local proxy that
    passes the client's headers on, anyone could tell the site that plain HTTP was HTTPS and
    skip the redirect to HTTPS. The one forwarded header the site believes is Django's
    ``SECURE_PROXY_SSL_HEADER``, set only with ``DJANGO_BEHIND_TLS_PROXY`` and read by Django
    apart from ``wsgi.url_scheme``; so here ``wsgi.url_scheme`` is put back to what the
    server's own connection is: TLS when gunicorn's socket is a TLS socket (gunicorn with its
    own certificate), or when another server says so in ``HTTPS``; for a server that says
    neither, its "https" stands unless a forwarded header could have made it. The README's
    gunicorn settings (``deploy/gunicorn.conf.py``) tell gunicorn the same.
    """

    def middleware(request):
        environ = request.META
        if environ.get("wsgi.url_scheme") == "https" and not _connection_is_tls(environ):
            environ["wsgi.url_scheme"] = "http"
        return get_response(request)

    return middleware


def _connection_is_tls(environ) -> bool:
    connection = environ.get("gunicorn.socket")
    if connection is not None:
        return isinstance(connection, ssl.SSLSocket)
    if str(environ.get("HTTPS", "")).lower() in ("on", "1", "true"):
        return True
    return not any(header in environ for header in FORWARDED_SCHEME_HEADERS)
