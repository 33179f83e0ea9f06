"""Requests per second for a cached article page through nginx, beside gunicorn alone:
``make measure-prod`` (README, "Production"). A measurement, not a test.

The stack of tests/deploy/stack.py; wrk with 2 threads and 32 connections for 10 s on each.
Through nginx the page comes from nginx's own cache (revalidated each second); gunicorn alone
answers from the site's page cache in Redis (the page is rendered once).
"""

import http.client
import os
import re
import subprocess

from tests.deploy.stack import HOST, start_stack

SECONDS = int(os.environ.get("MEASURE_SECONDS", "10"))


def wrk(url: str, *headers: str) -> tuple[float, str, str]:
    """Requests per second, median and 99th percentile latency."""
    command = ["wrk", "-t2", "-c32", f"-d{SECONDS}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    median = re.search(r"50%\s+(\S+)", output).group(1)
    tail = re.search(r"99%\s+(\S+)", output).group(1)
    if "Non-2xx" in output:
        raise SystemExit(f"wrk saw failed requests:\n{output}")
    return rate, median, tail


def main() -> None:
    stack = start_stack()
    try:
        conn = http.client.HTTPSConnection(
            "127.0.0.1", stack.https_port, context=stack.tls_context()
        )
        conn.request("GET", "/", headers={"Host": f"{HOST}:{stack.https_port}"})
        path = re.search(r"/tin-tuc/[a-z0-9-]+-\d+/", conn.getresponse().read().decode()).group(0)
        through_nginx = wrk(
            f"https://127.0.0.1:{stack.https_port}{path}", f"Host: {HOST}:{stack.https_port}"
        )
        # gunicorn believes X-Forwarded-Proto from the loopback, as it does from nginx.
        gunicorn_alone = wrk(
            f"http://127.0.0.1:{stack.gunicorn_port}{path}",
            f"Host: {HOST}",
            "X-Forwarded-Proto: https",
        )
    finally:
        stack.stop()
    print(f"| path ({path}), {os.cpu_count()} cores, 2 gunicorn workers | req/s | p50 | p99 |")
    print("| --- | --- | --- | --- |")
    for name, (rate, median, tail) in (
        ("nginx (TLS, proxy cache HIT)", through_nginx),
        ("gunicorn alone (site's page cache in Redis)", gunicorn_alone),
    ):
        print(f"| {name} | {rate:,.0f} | {median} | {tail} |")


if __name__ == "__main__":
    main()
