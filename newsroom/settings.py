"""Settings for the newsroom, driven by environment variables.

Every variable is listed in the README. The defaults suit one machine (SQLite, local files,
local-memory cache); production sets DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL and
REDIS_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from newsroom.site_address import site_address

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in TRUE_VALUES


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def development_secret_key() -> str:
    """A key for this checkout only, made once and kept out of git (debug mode only)."""
    key_file = BASE_DIR / ".dev-secret-key"
    if not key_file.exists():
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. "
            "Generate one with: python -c 'from django.core.management.utils import "
            "get_random_secret_key; print(get_random_secret_key())'"
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
    "articles",
]

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
                "articles.context_processors.site",
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
# The anonymous page cache (articles.caching); off renders every page on every visit.
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
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["newsroom.formats"]
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

# Photos (articles.images, articles.renditions): uploads above either limit are refused.
NEWSROOM_PHOTO_MAX_BYTES = int(os.environ.get("NEWSROOM_PHOTO_MAX_BYTES", 20 * 1024 * 1024))
NEWSROOM_PHOTO_MAX_PIXELS = int(os.environ.get("NEWSROOM_PHOTO_MAX_PIXELS", 50_000_000))
# The widths, in pixels, of the renditions made once for each photo.
NEWSROOM_PHOTO_WIDTHS = (320, 640, 960, 1280, 1920)

# Four eyes (articles.workflow): nobody approves or publishes an article they wrote or whose
# content they changed last; with the exemption on, the editor-in-chief still may.
NEWSROOM_FOUR_EYES = env_bool("NEWSROOM_FOUR_EYES", default=True)
NEWSROOM_FOUR_EYES_CHIEF_EXEMPT = env_bool("NEWSROOM_FOUR_EYES_CHIEF_EXEMPT", default=False)

# CKEditor's samples, test pages, code-snippet and preview plugins are never served or collected.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "articles.staticfinders.SafeAppDirectoriesFinder",
]

# CKEditor 4 through django-ckeditor, set up for a newsroom: paragraphs, headings, bold and
# italic, lists, quotes, links, tables, and photos from the library as <figure> with caption
# (image2). Plugins that could add code, frames, forms, uploads or outside services are
# removed. The editor's own filter is a convenience; articles.richtext decides what is stored.
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "newsroom",
        "toolbar_newsroom": [
            ["Format", "Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["NewsroomPhoto", "Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat"],
            ["Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "height": 420,
        "width": "100%",
        "language": "vi",
        "extra_plugins": ["image2", "newsroomphoto"],
        "external_plugin_resources": [
            (
                "newsroomphoto",
                lazy(static, str)("articles/ckeditor/newsroomphoto/"),
                "plugin.js",
            )
        ],
        "removePlugins": (
            "image,uploadimage,exportpdf,preview,print,save,newpage,templates,forms,iframe,"
            "flash,smiley,scayt,language,div,font,colorbutton,colordialog,justify,bidi,"
            "pagebreak,showblocks,copyformatting,sourcearea"
        ),
        "removeDialogTabs": "link:advanced;link:upload;table:advanced;image2:Upload",
        # Photos are inserted and replaced from the library popup (staff only, CSRF-checked
        # uploads through articles.images); no upload URL is given to CKEditor itself.
        "newsroomphoto": {
            "browseUrl": reverse_lazy("admin:articles_photo_editor"),
            "label": _("Chèn ảnh từ thư viện"),
        },
        "filebrowserImageBrowseUrl": reverse_lazy("admin:articles_photo_editor"),
        "filebrowserWindowWidth": 1000,
        "filebrowserWindowHeight": 760,
        "contentsCss": [
            lazy(static, str)("ckeditor/ckeditor/contents.css"),
            lazy(static, str)("articles/ckeditor/contents.css"),
        ],
        "image2_captionedClass": "image",
        "image2_alignClasses": ["image-left", "image-center", "image-right"],
        "image2_disableResizer": True,
        "extraAllowedContent": (
            "figure(image,image-left,image-center,image-right);"
            "img[!src,alt,width,height,data-photo-id](image-left,image-right);"
            "figcaption; p(image-center)"
        ),
        "disallowedContent": "script; style; iframe; object; embed; form; *[on*]; *{*}",
    }
}

# django-ckeditor warns on every command that CKEditor 4.22.1 is unsupported and has known,
# unfixed issues. The user chose this editor, so the risk is contained instead (README,
# "Security notes"): every rich-text value is cleaned by articles.richtext on save and again
# when shown; only staff reach the editor; it has no upload endpoint of its own, no code,
# preview or source plugins, no full-page mode; its samples and test pages are never served
# (articles.staticfinders). The warning is silenced for that reason only.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

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

# --- Content-Security-Policy (django-csp; README, "Security") -------------------------------
# Nothing runs on the public site but our own files: no inline script or style, no eval, no
# plugin, no frame, no other site's script; forms post only here and no page may be framed.
# JSON-LD blocks are data (application/ld+json), which the policy does not execute or block.
# Photos and static files are served from this site; serving them from object storage or a
# CDN means adding that origin to img-src (and style-src/script-src for static files).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": not DEBUG,
    }
}
# Added only on the pages where CKEditor 4 runs (README, "Security", what is loosened): its
# toolbar buttons are inline event handlers, its editing frame starts with an inline script,
# it places toolbar, dialogs and figures with inline styles, and it gives a figure a drag
# handle drawn as a data: image. Still no eval, no script from elsewhere; every other admin
# page keeps the strict policy.
NEWSROOM_EDITOR_VIEWS = {"admin:articles_article_add", "admin:articles_article_change"}
NEWSROOM_EDITOR_CSP_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["data:"],  # the 1-pixel GIF of the drag handle on figures
}

# --- Hardening: login throttling and idle sessions (README, "Security") -------------------
# django-axes counts failed logins in the database; newsroom.security sets its limits apart
# for an account and for an address (a whole office shares one address behind its router).
INSTALLED_APPS += ["axes"]
MIDDLEWARE += [
    # A page already in the anonymous page cache is answered here, before the URL is resolved
    # (articles/caching.py); signed-in staff and misses go on through the rest.
    "articles.caching.PageCacheMiddleware",
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes narrates every login at INFO; its warnings (failures, lockouts) are kept, and
    # newsroom.security logs each failure and lockout with the account and address.
    "loggers": {"axes": {"level": "WARNING"}},
}
