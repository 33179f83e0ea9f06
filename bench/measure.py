"""The benchmark's measuring instruments: fetching a page, a gunicorn server under production
settings, wrk runs with the processor time they cost, the soak's slices and memory watch.

``bench/run.py`` orchestrates them; nothing here knows which pages or sizes are measured.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def fetch(url: str, cookie: str = "") -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, dict(response.headers), response.read()


class Server:
    """gunicorn with two sync workers, started and stopped around one series of runs."""

    def __init__(self, env: dict, log: Path, port: int):
        self.env, self.log, self.port = env, log, port
        self.base = f"http://127.0.0.1:{port}"

    def __enter__(self):
        command = [
            str(BIN / "gunicorn"), "newsroom.wsgi:application", "--chdir", str(ROOT),
            "--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{self.port}",
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

    def workers(self) -> list[str]:
        pid = self.process.pid
        return Path(f"/proc/{pid}/task/{pid}/children").read_text().split()

    def pids(self) -> list[int]:
        """The workers' processes and those of their PostgreSQL sessions (same machine)."""
        import psycopg2

        connection = psycopg2.connect(self.env["DATABASE_URL"])
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
                )
                sessions = [row[0] for row in cursor.fetchall()]
        finally:
            connection.close()
        return [int(pid) for pid in self.workers()] + sessions

    def worker_rss_mib(self) -> list[float]:
        """Each worker's resident memory now."""
        sizes = []
        for child in self.workers():
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes


def cpu_of(pid: int) -> float | None:
    """The processor seconds (user and system) a process has used so far; None when gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def cpu_seconds(pids) -> float:
    """The processor time (user and system) the processes have used so far."""
    return sum(used for used in map(cpu_of, pids) if used is not None)


def load(wrk: str, url: str, seconds: int, connections: int, cookie="", paths=(), server=None):
    """One wrk run; its figures (requests per second, latencies in ms, errors), and with
    ``server`` the processor time its workers and their PostgreSQL sessions spent."""
    command = [wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s"]
    command += ["--timeout", "10s", "-s", str(ROOT / "bench" / "wrk.lua")]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command += [url, *(["--", *paths] if paths else [])]
    pids = server.pids() if server else []
    cpu_before = cpu_seconds(pids)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    cpu = cpu_seconds(pids) - cpu_before
    figures = json.loads(output.strip().splitlines()[-1])
    socket_errors = sum(figures[name] for name in ("connect_errors", "read_errors", "timeouts"))
    return {
        "rps": figures["requests"] / (figures["duration_us"] / 1e6),
        "p50": figures["p50_us"] / 1000,
        "p99": figures["p99_us"] / 1000,
        "requests": figures["requests"],
        "non_2xx": figures["status_errors"],
        "socket_errors": socket_errors + figures["write_errors"],
        "cpu": cpu,
    }


class Watch:
    """The workers' largest resident memory and the processor time spent since the last look
    by the workers and their PostgreSQL sessions, read every half second while it runs, with
    when (seconds from the start)."""

    def __init__(self, server: "Server"):
        self.server, self.samples = server, []
        self.database = urlsplit(server.env["DATABASE_URL"]).path.strip("/")
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.watch, daemon=True)
        self.spent: dict[int, float] = {}

    def processor_time(self) -> float:
        """Processor seconds used since the last look; a PostgreSQL session that began since
        (Django renews connections after DATABASE_CONN_MAX_AGE) counts from its start."""
        pids = [int(pid) for pid in self.server.workers()] + session_pids(self.database)
        used = 0.0
        for pid in pids:
            now = cpu_of(pid)
            if now is not None:  # not gone meanwhile
                used += now - self.spent.get(pid, 0.0)
                self.spent[pid] = now
        return used

    def watch(self) -> None:
        self.processor_time()  # what was used before the start is not counted
        stolen = stolen_seconds()
        while not self.stopping.wait(0.5):
            with suppress(OSError, ValueError):  # a worker between restarts
                rss = max(self.server.worker_rss_mib())
                used, before, stolen = self.processor_time(), stolen, stolen_seconds()
                moment = time.monotonic() - self.started
                self.samples.append((moment, rss, used, stolen - before))

    def __enter__(self):
        self.started = time.monotonic()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()


def stolen_seconds() -> float:
    """Processor time the hypervisor gave to other machines while this one wanted it (all
    cores, from /proc/stat): when it rises, everything here slows, whatever the site does."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
    return int(fields[8]) / os.sysconf("SC_CLK_TCK")


def session_pids(database: str) -> list[int]:
    """PostgreSQL's processes serving ``database`` on this machine, found by their titles
    ("postgres: user database address state"), without asking the server."""
    marker = f" {database} ".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if title.startswith(b"postgres: ") and marker in title:
            found.append(int(entry.name))
    return found


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (``share`` between 0 and 1)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def soak_figures(records: list, samples: list, seconds: int, slice_seconds: int) -> dict:
    """The soak's requests (start, duration, status) as figures for the whole run and for each
    ``slice_seconds`` by start time, each slice with the largest worker memory read in it, the
    processor time a request and the share stolen by the hypervisor (``samples``: moment,
    memory, processor seconds and stolen seconds since the sample before)."""

    def figures(chosen: list, length: float) -> dict:
        latencies = [duration * 1000 for _, duration, _ in chosen] or [0.0]
        return {
            "rps": len(chosen) / length,
            "p50": percentile(latencies, 0.50),
            "p99": percentile(latencies, 0.99),
            "requests": len(chosen),
            "non_2xx": sum(1 for *_, status in chosen if status and not 200 <= status < 300),
            "socket_errors": sum(1 for *_, status in chosen if not status),
        }

    slices = []
    for begin in range(0, seconds, slice_seconds):
        end = begin + slice_seconds
        chosen = [record for record in records if begin <= record[0] < end]
        taken = [sample[1:] for sample in samples if begin <= sample[0] < end]
        processor = sum(sample[1] for sample in taken)
        slices.append(
            {
                **figures(chosen, slice_seconds),
                "rss": max((sample[0] for sample in taken), default=0.0),
                # processor milliseconds a request: the work, whatever else slows the machine
                "cpu_ms": 1000 * processor / len(chosen) if chosen else 0.0,
                # the share of the slice the hypervisor took away from this machine's cores
                "stolen": sum(sample[2] for sample in taken if len(sample) > 2) / slice_seconds,
            }
        )
    return {**figures(records, seconds), "seconds": seconds, "slices": slices}


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
        # Processor milliseconds a request (workers and their database sessions): unlike the
        # rate, nearly the same whatever else the machine is doing.
        "cpu_ms": 1000 * sum(run["cpu"] for run in runs) / requests if requests else 0.0,
    }
