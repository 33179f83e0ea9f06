"""Logging in: django-axes throttling, where logins land, and idle sessions."""

import os
from datetime import timedelta

from newsroom.settings.base import INSTALLED_APPS, MIDDLEWARE
from newsroom.settings.env import env_bool

# --- Hardening: login throttling and idle sessions (README, "Security") -------------------
# django-axes counts failed logins in the database; newsroom.security sets its limits apart
# for an account and for an address (a whole office shares one address behind its router).
# django-axes, under a Vietnamese name in the admin (newsroom/axes_app.py).
INSTALLED_APPS = [*INSTALLED_APPS, "newsroom.axes_app.AxesConfig"]
MIDDLEWARE = [
    *MIDDLEWARE,
    # A page already in the anonymous page cache is answered here, before the URL is resolved
    # (articles/caching.py); signed-in staff and misses go on through the rest.
    "newsroom.pagecache.PageCacheMiddleware",
    "newsroom.security.IdleSessionMiddleware",
    # Last, as django-axes asks: it turns a lockout noted during the request into its page.
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    "newsroom.security.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The admin's login page is the site's only one: a preview asking an anonymous visitor to log
# in sends them there, and a login whose next= is refused (another site) lands on the desk;
# Django's defaults (/accounts/login/, /accounts/profile/) are pages this site does not have.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
NEWSROOM_BEHIND_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY")
AXES_HANDLER = "newsroom.security.LoginFailureHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = max(1, int(os.environ.get("NEWSROOM_LOGIN_FAILURES_PER_ACCOUNT", "5")))
NEWSROOM_LOGIN_FAILURES_PER_ADDRESS = max(
    1, int(os.environ.get("NEWSROOM_LOGIN_FAILURES_PER_ADDRESS", "30"))
)
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("NEWSROOM_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
# A try during a lockout neither counts nor prolongs it, so nobody can keep a colleague locked
# out for ever by trying every few minutes; it is still logged.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "newsroom.security.client_address"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False

# A signed-in session with no request for this many seconds is signed out on its next one.
NEWSROOM_IDLE_TIMEOUT = int(os.environ.get("NEWSROOM_IDLE_TIMEOUT", str(30 * 60)))
