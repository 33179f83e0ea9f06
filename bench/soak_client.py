"""The soak's load generator: N connections going round some paths for S seconds.

    python bench/soak_client.py http://127.0.0.1:8208 --connections 64 --seconds 60 -- /a /b

Each connection sends one GET at a time (``Connection: close``, as gunicorn's sync workers
answer) and starts the next as soon as the answer is complete. Prints one JSON object: for
every request, when it started (seconds from the start), how long it took and its outcome
(the HTTP status, or 0 for a socket error or a timeout).

Why not ``wrk``, which measures every other figure: wrk reports one summary per run, so
comparing the first ten seconds with the last took back-to-back runs, and a run stopped with
64 requests queued in the server leaves them in front of the next run's requests (measured:
the first slice always looked faster, the next ones' p99 twice as long). One continuous run,
sliced afterwards by start time, has no such seam.
"""

import argparse
import asyncio
import json
import time
from urllib.parse import urlsplit


async def fetch(host: str, port: int, path: str) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n"
            "User-Agent: newsroom-soak\r\nAccept: text/html\r\n\r\n".encode()
        )
        await writer.drain()
        answer = await reader.read(-1)  # the whole response: the server closes after it
    finally:
        writer.close()
    status_line = answer.split(b"\r\n", 1)[0].split()
    if len(status_line) < 2 or not status_line[0].startswith(b"HTTP/"):
        return 0
    return int(status_line[1])


async def connection(number, host, port, paths, started, deadline, timeout, records):
    turn = number  # connections start at different pages, as wrk's threads do
    while time.monotonic() < deadline:
        path = paths[turn % len(paths)]
        turn += 1
        began = time.monotonic()
        try:
            outcome = await asyncio.wait_for(fetch(host, port, path), timeout)
        except (OSError, TimeoutError, ValueError):
            outcome = 0
        records.append((round(began - started, 4), round(time.monotonic() - began, 4), outcome))


async def run(base: str, paths: list[str], connections: int, seconds: float, timeout: float):
    parts = urlsplit(base)
    records: list[tuple[float, float, int]] = []
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(
        *(
            connection(
                n, parts.hostname, parts.port or 80, paths, started, deadline, timeout, records
            )
            for n in range(connections)
        )
    )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=10)
    options = parser.parse_args()
    records = asyncio.run(
        run(options.base, options.paths, options.connections, options.seconds, options.timeout)
    )
    print(json.dumps({"requests": records}))


if __name__ == "__main__":
    main()
