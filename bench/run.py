"""``make bench``: the site under load at 1,000 and 100,000 articles, and the photo path.

For each size: a PostgreSQL database of its own (``<name>_<size>``, made and filled by
``seed_bench`` when missing, topped up otherwise), gunicorn with 2 sync workers under
production settings (``bench.settings``: debug off, a throw-away key, 127.0.0.1 only, no HTTPS
redirect on the loopback), and ``wrk`` in its own process. Each page is measured with the
anonymous page cache off and on (Redis), beside the baseline page served from memory through
the same middleware; the admin's article list and desk are measured signed in as an editor.
At the largest size, 64 connections go round every page for 30 seconds. Results are printed
and written to ``bench/results/latest.md`` (``bench/report.py``).

Environment: ``DATABASE_URL`` (PostgreSQL; default ``postgres://postgres@127.0.0.1:5432/
newsroom_bench``), ``REDIS_URL`` (default ``redis://127.0.0.1:6379/0``), ``BENCH_SIZES``
(``1000,100000``), ``BENCH_SECONDS`` (10 per page and mode), ``BENCH_PORT`` (8208).
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
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent

from bench import report  # noqa: E402

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/newsroom_bench"
SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "1000,100000").split(",")]
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
WARM_UP_SECONDS = 2
PORT = int(os.environ.get("BENCH_PORT", "8208"))
CONNECTIONS = 4  # two per worker: each always has the next request waiting
SOAK_CONNECTIONS, SOAK_SECONDS = 64, 30
ADMIN_SECONDS = 5
BASELINE, BASELINE_SECONDS = "/__bench__/baseline/", 2
ROUNDS = 3  # page and baseline alternate, this many short runs each
MEDIA = ROOT / "bench" / "media"


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
        "DJANGO_LOG_LEVEL": "WARNING",
        **extra,
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True)  # noqa: S603


def fetch(url: str, cookie: str = "") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


class Server:
    """gunicorn with two sync workers, started and stopped around one series of runs."""

    def __init__(self, env: dict, log: Path):
        self.env, self.log = env, log
        self.base = f"http://127.0.0.1:{PORT}"

    def __enter__(self):
        command = [
            str(BIN / "gunicorn"), "newsroom.wsgi:application", "--chdir", str(ROOT),
            "--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{PORT}",
            "--backlog", "2048", "--timeout", "60", "--log-level", "warning",
            "--error-logfile", str(self.log),
        ]  # fmt: skip
        self.process = subprocess.Popen(command, env=self.env)  # noqa: S603
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                fetch(self.base + "/robots.txt")
                return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        sys.exit(f"gunicorn did not start; see {self.log}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def worker_rss_mib(self) -> list[float]:
        """Each worker's resident memory now."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        sizes = []
        for child in children:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes


def load(wrk: str, url: str, seconds: int, connections: int, cookie="", paths=()) -> dict:
    """One wrk run; its figures (requests per second, latencies in ms, errors)."""
    command = [wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"]
    command += ["--timeout", "10s", "-s", str(ROOT / "bench" / "wrk.lua")]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command += [url, *(["--", *paths] if paths else [])]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    figures = json.loads(output.strip().splitlines()[-1])
    socket_errors = sum(figures[name] for name in ("connect_errors", "read_errors", "timeouts"))
    return {
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "p50": figures["p50_us"] / 1000,
        "p99": figures["p99_us"] / 1000,
        "requests": figures["requests"],
        "non_2xx": figures["status_errors"],
        "socket_errors": socket_errors + figures["write_errors"],
    }


def combine(runs: list[dict]) -> dict:
    """Several wrk runs of one URL as one: total rate, median p50, worst p99, all errors."""
    seconds = sum(run["requests"] / run["rps"] for run in runs if run["rps"])
    requests = sum(run["requests"] for run in runs)
    p50s = sorted(run["p50"] for run in runs)
    return {
        "rps": requests / seconds if seconds else 0.0,
        "p50": p50s[len(p50s) // 2],
        "p99": max(run["p99"] for run in runs),
        "requests": requests,
        "non_2xx": sum(run["non_2xx"] for run in runs),
        "socket_errors": sum(run["socket_errors"] for run in runs),
    }


def measure(wrk: str, server: Server, path: str, cookie="", seconds=SECONDS) -> dict:
    """A page's figures, and the baseline's measured in turn with it.

    The machine is shared and its speed drifts, so the page and the baseline alternate in
    ``ROUNDS`` short runs each, and the page is compared with the baseline of its own rounds.
    """
    url = server.base + path
    status = fetch(url, cookie)[0]
    if status != 200:
        sys.exit(f"{path} answered {status}, not 200")
    load(wrk, url, WARM_UP_SECONDS, CONNECTIONS, cookie)  # fills the cache, warms the workers
    queries = int(fetch(url, cookie)[1].get("X-Bench-Queries", "-1"))
    baseline, page = [], []
    for _ in range(ROUNDS):
        baseline.append(load(wrk, server.base + BASELINE, BASELINE_SECONDS, CONNECTIONS))
        page.append(load(wrk, url, max(1, round(seconds / ROUNDS)), CONNECTIONS, cookie))
    return {**combine(page), "queries": queries, "baseline": combine(baseline)}


def run_size(size: int, wrk: str, key: str, workdir: Path) -> dict:
    url = database_url(size)
    ensure_database(url)
    env = django_env(url, key)
    started = time.monotonic()
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "seed_bench", "--articles", str(size))
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
    baseline_file = workdir / "article.html"
    result = {"prepared": prepared, "modes": {}}
    for mode, cache_on in (("uncached", "0"), ("cached", "1")):
        prefix = f"newsroom-bench-{secrets.token_hex(4)}"
        server_env = {
            **env,
            "NEWSROOM_PAGE_CACHE": cache_on,
            "BENCH_CACHE_PREFIX": prefix,
            "BENCH_BASELINE_FILE": str(baseline_file),
        }
        with (
            Server(server_env, workdir / "gunicorn.log") as server,
            keys_removed(server_env["REDIS_URL"], prefix),
        ):
            if not baseline_file.exists():
                article = fetch(server.base + prepared["pages"]["article"])[2]
                baseline_file.write_bytes(article)
            figures = {"baseline": measure(wrk, server, BASELINE)}
            for name, path in prepared["pages"].items():
                figures[name] = measure(wrk, server, path)
                say(report.line(size, mode, name, figures[name], figures["baseline"]))
            if cache_on == "0":
                for name, path in prepared["admin"].items():
                    figures[name] = measure(
                        wrk, server, path, prepared["cookie"], seconds=ADMIN_SECONDS
                    )
                    say(report.line(size, mode, name, figures[name], figures["baseline"]))
            soak = None
            if size == max(SIZES) and mode == "uncached":
                paths = list(prepared["pages"].values())
                soak = load(wrk, server.base + "/", SOAK_SECONDS, SOAK_CONNECTIONS, paths=paths)
                say(f"soak: {soak}")
            result["modes"][mode] = {
                "figures": figures,
                "soak": soak,
                "rss": server.worker_rss_mib(),
            }
    baseline_file.unlink()
    return result


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


def main() -> None:
    # Stopped from outside, still stop gunicorn and clear this run's keys on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("bench stopped"))
    wrk = ensure_wrk()
    key = secrets.token_urlsafe(50)  # this run only; signs nothing that outlives it
    started = time.monotonic()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in SIZES:
            with timer(f"{size} articles"):
                results[size] = run_size(size, wrk, key, Path(folder))
    with timer("photo benchmark"):
        photos = photo_benchmark()
    say(photos)
    text = report.markdown(results, photos, wrk, SECONDS, time.monotonic() - started)
    (ROOT / "bench" / "results").mkdir(exist_ok=True)
    (ROOT / "bench" / "results" / "latest.md").write_text(text)
    say(report.summary(results))
    say("Written to bench/results/latest.md")


if __name__ == "__main__":
    main()
