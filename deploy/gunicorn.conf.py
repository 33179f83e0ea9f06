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
