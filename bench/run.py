"""``make bench``: the site under load at 1,000 and 100,000 articles, and the photo path.

Each size has a PostgreSQL database of its own (``<name>_<size>``, made and filled by
``seed_bench`` when missing, topped up otherwise) and its own gunicorn (2 sync workers, on
``BENCH_PORT`` and the next port) under production settings (``bench.settings``: debug off, a
throw-away key, 127.0.0.1 only, no HTTPS redirect on the loopback); ``wrk`` runs in its own
process. Every page is measured with the anonymous page cache off, then on (Redis), at both
sizes, in rounds that take turns with the baseline page served from memory through the same
middleware, so that a machine shared with other work slows all of them alike; the admin's
article list and desk are measured signed in as an editor. At the largest size, 64
connections go round every page for 60 seconds with the page cache off (the soak, one
continuous run from ``bench/soak_client.py``), sliced into 10-second parts by when each
request started, the workers' memory read every half second, so that the first ten seconds
can be compared with the last. Results are printed and written to
``bench/results/latest.md`` (``bench/report.py``). ``make soak`` runs the soak alone
(``BENCH_ONLY=soak``) and writes ``bench/results/soak.md``.

Environment: ``DATABASE_URL`` (PostgreSQL; default ``postgres://postgres@127.0.0.1:5432/
newsroom_bench``), ``REDIS_URL`` (default ``redis://127.0.0.1:6379/0``), ``BENCH_SIZES``
(``1000,100000``), ``BENCH_SECONDS`` (10 per page, mode and size), ``BENCH_PORT`` (8208),
``BENCH_ONLY`` (``soak``: the soak alone, at the largest size; ``search``: the searches
alone, below), ``BENCH_DATABASE_URL`` (with ``BENCH_ONLY=search``: measure this database, as
it is, instead of ``<name>_<size>``).

The searches (``bench/prepare.py``'s ``SEARCHES``: common words with and without marks, a
rare one) are measured at the largest size with the page cache off, each beside the article
page and the baseline, into the section "Search at 100,000 articles" of ``latest.md``
(``BENCH_ONLY=search`` rewrites that section alone, in a few minutes).
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent

from bench import report, search_report  # noqa: E402
from bench.measure import (  # noqa: E402
    Server,
    Watch,
    combine,
    fetch,
    load,
    soak_figures,
)

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/newsroom_bench"
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,100000").split(",")]
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_UP_SECONDS = 2
PORT = int(os.environ.get("BENCH_PORT", "8208"))
CONNECTIONS = 4  # two per worker: each always has the next request waiting
SOAK_CONNECTIONS, SOAK_SECONDS, SOAK_SLICE = 64, 60, 10
ADMIN_SECONDS = 5
BASELINE, BASELINE_SECONDS = "/__bench__/baseline/", 2
ROUNDS = 4  # the baseline and the page at each size take turns, this many short runs each
MEDIA = ROOT / "bench" / "media"
STATIC = ROOT / "bench" / "staticfiles"


def say(text: str) -> None:
    print(text, flush=True)


def ensure_wrk() -> str:
    """wrk from Debian's packages, installed when missing."""
    found = shutil.which("wrk")
    if found:
        return found
    say("wrk is missing: installing Debian's package (apt-get install wrk)…")
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    install = [*sudo, "apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    if subprocess.run(install, check=False).returncode != 0:  # noqa: S603
        subprocess.run([*sudo, "apt-get", "update"], check=True)  # noqa: S603
        subprocess.run(install, check=True)  # noqa: S603
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def database_url(size: int) -> str:
    """The benchmark's own database for ``size`` articles, on the configured server."""
    base = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        sys.exit(f"make bench needs PostgreSQL; DATABASE_URL is {parts.scheme}://…")
    name = parts.path.strip("/") or "newsroom_bench"
    return urlunsplit(parts._replace(path=f"/{name}_{size}"))


def ensure_database(url: str) -> None:
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.strip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            say(f"Creating database {name}")
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


def django_env(url: str, key: str, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": key,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no redirect to HTTPS, as behind a TLS proxy.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": url,
        "REDIS_URL": os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        "MEDIA_ROOT": str(MEDIA),
        "STATIC_ROOT": str(STATIC),
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True)  # noqa: S603


def soak(server: "Server", paths: list[str]) -> dict:
    """``SOAK_CONNECTIONS`` connections going round ``paths`` for ``SOAK_SECONDS`` in one
    continuous run (``bench/soak_client.py``, its own process), sliced afterwards into
    ``SOAK_SLICE`` seconds to compare the start with the end, with the workers' memory."""
    command = [
        sys.executable, str(ROOT / "bench" / "soak_client.py"), server.base,
        "--connections", str(SOAK_CONNECTIONS), "--seconds", str(SOAK_SECONDS), *paths,
    ]  # fmt: skip
    with Watch(server) as watch:
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    result = soak_figures(json.loads(output)["requests"], watch.samples, SOAK_SECONDS, SOAK_SLICE)
    for number, piece in enumerate(result["slices"]):
        say(
            f"  soak {(number + 1) * SOAK_SLICE:>3} s: {piece['rps']:.0f} req/s, p50 "
            f"{piece['p50']:.0f} ms, p99 {piece['p99']:.0f} ms, errors "
            f"{piece['non_2xx'] + piece['socket_errors']}, {piece['cpu_ms']:.1f} ms of processor "
            f"a request, worker RSS ≤ {piece['rss']:.0f} MiB, stolen {piece['stolen']:.0%}"
        )
    return result


def measure(wrk: str, servers: dict, paths: dict, cookies: dict, seconds=SECONDS) -> dict:
    """One page at every size, with the baseline, as ``{size: figures}``.

    The machine is shared and its speed drifts, so the baseline and the page at each size
    take turns in ``ROUNDS`` short runs, and every figure is compared with the baseline runs
    interleaved with it: the sizes are compared at the same moments too.
    """
    queries = {}
    for size, server in servers.items():
        url = server.base + paths[size]
        status = fetch(url, cookies[size])[0]
        if status != 200:
            sys.exit(f"{paths[size]} answered {status}, not 200")
        load(wrk, url, WARM_UP_SECONDS, CONNECTIONS, cookies[size])  # fills the cache, warms up
        queries[size] = int(fetch(url, cookies[size])[1].get("X-Bench-Queries", "-1"))
    first = next(iter(servers.values()))
    turn = max(1, round(seconds / ROUNDS))
    baseline, runs = [], {size: [] for size in servers}
    for _ in range(ROUNDS):
        baseline.append(
            load(wrk, first.base + BASELINE, BASELINE_SECONDS, CONNECTIONS, server=first)
        )
        for size, server in servers.items():
            url = server.base + paths[size]
            runs[size].append(load(wrk, url, turn, CONNECTIONS, cookies[size], server=server))
    return {
        size: {**combine(runs[size]), "queries": queries[size], "baseline": combine(baseline)}
        for size in servers
    }


def prepare(size: int, key: str, given_url: str = "") -> tuple[dict, dict]:
    """The database for ``size`` articles, made, filled and vacuumed: its settings, its URLs.
    ``given_url``: a database seeded already, migrated and measured as it is."""
    url = given_url or database_url(size)
    ensure_database(url)
    env = django_env(url, key)
    started = time.monotonic()
    manage(env, "migrate", "--no-input", "-v0")
    if not given_url:
        manage(env, "seed_bench", "--articles", str(size))
    # The site as production runs it: hashed static files, and the articles' pages and cards
    # rendered as a save renders them (seed_bench writes in bulk, around save); the newest
    # 2,000 are what the measured pages show, the others render on their first visit.
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "rebuild_rendered", "--newest", "2000")
    prepared = json.loads(
        subprocess.run(  # noqa: S603
            [sys.executable, str(ROOT / "bench" / "prepare.py")],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    say(f"{size} articles ready in {time.monotonic() - started:.0f} s")
    return env, prepared


def targets(ready: dict, mode: str) -> list[tuple[str, dict, dict]]:
    """(name, {size: path}, {size: cookie}) of everything measured in ``mode``."""
    largest = max(ready)
    anonymous = {size: "" for size in ready}
    out = [("baseline", {size: BASELINE for size in ready}, anonymous)]
    for name in ready[largest][1]["pages"]:
        out.append((name, {size: ready[size][1]["pages"][name] for size in ready}, anonymous))
    if mode == "uncached":  # the admin is never cached
        editor = {size: ready[size][1]["cookie"] for size in ready}
        for name in ready[largest][1]["admin"]:
            out.append((name, {size: ready[size][1]["admin"][name] for size in ready}, editor))
    return out


def run_mode(mode: str, wrk: str, ready: dict, workdir: Path) -> dict:
    """Every page at every size in one mode, a gunicorn for each size side by side."""
    baseline_file = workdir / "article.html"
    largest = max(ready)
    with ExitStack() as stack:
        servers = {}
        for number, (size, (env, _)) in enumerate(ready.items()):
            prefix = f"newsroom-bench-{secrets.token_hex(4)}"
            server_env = {
                **env,
                "NEWSROOM_PAGE_CACHE": "1" if mode == "cached" else "0",
                "BENCH_CACHE_PREFIX": prefix,
                "BENCH_BASELINE_FILE": str(baseline_file),
            }
            log = workdir / f"gunicorn-{size}.log"
            servers[size] = stack.enter_context(Server(server_env, log, PORT + number))
            stack.enter_context(keys_removed(server_env["REDIS_URL"], prefix))
        if not baseline_file.exists():
            article = ready[largest][1]["pages"]["article"]
            baseline_file.write_bytes(fetch(servers[largest].base + article)[2])
        figures = {size: {} for size in ready}
        for name, paths, cookies in targets(ready, mode):
            seconds = ADMIN_SECONDS if name in report.ADMIN else SECONDS
            for size, row in measure(wrk, servers, paths, cookies, seconds).items():
                figures[size][name] = row
                say(report.line(size, mode, name, row, row["baseline"]))
        soaked = None
        if mode == "uncached":
            say(f"Soak at {largest:,} articles: {SOAK_CONNECTIONS} connections, {SOAK_SECONDS} s")
            paths = list(ready[largest][1]["pages"].values())
            soaked = soak(servers[largest], paths)
        return {
            size: {
                "figures": figures[size],
                "soak": soaked if size == largest else None,
                "rss": servers[size].worker_rss_mib(),
            }
            for size in ready
        }


@contextmanager
def keys_removed(redis_url: str, prefix: str):
    """Remove this run's keys from Redis afterwards, however it ends (Redis may be shared)."""
    import redis

    try:
        yield
    finally:
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
        if keys:
            client.delete(*keys)


def photo_benchmark() -> str:
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    return subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "bench" / "photos.py")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@contextmanager
def timer(label: str):
    started = time.monotonic()
    yield
    say(f"{label}: {time.monotonic() - started:.0f} s")


def measure_searches(wrk: str, env: dict, prepared: dict, workdir: Path) -> dict:
    """Each search of ``prepared`` and the article page, page cache off, one gunicorn, each
    beside the baseline (the article page's HTML from memory): ``{name: figures}``."""
    baseline_file = workdir / "article.html"
    server_env = {**env, "NEWSROOM_PAGE_CACHE": "0", "BENCH_BASELINE_FILE": str(baseline_file)}
    with Server(server_env, workdir / "gunicorn-search.log", PORT) as server:
        article = prepared["pages"]["article"]
        baseline_file.write_bytes(fetch(server.base + article)[2])
        pages = {"article": article, **{n: s["path"] for n, s in prepared["searches"].items()}}
        figures = {}
        for name, path in pages.items():
            figures[name] = measure(wrk, {0: server}, {0: path}, {0: ""})[0]
            say(report.line(max(SIZES), "uncached", name, figures[name], None))
    return figures


def search_only(wrk: str, key: str) -> None:
    """``BENCH_ONLY=search``: the searches at the largest size; their section of
    ``bench/results/latest.md`` is written again, the rest of the file kept."""
    started = time.monotonic()
    env, prepared = prepare(max(SIZES), key, os.environ.get("BENCH_DATABASE_URL", ""))
    with tempfile.TemporaryDirectory() as folder:
        figures = measure_searches(wrk, env, prepared, Path(folder))
    section = search_report.search_section(prepared, figures, time.monotonic() - started)
    latest = ROOT / "bench" / "results" / "latest.md"
    latest.write_text(search_report.with_search_section(latest.read_text(), section))
    say("\n".join(section))
    say("Written to bench/results/latest.md")


def soak_only(wrk: str, key: str) -> None:
    """``make soak``: the largest size's database, one gunicorn with the page cache off, the
    soak; the figures go to ``bench/results/soak.md``."""
    started = time.monotonic()
    size = max(SIZES)
    env, prepared = prepare(size, key)
    with tempfile.TemporaryDirectory() as folder:
        server_env = {**env, "NEWSROOM_PAGE_CACHE": "0"}
        with Server(server_env, Path(folder) / "gunicorn.log", PORT) as server:
            paths = list(prepared["pages"].values())
            for path in paths:  # every page answers, and each worker has loaded its code
                load(wrk, server.base + path, 1, CONNECTIONS)
            say(f"Soak at {size:,} articles: {SOAK_CONNECTIONS} connections, {SOAK_SECONDS} s")
            soaked = soak(server, paths)
            errors = (Path(folder) / "gunicorn.log").read_text()
    text = report.soak_markdown(size, prepared, soaked, errors, time.monotonic() - started)
    (ROOT / "bench" / "results" / "soak.md").write_text(text)
    say(
        "\n".join(
            f"{'MET ' if met else 'MISS'} {t}: {v}" for t, v, met in report.soak_verdicts(soaked)
        )
    )
    say("Written to bench/results/soak.md")


def main() -> None:
    # Stopped from outside, still stop gunicorn and clear this run's keys on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench stopped"))
    wrk = ensure_wrk()
    key = secrets.token_urlsafe(50)  # this run only; signs nothing that outlives it
    if os.environ.get("BENCH_ONLY") == "soak":
        soak_only(wrk, key)
        return
    if os.environ.get("BENCH_ONLY") == "search":
        search_only(wrk, key)
        return
    started = time.monotonic()
    ready = {}
    for size in SIZES:
        with timer(f"{size} articles"):
            ready[size] = prepare(size, key)
    results = {size: {"prepared": prepared, "modes": {}} for size, (_, prepared) in ready.items()}
    with tempfile.TemporaryDirectory() as folder:
        for mode in ("uncached", "cached"):
            with timer(f"{mode} pages"):
                for size, data in run_mode(mode, wrk, ready, Path(folder)).items():
                    results[size]["modes"][mode] = data
        with timer("searches"):
            largest = max(ready)
            env, prepared = ready[largest]
            searched = measure_searches(wrk, env, prepared, Path(folder))
    with timer("photo benchmark"):
        photos = photo_benchmark()
    say(photos)
    text = report.markdown(results, photos, wrk, SECONDS, time.monotonic() - started)
    section = search_report.search_section(prepared, searched, None)
    text = search_report.with_search_section(text, section)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "latest.md").write_text(text)
    say(report.summary(results))
    say("Written to bench/results/latest.md")


if __name__ == "__main__":
    main()
