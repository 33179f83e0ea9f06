"""Texts in the archive's format become draft articles with every word in its place."""

import unicodedata
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from articles.importing.parser import ImportFormatError, parse_date, parse_text, read_article_file
from articles.importing.service import import_article
from articles.models import Article, Author, Organisation
from demo import content
from tests.factories import CategoryFactory, UserFactory
from tests.helpers import IMPORT_FIXTURES, PROJECT_ROOT

ROOT = PROJECT_ROOT
SEED = ROOT.parent / "shared" / "seeds" / "000_1faa24ee2c01807f.txt"
FIXTURES = IMPORT_FIXTURES
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
UNIT = "Trung tâm TT và VH"

needs_seed = pytest.mark.skipif(
    not SEED.exists(),
    reason=f"the seed article is not at {SEED} (the repository's ../shared/seeds/)",
)


class _Text(HTMLParser):
    """The text of stored HTML, a space at each tag so that blocks do not run together."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def article_words(article: Article) -> list[str]:
    """Every word a reader of the article sees, in order: title, lead, body, byline, unit."""
    byline = " - ".join(author.name for author in article.byline)
    text = " ".join([article.title, article.lead, html_text(article.body), byline, article.source])
    return text.split()


def source_words(path: Path, skip: set[str]) -> list[str]:
    """The words of a text file, without the lines in ``skip`` (the date, the debris)."""
    text = unicodedata.normalize("NFC", path.read_bytes().decode("utf-8-sig"))
    text = text.replace("\u200b", "")  # a zero-width space is no word
    kept = [line for line in text.splitlines() if " ".join(line.split()) not in skip]
    return " ".join(kept).replace(" ./.", "./.").split()


@pytest.fixture
def city_organisations(db):
    """The demo's organisations, with the same names, short names and aliases."""
    made = {}
    for data in [content.GROUP, *content.ORGANISATIONS]:
        made[data["short_name"]] = Organisation.objects.create(
            name=data["name"],
            short_name=data["short_name"],
            kind=data["kind"],
            aliases="\n".join(data["aliases"]),
        )
    return made


def import_file(path: Path, **options) -> Article:
    outcome = import_article(read_article_file(path), **options)
    assert outcome.created
    return Article.objects.get(pk=outcome.article.pk)


@needs_seed
def test_seed_article_imports_exactly(city_organisations):
    """The seed becomes a draft with its title, time, lead, captions, byline, unit and tags."""
    article = import_file(SEED)
    seed_lines = SEED.read_text(encoding="utf-8").splitlines()

    assert article.title == seed_lines[0]
    assert article.published_at == datetime(2022, 1, 13, 21, 44, tzinfo=VIETNAM)
    assert article.published_at.astimezone(VIETNAM).isoformat() == "2022-01-13T21:44:00+07:00"
    assert article.lead.startswith("Ngày 13/1, Thành ủy Móng Cái")
    assert article.body.count('<figure class="photo-placeholder"><figcaption>') == 3
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in article.body
    assert [author.name for author in article.byline] == ["Trần Tương", "Trần Bình"]
    assert article.source == UNIT
    assert article.status == Article.Status.DRAFT
    assert "Loading" not in article.body
    tagged = {organisation.short_name for organisation in article.organisations.all()}
    about = {"Ủy ban MTTQ", "Hội LHPN", "Hội CCB", "Hội ND", "LĐLĐ", "Thành Đoàn"}
    assert about <= tagged
    # The others it names: the group of organisations, the Party committee, the councils.
    assert tagged - about == {"Khối MTTQ", "Thành ủy", "HĐND", "UBND"}


@needs_seed
def test_seed_article_keeps_every_word(city_organisations):
    """Word by word, the article holds the seed's text, bar the date line and the debris."""
    article = import_file(SEED)
    expected = source_words(SEED, skip={"13/01/2022 21:44", "Loading..."})
    assert article_words(article) == expected
    assert article.body.endswith("đầm ấm và an toàn./.</p>")


VARIANTS = {
    "bom.txt": {
        "title": "Hội Nông dân thành phố tập huấn trồng rau an toàn cho hội viên ven biển",
        "published_at": datetime(2023, 4, 22, 9, 15, tzinfo=VIETNAM),
        "byline": ["Lê Minh Khoa", "Vũ Thị Lan"],
        "captions": 2,
        "organisations": {"Hội ND"},
        "skip": {"22/04/2023 09:15", "Loading..."},
    },
    "crlf.txt": {
        "title": "Thành Đoàn ra quân chiến dịch Thanh niên tình nguyện hè",
        "published_at": datetime(2023, 7, 2, 7, 30, tzinfo=VIETNAM),
        "byline": ["Bùi Thanh Tâm", "Đặng Quốc Việt"],
        "captions": 1,
        "organisations": {"Thành Đoàn"},
        "skip": {"02/07/2023 07:30"},
    },
    "nfd.txt": {
        "title": "Hội LHPN thành phố trao vốn hỗ trợ phụ nữ khởi nghiệp",
        "published_at": datetime(2023, 3, 8, 15, 20, tzinfo=VIETNAM),
        "byline": ["Phạm Thu Hà", "Vũ Thị Lan"],
        "captions": 1,
        "organisations": {"Hội LHPN"},
        "skip": {"08/03/2023 15:20", "Loading..."},
    },
    "no_time.txt": {
        "title": "Hội CCB phường Hòa Lạc bàn giao nhà đồng đội",
        "published_at": datetime(2023, 7, 8, 0, 0, tzinfo=VIETNAM),
        "byline": ["Đặng Quốc Việt", "Lê Minh Khoa"],
        "captions": 1,
        "organisations": {"Hội CCB"},
        "skip": {"08/07/2023"},
    },
    "short_date.txt": {
        "title": "LĐLĐ thành phố khám sức khỏe miễn phí cho công nhân",
        "published_at": datetime(2022, 3, 5, 8, 5, tzinfo=VIETNAM),
        "byline": ["Nguyễn Hoàng Nam", "Bùi Thanh Tâm"],
        "captions": 1,
        "organisations": {"LĐLĐ"},
        "skip": {"5/3/2022 8:05"},
    },
    "one_author.txt": {
        "title": "Ủy ban MTTQ thành phố trao quà cho hộ nghèo trước mùa mưa bão",
        "published_at": datetime(2023, 9, 18, 10, 40, tzinfo=VIETNAM),
        "byline": ["Phạm Thu Hà"],
        "captions": 1,
        "organisations": {"Ủy ban MTTQ"},
        "skip": {"18/09/2023 10:40"},
    },
    "share_debris.txt": {
        "title": "HĐND thành phố tiếp xúc cử tri trước kỳ họp cuối năm",
        "published_at": datetime(2023, 11, 24, 14, 0, tzinfo=VIETNAM),
        "byline": ["Nguyễn Hoàng Nam"],
        "captions": 1,
        "organisations": {"HĐND"},
        "skip": {
            "24/11/2023 14:00",
            "Chia sẻ",
            "Facebook",
            "Zalo",
            "Chia sẻ Facebook Zalo Twitter",
            "In bài viết",
            "Lượt xem: 1.204",
            "Loading...",
            "Thích (12) | Chia sẻ (3)",
        },
    },
    "stray_spaces.txt": {
        "title": "UBND thành phố ra mắt tổng đài hỗ trợ thủ tục hành chính",
        "published_at": datetime(2023, 10, 12, 16, 45, tzinfo=VIETNAM),
        "byline": ["Vũ Thị Lan", "Lê Minh Khoa"],
        "captions": 1,
        "organisations": {"UBND"},
        "skip": {"12/10/2023 16:45"},
    },
    "no_end_mark.txt": {
        "title": "Thành ủy tổ chức hội nghị học tập nghị quyết cho cán bộ chủ chốt",
        "published_at": datetime(2023, 4, 3, 8, 0, tzinfo=VIETNAM),
        "byline": ["Nguyễn Hoàng Nam", "Phạm Thu Hà"],
        "captions": 1,
        "organisations": {"Thành ủy"},
        "skip": {"03/04/2023 08:00"},
    },
}


@pytest.mark.parametrize("name", VARIANTS)
def test_variant_files_import_whole(city_organisations, name):
    """Each variant of the format gives the right title, time, byline, unit, captions and tags."""
    expected = VARIANTS[name]
    article = import_file(FIXTURES / name)

    assert article.title == expected["title"]
    assert article.published_at == expected["published_at"]
    assert [author.name for author in article.byline] == expected["byline"]
    assert article.source == UNIT
    assert article.body.count('class="photo-placeholder"') == expected["captions"]
    tagged = {organisation.short_name for organisation in article.organisations.all()}
    assert tagged == expected["organisations"]
    assert article_words(article) == source_words(FIXTURES / name, expected["skip"])


def test_bom_crlf_nfd_and_stray_spaces_leave_no_trace(city_organisations):
    """No BOM, carriage return, decomposed letter, tab or doubled space reaches the article."""
    for name in ("bom.txt", "crlf.txt", "nfd.txt", "stray_spaces.txt"):
        article = import_file(FIXTURES / name)
        for value in (article.title, article.lead, article.body, article.source):
            assert unicodedata.is_normalized("NFC", value), name
            for unwanted in ("\ufeff", "\r", "\t", "\u00a0", "\u200b", "  "):
                assert unwanted not in value, (name, unwanted)
    spaced = Article.objects.get(title__startswith="UBND")
    assert "<figcaption>Người dân gọi tổng đài được cán bộ hướng dẫn tận tình</figcaption>" in (
        spaced.body
    )
    assert spaced.body.endswith("các ngày làm việc trong tuần./.</p>")


def test_share_buttons_are_dropped_but_words_in_sentences_stay(city_organisations):
    """Share-button lines vanish; "chia sẻ" inside a sentence stays where it was."""
    shared = import_file(FIXTURES / "share_debris.txt")
    for debris in ("Facebook", "Zalo", "In bài viết", "Lượt xem", "Thích (12)"):
        assert debris not in shared.body
    quoted = import_file(FIXTURES / "nfd.txt")
    assert "phường Trần Phú, chia sẻ chị sẽ dùng khoản vay" in quoted.body


MALFORMED = {
    "empty.txt": "dòng 1: văn bản trống: không có tiêu đề, ngày đăng hay nội dung nào",
    "blank.txt": "dòng 1: văn bản trống: không có tiêu đề, ngày đăng hay nội dung nào",
    "no_title.txt": (
        "dòng 2: thiếu tiêu đề: bài bắt đầu bằng ngày đăng, tiêu đề phải đứng trên ngày đăng"
    ),
    "no_date.txt": (
        "dòng 3: thiếu ngày đăng: dòng ngay sau tiêu đề phải là ngày giờ như 13/01/2022 "
        "21:44, ở đây lại là «Sáng 14/5, Hội Nông dân xã Hải Đông tổ chức…»"
    ),
    "bad_date.txt": "dòng 2: ngày đăng «30/02/2023 10:00» không có thật",
    "title_only.txt": "dòng 4: bài không có nội dung: sau ngày đăng phải có sapo và các đoạn văn",
    "windows1258.txt": (
        "dòng 1: không đọc được tệp: đây không phải văn bản UTF-8 (có thể tệp được lưu bằng "
        "bảng mã khác như Windows-1258 hay TCVN3); hãy lưu lại tệp dưới dạng UTF-8"
    ),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_files_are_refused_with_line_and_reason(name):
    """A malformed file is refused with the line and the reason, in Vietnamese."""
    with pytest.raises(ImportFormatError) as refused:
        read_article_file(FIXTURES / name)
    assert str(refused.value) == MALFORMED[name]


def test_first_line_too_long_for_a_title_is_refused():
    """A text whose first line is a whole paragraph is refused as having no title."""
    text = "Đoạn văn dài " * 30 + "\n13/01/2022 21:44\nSapo của bài.\n"
    with pytest.raises(ImportFormatError) as refused:
        parse_text(text)
    assert refused.value.line == 1
    assert "thiếu tiêu đề: dòng đầu dài 389 ký tự, quá 255 ký tự" in str(refused.value)


@pytest.mark.parametrize(
    ("text", "expected", "has_time"),
    [
        ("13/01/2022 21:44", datetime(2022, 1, 13, 21, 44, tzinfo=VIETNAM), True),
        ("5/3/2022 8:05", datetime(2022, 3, 5, 8, 5, tzinfo=VIETNAM), True),
        ("13/01/2022", datetime(2022, 1, 13, 0, 0, tzinfo=VIETNAM), False),
        ("13/01/2022, 21h44", datetime(2022, 1, 13, 21, 44, tzinfo=VIETNAM), True),
        ("13/01/2022 21:44:30", datetime(2022, 1, 13, 21, 44, 30, tzinfo=VIETNAM), True),
    ],
)
def test_dates_are_read_in_vietnam_time(text, expected, has_time):
    """Dates with or without a time are read as Asia/Ho_Chi_Minh times."""
    assert parse_date(text, 3) == (expected, has_time)


@pytest.mark.parametrize("text", ["13/01/2022 24:10", "32/01/2022", "13/13/2022 08:00"])
def test_impossible_dates_are_refused(text):
    """A date that does not exist is refused at its line."""
    with pytest.raises(ImportFormatError) as refused:
        parse_date(text, 3)
    assert str(refused.value) == f"dòng 3: ngày đăng «{text}» không có thật"


def test_captions_are_short_lines_without_a_closing_full_stop():
    """Short lines without a full stop are captions; sentences, lists and long lines are not."""
    long_line = "Đoàn viên tham gia dọn rác " * 12
    text = "\n".join(
        [
            "Tiêu đề bài",
            "01/02/2023 08:00",
            "Sapo của bài.",
            "Quang cảnh buổi lễ (Ảnh: Lê Minh Khoa)",
            "Ông Phúc nói: “Chúng tôi sẽ làm tiếp.”",
            "- Tổ chức năm lớp tập huấn",
            long_line.strip(),
            "Các hộ cần chuẩn bị:",
            "Đoạn cuối.",
        ]
    )
    blocks = parse_text(text).blocks
    assert [block.is_caption for block in blocks] == [True, False, False, False, False, False]


def test_byline_without_end_mark_is_found_by_its_names():
    """Without ./., a last line of names is the byline and a short line after it the unit."""
    parsed = parse_text("Tiêu đề\n01/02/2023\nSapo.\nĐoạn một.\nLê Văn An - Hà Thu\nBáo X\n")
    assert (parsed.byline, parsed.unit, parsed.paragraphs) == (
        ["Lê Văn An", "Hà Thu"],
        "Báo X",
        ["Đoạn một."],
    )
    unsigned = parse_text("Tiêu đề\n01/02/2023\nSapo.\nĐoạn một.\nđoạn kết không chấm\n")
    assert (unsigned.byline, unsigned.unit) == ([], "")
    assert unsigned.captions == ["đoạn kết không chấm"]


def test_lines_after_the_unit_are_kept_as_paragraphs(db):
    """Nothing after the byline and unit is lost: extra lines stay as paragraphs."""
    text = "Tiêu đề\n01/02/2023\nSapo.\nĐoạn một./.\nLê Văn An\nTrung tâm TT và VH\nẢnh: Hà Thu\n"
    article = import_article(parse_text(text)).article
    assert article.body == "<p>Đoạn một./.</p>\n<p>Ảnh: Hà Thu</p>"
    assert article.source == UNIT


def test_importing_twice_creates_nothing_new(city_organisations):
    """The same text imported again finds its article: no new article, author or tag."""
    first = import_article(read_article_file(FIXTURES / "bom.txt"))
    counts = (Article.objects.count(), Author.objects.count())
    again = import_article(read_article_file(FIXTURES / "bom.txt"))
    assert (first.created, again.created) == (True, False)
    assert again.article == first.article
    assert (Article.objects.count(), Author.objects.count()) == counts


def test_same_title_and_date_with_edited_text_is_the_same_article(db):
    """A corrected copy of an imported text (same title and date) is not imported twice."""
    import_article(parse_text("Tiêu đề\n01/02/2023 08:00\nSapo.\nĐoạn một.\n"))
    again = import_article(parse_text("Tiêu đề\n1/2/2023 8:00\nSapo sửa.\nĐoạn một, sửa.\n"))
    assert again.created is False
    assert Article.objects.get().lead == "Sapo."


def test_authors_are_found_by_name_or_created(db):
    """An existing byline is reused; a new name becomes a new author with the unit."""
    known = Author.objects.create(name="Lê Minh Khoa", unit="Phòng Thời sự")
    article = import_file(FIXTURES / "bom.txt")
    assert article.byline[0] == known
    assert Author.objects.get(name="Vũ Thị Lan").unit == UNIT


def test_import_sets_owner_category_and_keeps_placeholders_through_the_sanitiser(db):
    """The draft has its owner and section; the caption placeholders survive the sanitiser."""
    owner, section = UserFactory(), CategoryFactory()
    article = import_file(FIXTURES / "crlf.txt", created_by=owner, category=section)
    assert (article.created_by, article.category) == (owner, section)
    placeholder = (
        '<figure class="photo-placeholder"><figcaption>'
        "Đoàn viên dọn vệ sinh bãi biển sau lễ ra quân</figcaption></figure>"
    )
    assert placeholder in article.body


def test_publishing_an_import_shows_it_to_the_public_at_its_archive_time(db):
    """Imported with publish, the article is public, dated as in the archive."""
    article = import_file(FIXTURES / "short_date.txt", publish=True)
    assert article.status == Article.Status.PUBLISHED
    assert list(Article.objects.published()) == [article]
    transition = article.transitions.get()
    assert (transition.action, transition.from_status) == ("import", "draft")
    assert [r.reason for r in article.revisions.order_by("number")] == [
        "Nhập từ văn bản",
        "Nhập từ lưu trữ",
    ]
    draft = import_file(FIXTURES / "one_author.txt")
    assert draft.status == Article.Status.DRAFT
    assert not draft.transitions.exists()


def test_dry_run_saves_nothing(db):
    """A dry run reads and checks the text and says it would be new, but saves nothing."""
    outcome = import_article(read_article_file(FIXTURES / "bom.txt"), dry_run=True)
    assert (outcome.created, outcome.article) == (True, None)
    assert (Article.objects.count(), Author.objects.count()) == (0, 0)


@pytest.mark.parametrize(
    "line",
    [
        "1" * 5000 + "x",
        "Chia sẻ " + "(1) " * 2000 + "x",
        "Facebook" + " " * 5000 + "x",
        "Zalo 12" + "|" * 3000 + "?",
    ],
)
def test_a_hostile_line_cannot_hold_the_importer(line):
    """Share-button lines are matched without backtracking: before, a line of 40 digits and a
    letter took the regular expression through every way of splitting the digits (2⁴⁰ paths),
    so a pasted text held a server process for good. The check runs in a child process, so a
    regression fails here instead of hanging the suite; the bound is generous, the real time is
    well under a millisecond."""
    import subprocess
    import sys

    program = (
        "import sys, django; django.setup(); from articles.importing.parser import is_debris; "
        "print(is_debris(sys.argv[1]))"
    )
    finished = subprocess.run(  # noqa: S603
        [sys.executable, "-c", program, line],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert finished.stdout.strip() == "False"


@pytest.mark.parametrize(
    "line",
    ["Chia sẻ | Facebook | Zalo", "Thích (12) · Chia sẻ 3", "Share: 15 / Tweet", "In bài viết"],
)
def test_share_button_lines_are_still_debris(line):
    from articles.importing.parser import is_debris

    assert is_debris(line)
