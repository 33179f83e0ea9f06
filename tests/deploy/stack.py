"""The production stack as deploy/ ships it, started on loopback ports in a temporary folder.

PostgreSQL (a fresh database) and Redis, the site migrated and given the demo newsroom,
``collectstatic`` with hashed names, gunicorn from ``deploy/gunicorn.conf.py`` and nginx from
the site that ``deploy/render_nginx.py`` writes from ``deploy/nginx/``, with TLS on a
certificate made for the run. Debug off, JSON logs. Used by tests/deploy/ (``make test-prod``)
and by ``tests/deploy/measure.py``.
"""

import http.client
import os
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
HOST = "tintuc.test"
# Small, so the test of a refused upload sends a few megabytes, not twenty.
PHOTO_MAX_BYTES = 2 * 1024 * 1024
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, path: str, context: ssl.SSLContext | None, seconds: float = 60) -> None:
    """Until GET ``path`` on the loopback port answers 200, or fail."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if context is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            else:
                conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=5, context=context)
            conn.request("GET", path, headers={"Host": HOST})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing answered 200 on port {port}{path}")
        time.sleep(0.3)


@dataclass
class Stack:
    folder: Path
    database: str
    redis_url: str
    gunicorn_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    https_port: int = field(default_factory=free_port)
    processes: list = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"https://{HOST}:{self.https_port}"

    @property
    def certificate(self) -> Path:
        return self.folder / "tls" / "cert.pem"

    def tls_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.certificate))

    def env(self, **extra: str) -> dict[str, str]:
        """The environment file a hosting team would write, for this run."""
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "NEWSROOM_", "DATABASE_", "REDIS_", "GUNICORN_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="newsroom.settings",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=self.secret_key,
            DJANGO_ALLOWED_HOSTS=HOST,
            NEWSROOM_BASE_URL=self.base_url,
            DJANGO_CSRF_TRUSTED_ORIGINS=self.base_url,
            DJANGO_BEHIND_TLS_PROXY="1",
            DJANGO_DEFAULT_FROM_EMAIL=f"toasoan@{HOST}",
            DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{self.database}",
            REDIS_URL=self.redis_url,
            MEDIA_ROOT=str(self.folder / "media"),
            STATIC_ROOT=str(self.folder / "static"),
            NEWSROOM_PHOTO_MAX_BYTES=str(PHOTO_MAX_BYTES),
            NEWSROOM_LOG_FORMAT="json",
            GUNICORN_BIND=f"127.0.0.1:{self.gunicorn_port}",
            WEB_CONCURRENCY="2",
            NGINX_HTTP_LISTEN=f"127.0.0.1:{self.http_port}",
            NGINX_HTTPS_LISTEN=f"127.0.0.1:{self.https_port} ssl",
            NGINX_TLS_CERTIFICATE=str(self.certificate),
            NGINX_TLS_CERTIFICATE_KEY=str(self.folder / "tls" / "key.pem"),
            NGINX_CACHE_DIR=str(self.folder / "nginx-cache"),
            NGINX_ACCESS_LOG=str(self.folder / "nginx-access.log"),
        )
        env.update(extra)
        return env

    def manage(self, *args: str, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env(**extra),
            capture_output=True,
            text=True,
            check=False,
        )

    def _run(self, *args: str, **extra: str) -> None:
        result = self.manage(*args, **extra)
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")

    def start(self) -> "Stack":
        self.secret_key = secrets.token_urlsafe(50)
        self._make_certificate()
        self._make_database()
        # First: with hashed names, loading the URLs (every other command does) needs the
        # manifest collectstatic writes.
        self._run("collectstatic", "--no-input")
        self._run("migrate", "--no-input")
        # The demo newsroom (articles, photos, accounts): its app is installed in debug only.
        self._run("setup_roles")
        self._run("load_demo", DJANGO_DEBUG="1")
        self._start_gunicorn()
        self._start_nginx()
        return self

    def _make_certificate(self) -> None:
        (self.folder / "tls").mkdir()
        subprocess.run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", f"/CN={HOST}",
                "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
                "-keyout", str(self.folder / "tls" / "key.pem"),
                "-out", str(self.certificate),
            ],
            check=True,
            capture_output=True,
        )  # fmt: skip

    def _make_database(self) -> None:
        connection = psycopg2.connect(dbname="postgres", **PG)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{self.database}"')
        connection.close()

    def _start_gunicorn(self) -> None:
        log = (self.folder / "gunicorn.log").open("w")
        self.processes.append(
            subprocess.Popen(
                [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
                cwd=ROOT,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
        wait_for(self.gunicorn_port, "/healthz", None)

    def _start_nginx(self) -> None:
        site = self.folder / "nginx"
        result = subprocess.run(
            [str(BIN / "python"), "deploy/render_nginx.py", str(site)],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"render_nginx.py failed:\n{result.stderr[-3000:]}")
        temp = self.folder / "nginx-temp"
        temp.mkdir()
        user = "user root root;\n" if os.geteuid() == 0 else ""
        (self.folder / "nginx.conf").write_text(
            f"{user}worker_processes 2;\npid {self.folder}/nginx.pid;\n"
            f"error_log {self.folder}/nginx-error.log warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            "    include /etc/nginx/mime.types;\n"
            "    default_type application/octet-stream;\n"
            "    sendfile on;\n"
            f"    client_body_temp_path {temp}/body;\n"
            f"    proxy_temp_path {temp}/proxy;\n"
            f"    fastcgi_temp_path {temp}/fastcgi;\n"
            f"    uwsgi_temp_path {temp}/uwsgi;\n"
            f"    scgi_temp_path {temp}/scgi;\n"
            f"    include {site}/newsroom.conf;\n"
            "}\n"
        )
        command = [nginx_binary(), "-e", f"{self.folder}/nginx-error.log", "-p", str(self.folder)]
        command += ["-c", str(self.folder / "nginx.conf")]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
        if check.returncode:
            raise RuntimeError(f"nginx -t refused the site:\n{check.stderr}")
        self.processes.append(subprocess.Popen([*command, "-g", "daemon off;"]))
        wait_for(self.https_port, "/healthz", self.tls_context())

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        raise RuntimeError("nginx is missing: apt-get install nginx (make test-prod does it)")
    return found


def start_stack() -> Stack:
    """A running stack in a new temporary folder (readable by nginx's workers)."""
    folder = Path(tempfile.mkdtemp(prefix="newsroom-prod-"))
    folder.chmod(0o755)
    stack = Stack(
        folder=folder,
        database=os.environ.get("PROD_DATABASE", "newsroom_prod"),
        redis_url=os.environ.get("PROD_REDIS_URL", "redis://127.0.0.1:6379/5"),
    )
    try:
        return stack.start()
    except Exception:
        stack.stop()
        raise
