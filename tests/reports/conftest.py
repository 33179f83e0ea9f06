"""A known newsroom for the report tests, and the figures counted from it in plain Python.

The clock stands at 31/03/2026 23:50 in Hà Nội. March is the period, February the one before.
The specs below are the truth; ``expected_*`` count them without the database, so every
figure the reports show is compared with a count made another way.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
import time_machine

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    OrganisationFactory,
    PhotoFactory,
    figure_html,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 3, 31, 23, 50, tzinfo=HANOI)
MARCH = (dt.datetime(2026, 3, 1, tzinfo=HANOI), dt.datetime(2026, 4, 1, tzinfo=HANOI))
FEBRUARY = (dt.datetime(2026, 2, 1, tzinfo=HANOI), MARCH[0])

PUBLISHED = Article.Status.PUBLISHED


def local(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=HANOI)


@dataclass
class Spec:
    title: str
    status: str
    published_at: dt.datetime | None
    organisations: list[str] = field(default_factory=list)
    section: str = "Văn hóa"
    byline: list[str] = field(default_factory=list)
    featured: str | None = None
    body: list[str] = field(default_factory=list)


# Organisation → parent (three levels under the Front); sections → parent.
ORGANISATIONS = {
    "Ủy ban MTTQ thành phố": None,
    "Hội LHPN thành phố": "Ủy ban MTTQ thành phố",
    "Thành Đoàn": "Ủy ban MTTQ thành phố",
    "Chi hội Phụ nữ phường Hòa Bình": "Hội LHPN thành phố",
    "Hội Cựu chiến binh": None,
    "HĐND thành phố": None,
}
SECTIONS = {"Chính trị": None, "Mặt trận": "Chính trị", "Văn hóa": None}
AUTHORS = ["Trần Tương", "Trần Bình", "Lê Thị Chi"]
PHOTOS = {"p1": "Trần Bình", "p2": "Lê Thị Chi", "p3": "", "p4": "Trần Bình"}

SPECS = [
    Spec(
        "Mặt trận và Hội Phụ nữ chung tay vì người nghèo",
        PUBLISHED,
        local(2026, 3, 5, 10, 0),
        ["Hội LHPN thành phố", "Ủy ban MTTQ thành phố"],
        "Mặt trận",
        ["Trần Tương", "Trần Bình"],
        "p1",
        ["p2", "p1"],
    ),
    # 23:30 on the 31st in Hà Nội is 16:30 UTC: March, not April and not a day early.
    Spec(
        "Thành Đoàn ra quân mùa hè xanh",
        PUBLISHED,
        local(2026, 3, 31, 23, 30),
        ["Thành Đoàn"],
        "Chính trị",
        ["Trần Tương"],
        "p1",
    ),
    # 00:05 on the 1st in Hà Nội is still February in UTC: March all the same.
    Spec(
        "Hội Cựu chiến binh gặp mặt đầu xuân",
        PUBLISHED,
        local(2026, 3, 1, 0, 5),
        ["Hội Cựu chiến binh"],
        "Văn hóa",
        ["Lê Thị Chi"],
        None,
        ["p3"],
    ),
    Spec(
        "Chi hội Phụ nữ phường Hòa Bình ra mắt mô hình",
        PUBLISHED,
        local(2026, 2, 28, 23, 59),
        ["Chi hội Phụ nữ phường Hòa Bình"],
        "Văn hóa",
        ["Trần Bình", "Lê Thị Chi"],
        "p2",
    ),
    Spec(
        "Cựu chiến binh giúp nhau làm kinh tế",
        PUBLISHED,
        local(2026, 2, 10, 8, 0),
        ["Hội Cựu chiến binh", "HĐND thành phố"],
        "Chính trị",
        ["Trần Tương", "Trần Bình", "Lê Thị Chi"],
        "p4",
        ["p1"],
    ),
    Spec(
        "Mặt trận tổng kết năm",
        PUBLISHED,
        local(2026, 1, 31, 23, 30),
        ["Ủy ban MTTQ thành phố"],
        "Mặt trận",
        ["Trần Tương"],
        "p4",
    ),
    # None of these counts: a draft, an article taken down, one scheduled for later, one in review.
    Spec("Bản nháp về Mặt trận", Article.Status.DRAFT, None, ["Ủy ban MTTQ thành phố"], "Mặt trận",
         ["Trần Tương"], "p1"),
    Spec("Bài đã gỡ", Article.Status.DRAFT, local(2026, 3, 10, 9, 0), ["Thành Đoàn"], "Chính trị",
         ["Trần Bình"], "p2"),
    Spec("Bài hẹn giờ", PUBLISHED, local(2026, 3, 31, 23, 55), ["Hội Cựu chiến binh"], "Văn hóa",
         ["Lê Thị Chi"], "p3"),
    Spec("Bài chờ duyệt", Article.Status.IN_REVIEW, None, ["Thành Đoàn"], "Văn hóa",
         ["Trần Tương"]),
]  # fmt: skip


@dataclass
class Newsroom:
    specs: list[Spec]
    articles: dict
    organisations: dict
    sections: dict
    authors: dict
    photos: dict


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def newsroom(db, clock) -> Newsroom:
    """The known newsroom, built through the factories."""
    organisations = {}
    for name, parent in ORGANISATIONS.items():
        organisations[name] = OrganisationFactory(name=name, parent=organisations.get(parent))
    sections = {}
    for name, parent in SECTIONS.items():
        sections[name] = CategoryFactory(name=name, parent=sections.get(parent))
    authors = {name: AuthorFactory(name=name) for name in AUTHORS}
    photos = {key: PhotoFactory(credit=credit) for key, credit in PHOTOS.items()}
    articles = {}
    for spec in SPECS:
        body = "".join(figure_html(photos[key], f"Ảnh {key}") for key in spec.body)
        article = ArticleFactory(
            title=spec.title,
            status=spec.status,
            published_at=spec.published_at,
            category=sections[spec.section],
            featured_photo=photos[spec.featured] if spec.featured else None,
            body=f"<p>Nội dung.</p>{body}",
        )
        article.organisations.set([organisations[name] for name in spec.organisations])
        article.set_byline([authors[name] for name in spec.byline])
        articles[spec.title] = article
    return Newsroom(SPECS, articles, organisations, sections, authors, photos)


# The independent count: plain Python over the specs.


def counted(spec: Spec, window) -> bool:
    return (
        spec.status == PUBLISHED
        and spec.published_at is not None
        and spec.published_at <= NOW
        and window[0] <= spec.published_at < window[1]
    )


def root(name: str, parents: dict) -> str:
    while parents[name] is not None:
        name = parents[name]
    return name


def spec_photos(spec: Spec) -> set[str]:
    return ({spec.featured} if spec.featured else set()) | set(spec.body)


def expected_groups(window, key_of, rolled_up_parents=None) -> dict:
    """group → (distinct articles, distinct photos) in the window."""
    articles, photos = defaultdict(set), defaultdict(set)
    for spec in SPECS:
        if not counted(spec, window):
            continue
        for group in key_of(spec):
            if rolled_up_parents is not None:
                group = root(group, rolled_up_parents)
            articles[group].add(spec.title)
            photos[group] |= spec_photos(spec)
    return {g: (len(articles[g]), len(photos[g])) for g in set(articles) | set(photos)}


def expected_authors(window, divided: bool) -> dict:
    shares = defaultdict(Fraction)
    for spec in SPECS:
        if counted(spec, window):
            for name in spec.byline:
                shares[name] += Fraction(1, len(spec.byline)) if divided else 1
    return dict(shares)


def expected_photographers(window) -> dict:
    photos = defaultdict(set)
    for spec in SPECS:
        if counted(spec, window):
            for key in spec_photos(spec):
                photos[PHOTOS[key]].add(key)
    return {credit: len(keys) for credit, keys in photos.items()}
