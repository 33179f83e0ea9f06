"""gunicorn's settings for the newsroom: ``gunicorn -c deploy/gunicorn.conf.py``.

Read from the same environment as Django's settings, so that gunicorn believes a forwarded
protocol header exactly when the site does. Out of the box gunicorn sets the request's
scheme to https from ``X-Forwarded-Proto: https``, ``X-Forwarded-Ssl: on`` or
``X-Forwarded-Protocol: ssl`` sent from 127.0.0.1, ::1 or any UNIX-socket peer, whoever
wrote the header. ``newsroom.security.scheme_from_the_connection`` undoes that in the site
too; this keeps the two in step.

- ``DJANGO_BEHIND_TLS_PROXY`` off: no forwarded header is believed, from anywhere.
- on: only ``X-Forwarded-Proto`` (the header Django reads), and only from the proxy's
  addresses in ``FORWARDED_ALLOW_IPS`` (gunicorn's own variable; default the loopback).
"""

import os

behind_tls_proxy = os.environ.get("DJANGO_BEHIND_TLS_PROXY", "").strip().lower() in {
    "1",
    "true",
    "yes",
    "on",
}

wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn reads WEB_CONCURRENCY itself when this is not given; two per core by default.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))

if behind_tls_proxy:
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
    secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
else:
    # Both: an empty address list alone still trusts UNIX-socket peers.
    forwarded_allow_ips = ""
    secure_scheme_headers = {}

# --- Processes and time limits ----------------------------------------------------------------
# Sync workers: the pages are quick and the proxy buffers slow clients, so a worker is never
# held by a phone on a bad line. Two per core keeps the processor busy while one waits on
# PostgreSQL; WEB_CONCURRENCY overrides it (above).
worker_class = "sync"
# A request still running after this many seconds is killed and logged: the heaviest legitimate
# request is an upload of a batch of large photos with their renditions.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Longer than nginx's keepalive to us would be pointless: nginx speaks HTTP/1.0 to upstream
# unless told otherwise, so this covers direct clients (a load balancer's probes).
keepalive = 5
# A worker is replaced after this many requests (jittered so they do not all restart at once),
# which bounds any slow growth in a worker's memory.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Workers load the site after forking: a restart (systemctl reload) picks up new code.
preload_app = False

# --- Logs ---------------------------------------------------------------------------------------
# Both to stderr, for journald. With NEWSROOM_LOG_FORMAT=json the site writes its own line per
# request (newsroom.requestlog, with the request id and the staff user's id), so gunicorn's
# access log is left off rather than written twice in two shapes.
json_logs = os.environ.get("NEWSROOM_LOG_FORMAT", "").strip().lower() == "json"
errorlog = "-"
accesslog = None if json_logs else "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The visitor's address as nginx saw it, the request id nginx gave, and the time taken in ms.
access_log_format = (
    '%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s %(M)sms id=%({x-request-id}i)s "%(f)s" "%(a)s"'
)
proc_name = "newsroom"
