"""``seed_bench`` fills the database with realistic published articles, and only adds."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min

from articles import search
from articles.models import Article, SearchDocument
from articles.richtext import clean_rich_text
from bench.models import SeededArticle
from bench.seeding.bulk import KEY_PREFIX
from photos.models import Photo

pytestmark = pytest.mark.django_db


def seed(count: int) -> str:
    out = io.StringIO()
    call_command("seed_bench", articles=count, stdout=out)
    return out.getvalue()


def test_seeded_articles_are_realistic_published_news():
    """Each article is public, with a title, lead, a long Vietnamese body ending "./.", 1–3
    authors, 1–4 organisations, tags, a section and a featured photo that has its renditions;
    dates run over years, none in the future."""
    output = seed(30)
    assert "30/30" in output
    published = Article.objects.published()
    assert published.count() == 30
    counted = published.annotate(
        bylines_n=Count("bylines", distinct=True),
        organisations_n=Count("organisations", distinct=True),
        tags_n=Count("tags", distinct=True),
    )
    for article in counted.select_related("featured_photo"):
        assert 1 <= article.bylines_n <= 3
        assert 1 <= article.organisations_n <= 4
        assert article.tags_n >= 1
        assert article.category_id is not None
        assert article.featured_photo.renditions
        assert len(article.body.split()) > 300
        assert article.body.rstrip().endswith("./.</p>")
        assert article.lead and article.title
    assert Photo.objects.count() <= 12
    text = " ".join(Article.objects.values_list("body", flat=True))
    for word in ("Hội", "phường", "hội viên", "đồng chí"):
        assert word in text
    assert any(short in text for short in ("MTTQ", "HĐND", "CT-XH", "NTM"))
    span = published.aggregate(first=Min("published_at"), last=Max("published_at"))
    assert (span["last"] - span["first"]).days > 3 * 365


def test_bodies_are_clean_and_found_by_search_at_once():
    """The bulk insert skips the sanitiser only because its output would be the same, and
    fills the search index in the same batches: a common word finds the articles."""
    seed(20)
    for body in Article.objects.values_list("body", flat=True):
        assert clean_rich_text(body) == body
    assert SearchDocument.objects.count() == 20
    assert len(search.search(search.parse_query("hoi vien"))) > 0


def test_running_again_only_adds_what_is_missing():
    """The same number twice adds nothing; a larger number adds the difference, the same
    articles as one run would have made."""
    seed(10)
    first = list(SeededArticle.objects.order_by("key").values_list("key", "article__title"))
    assert "Đã thêm 0 bài" in seed(10)
    assert Article.objects.count() == 10
    seed(15)
    keys = set(SeededArticle.objects.values_list("key", flat=True))
    assert keys == {f"{KEY_PREFIX}{number:07d}" for number in range(1, 16)}
    assert (
        list(SeededArticle.objects.order_by("key").values_list("key", "article__title"))[:10]
        == first
    )


def test_every_hundred_articles_bring_one_to_the_desk():
    """For each hundred published articles one is on the desk: draft, in review, approved or
    scheduled, with the transitions that brought it there."""
    seed(300)
    desk = Article.objects.exclude(pk__in=Article.objects.published())
    assert desk.count() == 3
    assert Article.objects.published().count() == 300
    for article in desk:
        if article.status != Article.Status.DRAFT:
            assert article.transitions.exists()


def test_zero_articles_is_refused_in_vietnamese():
    """Asking for no articles is an error that says why."""
    with pytest.raises(CommandError, match="Số bài phải từ 1 trở lên"):
        seed(0)


def test_photo_files_missing_from_this_checkout_are_made_again(settings, tmp_path):
    """A database seeded from another checkout (its media folder elsewhere) gets the pool's
    photos and renditions drawn again here, so the benchmark's pages show real pictures."""
    from photos.renditions import rendition_names

    seed(3)
    settings.MEDIA_ROOT = str(tmp_path / "another-checkout")  # an empty media folder
    photos = list(Photo.objects.filter(image__startswith="photos/bench/"))
    storage = photos[0].image.storage
    assert not any(storage.exists(photo.image.name) for photo in photos)
    assert "Đã thêm 0 bài" in seed(3)
    for photo in Photo.objects.filter(image__startswith="photos/bench/"):
        assert storage.exists(photo.image.name)
        assert all(storage.exists(name) for name in rendition_names(photo.renditions))


@pytest.mark.django_db
def test_benchmark_articles_leave_the_import_key_to_the_importer():
    """A benchmark article is told apart by the bench app's table, not a production field."""
    seed(3)
    assert not Article.objects.filter(import_key__isnull=False).exists()
    assert SeededArticle.objects.count() == 3
