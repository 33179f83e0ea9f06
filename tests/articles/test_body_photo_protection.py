"""A photo shown inside an article's body cannot be deleted, whatever the article's status.

The body's photos are recorded in ``Article.body_photos`` whenever the article is saved (and by
the migration and ``rebuild_body_photos`` for bodies written around ``save``), so a deletion is
refused without reading any body.
"""

import importlib
import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import ProtectedError
from django.urls import reverse
from PIL import Image

from articles import revisions
from articles.importing.parser import read_article_file
from articles.importing.service import import_article
from articles.models import Article, ArticleBodyPhoto
from photos.models import Photo
from tests.articles.test_atomicity import failing_inserts
from tests.factories import (
    ArticleFactory,
    PhotoFactory,
    ReadyArticleFactory,
    UserFactory,
    figure_html,
)
from tests.helpers import IMPORT_FIXTURES, client_for

pytestmark = pytest.mark.django_db

REFUSAL = "vì các mục dưới đây đang dùng đến"
BODY_REFUSAL = "Không thể xóa ảnh vì có bài viết đang dùng nó trong nội dung."
FIXTURES = IMPORT_FIXTURES


def body_with(*photos) -> str:
    paragraphs = "<p>Hội viên ra quân dọn vệ sinh môi trường.</p>"
    return paragraphs + "".join(figure_html(photo, f"Ảnh {n}") for n, photo in enumerate(photos))


@pytest.fixture
def photo():
    return PhotoFactory(caption="Hội viên dọn rác bờ biển")


@pytest.fixture
def article(photo):
    """A published article whose featured photo is another one: ``photo`` is in its body only."""
    return ReadyArticleFactory(live=True, body=body_with(photo))


@pytest.fixture
def admin_client():
    return client_for(UserFactory(username="quantri", is_superuser=True))


def test_saving_an_article_records_the_photos_its_body_shows(article, photo):
    assert list(article.body_photos.all()) == [photo]
    assert list(photo.shown_in.all()) == [article]
    assert article.featured_photo not in article.body_photos.all()


def test_deleting_a_photo_shown_in_a_body_is_refused_by_the_model(article, photo):
    """``Photo.delete`` raises ProtectedError in Vietnamese, naming the article; nothing goes."""
    with pytest.raises(ProtectedError) as refused:
        photo.delete()
    assert str(refused.value.args[0]) == BODY_REFUSAL
    assert refused.value.protected_objects == {article}
    assert Photo.objects.filter(pk=photo.pk).exists()
    assert list(Article.objects.get(pk=article.pk).body_photos.all()) == [photo]
    assert photo.image.storage.exists(photo.image.name)


def test_deleting_a_selection_with_a_shown_photo_is_refused_by_the_queryset(article, photo):
    """The queryset refuses the whole selection, the unused photo in it included."""
    spare = PhotoFactory()
    with pytest.raises(ProtectedError) as refused:
        Photo.objects.filter(pk__in=[photo.pk, spare.pk]).delete()
    assert str(refused.value.args[0]) == BODY_REFUSAL
    assert refused.value.protected_objects == {article}
    assert Photo.objects.filter(pk__in=[photo.pk, spare.pk]).count() == 2


def test_admin_delete_page_names_the_article_and_a_forced_post_deletes_nothing(
    article, photo, admin_client
):
    url = reverse("admin:photos_photo_delete", args=[photo.pk])

    page = admin_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Không thể xóa ảnh" in text
    assert REFUSAL in text
    assert "Chưa có gì bị xóa" in text
    assert article.title in text
    assert reverse("admin:articles_article_change", args=[article.pk]) in text

    forced = admin_client.post(url, {"post": "yes"})
    assert forced.status_code == 200
    assert REFUSAL in forced.content.decode()
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_article_using_a_photo_twice_is_named_once(photo, admin_client):
    """Featured and in the body: the delete page lists the article once."""
    article = ReadyArticleFactory(featured_photo=photo, body=body_with(photo, photo))
    page = admin_client.get(reverse("admin:photos_photo_delete", args=[photo.pk]))
    assert page.content.decode().count(f">{article.title}</a>") == 1


def test_admin_bulk_delete_is_refused_for_the_whole_selection(article, photo, admin_client):
    spare = PhotoFactory()
    data = {"action": "delete_selected", "_selected_action": [photo.pk, spare.pk], "post": "yes"}
    response = admin_client.post(reverse("admin:photos_photo_changelist"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Không thể xóa các" in text
    assert REFUSAL in text
    assert article.title in text
    assert Photo.objects.filter(pk__in=[photo.pk, spare.pk]).count() == 2


def test_photo_taken_out_of_the_body_can_then_be_deleted(article, photo, admin_client):
    """Once the article is edited to drop the photo, nothing protects it any more."""
    other = PhotoFactory()
    article.body = body_with(other)
    article.save()
    assert list(article.body_photos.all()) == [other]

    url = reverse("admin:photos_photo_delete", args=[photo.pk])
    assert "Bạn có chắc" in admin_client.get(url).content.decode()
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Photo.objects.filter(pk=photo.pk).exists()
    with pytest.raises(ProtectedError):
        other.delete()


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.IN_REVIEW, Article.Status.APPROVED]
)
def test_a_photo_only_in_another_articles_unpublished_body_is_protected(
    photo, status, admin_client
):
    """A published article without the photo does not matter: a draft showing it protects it."""
    ReadyArticleFactory(live=True)
    draft = ArticleFactory(status=status, title="Bản nháp chưa xuất bản", body=body_with(photo))
    with pytest.raises(ProtectedError):
        photo.delete()
    page = admin_client.get(reverse("admin:photos_photo_delete", args=[photo.pk]))
    assert draft.title in page.content.decode()
    assert Photo.objects.filter(pk=photo.pk).exists()


def test_a_photo_only_in_an_old_revision_can_be_deleted_and_restoring_it_protects_again(
    article, photo
):
    """A revision is not a body: what restore writes back is, and is protected again."""
    editor = UserFactory(username="bientap")
    first = revisions.record(article, user=editor)
    article.body = "<p>Bài đã bỏ ảnh.</p>"
    article.save()
    assert not article.body_photos.exists()

    revisions.restore(article, first, user=editor)
    assert list(Article.objects.get(pk=article.pk).body_photos.all()) == [photo]
    with pytest.raises(ProtectedError):
        photo.delete()


def test_a_body_whose_photos_cannot_be_recorded_is_not_saved(article, photo):
    """The body and its photos are written together: if recording the photos fails (as when
    the photo is deleted meanwhile), the old body stays, with its photos recorded."""
    other = PhotoFactory()
    article.body = body_with(other)
    with (
        failing_inserts("articles_articlebodyphoto", "NEW.photo_id > 0"),
        pytest.raises(DatabaseError),
    ):
        article.save()
    fresh = Article.objects.get(pk=article.pk)
    assert f'data-photo-id="{photo.pk}"' in fresh.body
    assert f'data-photo-id="{other.pk}"' not in fresh.body
    assert list(fresh.body_photos.all()) == [photo]


def test_a_body_image_matched_by_its_address_is_recorded_by_its_photo(photo):
    """An image pasted with the library address but no id is tied to its photo when saved."""
    article = ArticleFactory(body=f'<p><img src="{photo.image.url}" alt="Ảnh"></p>')
    assert f'data-photo-id="{photo.pk}"' in article.body
    assert list(article.body_photos.all()) == [photo]


def test_imported_photos_are_all_protected(tmp_path):
    """The importer's photos: the first is featured, the second is in the body only."""
    paths = []
    for number, colour in enumerate(("red", "blue"), start=1):
        path = tmp_path / f"{number}.jpg"
        Image.new("RGB", (64, 48), colour).save(path, "JPEG")
        paths.append(path)
    outcome = import_article(read_article_file(FIXTURES / "bom.txt"), photos=paths)
    article = Article.objects.get(pk=outcome.article.pk)
    shown = list(article.body_photos.order_by("pk"))
    assert len(shown) == 2
    assert shown[0] == article.featured_photo
    with pytest.raises(ProtectedError):
        shown[1].delete()


def test_benchmark_seeding_records_the_body_photos():
    """``seed_bench`` inserts in bulk, around ``save``: it stores the links itself."""
    call_command("seed_bench", articles=5, stdout=io.StringIO())
    for article in Article.objects.all():
        shown = {image.pk for image in article.body_photos.all()}
        assert shown
        assert shown == {
            int(part.split('"')[0]) for part in article.body.split('data-photo-id="')[1:]
        }
    with pytest.raises(ProtectedError):
        Photo.objects.filter(pk__in=ArticleBodyPhoto.objects.values("photo")).delete()


# --- Articles whose bodies were written before the relation, or around save ---------------------


def articles_written_around_save(photo):
    """Two articles whose rows are written directly, with no link recorded: one body in the form
    ``save`` stores, one from before images carried their photo's id."""
    tagged = ArticleFactory(status=Article.Status.DRAFT)
    untagged = ArticleFactory(live=True)
    Article.objects.filter(pk=tagged.pk).update(body=body_with(photo))
    Article.objects.filter(pk=untagged.pk).update(
        body=f'<figure><img src="{photo.image.url}" alt="Ảnh"></figure>'
    )
    ArticleBodyPhoto.objects.all().delete()
    return tagged, untagged


def test_data_migration_fills_the_links_for_existing_articles(photo):
    """Migration 0008 with the historical models records both articles' photo."""
    tagged, untagged = articles_written_around_save(photo)
    unrelated = ArticleFactory()
    assert not photo.shown_in.exists()

    migration = importlib.import_module("articles.migrations.0008_fill_body_photos")
    state = MigrationExecutor(connection).loader.project_state(
        ("articles", "0007_article_body_photos")
    )
    migration.fill_body_photos(state.apps, connection.schema_editor())

    assert set(photo.shown_in.all()) == {tagged, untagged}
    assert not unrelated.body_photos.exists()
    with pytest.raises(ProtectedError):
        photo.delete()


@pytest.mark.django_db(transaction=True)
def test_migrating_forward_fills_the_links(photo):
    """Run by the migration executor: back to 0007 (nothing recorded), then forward."""
    tagged, untagged = articles_written_around_save(photo)
    executor = MigrationExecutor(connection)
    leaf = executor.loader.graph.leaf_nodes("articles")
    executor.migrate([("articles", "0007_article_body_photos")])
    assert not ArticleBodyPhoto.objects.exists()

    executor = MigrationExecutor(connection)
    executor.migrate(leaf)
    assert set(photo.shown_in.all()) == {tagged, untagged}
    with pytest.raises(ProtectedError):
        photo.delete()


def test_rebuild_command_adds_missing_links_and_drops_stale_ones(photo):
    tagged, untagged = articles_written_around_save(photo)
    stale_photo = PhotoFactory()
    ArticleBodyPhoto.objects.create(article=untagged, photo=stale_photo)

    out = io.StringIO()
    call_command("rebuild_body_photos", stdout=out)
    assert "2 ảnh trong nội dung của 2 bài viết" in out.getvalue()
    assert set(photo.shown_in.all()) == {tagged, untagged}
    assert not stale_photo.shown_in.exists()
    stale_photo.delete()
    assert not Photo.objects.filter(pk=stale_photo.pk).exists()
