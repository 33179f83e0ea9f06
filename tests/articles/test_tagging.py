"""Articles are tagged with the organisations named in them, whole words only."""

import pytest

from articles.tagging import find_organisations
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def veterans():
    return OrganisationFactory(
        name="Hội Cựu chiến binh", short_name="Hội CCB", aliases="CCB\nCựu chiến binh thành phố"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hội CCB phường trao nhà tình nghĩa.",
        "Các hội viên CCB tham gia tuần tra.",
        "Hội cựu chiến binh tổ chức gặp mặt.",
        "Đại diện Cựu chiến binh thành phố phát biểu.",
        "(CCB) và thanh niên cùng làm.",
    ],
)
def test_organisation_is_found_by_name_short_name_or_alias(veterans, text):
    """The name (any case), the short name or an alias, as whole words, tags the article."""
    assert find_organisations(text) == [veterans]


@pytest.mark.parametrize(
    "text",
    [
        "Mã hồ sơ UBCCB-12 đã được duyệt.",
        "Tài khoản CCBX đăng bài.",
        "Mật khẩu ccb không được dùng.",
        "Cựu chiến binh nói chung.",
    ],
)
def test_abbreviation_inside_another_word_or_in_lower_case_is_not_found(veterans, text):
    """CCB inside another word, or written in lower case, does not tag the article."""
    assert find_organisations(text) == []


def test_old_style_tone_marks_match_the_new_style_name():
    """``Uỷ ban`` (tone on y) finds an organisation spelt ``Ủy ban`` (tone on u), and back."""
    front = OrganisationFactory(name="Ủy ban Mặt trận Tổ quốc", short_name="Ủy ban MTTQ")
    peace = OrganisationFactory(name="Hội Hoà bình", short_name="")
    assert find_organisations("Uỷ ban Mặt trận Tổ quốc thành phố họp.") == [front]
    assert find_organisations("Uỷ ban MTTQ họp.") == [front]
    assert find_organisations("Hội Hòa bình ra mắt.") == [peace]


def test_only_organisations_named_are_found():
    """Of several organisations, only those the text names are returned."""
    youth = OrganisationFactory(name="Đoàn Thanh niên", short_name="Thành Đoàn")
    OrganisationFactory(name="Hội Nông dân", short_name="Hội ND", aliases="HND")
    assert find_organisations("Thành Đoàn ra quân chiến dịch hè; nông dân hưởng ứng.") == [youth]
