"""The benchmark's own parts: its settings, the baseline page, the query counter, the verdicts."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings

from bench import report, urls
from bench.middleware import QueryCountMiddleware
from tests.factories import newsroom_with
from tests.helpers import PROJECT_ROOT

ROOT = PROJECT_ROOT
BENCH_MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *settings.MIDDLEWARE]


def test_bench_settings_are_the_production_settings_plus_the_counter():
    """Loaded as gunicorn loads them, the bench settings have debug off, the site's own
    middleware after the counter, the baseline's URLs, and their own cache prefix."""
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.ROOT_URLCONF, s.MIDDLEWARE, s.ALLOWED_HOSTS, "
        "s.CACHES['default'].get('KEY_PREFIX'), s.NEWSROOM_PAGE_CACHE]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-test-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": "redis://127.0.0.1:6379/9",
        "BENCH_CACHE_PREFIX": "bench-test",
        "NEWSROOM_PAGE_CACHE": "0",
    }
    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    debug, urlconf, middleware, hosts, prefix, page_cache = json.loads(output)
    assert debug is False
    assert urlconf == "bench.urls"
    assert middleware[0] == "bench.middleware.QueryCountMiddleware"
    assert middleware[1:] == [
        name for name in settings.MIDDLEWARE if name != "bench.middleware.QueryCountMiddleware"
    ]
    assert hosts == ["127.0.0.1"]
    assert prefix == "bench-test"
    assert page_cache is False


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.urls", MIDDLEWARE=BENCH_MIDDLEWARE)
def test_baseline_serves_the_saved_page_from_memory_without_a_query(client, tmp_path, settings):
    """The baseline answers the saved article page's bytes through the middleware, with no
    SQL query."""
    saved = tmp_path / "article.html"
    saved.write_bytes("<!doctype html><p>Hội Nông dân</p>".encode())
    settings.BENCH_BASELINE_FILE = str(saved)
    urls.baseline_html.cache_clear()
    try:
        response = client.get("/__bench__/baseline/")
    finally:
        urls.baseline_html.cache_clear()
    assert response.status_code == 200
    assert response.content == saved.read_bytes()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["X-Bench-Queries"] == "0"
    assert response["X-Frame-Options"] == "DENY"  # the site's own middleware ran


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.urls", MIDDLEWARE=BENCH_MIDDLEWARE)
def test_counter_reports_the_queries_a_page_makes(client, django_assert_num_queries, settings):
    """The X-Bench-Queries header says how many queries the page ran, as Django counts them."""
    settings.NEWSROOM_PAGE_CACHE = False
    world = newsroom_with(2)
    url = world["article"].get_absolute_url()
    client.get(url)
    with django_assert_num_queries(int(client.get(url)["X-Bench-Queries"])):
        assert client.get(url).status_code == 200


def test_counter_counts_nothing_for_a_page_without_queries(rf):
    """A view that touches no database reports zero."""
    from django.http import HttpResponse

    response = QueryCountMiddleware(lambda request: HttpResponse("ok"))(rf.get("/"))
    assert response["X-Bench-Queries"] == "0"


def figures(rps: float, p50: float = 10.0, queries: int = 5) -> dict:
    return {"rps": rps, "p50": p50, "p99": 2 * p50, "non_2xx": 0, "socket_errors": 0,
            "requests": int(rps * 10), "queries": queries}  # fmt: skip


def soak_figures(slices: list[dict]) -> dict:
    return {
        **figures(sum(piece["rps"] for piece in slices) / len(slices)),
        "seconds": 10 * len(slices),
        "requests": sum(piece["requests"] for piece in slices),
        "slices": slices,
        "non_2xx": sum(piece["non_2xx"] for piece in slices),
        "socket_errors": sum(piece["socket_errors"] for piece in slices),
    }


def fake_results(scale: float) -> dict:
    """Results where every page runs at ``scale`` times its rate at 1,000 articles."""

    def mode(ratio: float, soak=None):
        pages = {name: figures(1000 * ratio) for name in report.PAGES}
        admin = {name: figures(100, p50=20.0, queries=10) for name in report.ADMIN}
        return {"figures": {"baseline": figures(1000), **pages, **admin}, "soak": soak,
                "rss": [80.0, 90.0]}  # fmt: skip

    soak = soak_figures([{**figures(300), "rss": 90.0} for _ in range(6)])
    return {
        1000: {"modes": {"uncached": mode(0.5), "cached": mode(0.9)}},
        100000: {"modes": {"uncached": mode(0.5 * scale, soak), "cached": mode(0.9)}},
    }


def test_verdicts_say_which_targets_are_met():
    """Pages at half the baseline uncached and 0.9 cached meet the targets; the same pages
    slowed to a third at 100,000 articles miss the scale target and the search target."""
    met = {target: ok for target, _, ok in report.verdicts(fake_results(1.0))}
    assert all(met.values()), [target for target, ok in met.items() if not ok]
    slowed = {target: ok for target, _, ok in report.verdicts(fake_results(1 / 3))}
    assert not slowed["search uncached ≥ 0.25× baseline"]
    assert not slowed["article uncached: 100,000 within 20% of 1,000"]
    assert slowed["article cached: 100,000 within 20% of 1,000"]


def test_soak_verdicts_compare_the_last_ten_seconds_with_the_first():
    """A steady soak meets every soak target; one whose workers grow, whose latency climbs or
    that ends in errors misses exactly those targets."""
    steady = [{**figures(300, p50=200.0), "rss": 90.0, "cpu_ms": 30.0} for _ in range(6)]
    assert all(met for _, _, met in report.soak_verdicts(soak_figures(steady)))

    worsening = [dict(piece) for piece in steady]
    worsening[-1].update(p50=300.0, p99=900.0, cpu_ms=40.0, rss=120.0, socket_errors=3)
    met = {target: ok for target, _, ok in report.soak_verdicts(soak_figures(worsening))}
    assert not met["no errors at 64 connections for 60 s"]
    assert not met["soak p50 in the last 10 s within 25% of the first 10 s"]
    assert not met["soak p99 in the last 10 s within 50% of the first 10 s"]
    assert not met["soak processor time a request in the last 10 s within 20% of the first 10 s"]

    slower_machine = [dict(piece) for piece in steady]
    slower_machine[-1].update(rps=200.0)  # fewer requests, the same work each: not judged
    assert all(met for _, _, met in report.soak_verdicts(soak_figures(slower_machine)))
    assert not met["soak worker memory in the last 10 s within 10% of the first 10 s"]


def test_soak_report_shows_each_slice_and_the_verdicts():
    slices = [{**figures(300 + n, p50=200.0), "rss": 90.0 + n, "cpu_ms": 30.0} for n in range(6)]
    prepared = {"published": 100_000, "pages": {"home": "/", "article": "/a/"}}
    text = report.soak_markdown(100_000, prepared, soak_figures(slices), "", 90.0)
    assert "| 50–60 | 305 | 200 | 400 | 0 | 0 | 30.0 | 95 | 0% |" in text
    assert "| no errors at 64 connections for 60 s | 18150 requests, 0 errors | yes |" in text
    assert "gunicorn's error log: 0 lines." in text


def test_soak_requests_are_sliced_by_when_they_started():
    """The soak's records (start, duration, status) become one slice per ten seconds, each
    with its rate, percentiles, errors and the largest memory read in it."""
    from bench.measure import soak_figures

    records = [(0.5, 0.2, 200), (1.0, 0.4, 200), (9.9, 1.0, 500), (10.0, 0.3, 200),
               (12.0, 12.0, 0), (19.5, 0.1, 200)]  # fmt: skip
    samples = [(0.2, 70.0, 0.3), (5.0, 72.0, 0.3), (10.5, 71.0, 0.6), (15.0, 75.0, 0.3)]
    result = soak_figures(records, samples, seconds=20, slice_seconds=10)
    first, last = result["slices"]
    assert (first["requests"], first["non_2xx"], first["socket_errors"]) == (3, 1, 0)
    assert (last["requests"], last["non_2xx"], last["socket_errors"]) == (3, 0, 1)
    assert first["p50"] == 400.0 and first["p99"] == 1000.0
    assert last["p99"] == 12000.0
    assert (first["rss"], last["rss"]) == (72.0, 75.0)
    assert (first["cpu_ms"], last["cpu_ms"]) == pytest.approx((200.0, 300.0))
    assert first["rps"] == 0.3
    assert (result["requests"], result["seconds"]) == (6, 20)


def test_soak_client_measures_real_requests(live_server):
    """The load generator, run as the benchmark runs it, sends real requests to a server and
    reports each one's status: pages that exist answer 200, a missing one 404."""
    import json

    from articles.models import Article  # noqa: F401 (the live server needs the schema)

    output = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "bench" / "soak_client.py"), live_server.url,
         "--connections", "3", "--seconds", "1", "/robots.txt", "/khong-co-trang-nay/"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout  # fmt: skip
    records = json.loads(output)["requests"]
    statuses = {status for _, _, status in records}
    assert statuses == {200, 404}
    assert all(duration > 0 for _, duration, _ in records)
