"""Settings come from the environment and refuse to run unsafely."""

import json
import os
import subprocess
import sys

from tests.helpers import PROJECT_ROOT

ROOT = PROJECT_ROOT

PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "db = settings.DATABASES['default']; "
    "print(json.dumps({'debug': settings.DEBUG, 'engine': db['ENGINE'], 'name': str(db['NAME']), "
    "'cache': settings.CACHES['default']['BACKEND'], 'hosts': settings.ALLOWED_HOSTS, "
    "'media': str(settings.MEDIA_ROOT), 'language': settings.LANGUAGE_CODE, "
    "'languages': [code for code, _ in settings.LANGUAGES], 'tz': settings.TIME_ZONE, "
    "'use_tz': settings.USE_TZ, 'ssl_redirect': getattr(settings, 'SECURE_SSL_REDIRECT', False)}))"
)

VARIABLES = (
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "MEDIA_ROOT",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_REPLICA_URLS",
)


def run_settings(**env):
    """Load the settings in a fresh Python process with only the given variables set."""
    clean = {key: value for key, value in os.environ.items() if key not in VARIABLES}
    clean["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    clean.update(env)
    return subprocess.run(  # noqa: S603 — our own interpreter and a fixed script
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    """With debug off and no DJANGO_SECRET_KEY, Django does not start and says why."""
    result = run_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_blank_secret_key_is_refused_too():
    """A key of only spaces is no key."""
    result = run_settings(DJANGO_SECRET_KEY="   ", DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_settings_come_from_the_environment(tmp_path):
    """Debug off with a key: PostgreSQL, Redis, hosts and media are read from the environment."""
    result = run_settings(
        DJANGO_SECRET_KEY="x" * 60,
        DATABASE_URL="postgres://newsroom@db.internal:5432/newsroom",
        REDIS_URL="redis://cache.internal:6379/1",
        DJANGO_ALLOWED_HOSTS="tintuc.example.vn, www.tintuc.example.vn",
        MEDIA_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "newsroom"
    assert values["cache"] == "newsroom.cache.RedisCache"
    assert values["hosts"] == ["tintuc.example.vn", "www.tintuc.example.vn"]
    assert values["media"] == str(tmp_path)
    assert values["ssl_redirect"] is True


def test_defaults_are_sqlite_local_memory_vietnamese():
    """Without configuration (in debug): SQLite in the project, local cache, vi, Vietnam time."""
    result = run_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["language"] == "vi"
    assert values["languages"] == ["vi", "en"]
    assert values["tz"] == "Asia/Ho_Chi_Minh"
    assert values["use_tz"] is True


def test_ckeditor_warning_is_silenced_only_with_its_reason_in_the_readme(settings):
    """The unsupported-CKEditor check is silenced, and the README says why and what contains it."""
    assert "ckeditor.W001" in settings.SILENCED_SYSTEM_CHECKS
    readme = (ROOT / "README.md").read_text()
    security = readme[readme.index("## Security notes") :]
    for needed in ("ckeditor.W001", "SILENCED_SYSTEM_CHECKS", "samples", "code-snippet"):
        assert needed in security


def test_editor_has_image2_and_no_upload_code_or_preview_plugins(settings):
    """The editor inserts figures from the library; nothing uploads around the checks."""
    config = settings.CKEDITOR_CONFIGS["default"]
    assert config["extra_plugins"] == ["image2", "newsroomphoto"]
    removed = config["removePlugins"].split(",")
    for plugin in ("image", "uploadimage", "preview", "sourcearea", "iframe", "forms"):
        assert plugin in removed
    for key in ("imageUploadUrl", "filebrowserUploadUrl", "filebrowserImageUploadUrl"):
        assert key not in config
    assert "codesnippet" not in str(config)
    assert config["image2_captionedClass"] == "image"


def test_read_replicas_come_from_the_environment():
    """Each URL of DATABASE_REPLICA_URLS becomes a replica the router reads public pages
    from, mirrored onto the primary in tests, and nothing changes without them."""
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'aliases': list(settings.DATABASES), "
        "'replicas': settings.NEWSROOM_READ_REPLICAS, 'routers': settings.DATABASE_ROUTERS, "
        "'host': settings.DATABASES.get('replica2', {}).get('HOST'), "
        "'mirror': settings.DATABASES.get('replica1', {}).get('TEST')}))"
    )
    env = {key: value for key, value in os.environ.items() if key not in VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://newsroom@db-primary:5432/newsroom",
        DATABASE_REPLICA_URLS="postgres://newsroom@db-a:5432/newsroom, postgres://newsroom@db-b:5432/newsroom",
    )
    result = subprocess.run(  # noqa: S603 — our own interpreter and a fixed script
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["aliases"] == ["default", "replica1", "replica2"]
    assert values["replicas"] == ["replica1", "replica2"]
    assert values["routers"] == ["newsroom.routers.ReplicaRouter"]
    assert values["host"] == "db-b"
    assert values["mirror"]["MIRROR"] == "default"
