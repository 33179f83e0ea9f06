"""Vietnamese slugs and accent folding."""

import unicodedata

import pytest

from articles.models import Category, Organisation, Tag
from articles.text import fold_accents, slugify_vi


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
