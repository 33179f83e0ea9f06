"""Get a seeded benchmark database ready and say what to measure (run by ``bench/run.py``).

Run as a script under ``bench.settings`` against the database in ``DATABASE_URL``: vacuums
and analyses the tables (as autovacuum would have by now on a live site), signs an editor in
for the admin pages, and prints one JSON object: the URLs of each page, the editor's session
cookie and the number of articles.
"""

import json
import os
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

# A reader's query typed without diacritics: "chuyển đổi số" (digital transformation).
SEARCH_QUERY = "chuyen doi so"
# The searches measured on their own at the largest size (``BENCH_ONLY=search``, and in
# ``make bench``): words in thousands of articles, typed with marks and without, and a rare
# one (a person's name in quotes and a commune: a few dozen articles at 100,000).
SEARCHES = [
    "hội nông dân", "chuyển đổi số", "cán bộ", "chuyen doi so", "Ka Long",
    "“Tạ Thúy Nhung” Vĩnh Thực",
]  # fmt: skip
EDITOR_USERNAME = "bench-bientapvien"


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def editor_session() -> str:
    """A signed-in session for an editor who cannot log in with a password (no one can)."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    from articles.roles import EDITOR, setup_roles
    from newsroom.security import LAST_SEEN_KEY

    setup_roles()
    user, created = get_user_model().objects.get_or_create(
        username=EDITOR_USERNAME, defaults={"is_staff": True, "first_name": "Biên tập viên"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=EDITOR))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[LAST_SEEN_KEY] = int(time.time())
    # A benchmark of a few minutes must not be signed out for being idle.
    session.set_expiry(24 * 3600)
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def pages() -> dict[str, str]:
    """The public URLs to measure: recent, busy ones, as readers would ask for them."""
    from django.db.models import Count
    from django.urls import reverse

    from articles.models import Article, Category, Organisation

    published = Article.objects.published().newest_first()
    # A story of the day, not the very latest (which changes as scheduled ones come out).
    article = published[9:10].get() if published.count() >= 10 else published.first()
    section = (
        Category.objects.filter(parent__isnull=True).annotate(subsections=Count("children"))
    ).order_by("-subsections", "position")[0]
    organisation = Organisation.objects.annotate(used=Count("articles")).order_by("-used")[0]
    return {
        "home": reverse("public:home"),
        "article": article.get_absolute_url(),
        "category": section.get_absolute_url(),
        "organisation": organisation.get_absolute_url(),
        "search": f"{reverse('public:search')}?q={quote(SEARCH_QUERY)}",
        "rss": reverse("public:feed-latest-rss"),
        "sitemap": reverse("public:sitemap"),
    }


def searches() -> dict[str, dict]:
    """Each of ``SEARCHES``: its URL and how many published articles it matches (counted to
    the end, once, here: the page itself counts no further than ten pages ahead)."""
    from django.urls import reverse

    from articles import search

    return {
        f"search «{text}»": {
            "path": f"{reverse('public:search')}?q={quote(text)}",
            "matches": len(search.search(search.parse_query(text))),
        }
        for text in SEARCHES
    }


def main() -> None:
    import django

    django.setup()
    from django.urls import reverse

    from articles.models import Article

    vacuum()
    print(
        json.dumps(
            {
                "pages": pages(),
                "admin": {
                    "admin-list": reverse("admin:articles_article_changelist"),
                    "desk": reverse("admin:index"),
                },
                "searches": searches(),
                "cookie": editor_session(),
                "articles": Article.objects.count(),
                "published": Article.objects.published().count(),
            }
        )
    )


if __name__ == "__main__":
    main()
