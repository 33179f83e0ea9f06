"""Render once, serve many: the stored article pieces are never stale (``public.rendering``)."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from articles.models import Abbreviation, Article, RenderedArticle
from frontpage import readership
from photos.models import Photo
from photos.renditions import renditions_for
from public import rendering
from tests.factories import (
    AbbreviationFactory,
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    OrganisationFactory,
    PhotoFactory,
    TagFactory,
    figure_html,
    image_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    """Two published articles sharing a section, an organisation, a tag, an author, a featured
    photo and a photo in the body that uses a glossary term; their pieces stored."""
    settings.NEWSROOM_PAGE_CACHE = False
    AbbreviationFactory(short_form="HĐND", expansion="Hội đồng nhân dân")
    category = CategoryFactory(name="Thời sự")
    organisation = OrganisationFactory(name="Hội Nông dân thành phố")
    tag = TagFactory(name="Nông thôn mới")
    author = AuthorFactory(name="Trần Tương")
    featured = PhotoFactory(caption="Cây xanh bên đường", credit="Trần Bình")
    inline = PhotoFactory(caption="Con đường mới", credit="Lê Hoa")
    body = "<p>HĐND xã họp bàn làm đường.</p>" + figure_html(inline, "Con đường bê tông")
    articles = []
    for _ in range(2):
        article = ArticleFactory(live=True, category=category, body=body, featured_photo=featured)
        article.organisations.set([organisation])
        article.tags.set([tag])
        article.set_byline([author])
        articles.append(article)
    assert rendering.rebuild() == 2
    return {
        "article": articles[0],
        "other": articles[1],
        "category": category,
        "organisation": organisation,
        "tag": tag,
        "author": author,
        "featured": featured,
        "inline": inline,
    }


def page_urls(site) -> list[str]:
    day = timezone.localtime(site["article"].published_at)
    return [
        site["article"].get_absolute_url(),
        site["other"].get_absolute_url(),
        "/",
        "/tin-moi/",
        site["category"].get_absolute_url(),
        site["organisation"].get_absolute_url(),
        site["author"].get_absolute_url(),
        site["tag"].get_absolute_url(),
        f"/luu-tru/{day:%Y/%m/%d}/",
    ]


def visit(client, urls) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


def edit_article(site):
    article = Article.objects.get(pk=site["article"].pk)
    article.title = "Hội Nông dân khánh thành con đường mới"
    article.body += "<p>HĐND phường cũng dự lễ khánh thành.</p>"
    article.save()
    return "khánh thành con đường mới"


def edit_featured_caption(site):
    site["featured"].caption = "Hàng cây mới trồng"
    site["featured"].save()
    return "Hàng cây mới trồng"


def edit_inline_credit(site):
    site["inline"].credit = "Phạm Ảnh"
    site["inline"].save()
    return "Ảnh: Phạm Ảnh"


def replace_photo_file(site):
    photo = site["featured"]
    photo.image = ContentFile(image_bytes("JPEG", (900, 600), color="red"), name="moi.jpg")
    photo.save()
    return renditions_for(Photo.objects.get(pk=photo.pk), "16x9")[0].webp_url


def rename_author(site):
    site["author"].name = "Trần Tương Lai"
    site["author"].save()
    return "Trần Tương Lai"


def rename_organisation(site):
    site["organisation"].name = "Hội Nông dân TP"
    site["organisation"].save()
    return "Hội Nông dân TP"


def rename_tag(site):
    site["tag"].name = "Đường làng"
    site["tag"].save()
    return "#Đường làng"


def rename_category(site):
    site["category"].name = "Chính trị"
    site["category"].save()
    return "Chính trị"


def change_glossary(site):
    entry = Abbreviation.objects.get(short_form="HĐND")
    entry.expansion = "Hội đồng nhân dân các cấp"
    entry.save()
    return 'title="Hội đồng nhân dân các cấp"'


def add_to_glossary(site):
    AbbreviationFactory(short_form="GPMB", expansion="giải phóng mặt bằng")
    article = Article.objects.get(pk=site["article"].pk)
    # The text is changed without save(), as a bulk import would: only the glossary marks it.
    Article.objects.filter(pk=article.pk).update(lead=article.lead + " Xong GPMB.")
    return ""


def change_byline(site):
    site["article"].set_byline([AuthorFactory(name="Lê Văn Mới"), site["author"]])
    return "Lê Văn Mới"


def change_organisations(site):
    site["article"].organisations.add(OrganisationFactory(name="Hội Cựu chiến binh"))
    return "Hội Cựu chiến binh"


def change_tags(site):
    site["article"].tags.remove(site["tag"])
    return ""


CHANGES = [
    edit_article,
    edit_featured_caption,
    edit_inline_credit,
    replace_photo_file,
    rename_author,
    rename_organisation,
    rename_tag,
    rename_category,
    change_glossary,
    change_byline,
    change_organisations,
    change_tags,
]


@pytest.mark.parametrize("after_commit", [True, False], ids=["rendered-after-commit", "on-visit"])
@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__ for change in CHANGES])
def test_stored_pages_equal_pages_rendered_from_scratch_after_each_change(
    client, site, django_capture_on_commit_callbacks, change, after_commit
):
    """After any change to what an article shows (its text, a photo's caption, credit or file,
    an author, organisation, tag or section name, the glossary, its byline, organisations or
    tags), every page shows what a render from scratch shows: stored pieces are never stale,
    whether rendered again after the commit or on the next visit."""
    urls = page_urls(site)
    before = visit(client, urls)
    with django_capture_on_commit_callbacks(execute=after_commit):
        shown = change(site)
    stored = visit(client, urls)
    RenderedArticle.objects.all().delete()
    scratch = visit(client, urls)
    for url in urls:
        assert stored[url] == scratch[url], f"{change.__name__}: {url} is stale"
    page = urls[0]
    if shown:
        assert shown in stored[page] and shown not in before[page]
    assert stored[page] != before[page]


def test_a_change_marks_only_the_articles_that_show_it(site):
    """Renaming a tag makes stale the pages of the articles tagged with it, not others."""
    lone = ArticleFactory(live=True)
    rendering.rebuild()
    site["tag"].name = "Đường làng"
    site["tag"].save()
    stamps = dict(RenderedArticle.objects.values_list("article_id", "page_stamp"))
    assert stamps[site["article"].pk] == "" and stamps[site["other"].pk] == ""
    assert stamps[lone.pk] != ""


def test_commit_renders_changed_articles_again(site, django_capture_on_commit_callbacks):
    """Once an editor's change is committed, the article's stored page is already up to date:
    the first reader does not pay for rendering it."""
    with django_capture_on_commit_callbacks(execute=True):
        edit_article(site)
    stored = RenderedArticle.objects.get(article=site["article"])
    assert "khánh thành con đường mới" in stored.article_html
    assert stored.page_stamp == rendering.stamp(Article.objects.get(pk=site["article"].pk))


def test_a_glossary_change_without_save_is_caught(client, site, django_capture_on_commit_callbacks):
    """A short form added to the glossary is marked in an article whose text reached the
    database without ``save()`` (a bulk import), because the glossary change renders it again."""
    with django_capture_on_commit_callbacks(execute=True):
        add_to_glossary(site)
    page = client.get(site["article"].get_absolute_url()).content.decode()
    assert 'title="giải phóng mặt bằng"' in page


def test_unpublished_articles_are_not_rendered(site):
    """Drafts get no stored page (the public never sees them)."""
    draft = ArticleFactory()
    assert rendering.rebuild() == 2
    assert not RenderedArticle.objects.filter(article=draft).exists()


def test_stored_page_makes_fewer_queries_than_a_fresh_one(client, site, django_assert_num_queries):
    """An article page served from its stored pieces needs 4 queries (page cache off), and
    one for the clock when a generation begins (a scheduled update may be due); one whose
    pieces are missing renders and stores them in a fixed number more."""
    url = site["article"].get_absolute_url()
    readership.refresh_lists()  # made at each flush of the read counts, not by a page
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200
    RenderedArticle.objects.all().delete()
    with django_assert_num_queries(15):
        assert client.get(url).status_code == 200
    assert RenderedArticle.objects.filter(article=site["article"]).exists()


def test_rebuild_rendered_command_renders_every_published_article(site, capsys):
    """``manage.py rebuild_rendered`` renders and stores every published article again."""
    RenderedArticle.objects.all().delete()
    call_command("rebuild_rendered")
    assert RenderedArticle.objects.count() == 2
    assert "2" in capsys.readouterr().out
    for stored in RenderedArticle.objects.select_related("article"):
        assert stored.page_stamp == stored.cards_stamp == rendering.stamp(stored.article)
        assert set(stored.cards) == set(rendering.CARD_KINDS)


def test_a_new_site_address_renders_again(client, site, settings):
    """Stored pieces carry absolute addresses: a new NEWSROOM_BASE_URL is not served stale."""
    settings.NEWSROOM_BASE_URL = "https://tintuc.example.vn"
    page = client.get(site["article"].get_absolute_url()).content.decode()
    assert 'rel="canonical" href="https://tintuc.example.vn/' in page


@pytest.mark.django_db(transaction=True)
def test_an_article_saved_outside_a_transaction_is_stored_with_its_byline(client, settings):
    """Saved without a transaction (a script, the demo loader), then given its first byline:
    the page shows the byline (nothing was stored before the byline arrived)."""
    settings.NEWSROOM_PAGE_CACHE = False
    article = ArticleFactory(live=True)
    article.set_byline([AuthorFactory(name="Nguyễn Thị Mai")])
    assert "Nguyễn Thị Mai" in client.get(article.get_absolute_url()).content.decode()
    stored = RenderedArticle.objects.get(article=article)
    assert "Nguyễn Thị Mai" in stored.footer_html
