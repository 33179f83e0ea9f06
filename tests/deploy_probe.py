"""Run by tests/security/test_security.py in a fresh process with production settings (debug off).

Migrates a throw-away SQLite database, makes one staff account, then asks the site a few
questions through Django's test client and prints what came back as JSON.
"""

import json
import sys
from pathlib import Path

# Run as a script, Python puts tests/ first on the path, where tests/public and tests/newsroom
# would stand in for the apps of the same names (no templates): the project comes first.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

HOST = "tintuc.example.vn"
PASSWORD = "mật khẩu dài cho thử nghiệm"  # a throw-away account in a temporary database


def cookie(response, name: str) -> dict | None:
    morsel = response.cookies.get(name)
    if morsel is None:
        return None
    return {
        "secure": bool(morsel["secure"]),
        "httponly": bool(morsel["httponly"]),
        "samesite": morsel["samesite"],
    }


def main() -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    get_user_model().objects.create_user("bientap", password=PASSWORD, is_staff=True)
    client = Client(HTTP_HOST=HOST)

    plain = client.get("/admin/login/")
    login_page = client.get("/admin/login/", secure=True)
    logged_in = client.post(
        "/admin/login/",
        {"username": "bientap", "password": PASSWORD, "next": "/admin/"},
        secure=True,
    )
    home = client.get("/", secure=True)
    wrong_host = Client(HTTP_HOST="evil.example.com").get("/", secure=True)
    headers = ("Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy")
    headers += ("X-Frame-Options", "Cross-Origin-Opener-Policy", "Content-Security-Policy")
    print(
        json.dumps(
            {
                "plain": {"status": plain.status_code, "location": plain.get("Location")},
                "login_page": {
                    "status": login_page.status_code,
                    "headers": {name: login_page.get(name) for name in headers},
                    "csrf_cookie": cookie(login_page, "csrftoken"),
                },
                "logged_in": {
                    "status": logged_in.status_code,
                    "location": logged_in.get("Location"),
                    "session_cookie": cookie(logged_in, "sessionid"),
                },
                "home": {
                    "status": home.status_code,
                    "headers": {name: home.get(name) for name in headers},
                },
                "wrong_host": wrong_host.status_code,
            }
        )
    )


if __name__ == "__main__":
    sys.exit(main())
