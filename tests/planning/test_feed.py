"""Each person's calendar feed (issue 19, item 2): a signed, revocable address and an
iCalendar file that a strict parser and RFC 5545's line rules accept."""

from datetime import timedelta

import icalendar
import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from planning import feed
from tests.factories import ArticleFactory
from tests.helpers import client_for
from tests.planning.factories import AssignmentFactory

pytestmark = pytest.mark.django_db

LONG_TITLE = (
    "Ủy ban MTTQ, Hội LHPN; Hội Nông dân và Hội CCB phối hợp tổ chức ngày hội "
    "Đại đoàn kết toàn dân tộc ở khu dân cư số 4 \\ phường Hòa Bình"
)


def fetch(path):
    return Client().get(path)


def test_the_feed_is_valid_rfc_5545(people):
    """CRLF line ends, lines of at most 75 octets, escaped text, UID and DTSTAMP on each event;
    the icalendar library reads back the same Vietnamese text."""
    due = timezone.now() + timedelta(days=2)
    plan = AssignmentFactory(
        assignee=people["journalist"],
        working_title=LONG_TITLE,
        due_at=due,
        notes="Dòng 1\nDòng 2, có dấu phẩy; và chấm phẩy",
    )
    article = ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=1),
        created_by=people["journalist"],
        title="Thành Đoàn ra quân tình nguyện hè",
    )
    AssignmentFactory(assignee=people["other"], working_title="Không phải của Hà")
    response = fetch(feed.address_for(people["journalist"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no character cut in two by the folding
    assert b"\\;" in raw and b"\\," in raw and b"\\n" in raw and b"\\\\" in raw

    calendar = icalendar.Calendar.from_ical(raw)
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {f"assignment-{plan.pk}@testserver", f"article-{article.pk}@testserver"}
    event = events[f"assignment-{plan.pk}@testserver"]
    assert str(event["SUMMARY"]) == f"Hạn: {LONG_TITLE}"
    assert "Dòng 2, có dấu phẩy; và chấm phẩy" in str(event["DESCRIPTION"])
    assert event.decoded("DTSTART") == due.replace(microsecond=0)
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    assert "Thành Đoàn ra quân tình nguyện hè" in str(
        events[f"article-{article.pk}@testserver"]["SUMMARY"]
    )
    assert "Không phải của Hà" not in raw.decode()


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "Đ" * 100
    folded = feed.fold(line)
    parts = folded.encode().split(b"\r\n")
    assert all(len(part) <= 75 for part in parts)
    assert "".join(part[1:] if n else part for n, part in enumerate(folded.split("\r\n"))) == line


def test_a_tampered_or_revoked_address_finds_nothing(people):
    address = feed.address_for(people["journalist"])
    assert fetch(address).status_code == 200
    key = address.split("/ical/")[1].split("/")[0]
    altered = key[:-1] + ("A" if key[-1] != "A" else "B")
    assert fetch(reverse("planning:feed", args=[altered])).status_code == 404
    # Signed by the site but with another person's id: their token does not match.
    forged = signing.dumps({"u": people["other"].pk, "t": "guess"}, salt=feed.SALT)
    feed.address_for(people["other"])
    assert fetch(reverse("planning:feed", args=[forged])).status_code == 404
    assert fetch(reverse("planning:feed", args=["abc"])).status_code == 404
    # A new address from the page kills the old one.
    page = client_for(people["journalist"]).post(reverse("planning:address"))
    assert page.status_code == 302
    assert fetch(address).status_code == 404
    new = feed.address_for(people["journalist"])
    assert new != address and fetch(new).status_code == 200


def test_an_inactive_account_has_no_feed(people):
    address = feed.address_for(people["journalist"])
    people["journalist"].is_active = False
    people["journalist"].save()
    assert fetch(address).status_code == 404


def test_the_address_page_shows_the_signed_address(people):
    page = client_for(people["journalist"]).get(reverse("planning:address"))
    assert page.status_code == 200
    assert "http://testserver" + feed.address_for(people["journalist"]) in page.text
