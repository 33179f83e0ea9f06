"""The report pages: who may see them, and what a wrong period answers."""

import pytest
from django.urls import reverse

from articles.roles import EDITOR, EDITOR_IN_CHIEF, JOURNALIST
from tests.factories import UserFactory, user_in_role

pytestmark = pytest.mark.django_db

COVERAGE = "/admin/bao-cao/"
ROYALTIES = "/admin/bao-cao/nhuan-but/"
PRODUCTION = "/admin/bao-cao/san-xuat/"


@pytest.fixture
def journalist(roles):
    return user_in_role(JOURNALIST, "phongvien")


@pytest.fixture
def editor(roles):
    return user_in_role(EDITOR, "bientap")


@pytest.fixture
def chief(roles):
    return user_in_role(EDITOR_IN_CHIEF, "tongbientap")


def test_addresses_are_the_ones_the_readme_gives():
    """The report pages live under /admin/bao-cao/."""
    assert reverse("reports:coverage") == COVERAGE
    assert reverse("reports:royalties") == ROYALTIES
    assert reverse("reports:production") == PRODUCTION


@pytest.mark.parametrize("address", [COVERAGE, ROYALTIES, PRODUCTION, COVERAGE + "tai-ve/"])
def test_anonymous_visitors_are_sent_to_log_in(client, address):
    """Someone not logged in is asked to log in, and sees no figure."""
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    "address",
    [COVERAGE, ROYALTIES, PRODUCTION, COVERAGE + "tai-ve/?bang=tong", ROYALTIES + "tai-ve/"],
)
def test_journalists_are_refused(client, journalist, address):
    """A journalist gets 403 on every report and every download."""
    client.force_login(journalist)
    assert client.get(address).status_code == 403


def test_staff_without_a_role_are_refused(client, db):
    """Being staff is not enough: the report needs its permission."""
    client.force_login(UserFactory(username="khach"))
    assert client.get(COVERAGE).status_code == 403


def test_editors_see_coverage_and_production_but_not_royalties(client, editor):
    """An editor reads the coverage and production reports; the royalty sheet is refused."""
    client.force_login(editor)
    page = client.get(COVERAGE)
    assert page.status_code == 200
    assert "Báo cáo xuất bản" in page.text
    assert ROYALTIES not in page.text  # no link to what they may not open
    assert client.get(PRODUCTION).status_code == 200
    assert client.get(ROYALTIES).status_code == 403
    assert client.get(ROYALTIES + "tai-ve/?dinh-dang=xlsx").status_code == 403


def test_the_editor_in_chief_sees_the_royalty_sheet(client, chief):
    """The editor-in-chief opens the royalty sheet and finds it linked from the reports."""
    client.force_login(chief)
    assert ROYALTIES in client.get(COVERAGE).text
    page = client.get(ROYALTIES)
    assert page.status_code == 200
    assert "Bảng nhuận bút" in page.text


def test_the_desk_links_to_the_reports_for_those_allowed(client, editor, journalist):
    """The admin's front page offers "Báo cáo" to an editor, not to a journalist."""
    client.force_login(editor)
    assert COVERAGE in client.get("/admin/").text
    client.force_login(journalist)
    assert COVERAGE not in client.get("/admin/").text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ky=thang&thang=2026-13", "Tháng không hợp lệ"),
        ("ky=thang&thang=abc", "Tháng không hợp lệ"),
        ("ky=thang&thang=1800-01", "Năm phải từ 1990 đến 2100"),
        ("ky=quy&nam=2026&quy=5", "Quý phải là một số từ 1 đến 4"),
        ("ky=quy&nam=2026&quy=x", "Quý phải là một số từ 1 đến 4"),
        ("ky=nam&nam=99999999999999999999", "Năm phải từ 1990 đến 2100"),
        ("ky=nam&nam=", "Năm không hợp lệ"),
        ("ky=khoang&tu=31/03/2026&den=01/03/2026", "Ngày kết thúc phải sau"),
        ("ky=khoang&tu=2026-02-30&den=2026-03-01", "Ngày bắt đầu không hợp lệ"),
        ("ky=khoang&tu=01/01/1990&den=31/12/2010", "Khoảng thời gian dài nhất"),
        ("ky=tuan", "Loại kỳ báo cáo không hợp lệ"),
    ],
)
@pytest.mark.parametrize("address", [COVERAGE, PRODUCTION, COVERAGE + "tai-ve/?bang=tong&"])
def test_a_wrong_period_answers_in_vietnamese(client, chief, query, message, address):
    """A period typed wrongly gets the page again with the reason, never a 500."""
    client.force_login(chief)
    joiner = "" if address.endswith("&") else "?"
    response = client.get(f"{address}{joiner}{query}")
    assert response.status_code == 400
    assert message in response.text


def test_a_wrong_period_on_the_royalty_sheet_answers_in_vietnamese(client, chief):
    """The royalty sheet answers a wrong month the same way."""
    client.force_login(chief)
    response = client.get(ROYALTIES + "?ky=thang&thang=2026-00")
    assert response.status_code == 400
    assert "Tháng không hợp lệ" in response.text


def test_an_unknown_table_is_not_found(client, chief):
    """Asking to download a table the report does not have answers 404."""
    client.force_login(chief)
    assert client.get(COVERAGE + "tai-ve/?bang=khong-co").status_code == 404
