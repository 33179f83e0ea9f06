"""Helpers for tests that drive the article admin through HTTP, and an inventory of the site."""

import hashlib
from pathlib import Path

from django.test import Client
from django.urls import reverse


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(article, **changes):
    """What the change form posts for ``article`` (its current values, then ``changes``)."""
    data = {
        "title": article.title,
        "slug": article.slug,
        "lead": article.lead,
        "body": article.body,
        "category": article.category_id or "",
        "organisations": [o.pk for o in article.organisations.all()],
        "tags": [t.pk for t in article.tags.all()],
        "featured_photo": article.featured_photo_id or "",
        "source": article.source,
        "edit_version": article.version,
        "transition_comment": "",
        "transition_published_at_0": "",
        "transition_published_at_1": "",
    }
    entries = list(article.bylines.all())
    data.update(
        {
            "bylines-TOTAL_FORMS": str(len(entries)),
            "bylines-INITIAL_FORMS": str(len(entries)),
            "bylines-MIN_NUM_FORMS": "0",
            "bylines-MAX_NUM_FORMS": "1000",
        }
    )
    for index, entry in enumerate(entries):
        data[f"bylines-{index}-id"] = entry.pk
        data[f"bylines-{index}-article"] = article.pk
        data[f"bylines-{index}-author"] = entry.author_id
        data[f"bylines-{index}-position"] = entry.position
    data.update(changes)
    return data


def inventory() -> dict:
    """Every article, revision and photo file, in a form to compare across two sites."""
    from articles.models import Article, Revision
    from photos.models import Photo

    return {
        "articles": {a.pk: [a.title, a.status, a.version] for a in Article.objects.all()},
        "revisions": sorted(
            [r.article_id, r.number, r.content["title"]] for r in Revision.objects.all()
        ),
        "photos": {
            p.pk: [p.image.name, hashlib.sha256(p.image.read()).hexdigest()]
            for p in Photo.objects.all()
        },
    }


# Where the tests find the project and their sample files, wherever a test module sits.
TESTS_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = TESTS_DIR.parent
IMPORT_FIXTURES = TESTS_DIR / "fixtures" / "import"
