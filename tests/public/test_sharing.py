"""Sharing the Vietnamese way (Zalo, Facebook, copy the link, the phone's share sheet) with no
script but our own; the strict content policy kept."""

import re
from urllib.parse import quote

import pytest

from public import rendering
from tests.factories import AbbreviationFactory, ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(live=True, title="Hội Nông dân ra quân & làm đường")


def test_article_offers_zalo_facebook_copy_and_share_sheet(client, article):
    """The article's end links to Zalo's and Facebook's share pages with its canonical address;
    the copy and share-sheet buttons wait hidden for the script (which shows them only where
    the browser can)."""
    page = client.get(article.get_absolute_url()).content.decode()
    canonical = "http://testserver" + article.get_absolute_url()
    encoded = quote(canonical, safe="")
    assert f'href="https://sp.zalo.me/share_inline?url={encoded}"' in page
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}"' in page
    assert f'data-share-url="{canonical}"' in page
    assert 'data-share-title="Hội Nông dân ra quân &amp; làm đường"' in page
    copy = r'<li hidden><button type="button" class="share-copy"[^>]*>Sao chép liên kết'
    assert re.search(copy, page)
    assert '<li hidden><button type="button" class="share-native">Chia sẻ…</button></li>' in page
    assert "twitter.com" not in page


def test_stored_footer_carries_the_sharing(client, article):
    """The sharing is part of the stored footer, so serving the page renders nothing."""
    rendering.rebuild()
    article.rendered.refresh_from_db()
    assert "share-zalo" in article.rendered.footer_html


@pytest.mark.parametrize("path", ["/", "article"])
def test_only_our_own_script_and_the_strict_policy(client, article, path):
    """The pages load one script, ours, from this site; the policy still allows scripts and
    connections to this site only, and frames from the two video players only."""
    url = article.get_absolute_url() if path == "article" else path
    response = client.get(url)
    page = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", page)
    sources = [re.search(r'src="([^"]+)"', tag) for tag in scripts]
    own = [match.group(1) for match in sources if match]
    assert own and all(src.startswith("/static/js/reader") for src in own)
    assert all('type="application/ld+json"' in tag for tag in scripts if "src=" not in tag)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    assert "default-src 'none'" in policy
    assert "frame-src https://www.youtube-nocookie.com https://www.facebook.com;" in policy + ";"


def test_first_use_of_an_abbreviation_still_carries_its_expansion(client):
    """Search engines (and readers without script) get the expansion in the first <abbr>; the
    page's script turns it into a button for phones."""
    AbbreviationFactory(short_form="HĐND", expansion="Hội đồng nhân dân")
    article = ArticleFactory(live=True, lead="HĐND thành phố họp.", body="<p>HĐND bàn việc.</p>")
    page = client.get(article.get_absolute_url()).content.decode()
    assert page.count('<abbr title="Hội đồng nhân dân">HĐND</abbr>') == 1
