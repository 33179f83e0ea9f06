"""Vietnamese slugs, accent folding, plain text, search words and abbreviations."""

import unicodedata

import pytest

from articles.models import Category, Organisation, Tag
from articles.text import (
    fold_accents,
    mark_abbreviations,
    plain_text,
    search_words,
    slugify_vi,
)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hội Liên hiệp Phụ nữ", "hoi-lien-hiep-phu-nu"),
        ("Đoàn Thanh niên", "doan-thanh-nien"),
        ("ĐOÀN THANH NIÊN", "doan-thanh-nien"),
        ("Hội Nông dân", "hoi-nong-dan"),
        ("Ủy ban Mặt trận Tổ quốc", "uy-ban-mat-tran-to-quoc"),
        ("Liên đoàn Lao động", "lien-doan-lao-dong"),
        ("Khối MTTQ và các đoàn thể CT-XH", "khoi-mttq-va-cac-doan-the-ct-xh"),
        ("  Thời sự: “Mục tiêu kép” 2022!  ", "thoi-su-muc-tieu-kep-2022"),
        ("Trường THPT Nguyễn Trãi", "truong-thpt-nguyen-trai"),
        ("!!! ???", ""),
    ],
)
def test_slugify_vi_keeps_every_vietnamese_letter(text, slug):
    """A Vietnamese name becomes the slug a Vietnamese reader expects, đ included."""
    assert slugify_vi(text) == slug


def test_slugify_vi_treats_decomposed_input_like_composed():
    """Text pasted in NFD (separate accent marks) gives the same slug as NFC text."""
    text = "Đoàn Thanh niên Hội Cựu chiến binh"
    assert slugify_vi(unicodedata.normalize("NFD", text)) == slugify_vi(text)


def test_slugify_vi_cuts_long_text_at_a_word_boundary():
    """A long title gives a slug within the limit that does not end mid-word or on a dash."""
    slug = slugify_vi("Hội nghị tổng kết hoạt động Khối MTTQ và các đoàn thể năm 2021", 30)
    assert len(slug) <= 30
    assert slug == "hoi-nghi-tong-ket-hoat-dong"


def test_fold_accents_removes_diacritics_and_maps_d():
    """Folding turns Vietnamese into plain letters, đ to d, keeping case and spaces."""
    assert fold_accents("Hội Nông dân Đồng Tháp") == "Hoi Nong dan Dong Thap"


@pytest.mark.django_db
def test_clashing_names_get_numbered_slugs():
    """Three tags that fold to the same slug become x, x-2 and x-3."""
    first = Tag.objects.create(name="Đô thị")
    second = Tag.objects.create(name="Đồ thị")
    third = Tag.objects.create(name="Độ thì")
    assert [first.slug, second.slug, third.slug] == ["do-thi", "do-thi-2", "do-thi-3"]


@pytest.mark.django_db
def test_resaving_keeps_the_slug():
    """Saving an organisation again does not renumber its own slug."""
    organisation = Organisation.objects.create(name="Hội Nông dân")
    organisation.description = "Giới thiệu"
    organisation.save()
    organisation.refresh_from_db()
    assert organisation.slug == "hoi-nong-dan"


@pytest.mark.django_db
def test_name_without_letters_gets_a_fallback_slug():
    """A name made only of symbols still gets a usable, unique slug."""
    first = Category.objects.create(name="???")
    second = Category.objects.create(name="!!!")
    assert first.slug == "category"
    assert second.slug == "category-2"


@pytest.mark.django_db
def test_long_name_slug_fits_the_column_with_its_suffix():
    """A clash on a name longer than the slug column still gives a slug that fits."""
    name = "Hội Liên hiệp Phụ nữ " * 12
    first = Organisation.objects.create(name=name)
    second = Organisation.objects.create(name=name + "mới")
    limit = Organisation._meta.get_field("slug").max_length
    assert len(first.slug) <= limit
    assert len(second.slug) <= limit
    assert first.slug != second.slug


GLOSSARY = {
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "CT-XH": "chính trị - xã hội",
}
HĐND = '<abbr title="Hội đồng nhân dân">HĐND</abbr>'


def test_abbreviation_is_explained_on_first_use_only():
    """The first HĐND gets its full name as a title; the second is left plain."""
    html = mark_abbreviations("<p>Kỳ họp HĐND và HĐND phường</p>", GLOSSARY)
    assert html == f"<p>Kỳ họp {HĐND} và HĐND phường</p>"


def test_abbreviation_inside_a_link_is_left_alone():
    """A link's text and its address are not touched; the next plain use is marked."""
    html = mark_abbreviations('<p><a href="/to-chuc/hdnd/?q=HĐND">HĐND</a> rồi HĐND</p>', GLOSSARY)
    assert html == f'<p><a href="/to-chuc/hdnd/?q=HĐND">HĐND</a> rồi {HĐND}</p>'


def test_existing_abbreviation_markup_is_kept_and_counts_as_the_first_use():
    """A writer's own <abbr> stays as written, and the glossary does not explain it again."""
    source = '<p><abbr title="Hội đồng">HĐND</abbr> rồi HĐND</p>'
    assert mark_abbreviations(source, GLOSSARY) == source


def test_abbreviation_in_attributes_and_image_text_is_not_touched():
    """Alt texts, titles and other attributes keep their abbreviations as plain text."""
    source = '<figure><img src="/a.jpg" alt="Đại biểu HĐND" width="4" height="3"></figure>'
    assert mark_abbreviations(source, GLOSSARY) == source


def test_abbreviation_matches_whole_words_and_the_longest_form():
    """UBMTTQ is not read as MTTQ, HĐNDX is no abbreviation, CT-XH keeps its hyphen."""
    html = mark_abbreviations("<p>UBMTTQ, HĐNDX và CT-XH</p>", GLOSSARY)
    assert html == (
        '<p><abbr title="Ủy ban Mặt trận Tổ quốc">UBMTTQ</abbr>, HĐNDX và '
        '<abbr title="chính trị - xã hội">CT-XH</abbr></p>'
    )


def test_lead_and_body_share_the_first_use():
    """An abbreviation explained in the lead is not explained again in the body."""
    seen = set()
    lead = mark_abbreviations("Lãnh đạo UBND dự", GLOSSARY, seen)
    body = mark_abbreviations("<p>UBND và HĐND</p>", GLOSSARY, seen)
    assert lead == 'Lãnh đạo <abbr title="Ủy ban nhân dân">UBND</abbr> dự'
    assert body == f"<p>UBND và {HĐND}</p>"


def test_marking_keeps_escaped_text_escaped():
    """Text that was escaped in the HTML stays escaped: no markup appears from it."""
    html = mark_abbreviations("<p>HĐND &lt;script&gt; &amp; UBND</p>", GLOSSARY)
    assert "<script>" not in html
    assert "&lt;script&gt; &amp;" in html


def test_decomposed_text_is_marked_like_composed():
    """An abbreviation typed with separate accent marks (NFD) is still recognised."""
    html = mark_abbreviations(unicodedata.normalize("NFD", "<p>Kỳ họp HĐND</p>"), GLOSSARY)
    assert HĐND in html


def test_plain_text_separates_blocks_and_decodes_entities():
    """Paragraphs and captions become lines, entities become characters, tags disappear."""
    html = "<p>Xin&nbsp;chào <b>bạn</b></p><figure><img src=x><figcaption>Ảnh</figcaption></figure>"
    assert plain_text(html) == "Xin chào bạn\nẢnh"


@pytest.mark.parametrize(
    "typed",
    ["hoi nong dan", "Hội Nông dân", "HỘI NÔNG DÂN", unicodedata.normalize("NFD", "Hội Nông dân")],
)
def test_search_words_are_the_same_with_or_without_diacritics(typed):
    """However the reader types it, the same three words are looked for."""
    assert search_words(typed) == ["hoi", "nong", "dan"]


def test_search_words_split_on_punctuation():
    """Hyphens, slashes and underscores separate words; symbols alone give no word."""
    assert search_words("Covid-19 ngày 3/3, đ_x") == ["covid", "19", "ngay", "3", "3", "d", "x"]
    assert search_words("!!! ??? ***") == []
