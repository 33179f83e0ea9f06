import os

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from articles.roles import setup_roles
from newsroom.pagecache import forget_local_copies

# The property-based sweeps (tests/security/test_fuzz.py): few enough examples to keep the
# suite quick;
# each request is a real one, so no deadline. The examples share the test's database, which
# is why function-scoped fixtures are fine here. CI uses the derandomized profile, so a run
# is repeatable; locally each run explores new input and remembers what failed.
_SWEEP = {
    "max_examples": 25,
    "deadline": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
hypothesis_settings.register_profile("newsroom", **_SWEEP)
hypothesis_settings.register_profile("ci", derandomize=True, database=None, **_SWEEP)
# A longer search, run by hand: HYPOTHESIS_PROFILE=thorough pytest tests/security/test_fuzz.py
hypothesis_settings.register_profile("thorough", **{**_SWEEP, "max_examples": 400})
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "newsroom"))


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
