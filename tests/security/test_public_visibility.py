"""Nothing unpublished reaches the public: drafts, articles in review or approved, scheduled
ones before their time and articles taken down again appear on no page, feed, sitemap, search
result, related list or JSON-LD block, and their photos cannot be found from their ids."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from articles import workflow
from articles.models import Article, Transition
from articles.roles import EDITOR_IN_CHIEF
from articles.selectors import related_articles
from newsroom import pagecache as caching
from photos.models import Photo
from photos.renditions import renditions_for
from public.sitemaps import SITEMAPS
from tests.factories import (
    PhotoFactory,
    ReadyArticleFactory,
    UserFactory,
    figure_html,
    image_bytes,
    newsroom_with,
    uploaded,
    user_in_role,
)
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
Action = Transition.Action


def hidden_article(world, chief, number: int, *actions, published_at=None) -> Article:
    """A ready article sharing everything with the public one, moved by ``actions``."""
    photo = PhotoFactory(image=uploaded(f"dsc_000{number}.jpg", image_bytes("JPEG", (400, 300))))
    body_photo = PhotoFactory(image=uploaded(f"img_{number}.jpg", image_bytes()))
    article = ReadyArticleFactory(
        title=f"Hội Nông dân chuẩn bị bí mật số {number} về đường giao thông",
        slug=f"bi-mat-so-{number}",
        category=world["category"],
        featured_photo=photo,
        body=f"<p>Hội Nông dân bí mật số {number}.</p>" + figure_html(body_photo, "Ảnh bí mật"),
        created_by=chief,
    )
    article.organisations.add(world["organisation"])
    article.tags.add(world["tag"])
    article.set_byline([world["author"]])
    for action in actions:
        when = published_at if action == Action.PUBLISH else None
        workflow.perform(
            article=article,
            action=action,
            actor=chief,
            comment="Trả lại",
            published_at=when,
            notify=False,
        )
    article.refresh_from_db()
    assert not article.is_public
    return article


@pytest.fixture
def newsroom(roles, settings):
    settings.NEWSROOM_FOUR_EYES_CHIEF_EXEMPT = True  # the chief alone moves these articles
    world = newsroom_with(2)
    chief = user_in_role(EDITOR_IN_CHIEF, "tongbientap")
    go_live = (Action.SUBMIT, Action.APPROVE, Action.PUBLISH)
    world["hidden"] = {
        "draft": hidden_article(world, chief, 1),
        "in review": hidden_article(world, chief, 2, Action.SUBMIT),
        "approved": hidden_article(world, chief, 3, Action.SUBMIT, Action.APPROVE),
        "scheduled": hidden_article(
            world, chief, 4, *go_live, published_at=timezone.now() + timedelta(days=1)
        ),
        "taken down": hidden_article(world, chief, 5, *go_live, Action.UNPUBLISH),
        "returned": hidden_article(world, chief, 6, Action.SUBMIT, Action.RETURN),
    }
    world["hidden"]["taken down"].refresh_from_db()
    assert Transition.objects.filter(action=Action.UNPUBLISH).count() == 1
    return world


def photo_addresses(article: Article) -> list[str]:
    """Every address at which the article's photos are served (file and renditions)."""
    return [url for photo in photos_of(article) for url in served_files(photo)]


def photos_of(article: Article) -> list[Photo]:
    return [article.featured_photo, *Photo.objects.filter(pk__in=body_photo_ids(article))]


def served_files(photo: Photo) -> list[str]:
    urls = [photo.image.url]
    for shape in ("full", "16x9"):
        for rendition in renditions_for(photo, shape):
            urls += [rendition.webp_url, rendition.fallback_url]
    return urls


def body_photo_ids(article: Article) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-photo-id="(\d+)"', article.body)]


def give_aways(article: Article) -> list[str]:
    """What would betray the article on a public page: its title, slug, address, photos."""
    return [
        article.title,
        article.slug,
        f"/tin-tuc/{article.pk}/",
        "bí mật số",
        *photo_addresses(article),  # whole addresses: rendition file names repeat per photo
    ]


class _JsonLd(HTMLParser):
    def __init__(self):
        super().__init__()
        self.blocks, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks.append(json.loads(data))


def json_ld(page: str) -> list[dict]:
    parser = _JsonLd()
    parser.feed(page)
    return parser.blocks


def public_urls(world) -> list[str]:
    article = world["article"]
    day = timezone.localtime(article.published_at)
    slugs = {name: world[name].slug for name in ("category", "organisation", "author", "tag")}
    return [
        "/",
        "/tin-moi/",
        article.get_absolute_url(),
        world["articles"][1].get_absolute_url(),
        f"/chuyen-muc/{slugs['category']}/",
        f"/to-chuc/{slugs['organisation']}/",
        f"/tac-gia/{slugs['author']}/",
        f"/the/{slugs['tag']}/",
        f"/luu-tru/{day:%Y}/",
        f"/luu-tru/{day:%Y/%m}/",
        f"/luu-tru/{day:%Y/%m/%d}/",
        "/tim-kiem/?q=bi+mat",
        "/tim-kiem/?q=hoi+nong+dan",
        "/tin-moi/rss/",
        "/tin-moi/atom/",
        f"/chuyen-muc/{slugs['category']}/rss/",
        f"/chuyen-muc/{slugs['category']}/atom/",
        f"/to-chuc/{slugs['organisation']}/rss/",
        f"/to-chuc/{slugs['organisation']}/atom/",
        "/sitemap.xml",
        *(f"/sitemap-{section}.xml" for section in SITEMAPS),
        "/robots.txt",
    ]


@pytest.mark.parametrize("visitor", ["reader", "staff"])
def test_no_public_page_feed_sitemap_or_search_gives_them_away(newsroom, visitor):
    """Every public page, for a reader and for signed-in staff (who skip the page cache),
    shows the public articles and nothing of the hidden ones: not their titles, addresses,
    words or photos, not in the related list nor in the JSON-LD."""
    client = Client() if visitor == "reader" else client_for(UserFactory(is_superuser=True))
    for url in public_urls(newsroom):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        for state, article in newsroom["hidden"].items():
            for clue in give_aways(article):
                assert clue not in page, (url, state, clue)
        for block in json_ld(page):
            text = json.dumps(block, ensure_ascii=False)
            assert "bí mật" not in text and "bi-mat" not in text, url
    article_page = client.get(newsroom["article"].get_absolute_url()).content.decode()
    assert newsroom["articles"][1].title in article_page  # the related list is not empty
    assert json_ld(article_page)[0]["headline"] == newsroom["article"].title


def test_related_list_holds_only_public_articles(newsroom):
    """The hidden articles share every organisation and tag with the public one; the related
    list still holds only what the public may read."""
    article = Article.objects.with_related().get(pk=newsroom["article"].pk)
    assert related_articles(article) == [newsroom["articles"][1]]


def test_their_own_addresses_answer_404_to_readers_and_staff(newsroom):
    """Canonical address, address by id, old slug: 404 for everyone on the public site; the
    preview asks for a login, and a made-up signed link is refused."""
    staff = client_for(UserFactory(is_superuser=True))
    for state, article in newsroom["hidden"].items():
        for client in (Client(), staff):
            for url in (article.get_absolute_url(), f"/tin-tuc/{article.pk}/"):
                assert client.get(url).status_code == 404, (state, url)
            assert client.get(f"/tin-tuc/ten-cu-{article.pk}/").status_code == 404
        preview = Client().get(f"/xem-truoc/{article.pk}/")
        assert preview.status_code == 302 and "/login/" in preview["Location"]
        assert Client().get(f"/xem-truoc/k/{article.pk}/").status_code == 404


def test_the_scheduled_article_appears_at_its_time_and_not_before(newsroom):
    """At the scheduled time it is public like any other: the sweep above is not vacuous."""
    scheduled = newsroom["hidden"]["scheduled"]
    assert Client().get(scheduled.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - timedelta(minutes=1)
    )
    caching.new_generation()
    assert Client().get(scheduled.get_absolute_url()).status_code == 200
    assert scheduled.title in Client().get("/tin-moi/rss/").content.decode()


def test_photo_addresses_are_not_derived_from_any_id(newsroom):
    """A photo's files are named from the uploaded name, a random part and a digest of the
    picture (and the rendition's shape and width), never from the article's or the photo's
    id, so nobody finds the photos of an unpublished article by counting."""
    for article in newsroom["hidden"].values():
        for photo in photos_of(article):
            stem = re.escape(photo.image.name.rsplit("/", 1)[1].rsplit("-", 1)[0])
            assert stem in {"dsc_000" + article.slug[-1], "img_" + article.slug[-1]}
            named = rf"photos/\d{{4}}/\d{{2}}/{stem}-[0-9a-f]{{16}}"
            widths = "|".join(
                str(width) for sizes in photo.renditions["shapes"].values() for width, _ in sizes
            )
            allowed = re.compile(
                rf"/media/{named}\.jpg"
                rf"|/media/renditions/{named}-[0-9a-f]{{12}}/(full|16x9)-({widths})\.(webp|jpg)"
            )
            for url in served_files(photo):
                assert allowed.fullmatch(url), url
    first = newsroom["hidden"]["draft"].featured_photo
    again = PhotoFactory(image=uploaded("dsc_0001.jpg", image_bytes("JPEG", (400, 300))))
    assert again.image.name != first.image.name
