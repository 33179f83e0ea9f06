"""Profile one page as the benchmark serves it: where the time goes, in Python and in SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_100000 \\
        .venv/bin/python bench/profile.py /tim-kiem/?q=chuyen+doi+so [--times 20] [--explain]

Runs under ``bench.settings`` with production settings and the page cache off (unless
``NEWSROOM_PAGE_CACHE=1``), asks for the page ``--times`` times through Django's test client
after one warm-up, and prints pyinstrument's call tree, then each SQL statement of one request
with its time (and PostgreSQL's plan with ``--explain``). ``--editor`` asks as the benchmark's
signed-in editor (for admin pages). ``--anatomy`` prints instead where one request's time
goes, without a profiler: SQL (round trips included), template rendering (without the SQL it
runs), and the rest (middleware, URL, view, building the queries), beside the baseline page's
whole request in the same process: what a page rendered on every visit costs, against the
framework's own floor. ``--compare PATH`` measures PATH (say an article page) the same way
in the same run and prints the ratio; ``--fresh`` starts a new generation of the content before
each request, so nothing kept for the previous one (a report in the cache) answers it.
"""

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
for name, value in {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "NEWSROOM_PAGE_CACHE": "0",
    "MEDIA_ROOT": str(ROOT / "bench" / "media"),
    # make bench gathers the hashed static files there (collectstatic)
    "STATIC_ROOT": str(ROOT / "bench" / "staticfiles"),
}.items():
    os.environ.setdefault(name, value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--times", type=int, default=20)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--editor", action="store_true")
    parser.add_argument("--anatomy", action="store_true")
    parser.add_argument(
        "--compare",
        metavar="PATH",
        help="with --anatomy: measure PATH too (anonymous, e.g. an article page) in this run, "
        "and print how many times its time the page takes",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="start a new generation of the content before each request, so nothing kept "
        "for the last one (the page cache, a kept report) serves it",
    )
    options = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from pyinstrument import Profiler

    client = Client(HTTP_HOST="127.0.0.1")
    if options.editor:
        from bench.prepare import editor_session

        name, value = editor_session().split("=", 1)
        client.cookies[name] = value
    response = client.get(options.path)
    print(f"{options.path}: {response.status_code}, {len(response.content):,} bytes")
    if options.anatomy:
        total = anatomy(client, options.path, options.times, fresh=options.fresh)
        if options.compare:
            other = Client(HTTP_HOST="127.0.0.1")
            print(f"\n{options.compare}: {other.get(options.compare).status_code}")
            compared = anatomy(other, options.compare, options.times)
            print(f"\n{options.path} takes {total / compared:.1f}× {options.compare}")
        return

    profiler = Profiler(interval=0.0005)
    started = time.perf_counter()
    from newsroom.pagecache import new_generation

    with profiler:
        for _ in range(options.times):
            if options.fresh:
                new_generation()
            client.get(options.path)
    elapsed = (time.perf_counter() - started) / options.times
    print(f"{elapsed * 1000:.1f} ms a request (in-process, no network), {options.times} requests")
    print(profiler.output_text(unicode=True, color=False, show_all=False))

    statements = []

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append((time.perf_counter() - began, sql, params))

    if options.fresh:
        new_generation()
    with connection.execute_wrapper(timed):
        client.get(options.path)
    print(f"{len(statements)} SQL statements, {sum(s[0] for s in statements) * 1000:.1f} ms:")
    for seconds, sql, params in statements:
        print(f"\n{seconds * 1000:8.2f} ms  {sql[:600]}")
        if options.explain and sql.lstrip().upper().startswith(("SELECT", "WITH")):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                print("\n".join("    " + row[0] for row in cursor.fetchall()))


def anatomy(client, path: str, times: int, fresh: bool = False) -> float:
    """Where a request's time goes: SQL, templates, the rest; and the baseline's request.
    Returns the page's time (ms)."""
    from django.db import connection
    from django.template.backends.django import Template

    spent = {"sql": 0.0, "template": 0.0, "sql_in_template": 0.0, "statements": 0}
    rendering = [0]

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - began
            spent["sql"] += took
            spent["statements"] += 1
            if rendering[0]:
                spent["sql_in_template"] += took

    render = Template.render

    def timed_render(self, *args, **kwargs):
        rendering[0] += 1
        began = time.perf_counter()
        try:
            return render(self, *args, **kwargs)
        finally:
            rendering[0] -= 1
            if not rendering[0]:
                spent["template"] += time.perf_counter() - began

    from newsroom.pagecache import new_generation

    def measure(target: str, fresh: bool = False) -> tuple[float, float]:
        began, cpu = time.perf_counter(), time.process_time()
        for _ in range(times):
            if fresh:
                new_generation()
            client.get(target)
        return (
            (time.perf_counter() - began) * 1000 / times,
            (time.process_time() - cpu) * 1000 / times,
        )

    baseline_ms, baseline_cpu = measure("/__bench__/baseline/")
    Template.render = timed_render
    try:
        with connection.execute_wrapper(timed):
            total, cpu = measure(path, fresh)
    finally:
        Template.render = render
    sql = spent["sql"] * 1000 / times
    template = (spent["template"] - spent["sql_in_template"]) * 1000 / times
    rest = total - sql - template
    print(f"{times} requests each, in this process (no network, no other worker):")
    print(f"  page      {total:7.2f} ms a request ({cpu:.2f} ms of processor time)")
    statements = spent["statements"] / times
    print(f"    SQL       {sql:7.2f} ms ({statements:.0f} statements, round trips)")
    print(f"    templates {template:7.2f} ms (rendering, without the SQL run meanwhile)")
    print(f"    the rest  {rest:7.2f} ms (middleware, URL, view, the ORM building its queries)")
    print(f"  baseline  {baseline_ms:7.2f} ms a request ({baseline_cpu:.2f} ms of processor time)")
    print(
        f"  the page costs {total / baseline_ms:.0f}× the baseline's request; 0.40× the "
        f"baseline's rate would need it in {baseline_ms / 0.40:.2f} ms"
    )
    return total


if __name__ == "__main__":
    main()
