"""The demo newsroom loads, loads again without duplicates, and every account can work."""

import pytest
from django.core.management import call_command

from articles.models import Article, Organisation
from articles.richtext import shown_photo_ids
from demo.content import ACCOUNTS, DEMO_PASSWORD
from demo.loader import load_demo
from photos.models import Photo
from photos.renditions import rendition_names
from public.templatetags.body import responsive_body

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def media_root(settings, demo_media):
    """The demo tests share one media folder, so the photos and renditions are drawn once."""
    settings.MEDIA_ROOT = demo_media
    return demo_media


def test_load_demo_twice_gives_the_same_counts():
    """A second run of load_demo creates nothing new."""
    first = load_demo()
    second = load_demo()
    assert first == second
    assert first["articles"] >= 12
    assert Article.objects.published().count() >= 12


def test_load_demo_command_prints_the_accounts(capsys):
    """The command lists every demo account and the password."""
    call_command("load_demo")
    output = capsys.readouterr().out
    for username in ACCOUNTS:
        assert username in output
    assert DEMO_PASSWORD in output


def test_demo_organisations_have_vietnamese_slugs():
    """The city's organisations get the slugs a Vietnamese reader expects."""
    load_demo()
    slugs = set(Organisation.objects.values_list("slug", flat=True))
    assert {
        "uy-ban-mat-tran-to-quoc",
        "hoi-lien-hiep-phu-nu",
        "hoi-nong-dan",
        "hoi-cuu-chien-binh",
        "lien-doan-lao-dong",
        "doan-thanh-nien",
        "thanh-uy",
        "hoi-dong-nhan-dan",
        "uy-ban-nhan-dan",
    } <= slugs
    group = Organisation.objects.get(slug="khoi-mttq-va-cac-doan-the")
    assert group.children.count() == 6


def test_demo_photos_are_real_images_on_disk():
    """Every demo photo is a JPEG file with its size stored."""
    load_demo()
    for photo in Photo.objects.all():
        assert photo.width == 1600 and photo.height == 1000
        with photo.image.open("rb") as handle:
            assert handle.read(3) == b"\xff\xd8\xff"


def test_published_demo_articles_have_bylines_photos_and_organisations():
    """Published demo articles are complete enough to show; their body photos are recorded
    (so protected from deletion)."""
    load_demo()
    for article in Article.objects.published().with_related():
        assert article.byline
        assert article.featured_photo
        assert article.organisations.all()
        assert article.body.endswith("./.</p>")
        shown = {photo.pk for photo in article.body_photos.all()}
        assert shown == shown_photo_ids(article.body) != set()


@pytest.mark.parametrize("username", list(ACCOUNTS))
def test_each_demo_account_logs_in_to_the_admin(client, username):
    """Each demo account logs in with the published password and sees the admin."""
    load_demo()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": DEMO_PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["user"].username == username
    assert response.request["PATH_INFO"] == "/admin/"
    article_list = client.get("/admin/articles/article/")
    assert article_list.status_code == 200


def test_demo_site_serves_home_and_articles(client):
    """After the demo loads, the home page and every public article open."""
    load_demo()
    home = client.get("/")
    assert home.status_code == 200
    for article in Article.objects.published():
        assert client.get(article.get_absolute_url()).status_code == 200


def test_demo_photos_have_renditions_and_bodies_show_responsive_pictures():
    """Each demo photo has its renditions on disk, and each body figure becomes a picture."""
    load_demo()
    for photo in Photo.objects.all():
        assert [width for width, _ in photo.renditions["shapes"]["full"]] == [
            320,
            640,
            960,
            1280,
            1600,
        ]
        for name in rendition_names(photo.renditions):
            assert photo.image.storage.exists(name), name
    for article in Article.objects.published():
        html = responsive_body(article.body)
        assert html.count("<figure") == html.count("<picture>") > 0
        assert 'loading="lazy"' in html


def test_demo_library_loaded_before_renditions_gets_them_on_the_next_load():
    """Running load_demo again on an older demo database fills in the missing renditions."""
    load_demo()
    Photo.objects.update(renditions={})
    load_demo()
    assert not Photo.objects.filter(renditions={}).exists()
