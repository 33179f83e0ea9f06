"""The production stack, started once for tests/deploy (``make test-prod``), and a client that
speaks to it as a browser would: over TLS, by host name, keeping its cookies."""

import gzip
import http.client
import re
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest

from tests.deploy.stack import HOST, start_stack


@pytest.fixture(scope="session")
def stack():
    running = start_stack()
    yield running
    running.stop()


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        body = self.body
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return body.decode("utf-8")

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


class Browser:
    """Requests to nginx's HTTPS port by the site's host name; cookies kept, redirects not
    followed (the tests read them)."""

    def __init__(self, stack):
        self.stack = stack
        self.cookies: dict[str, str] = {}

    def request(self, method, path, *, body=b"", headers=None, port=None, tls=True) -> Answer:
        port = port or self.stack.https_port
        if tls:
            conn = http.client.HTTPSConnection(
                "127.0.0.1", port, timeout=30, context=self.stack.tls_context()
            )
        else:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        sent = {"Host": f"{HOST}:{port}", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        answer = Answer(response.status, response.headers, response.read())
        conn.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def get(self, path, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def post_form(self, path, fields: dict) -> Answer:
        """A form as the browser sends it, with the CSRF token and the Referer Django checks."""
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        return self.request(
            "POST",
            path,
            body=urlencode(fields).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"{self.stack.base_url}{path}",
            },
        )

    def log_in(self, username: str, password: str) -> Answer:
        self.get("/admin/login/")
        return self.post_form(
            "/admin/login/?next=/admin/", {"username": username, "password": password}
        )


@pytest.fixture
def browser(stack):
    return Browser(stack)


def first_match(pattern: str, text: str) -> str:
    found = re.search(pattern, text)
    assert found, f"nothing like {pattern!r} in the page"
    return found.group(0)
