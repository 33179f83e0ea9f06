"""The archive's index, sub-sections in the menu, RSS shown (Atom only in <link>), and the
footer a Vietnamese news site must show (licence, responsible editor, address)."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from public import rendering
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def at(year, month, day=15):
    return timezone.make_aware(datetime(year, month, day, 10, 0))


def test_archive_index_lists_years_and_months_with_counts(client, django_assert_num_queries):
    """/luu-tru/ lists each year and month that has articles, newest first, with how many and
    a link to each; a scheduled article is not counted."""
    for when in (at(2024, 12, 31), at(2025, 1, 3), at(2025, 1, 20), at(2025, 3, 1)):
        ArticleFactory(status=Article.Status.PUBLISHED, published_at=when)
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(days=2))
    # 31/12/2024 17:30 UTC is 1/1/2025 00:30 in Vietnam: January 2025 in its archive.
    ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=datetime(2024, 12, 31, 17, 30, tzinfo=UTC),
    )
    with django_assert_num_queries(3):  # the months, the menu, the page cache's next change
        response = client.get("/luu-tru/")
    assert response.status_code == 200
    page = response.content.decode()
    years = re.findall(
        r'<a href="/luu-tru/(\d{4})/">Năm \d{4}</a> <span class="count">(\d+) bài', page
    )
    assert years == [("2025", "4"), ("2024", "1")]
    months = re.findall(
        r'<a href="/luu-tru/(\d{4}/\d\d)/">Tháng [^<]+</a> <span class="count">(\d+)', page
    )
    assert months == [("2025/03", "1"), ("2025/01", "3"), ("2024/12", "1")]
    assert '<link rel="canonical" href="http://testserver/luu-tru/">' in page
    assert client.get("/luu-tru/2025/01/").status_code == 200


def test_every_page_links_the_archive_and_shows_rss_not_atom(client):
    """The footer links the archive and the RSS feed, labelled "RSS"; "Atom" is only in the
    page's <link> for feed readers, on the home and a section page alike."""
    category = CategoryFactory(name="Thời sự")
    ArticleFactory(live=True, category=category)
    for url in ("/", category.get_absolute_url()):
        page = client.get(url).content.decode()
        body = page.split("<body>", 1)[1]
        assert '<a href="/luu-tru/">Lưu trữ</a>' in body
        assert ">RSS</a>" in body
        assert ">Atom<" not in body and "(Atom)</a>" not in body
        assert 'type="application/atom+xml"' in page.split("</head>", 1)[0]


def test_menu_lists_sub_sections_behind_a_disclosure(client, django_assert_num_queries):
    """A section with sub-sections gets a button (shown by the script) that opens their links;
    the menu still costs one query."""
    economy = CategoryFactory(name="Kinh tế", position=1)
    CategoryFactory(name="Nông thôn mới", parent=economy)
    CategoryFactory(name="Doanh nghiệp", parent=economy)
    CategoryFactory(name="Thời sự", position=0)
    page = client.get("/").content.decode()
    nav = page.split('class="wrap site-nav"', 1)[1].split("</nav>", 1)[0]
    assert re.search(
        rf'<button type="button" class="sub-toggle" aria-expanded="false" '
        rf'aria-controls="subnav-{economy.pk}" hidden><span class="visually-hidden">'
        r"Mục con của Kinh tế</span></button>",
        nav,
    )
    sub = nav.split(f'id="subnav-{economy.pk}" hidden>', 1)[1].split("</ul>", 1)[0]
    assert ">Doanh nghiệp</a>" in sub and ">Nông thôn mới</a>" in sub
    assert "Thời sự" in nav and "Thời sự" not in sub


def footer_settings(settings):
    settings.NEWSROOM_LICENCE = "Giấy phép số 12/GP-STTTT ngày 05/01/2024"
    settings.NEWSROOM_RESPONSIBLE_EDITOR = "Trần Quang Huy"
    settings.NEWSROOM_ADDRESS = "12 Lê Lợi, phường Thạch Thang, thành phố Đà Nẵng"
    settings.NEWSROOM_PHONE = "0236 3 822 111"
    settings.NEWSROOM_EMAIL = "toasoan@example.vn"


def test_footer_shows_licence_editor_and_address_on_every_page(client, settings):
    """Licence, responsible editor, address, telephone and e-mail come from the settings and
    are on every page: home, article, archive, search, and the 404 page."""
    footer_settings(settings)
    article = ArticleFactory(live=True)
    for url in ("/", article.get_absolute_url(), "/luu-tru/", "/tim-kiem/?q=x", "/khong-co/"):
        footer = client.get(url).content.decode().split('<footer class="site-footer">', 1)[1]
        assert "Giấy phép số 12/GP-STTTT ngày 05/01/2024" in footer, url
        assert "Chịu trách nhiệm nội dung: Trần Quang Huy" in footer, url
        assert "Địa chỉ: 12 Lê Lợi, phường Thạch Thang, thành phố Đà Nẵng" in footer, url
        assert '<a href="tel:02363822111">0236 3 822 111</a>' in footer, url


def test_footer_leaves_out_what_is_not_set(client, settings):
    """Without the settings, the footer shows no empty line for them."""
    settings.NEWSROOM_LICENCE = settings.NEWSROOM_RESPONSIBLE_EDITOR = ""
    settings.NEWSROOM_ADDRESS = settings.NEWSROOM_PHONE = settings.NEWSROOM_EMAIL = ""
    footer = client.get("/").content.decode().split('<footer class="site-footer">', 1)[1]
    assert "Chịu trách nhiệm" not in footer and "Địa chỉ" not in footer


def json_ld(page: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(block) for block in blocks]


def test_json_ld_publisher_carries_the_footer_settings_even_on_stored_pages(client, settings):
    """The publisher in the home's and an article's JSON-LD has the address, telephone,
    e-mail and responsible editor; a stored article page follows a change of the settings."""
    article = ArticleFactory(live=True)
    rendering.rebuild()
    footer_settings(settings)
    home = [d for d in json_ld(client.get("/").content.decode()) if d["@type"] == "Organization"]
    page = json_ld(client.get(article.get_absolute_url()).content.decode())
    (news,) = [d for d in page if d["@type"] == "NewsArticle"]
    for publisher in (home[0], news["publisher"]):
        assert publisher["address"]["streetAddress"].startswith("12 Lê Lợi")
        assert publisher["telephone"] == "0236 3 822 111"
        assert publisher["email"] == "toasoan@example.vn"
        assert publisher["employee"]["name"] == "Trần Quang Huy"
        assert publisher["description"].startswith("Giấy phép số 12")
