"""The benchmark's settings: the real ones, plus what only the benchmark needs.

``newsroom.settings`` is loaded as production loads it (debug off, a key, allowed hosts from
the environment); on top of it, every response says how many SQL queries it made
(``X-Bench-Queries``), and ``/__bench__/baseline/`` serves a page from memory through the
same middleware: the framework's own ceiling on this machine, which every figure is compared
with.
"""

import os

from newsroom.settings import *  # noqa: F403
from newsroom.settings import INSTALLED_APPS, MIDDLEWARE

ROOT_URLCONF = "bench.urls"
# seed_bench (this app) reuses the demo's organisations and sections; production has neither.
INSTALLED_APPS = [*INSTALLED_APPS, *(app for app in ("demo", "bench") if app not in INSTALLED_APPS)]
# First, so it counts every query of the request, the middleware's own included.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]

# The page the baseline serves (the runner saves an article page there); a stand-in of the
# same order of size otherwise.
BENCH_BASELINE_FILE = os.environ.get("BENCH_BASELINE_FILE", "")

# Each run keeps its cached pages apart from other runs and other users of the same Redis.
if "KEY_PREFIX" in CACHES["default"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = os.environ.get("BENCH_CACHE_PREFIX", "newsroom-bench")  # noqa: F405
