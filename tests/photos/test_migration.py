"""A database made before the photo library became its own app migrates forward intact."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from articles.models import Article, Revision
from photos.models import Photo

# The benchmark's own table (bench 0001) follows the newest articles migration: it goes too.
BEFORE = [("articles", "0010_preview_links"), ("photos", None), ("bench", None)]


def migrate(targets):
    """Migrate to ``targets`` and return the models as the database now has them."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    loader = MigrationExecutor(connection).loader
    return loader.project_state(list(loader.applied_migrations)).apps


@pytest.mark.django_db(transaction=True)
def test_photos_articles_revisions_and_grants_survive_the_move():
    """Rows written by the old schema are the same rows afterwards; the photo permissions
    a role was given (and the admin's history of a photo) follow the model to its app."""
    old = migrate(BEFORE)
    content_type = old.get_model("contenttypes", "ContentType")
    permission = old.get_model("auth", "Permission")
    group_model = old.get_model("auth", "Group")
    user_model = old.get_model("auth", "User")
    photo_model = old.get_model("articles", "Photo")
    assert photo_model._meta.db_table == "articles_photo"

    photo_type, _ = content_type.objects.get_or_create(app_label="articles", model="photo")
    change_photo, _ = permission.objects.get_or_create(
        content_type=photo_type, codename="change_photo", defaults={"name": "Can change photo"}
    )
    group = group_model.objects.create(name="Phóng viên (cũ)")
    group.permissions.add(change_photo)
    writer = user_model.objects.create(username="nguoiviet-cu")
    photo = photo_model.objects.create(
        image="photos/2026/11/cu-ba-trong-cay-0123456789abcdef.jpg",
        width=640,
        height=480,
        caption="Hội viên Hội CCB trồng cây tại khu phố 3",
        alt_text="Cựu chiến binh trồng cây bên đường",
        uploaded_by=writer,
    )
    article = old.get_model("articles", "Article").objects.create(
        title="Hội CCB phường Trần Phú trồng 300 cây xanh",
        slug="hoi-ccb-phuong-tran-phu-trong-300-cay-xanh",
        lead="Hưởng ứng Tết trồng cây, hội viên góp công trồng cây trên các tuyến đường.",
        body=f'<figure><img src="/media/{photo.image}" data-photo-id="{photo.pk}"></figure>',
        featured_photo=photo,
        status="published",
        published_at=timezone.now(),
        created_by=writer,
    )
    old.get_model("articles", "ArticleBodyPhoto").objects.create(article=article, photo=photo)
    old.get_model("articles", "Revision").objects.create(
        article=article, number=1, content={"title": article.title}, created_by=writer
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    moved = Photo.objects.get(pk=photo.pk)
    assert moved.caption == "Hội viên Hội CCB trồng cây tại khu phố 3"
    assert moved.image.name == "photos/2026/11/cu-ba-trong-cay-0123456789abcdef.jpg"
    assert moved.uploaded_by_id == writer.pk
    kept = Article.objects.get(pk=article.pk)
    assert kept.featured_photo == moved
    assert list(kept.body_photos.all()) == [moved]
    assert Revision.objects.filter(article=kept).count() == 1
    photo_type.refresh_from_db()
    assert (photo_type.app_label, photo_type.model) == ("photos", "photo")
    from django.contrib.auth.models import Group

    assert (
        Group.objects.get(pk=group.pk)
        .permissions.filter(content_type__app_label="photos", codename="change_photo")
        .exists()
    )
