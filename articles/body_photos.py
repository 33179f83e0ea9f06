"""Rebuilding ``Article.body_photos``, the library photos each article's body shows.

``Article.save`` keeps the relation as bodies are saved; this rebuilds it from the stored
bodies for articles written around ``save`` (raw SQL, a restored copy of an old database) and
fills it once for existing articles (migration ``0008_fill_body_photos``). Images are matched
as the editor's save matches them (``richtext.photos_shown_by``: by ``src``, else by
``data-photo-id``), so a body stored before its images carried their ids is covered too.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS, transaction

from articles.richtext import photos_shown_by

BATCH_SIZE = 500


def rebuild(
    apps=global_apps, *, using: str = DEFAULT_DB_ALIAS, batch_size: int = BATCH_SIZE
) -> tuple[int, int]:
    """Rewrite every article's body photos from its body, a batch of articles at a time.

    ``apps`` is the model registry (a migration passes its historical one). One query finds the
    photos of a whole batch. Returns how many articles were read and how many links stored.
    """
    article_model = apps.get_model("articles", "Article")
    link_model = apps.get_model("articles", "ArticleBodyPhoto")
    # The photo model as the link knows it: articles.Photo in migration 0008's history,
    # photos.Photo since the library became its own app.
    photo_model = link_model._meta.get_field("photo").related_model
    articles = links = 0
    last = 0
    while True:
        batch = dict(
            article_model.objects.using(using)
            .filter(pk__gt=last)
            .order_by("pk")
            .values_list("pk", "body")[:batch_size]
        )
        if not batch:
            return articles, links
        shown = photos_shown_by(batch, photo_model.objects.using(using))
        links_here = link_model.objects.using(using)
        with transaction.atomic(using=using):
            links_here.filter(article_id__in=list(batch)).delete()
            links_here.bulk_create(
                link_model(article_id=article, photo_id=photo)
                for article, photos in shown.items()
                for photo in sorted(photos)
            )
        articles += len(batch)
        links += sum(len(photos) for photos in shown.values())
        last = max(batch)
