"""The public pages: home, lists, article, sections, archives, pagination and their HTML."""

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import Article
from frontpage import readership
from public import rendering
from public.sitemaps import SITEMAPS
from tests.factories import (
    AbbreviationFactory,
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    OrganisationFactory,
    PhotoFactory,
    TagFactory,
    UserFactory,
    newsroom_with,
)

pytestmark = pytest.mark.django_db


def test_home_lists_only_public_articles(client):
    """The home page shows published articles, not drafts or scheduled ones."""
    public = ArticleFactory(live=True, title="Bài đã xuất bản")
    ArticleFactory(title="Bản nháp bí mật")
    ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
        title="Bài hẹn giờ",
    )
    page = client.get("/").content.decode()
    assert public.title in page
    assert "Bản nháp bí mật" not in page
    assert "Bài hẹn giờ" not in page


def test_article_page_shows_title_lead_byline_and_local_time(client):
    """An article shows its byline in order and its time in Vietnam's time zone."""
    article = ArticleFactory(
        live=True,
        published_at=datetime(2022, 1, 13, 14, 44, tzinfo=UTC),
    )
    article.set_byline([AuthorFactory(name="Trần Tương"), AuthorFactory(name="Trần Bình")])
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert article.title in page
    assert article.lead in page
    assert "13/01/2022 21:44" in page
    assert page.index("Trần Tương") < page.index("Trần Bình")


def test_stale_slug_redirects_permanently_to_the_canonical_url(client):
    """After a title change, the old link answers 301 to the new URL."""
    article = ArticleFactory(live=True)
    old_url = article.get_absolute_url()
    article.slug = "tieu-de-moi"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get(f"/tin-tuc/{article.pk}/").status_code == 301


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.APPROVED},
        {"status": Article.Status.PUBLISHED, "published_at": None},
    ],
)
def test_unpublished_article_is_not_found(client, state):
    """Nobody outside the newsroom can open an article that is not public."""
    article = ArticleFactory(**state)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_article_is_not_found_before_its_time(client):
    """A scheduled article answers 404 until its publication time."""
    article = ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(hours=1)
    )
    assert client.get(article.get_absolute_url()).status_code == 404


def test_section_pages_list_their_public_articles(client):
    """Organisation, author, tag and category pages list their published articles only."""
    organisation, author, tag = OrganisationFactory(), AuthorFactory(), TagFactory()
    article = ArticleFactory(live=True, title="Bài của tổ chức")
    hidden = ArticleFactory(title="Bài chưa xuất bản", category=article.category)
    for item in (article, hidden):
        item.organisations.add(organisation)
        item.tags.add(tag)
        item.set_byline([author])
    for section in (organisation, author, tag, article.category):
        response = client.get(section.get_absolute_url())
        page = response.content.decode()
        assert response.status_code == 200
        assert article.title in page
        assert hidden.title not in page
    assert client.get("/to-chuc/khong-co/").status_code == 404


def test_article_body_renders_figures_and_no_script(client):
    """The stored body reaches the page as clean HTML with its figures."""
    article = ArticleFactory(
        live=True,
        body='<figure><img src="/media/x.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption>'
        "</figure><p>Đoạn văn<script>alert(1)</script></p>",
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<figcaption>Chú thích</figcaption>" in page
    assert "alert(1)" not in page


# --- Home and lists ---------------------------------------------------------------------------


def test_home_shows_lead_story_latest_sections_and_organisations(client):
    """The front page leads with the newest article, lists the latest, each section and
    the organisations."""
    politics = CategoryFactory(name="Thời sự")
    economy = CategoryFactory(name="Kinh tế")
    rural = CategoryFactory(name="Nông thôn mới", parent=economy)
    now = timezone.now()
    newest = ArticleFactory(live=True, category=politics, title="Kỳ họp HĐND cuối năm")
    older = ArticleFactory(
        live=True,
        category=rural,
        title="Làm đường giao thông nông thôn",
        published_at=now - timedelta(days=2),
    )
    OrganisationFactory(name="Hội Liên hiệp Phụ nữ", short_name="Hội LHPN")
    page = client.get("/").content.decode()
    assert page.index(newest.title) < page.index(older.title)
    assert 'class="card card-lead"' in page
    assert ">Kinh tế</a></h2>" in page  # the subsection's article fills its parent's block
    assert page.count(older.title) == 2  # featured, and in the section block
    assert "Hội LHPN" in page
    assert 'href="/tin-moi/"' in page


def test_empty_home_says_so(client):
    """Before anything is published the front page says so instead of failing."""
    response = client.get("/")
    assert response.status_code == 200
    assert "Chưa có bài viết nào được xuất bản." in response.content.decode()


def test_latest_list_has_twenty_articles_a_page(client):
    """The list of latest news shows 20 articles, then a link to the next page."""
    ArticleFactory.create_batch(21, live=True)
    first = client.get("/tin-moi/")
    second = client.get("/tin-moi/", {"page": "2"})
    assert len(first.context["articles"]) == 20
    assert len(second.context["articles"]) == 1
    assert 'rel="next" href="/tin-moi/?page=2"' in first.content.decode()
    assert 'rel="prev" href="/tin-moi/"' in second.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "99999", "3", "2abc", "１"])
def test_page_numbers_that_name_no_page_answer_404(client, page):
    """A page number that is not a page of the list is a 404, never an error or a copy."""
    ArticleFactory.create_batch(21, live=True)
    response = client.get("/tin-moi/", {"page": page})
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_first_page_number_redirects_to_the_list_itself(client):
    """``?page=1`` is the list's own URL: it answers 301 there, keeping the search words."""
    ArticleFactory(live=True)
    assert client.get("/tin-moi/?page=1")["Location"] == "/tin-moi/"
    response = client.get("/tim-kiem/?q=n%C3%B4ng+d%C3%A2n&page=1")
    assert response.status_code == 301
    assert response["Location"] == "/tim-kiem/?q=n%C3%B4ng+d%C3%A2n"


def test_empty_page_parameter_and_empty_list_give_the_first_page(client):
    """``?page=`` and a list with no articles yet both show a first page."""
    assert client.get("/tin-moi/", {"page": ""}).status_code == 200
    assert client.get(CategoryFactory().get_absolute_url()).status_code == 200


def test_later_pages_have_their_own_canonical_url_and_title(client):
    """Page 2 names itself as canonical and says which page it is in its title."""
    ArticleFactory.create_batch(21, live=True)
    page = client.get("/tin-moi/", {"page": "2"}).content.decode()
    assert '<link rel="canonical" href="http://testserver/tin-moi/?page=2">' in page
    assert "<title>Tin mới – trang 2 – " in page
    assert '<link rel="prev" href="/tin-moi/">' in page


def test_section_pages_show_their_profiles(client):
    """An organisation shows its profile and members, an author their bio and unit,
    a section its subsections."""
    front = OrganisationFactory(name="Khối MTTQ và các đoàn thể", short_name="Khối MTTQ")
    farmers = OrganisationFactory(
        name="Hội Nông dân",
        short_name="Hội ND",
        parent=front,
        description="Đồng hành cùng nông dân xây dựng nông thôn mới.",
        website="https://hoinongdan.example.vn",
    )
    author = AuthorFactory(name="Lê Minh Khoa", unit="Trung tâm TT và VH", bio="Phóng viên ảnh.")
    economy = CategoryFactory(name="Kinh tế")
    CategoryFactory(name="Nông thôn mới", parent=economy)
    tag = TagFactory(name="Chuyển đổi số")
    signed = ArticleFactory(live=True)  # an author's or tag's page needs a published article
    signed.set_byline([author])
    signed.tags.add(tag)

    page = client.get(farmers.get_absolute_url()).content.decode()
    assert "Đồng hành cùng nông dân" in page
    assert "Hội ND" in page
    assert f'href="{front.get_absolute_url()}"' in page
    assert "https://hoinongdan.example.vn" in page
    assert 'type="application/rss+xml"' in page
    assert (
        f'href="{farmers.get_absolute_url()}"'
        in client.get(front.get_absolute_url()).content.decode()
    )

    page = client.get(author.get_absolute_url()).content.decode()
    assert "Phóng viên ảnh." in page
    assert "Trung tâm TT và VH" in page

    page = client.get(economy.get_absolute_url()).content.decode()
    assert 'href="/chuyen-muc/nong-thon-moi/"' in page
    assert 'aria-current="page"' in page

    page = client.get(tag.get_absolute_url()).content.decode()
    assert '<p class="kicker">Thẻ</p>' in page
    assert '<h1 class="page-title">Chuyển đổi số</h1>' in page


# --- The article page ---------------------------------------------------------------------------


def test_article_page_links_byline_organisations_tags_and_its_day(client):
    """Each author, organisation and tag links to its page, the date to that day's archive."""
    article = ArticleFactory(live=True, published_at=datetime(2022, 1, 13, 14, 44, tzinfo=UTC))
    author = AuthorFactory(name="Trần Tương")
    organisation = OrganisationFactory(name="Hội Liên hiệp Phụ nữ")
    tag = TagFactory(name="Nông thôn mới")
    article.set_byline([author])
    article.organisations.add(organisation)
    article.tags.add(tag)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<a href="{author.get_absolute_url()}" rel="author">Trần Tương</a>' in page
    assert f'<a href="{organisation.get_absolute_url()}">Hội Liên hiệp Phụ nữ</a>' in page
    assert f'href="{tag.get_absolute_url()}" rel="tag">#Nông thôn mới</a>' in page
    assert 'href="/luu-tru/2022/01/13/"' in page
    assert '<p class="source">Trung tâm TT và VH</p>' in page


def test_article_page_explains_each_abbreviation_once(client):
    """The first HĐND is wrapped in <abbr> with its full name; links keep their text."""
    AbbreviationFactory(short_form="HĐND", expansion="Hội đồng nhân dân")
    AbbreviationFactory(short_form="UBND", expansion="Ủy ban nhân dân")
    article = ArticleFactory(
        live=True,
        lead="Lãnh đạo HĐND dự hội nghị.",
        body='<p>HĐND và UBND.</p><p><a href="/to-chuc/ubnd/">UBND</a> và UBND.</p>',
    )
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('<abbr title="Hội đồng nhân dân">HĐND</abbr>') == 1
    assert 'Lãnh đạo <abbr title="Hội đồng nhân dân">HĐND</abbr> dự' in page
    assert '<p>HĐND và <abbr title="Ủy ban nhân dân">UBND</abbr>.</p>' in page
    assert '<a href="/to-chuc/ubnd/" rel="noopener noreferrer">UBND</a> và UBND.' in page


def test_article_page_has_featured_photo_share_links_and_print_stylesheet(client):
    """The featured photo has its size and alt text; readers can share and print."""
    article = ArticleFactory(live=True, featured_photo=PhotoFactory())
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'width="64" height="48" alt="Đoàn viên trồng cây bên đường"' in page
    assert '<source type="image/webp"' in page
    assert "Ảnh: Trung tâm TT và VH" in page
    canonical = quote(f"http://testserver{article.get_absolute_url()}", safe="")
    assert f"https://www.facebook.com/sharer/sharer.php?u={canonical}" in page
    assert "mailto:?subject=" in page
    assert 'href="/static/css/print.css" media="print"' in page


def test_related_articles_share_organisations_or_tags_and_are_public(client):
    """Related articles share an organisation or tag, the closest first, published only."""
    organisation, tag = OrganisationFactory(), TagFactory()
    article = ArticleFactory(live=True)
    article.organisations.add(organisation)
    article.tags.add(tag)
    both = ArticleFactory(live=True, title="Chung cả tổ chức và thẻ")
    both.organisations.add(organisation)
    both.tags.add(tag)
    one = ArticleFactory(live=True, title="Chung một thẻ", published_at=timezone.now())
    one.tags.add(tag)
    ArticleFactory(live=True, title="Không liên quan")
    draft = ArticleFactory(title="Bản nháp chung thẻ")
    draft.tags.add(tag)
    response = client.get(article.get_absolute_url())
    assert [related.title for related in response.context["related"]] == [both.title, one.title]
    assert "Bản nháp chung thẻ" not in response.content.decode()


def test_staff_see_an_edit_link_and_the_public_does_not(client):
    """A logged-in editor gets a link to edit the article; a reader never sees it."""
    article = ArticleFactory(live=True)
    assert "Sửa bài này" not in client.get(article.get_absolute_url()).content.decode()
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="/admin/articles/article/{article.pk}/change/"' in page


# --- Date archives ------------------------------------------------------------------------------


def test_day_archive_uses_vietnam_time(client):
    """An article published at 00:30 on 14/01 in Hà Nội (17:30 UTC on 13/01) is on the 14th."""
    article = ArticleFactory(live=True, published_at=datetime(2022, 1, 13, 17, 30, tzinfo=UTC))
    assert article.title in client.get("/luu-tru/2022/01/14/").content.decode()
    assert client.get("/luu-tru/2022/01/13/").status_code == 404
    month = client.get("/luu-tru/2022/01/").content.decode()
    assert article.title in month
    assert 'href="/luu-tru/2022/01/14/"' in month
    year = client.get("/luu-tru/2022/").content.decode()
    assert 'href="/luu-tru/2022/01/"' in year
    assert (
        '<h1 class="page-title">Tin ngày 14/01/2022</h1>'
        in client.get("/luu-tru/2022/01/14/").content.decode()
    )


@pytest.mark.parametrize(
    "url",
    ["/luu-tru/2022/02/30/", "/luu-tru/2022/13/", "/luu-tru/1800/", "/luu-tru/9999/12/31/"],
)
def test_impossible_dates_answer_404(client, url):
    """A date that does not exist, or is out of range, is a 404 and never an error."""
    ArticleFactory(live=True)
    assert client.get(url).status_code == 404


# --- HTML that everyone can use ---------------------------------------------------------------


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings, self.ids, self.images_without_alt = [], set(), 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "img" and "alt" not in attributes:
            self.images_without_alt += 1


def public_urls(world: dict) -> list[str]:
    day = timezone.localtime(world["article"].published_at)
    return [
        "/",
        "/tin-moi/",
        world["article"].get_absolute_url(),
        world["category"].get_absolute_url(),
        world["organisation"].get_absolute_url(),
        world["author"].get_absolute_url(),
        world["tag"].get_absolute_url(),
        f"/luu-tru/{day:%Y}/",
        f"/luu-tru/{day:%Y/%m}/",
        f"/luu-tru/{day:%Y/%m/%d}/",
        "/tim-kiem/",
        "/tim-kiem/?q=hoi+nong+dan",
        "/khong-co-trang-nay/",
    ]


def test_every_page_is_vietnamese_with_a_skip_link_and_ordered_headings(client):
    """Each page says it is Vietnamese, lets keyboard users skip to the content, has one
    title heading, never skips a heading level and gives every image an alt text."""
    world = newsroom_with(2)
    for url in public_urls(world):
        page = client.get(url).content.decode()
        outline = _Outline()
        outline.feed(page)
        assert '<html lang="vi">' in page, url
        assert '<a class="skip-link" href="#main">' in page, url
        assert "main" in outline.ids, url
        assert outline.headings[0] == 1 and outline.headings.count(1) == 1, url
        steps = zip(outline.headings, outline.headings[1:], strict=False)
        assert all(after <= before + 1 for before, after in steps), (url, outline.headings)
        assert outline.images_without_alt == 0, url


def test_pages_stay_vietnamese_for_a_browser_that_prefers_english(client):
    """The articles are Vietnamese, so the page says so even to an English browser."""
    page = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="vi">' in page


def test_robots_txt_points_to_the_sitemaps(client):
    """robots.txt keeps crawlers out of the admin and names both sitemaps."""
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /xem-truoc/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


# --- Query counts ---------------------------------------------------------------------------------

# Each count includes one query for the time of the next scheduled article (page cache state).
QUERY_COUNTS = [
    ("home", lambda world: "/", 7),
    ("latest", lambda world: "/tin-moi/", 4),
    # the article with its stored page, the related ranking, the related cards
    ("article", lambda world: world["article"].get_absolute_url(), 5),
    ("category", lambda world: world["category"].get_absolute_url(), 6),
    ("organisation", lambda world: world["organisation"].get_absolute_url(), 6),
    ("author", lambda world: world["author"].get_absolute_url(), 5),
    ("tag", lambda world: world["tag"].get_absolute_url(), 5),
    # The cache check, the count, the ids, the articles, the filters' sections and
    # organisations, the navigation.
    ("search", lambda world: "/tim-kiem/?q=hoi+nong+dan", 7),
    (
        "day",
        lambda world: f"/luu-tru/{timezone.localtime(world['article'].published_at):%Y/%m/%d}/",
        9,
    ),
]


@pytest.mark.parametrize("count", [2, 10])
@pytest.mark.parametrize(("name", "url", "queries"), QUERY_COUNTS, ids=[c[0] for c in QUERY_COUNTS])
def test_page_query_count_does_not_grow(
    client, django_assert_num_queries, count, name, url, queries
):
    """A page makes the same number of queries with 2 or 10 articles, authors,
    organisations, tags and photos, once its articles are rendered and stored. (An article
    alone has nothing related: its page skips fetching related cards, one query fewer.)"""
    world = newsroom_with(count)
    rendering.rebuild()
    readership.refresh_lists()  # the most-read lists are made at each flush, not by a page
    with django_assert_num_queries(queries):
        response = client.get(url(world))
    assert response.status_code == 200
    page = response.content.decode()
    assert any(article.get_absolute_url() in page for article in world["articles"])


# --- Nothing unpublished leaks ----------------------------------------------------------------


def test_nothing_unpublished_leaks_through_any_page_feed_sitemap_or_search(client):
    """Drafts, articles in review, approved and scheduled articles appear nowhere public,
    even when they share every section, organisation, tag and word with a public one."""
    world = newsroom_with(1)
    hour = timedelta(hours=1)
    hidden_states = [
        {"status": Article.Status.DRAFT, "published_at": timezone.now() - hour},
        {"status": Article.Status.IN_REVIEW, "published_at": timezone.now() - hour},
        {"status": Article.Status.APPROVED, "published_at": timezone.now() - hour},
        {"status": Article.Status.PUBLISHED, "published_at": None},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + hour},
    ]
    hidden = []
    for number, state in enumerate(hidden_states):
        article = ArticleFactory(
            title=f"Hội Nông dân chưa công bố {number}",
            slug=f"chua-cong-bo-{number}",
            category=world["category"],
            **state,
        )
        article.organisations.add(world["organisation"])
        article.tags.add(world["tag"])
        article.set_byline([world["author"]])
        hidden.append(article)
    category, organisation = world["category"].slug, world["organisation"].slug
    urls = [
        *public_urls(world),
        "/tim-kiem/?q=chua+cong+bo",
        "/tin-moi/rss/",
        "/tin-moi/atom/",
        f"/chuyen-muc/{category}/rss/",
        f"/chuyen-muc/{category}/atom/",
        f"/to-chuc/{organisation}/rss/",
        f"/to-chuc/{organisation}/atom/",
        "/sitemap.xml",
        *(f"/sitemap-{section}.xml" for section in SITEMAPS),
    ]
    for url in urls:
        page = client.get(url).content.decode()
        assert "chưa công bố" not in page, url
        assert "chua-cong-bo" not in page, url
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404
        assert client.get(f"/tin-tuc/{article.pk}/").status_code == 404


# --- Names known only from unpublished articles -----------------------------------------------


def test_tag_and_author_known_only_from_drafts_are_not_found(client):
    """A tag and a byline used only by a draft, an article in review and a scheduled article
    answer 404 to readers and staff alike, without their names; once an article using them
    is published, their pages appear."""
    tag = TagFactory(name="Dự án chưa công bố", slug="du-an-chua-cong-bo")
    author = AuthorFactory(name="Cộng tác viên bí mật", slug="cong-tac-vien-bi-mat")
    moment = timezone.now() + timedelta(hours=2)
    for state in [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.IN_REVIEW},
        {"status": Article.Status.PUBLISHED, "published_at": moment},
    ]:
        article = ArticleFactory(**state)
        article.tags.add(tag)
        article.set_byline([author])
    staff = Client()
    staff.force_login(UserFactory(username="bientap", is_superuser=True))
    for browser in (client, staff):
        for url in ("/the/du-an-chua-cong-bo/", "/tac-gia/cong-tac-vien-bi-mat/"):
            response = browser.get(url)
            assert response.status_code == 404, url
            page = response.content.decode()
            assert "chưa công bố" not in page and "bí mật" not in page, url
    with time_machine.travel(moment + timedelta(minutes=1)):
        for url, name in [
            ("/the/du-an-chua-cong-bo/", tag.name),
            ("/tac-gia/cong-tac-vien-bi-mat/", author.name),
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
            assert name in response.content.decode()


def test_organisation_and_section_pages_answer_before_their_first_article(client):
    """Organisations and sections are the site's public structure (listed in its navigation):
    their pages and feeds answer with no published article yet, and show no draft."""
    organisation = OrganisationFactory(name="Hội Người cao tuổi", slug="hoi-nguoi-cao-tuoi")
    section = CategoryFactory(name="Người cao tuổi", slug="nguoi-cao-tuoi")
    draft = ArticleFactory(title="Bản nháp về người cao tuổi", category=section)
    draft.organisations.add(organisation)
    for url in (
        "/to-chuc/hoi-nguoi-cao-tuoi/",
        "/to-chuc/hoi-nguoi-cao-tuoi/rss/",
        "/chuyen-muc/nguoi-cao-tuoi/",
        "/chuyen-muc/nguoi-cao-tuoi/atom/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert draft.title not in response.content.decode(), url
