"""Search that hears the marks a reader types, phrases, and where words stand: the order of
the results on /tim-kiem/, the same on PostgreSQL and SQLite (texts written for these tests)."""

import unicodedata
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import search
from articles.text import normalise_tones
from tests.articles.test_search import found
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def story(title: str, lead: str = "", body: str = "", days: int = 0):
    """A published article, ``days`` old (the higher, the older)."""
    return ArticleFactory(
        live=True,
        title=title,
        lead=lead,
        body=f"<p>{body}</p>" if body else "",
        published_at=timezone.now() - timedelta(days=days, hours=1),
    )


@pytest.fixture
def marks_corpus(db):
    """Articles whose words differ only by their marks."""
    return {
        "đảng": story(
            "Phường Tân Định tổng kết công tác năm",
            body="Đảng bộ phường đề ra ba khâu đột phá cho nhiệm kỳ mới.",
            days=30,
        ),
        "đang": story("Người dân đang chờ mùa mưa", days=1),
        "bão": story("Cơn bão số 3 đổ bộ vào đất liền", days=20),
        "báo": story("Báo chí cách mạng tròn trăm năm", days=2),
        "bảo": story("Bảo vệ rừng đầu nguồn trong mùa khô", days=3),
        "cá": story("Mùa cá linh về miền Tây", days=25),
        "ca": story("Đêm ca nhạc mừng Xuân ở nhà văn hóa", days=4),
    }


@pytest.mark.parametrize(
    ("query", "first", "others"),
    [
        ("đảng", "đảng", {"đang"}),
        ("Đảng", "đảng", {"đang"}),
        ("đang", "đang", {"đảng"}),
        ("bão", "bão", {"báo", "bảo"}),
        ("báo", "báo", {"bão", "bảo"}),
        ("bảo", "bảo", {"bão", "báo"}),
        ("cá", "cá", {"ca"}),
    ],
)
def test_a_word_typed_with_marks_ranks_exactly_those_letters_first(
    client, marks_corpus, query, first, others
):
    """The article with exactly the letters typed comes first, even when it is older or has
    the word only in its body; the other readings still follow."""
    titles = found(client, query)
    assert titles[0] == marks_corpus[first].title
    assert set(titles[1:]) == {marks_corpus[other].title for other in others}


def test_a_word_typed_without_marks_finds_every_reading_by_place_then_date(client, marks_corpus):
    """ "dang", "bao" and "ca" find every reading, ranked by where the word is, then newest."""
    assert found(client, "dang") == [marks_corpus["đang"].title, marks_corpus["đảng"].title]
    assert found(client, "bao") == [marks_corpus[w].title for w in ("báo", "bảo", "bão")]
    assert found(client, "ca") == [marks_corpus["ca"].title, marks_corpus["cá"].title]


def test_ca_typed_plainly_in_a_marked_query_still_accepts_every_reading(client, marks_corpus):
    """Marks count per word: "cá linh" needs "cá" exactly first; "ca linh" finds the fish too."""
    assert found(client, "cá linh") == [marks_corpus["cá"].title]
    assert found(client, "ca linh") == [marks_corpus["cá"].title]


@pytest.fixture
def tones_corpus(db):
    """The same words with the tone mark placed the old way and the new way, and a lookalike."""
    return [
        story("Tổ hòa giải khu phố 5 hoạt động hiệu quả", days=9),
        story("Uỷ ban MTTQ phường khen tổ hoà giải", days=3),
        story("Hội hoa xuân và giải cờ tướng", days=1),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "hòa giải",
        "hoà giải",
        "HOÀ GIẢI",
        "Hòa Giải",
        unicodedata.normalize("NFD", "hoà giải"),
        unicodedata.normalize("NFD", "HÒA GIẢI"),
    ],
)
def test_nfc_nfd_capitals_and_tone_placement_rank_the_same(client, tones_corpus, query):
    """Old and new tone placement, composed or decomposed, in capitals: both spellings count
    as the word typed, above "hoa" and "giải" apart."""
    assert found(client, query) == [
        tones_corpus[1].title,
        tones_corpus[0].title,
        tones_corpus[2].title,
    ]


@pytest.mark.parametrize(
    "query", ["ủy ban", "uỷ ban", "ỦY BAN", unicodedata.normalize("NFD", "Uỷ ban")]
)
def test_uy_and_uy_with_the_tone_elsewhere_are_one_word(client, tones_corpus, query):
    """ "Uỷ ban" written the old way is found and highlighted for "ủy ban" typed either way."""
    page = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert found(client, query) == [tones_corpus[1].title]
    assert "<mark>Uỷ</mark> <mark>ban</mark>" in page


def test_unaccented_query_still_finds_the_old_spelling(client, tones_corpus):
    """ "hoa giai" (no marks) finds both spellings and the lookalike, newest first among equals."""
    assert found(client, "hoa giai") == [t.title for t in tones_corpus[1::-1]] + [
        tones_corpus[2].title
    ]


@pytest.fixture
def farmers_and_veterans(db):
    """The Farmers' Association, and the veterans' article whose words fold to the same."""
    return [
        story(
            "Hội Cựu chiến binh giúp dân",
            lead="Hội viên là lực lượng nòng cốt giúp dân làm đường.",
            days=1,
        ),
        story(
            "Ra quân làm thủy lợi",
            lead="Hội Nông dân xã Tân Phú ra quân nạo vét kênh mương.",
            days=6,
        ),
    ]


def test_hoi_nong_dan_ranks_the_farmers_first_and_never_highlights_nong(
    client, farmers_and_veterans
):
    """ "hội nông dân" lists the Farmers' Association before the veterans (who only have
    "nòng"), and marks "Nông" but never "nòng"."""
    veterans, farmers = farmers_and_veterans
    assert found(client, "hội nông dân") == [farmers.title, veterans.title]
    page = client.get("/tim-kiem/", {"q": "hội nông dân"}).content.decode()
    assert "<mark>Hội</mark> <mark>Nông</mark> <mark>dân</mark> xã Tân Phú" in page
    assert "<mark>nòng</mark>" not in page
    assert "nòng cốt giúp <mark>dân</mark>" in page


def test_without_marks_every_reading_is_highlighted(client, farmers_and_veterans):
    """ "hoi nong dan" accepts every reading, so "nòng" is highlighted too."""
    page = client.get("/tim-kiem/", {"q": "hoi nong dan"}).content.decode()
    assert "<mark>nòng</mark>" in page
    assert "<mark>Nông</mark>" in page


def test_highlight_and_snippet_follow_the_marks_typed():
    """The helpers mark only accepted words and start the excerpt at the first of them."""
    query = search.parse_query("bão")
    assert search.highlight("Báo đưa tin bão lũ", query) == "Báo đưa tin <mark>bão</mark> lũ"
    article = ArticleFactory.build(lead="Báo chí đưa tin về cơn bão.", body="")
    assert "<mark>bão</mark>" in search.snippet(article, query)
    assert "<mark>Báo</mark>" not in search.snippet(article, query)


@pytest.fixture
def traffic(db):
    """Words together in one article, apart in another (the newer one)."""
    return [
        story(
            "Tuyên truyền cho học sinh",
            body="Công an phường tuyên truyền an toàn giao thông trước cổng trường.",
            days=10,
        ),
        story(
            "Tuyên truyền cho học sinh tiểu học",
            body="Bảo đảm an toàn khi bàn giao mặt bằng và cung cấp thông tin kịp thời.",
            days=1,
        ),
    ]


@pytest.mark.parametrize("query", ["an toàn giao thông", "an toan giao thong"])
def test_words_standing_together_rank_first(client, traffic, query):
    """ "an toàn giao thông" ranks the article with the phrase above a newer one that has
    "an toàn", "bàn giao" and "thông tin" apart."""
    assert found(client, query) == [traffic[0].title, traffic[1].title]


@pytest.fixture
def new_countryside(db):
    """The phrase "nông thôn mới", and its words apart in a newer article."""
    return [
        story("Xã Bình Mỹ về đích nông thôn mới", days=12),
        story(
            "Thôn Đông có thêm nông dân trẻ",
            lead="Nhiều bạn trẻ mới về quê làm nông.",
            days=2,
        ),
    ]


@pytest.mark.parametrize("quotes", ['"{}"', "“{}”", '„{}"'])
def test_a_quoted_phrase_matches_only_as_a_phrase(client, new_countryside, quotes):
    """Quoted, "nông thôn mới" finds only the article where the words stand together;
    unquoted, both, phrase first."""
    phrase = quotes.format("nông thôn mới")
    assert found(client, phrase) == [new_countryside[0].title]
    assert found(client, quotes.format("nong thon moi")) == [new_countryside[0].title]
    assert found(client, "nông thôn mới") == [t.title for t in new_countryside]


def test_title_weighs_most_then_lead_then_body(client):
    """The word in the title, then in the lead, then in the body, whatever their dates."""
    in_body = story("Tin tổng hợp", body="Phường ra mắt mô hình GPMB kiểu mới.", days=1)
    in_lead = story("Tin địa phương", lead="Kết quả công tác GPMB quý III.", days=5)
    in_title = story("Đối thoại về GPMB", days=9)
    assert found(client, "gpmb") == [in_title.title, in_lead.title, in_body.title]


def test_recency_breaks_ties(client):
    """Two articles that match alike come newest first."""
    older = story("Hội thi cắm hoa", days=8)
    newer = story("Hội thi nấu ăn", days=2)
    assert found(client, "hội thi") == [newer.title, older.title]


@pytest.mark.parametrize(
    "query",
    [
        '"nông thôn',
        'nông thôn"',
        '"',
        '""',
        '""""""',
        "“”",
        '"!!!" ???',
        "'; DROP TABLE articles_article; --",
        "'an toan' & 'giao' | !thong <-> :*",
        "nông:A & thôn:*",
        "\\' \\\\ ;",
        "đ" * 10_000,
        " ".join(["nông thôn mới"] * 1500),
        '"' + "an toàn giao thông " * 600 + '"',
    ],
)
def test_hostile_queries_are_answered_calmly(client, new_countryside, traffic, query):
    """Unbalanced quotes, punctuation alone, tsquery syntax and 10,000 characters: a page,
    never an error."""
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200


def test_unbalanced_quote_searches_the_words(client, new_countryside):
    """A quote never closed is ignored: the words are searched as typed."""
    assert found(client, '"nông thôn mới') == [t.title for t in new_countryside]


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("hoà", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("Uỷ ban", "Ủy ban"),
        ("khoẻ", "khỏe"),
        ("thuỷ lợi", "thủy lợi"),
        (unicodedata.normalize("NFD", "tuỳ"), "tùy"),
        ("HOÀ", "HÒA"),
        ("quý", "quý"),  # the "u" of "qu" is the consonant's
        ("hoàn thành", "hoàn thành"),  # a final consonant: one placement only
        ("khuỷu tay", "khuỷu tay"),
    ],
)
def test_tone_placement_is_normalised_one_way(written, normal):
    """Old-style tone marks move to where the new style puts them; other words are untouched."""
    assert normalise_tones(written) == normal
