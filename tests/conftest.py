import pytest
from django.core.cache import cache

from articles.caching import forget_local_copies
from articles.roles import setup_roles


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its uploads into its own folder, removed afterwards."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hash test passwords cheaply; production keeps Django's default hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roles(db):
    return setup_roles()


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty page cache (the database is new, so must the pages be)."""
    cache.clear()
    forget_local_copies()
    yield
    cache.clear()
    forget_local_copies()
