"""The core settings: security keys and hosts, apps, middleware, database, cache, language,
files, e-mail, and the newsroom's own options. Each integration has its module beside this one.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.settings.env import BASE_DIR, development_secret_key, env_bool, env_list
from newsroom.site_address import site_address

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        # One line, printed by manage.py as it is (README: "Two commands on a fresh machine").
        raise ImproperlyConfigured(
            "Chưa đặt DJANGO_SECRET_KEY (DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is "
            "off): trên máy thử, đặt DJANGO_DEBUG=1; khi triển khai, đặt DJANGO_SECRET_KEY "
            "(deploy/newsroom.env.example)."
        )
    SECRET_KEY = development_secret_key()

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin with every list calm about hand-typed filters (newsroom/admin_site.py).
    "newsroom.admin_site.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ckeditor",
    "photos",
    "articles",
    "frontpage",  # the edited front page and the read counts (issue 18)
    "public",
    "reports",  # coverage, production and royalty reports (issue 20)
    "planning",  # story budget, editorial calendar, calendar feeds (issue 19)
]
if DEBUG:
    # The demo newsroom and the benchmark's seeding: for make demo and the tests, never for
    # production (bench/settings.py adds them to its own production-like settings).
    INSTALLED_APPS += ["demo", "bench"]

MIDDLEWARE = [
    # First: HTTPS only as the connection says, never as a forwarded header says (unless
    # DJANGO_BEHIND_TLS_PROXY), before the redirect to HTTPS and everything else ask.
    "newsroom.security.scheme_from_the_connection",
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header on every response, cached pages included (below).
    "newsroom.content_policy.NewsroomCSPMiddleware",
    "newsroom.security.refuse_malformed_parameters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "public.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so two saves of one article
    # queue up instead of both reading the old version (SQLite has no SELECT … FOR UPDATE).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Read replicas of a PostgreSQL primary (README, "Running past one machine"): the anonymous
# public pages read from them through newsroom.routers; the tests mirror them onto default.
NEWSROOM_READ_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    alias = f"replica{number}"
    DATABASES[alias] = dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES[alias]["TEST"] = {"MIRROR": "default"}
    NEWSROOM_READ_REPLICAS.append(alias)
DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, with one client reused (newsroom/cache.py).
            "BACKEND": "newsroom.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The anonymous page cache (newsroom.pagecache); off renders every page on every visit.
NEWSROOM_PAGE_CACHE = env_bool("NEWSROOM_PAGE_CACHE", default=True)
# How many search pages one client address may add to the page cache in 15 minutes; past
# that its searches are answered but not kept, so nobody can fill the cache by searching.
NEWSROOM_PAGE_CACHE_SEARCHES_PER_CLIENT = int(
    os.environ.get("NEWSROOM_PAGE_CACHE_SEARCHES_PER_CLIENT", "30")
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese for everyone. English is listed but not negotiated from the browser: the texts are
# written in Vietnamese, and until an English catalogue exists an English browser would get a
# half-translated page. With one, add LocaleMiddleware (or set LANGUAGE_CODE = "en").
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]

FORMAT_MODULE_PATH = ["newsroom.formats"]
# What Django's and django-axes' own Vietnamese lacks or says awkwardly (locale/vi, compiled
# .mo committed so a fresh clone needs no gettext tools; tests check it matches the .po).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "toasoan@localhost")

# The public identity of the site, shown in the header, feeds and metadata.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Trung tâm Truyền thông và Văn hóa")

# The site's public address: every absolute link is made on it, never on the request's Host
# (newsroom/site_address.py says what is accepted and what production falls back to).
NEWSROOM_BASE_URL = site_address(os.environ.get("NEWSROOM_BASE_URL", ""), DEBUG, ALLOWED_HOSTS)

# What an article needs before it may be approved or published (articles.workflow).
NEWSROOM_CHECKLIST = {
    "title_length": (10, 200),
    "lead_length": (40, 800),
    "require_author": True,
    "require_category": True,
    "require_featured_photo": True,
    "require_organisation": True,
}

# How long a preview link stays valid (articles.preview_links), and how long an open edit page
# counts as "open" without a heartbeat.
NEWSROOM_PREVIEW_MAX_AGE = int(os.environ.get("NEWSROOM_PREVIEW_MAX_AGE", str(3 * 24 * 3600)))
NEWSROOM_PRESENCE_TIMEOUT = 120
# How long an autosave (what someone was typing, articles.autosave) is offered back.
NEWSROOM_AUTOSAVE_MAX_AGE = int(os.environ.get("NEWSROOM_AUTOSAVE_MAX_AGE", str(14 * 24 * 3600)))

# Photos (photos.images, photos.renditions): uploads above either limit are refused.
NEWSROOM_PHOTO_MAX_BYTES = int(os.environ.get("NEWSROOM_PHOTO_MAX_BYTES", 20 * 1024 * 1024))
NEWSROOM_PHOTO_MAX_PIXELS = int(os.environ.get("NEWSROOM_PHOTO_MAX_PIXELS", 50_000_000))
# The widths, in pixels, of the renditions made once for each photo.
NEWSROOM_PHOTO_WIDTHS = (320, 640, 960, 1280, 1920)

# Four eyes (articles.workflow): nobody approves or publishes an article they wrote or whose
# content they changed last; with the exemption on, the editor-in-chief still may.
NEWSROOM_FOUR_EYES = env_bool("NEWSROOM_FOUR_EYES", default=True)
NEWSROOM_FOUR_EYES_CHIEF_EXEMPT = env_bool("NEWSROOM_FOUR_EYES_CHIEF_EXEMPT", default=False)

# Production posture: on whenever debug is off.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
    if env_bool("DJANGO_BEHIND_TLS_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes narrates every login at INFO; its warnings (failures, lockouts) are kept, and
    # newsroom.security logs each failure and lockout with the account and address.
    "loggers": {"axes": {"level": "WARNING"}},
}
