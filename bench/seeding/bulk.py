"""Fill a database with many realistic articles quickly, for the benchmark (``seed_bench``).

Additive up to a number: article *n* is always the same story (it is drawn from a generator
seeded with *n*) and is recorded under the key ``seed-bench-<n>`` in the bench app's own table
(``bench.models.SeededArticle``, no field of the production model), so asking
for 100,000 after 1,000 adds the 99,000 missing ones, and asking again adds nothing. The
sections, organisations, tags, bylines, the glossary and a small pool of real library photos
(with their renditions) are made once and shared.

Rows go in by ``bulk_create`` in batches, each batch one transaction with its bylines,
organisations, tags, body photos, transition and search documents (built set-based on
PostgreSQL). Bulk inserts send no signals, so the page cache is told at the end.
"""

import random
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.html import escape

from articles import search
from articles.importing.photos import figure_html
from articles.models import (
    Abbreviation,
    Article,
    ArticleAuthor,
    ArticleBodyPhoto,
    Author,
    Category,
    Organisation,
    Tag,
    Transition,
)
from articles.richtext import shown_photo_ids
from articles.text import slugify_vi
from bench.models import SeededArticle
from bench.seeding import vietnamese
from demo import content as demo
from demo import loader as demo_loader
from demo.pictures import draw_scene
from newsroom import pagecache as caching
from photos.images import prepare_upload
from photos.models import Photo
from photos.renditions import ensure_renditions, rendition_names

KEY_PREFIX = "seed-bench-"
DESK_PREFIX = f"{KEY_PREFIX}desk-"
BATCH_SIZE = 1000
YEARS = 10
PHOTO_POOL = 12
BYLINES = 40
# For every hundred published articles, one on the newsroom's desk (draft, in review,
# approved or scheduled), so the editors' pages have queues to count.
DESK_SHARE = 100
UNIT = demo.UNIT

Status = Article.Status
Action = Transition.Action


@dataclass
class Pools:
    """What the generated articles share."""

    organisations: dict[str, Organisation]
    categories: list[Category]
    tags: dict[str, Tag]
    authors: list[Author]
    photos: list[Photo]
    journalists: list


def _authors(journalists: list) -> list[Author]:
    rng = random.Random("bylines")  # noqa: S311 — made-up names, not secrets
    names: list[str] = []
    while len(names) < BYLINES:
        name = vietnamese.person_name(rng)
        if name not in names:
            names.append(name)
    authors = []
    for number, name in enumerate(names):
        author = Author.objects.filter(name=name, unit=UNIT).first()
        if author is None:
            user = journalists[number] if number < len(journalists) else None
            author = Author.objects.create(name=name, unit=UNIT, user=user)
        authors.append(author)
    return authors


def _journalists() -> list:
    """Three accounts that own the desk's articles; nobody can sign in with them."""
    User = get_user_model()
    accounts = []
    for number in range(1, 4):
        user, created = User.objects.get_or_create(
            username=f"bench-phongvien-{number}", defaults={"is_staff": True}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        accounts.append(user)
    return accounts


def _photos() -> list[Photo]:
    """A small pool of real library photos (checked like uploads, with their renditions)."""
    storage = Photo._meta.get_field("image").storage
    rng = random.Random("photos")  # noqa: S311
    photos = []
    for number in range(1, PHOTO_POOL + 1):
        name = f"photos/bench/pool-{number:02d}.jpg"
        photo = Photo.objects.filter(image=name).first()
        # The same picture again when the file is missing: a first run, or a database seeded
        # by another checkout whose media folder this one does not have.
        if not storage.exists(name):
            picture = ContentFile(draw_scene(f"bench-{number}"), name=f"pool-{number}.jpg")
            storage.save(name, prepare_upload(picture))
        if photo is None:
            caption = rng.choice(vietnamese.CAPTIONS).format(
                event=rng.choice(vietnamese.EVENTS),
                person=vietnamese.person_name(rng),
                leader="lãnh đạo thành phố",
                org=rng.choice(vietnamese.ORGANISATIONS)[0],
                gift=rng.choice(vietnamese.GIFTS),
                beneficiary=rng.choice(vietnamese.BENEFICIARIES),
                place=rng.choice(vietnamese.PLACES),
                model=rng.choice(vietnamese.MODELS),
                topic=rng.choice(vietnamese.TOPICS),
            )
            photo = Photo.objects.create(image=name, caption=caption, alt_text=caption, credit=UNIT)
        elif not all(map(storage.exists, rendition_names(photo.renditions))):
            ensure_renditions(photo, force=True)
        photos.append(photo)
    return photos


def prepare_pools() -> Pools:
    """Make (or find) what the articles share."""
    for short_form, expansion in demo.ABBREVIATIONS.items():
        Abbreviation.objects.get_or_create(short_form=short_form, defaults={"expansion": expansion})
    journalists = _journalists()
    return Pools(
        # the demo's organisations and sections, the same rows whichever command made them
        organisations={o.name: o for o in demo_loader.ensure_organisations().values()},
        categories=list(demo_loader.ensure_categories().values()),
        tags={name: Tag.objects.get_or_create(name=name)[0] for name in vietnamese.TAGS},
        authors=_authors(journalists),
        photos=_photos(),
        journalists=journalists,
    )


@contextmanager
def stored_as_given():
    """Let ``bulk_create`` store the articles' times and bodies as they are given.

    An archive's articles were not all written today, which ``auto_now`` would say; and the
    generated bodies are already exactly what the sanitiser stores (``tests/bench/test_seeding.py``
    checks it), while cleaning them again costs a photo query per article.
    """
    times = [Article._meta.get_field(name) for name in ("created_at", "updated_at")]
    saved = [(field.auto_now, field.auto_now_add) for field in times]
    body = Article._meta.get_field("body")
    for field in times:
        field.auto_now = field.auto_now_add = False
    body.pre_save = lambda instance, add: instance.body
    try:
        yield
    finally:
        del body.pre_save  # the class's own method again
        for field, (auto_now, auto_now_add) in zip(times, saved, strict=True):
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _publication_time(rng: random.Random, now: datetime) -> datetime:
    """A moment in the last ten years, in the newsroom's working hours (local time)."""
    day = timezone.localdate(now) - timedelta(days=rng.randrange(YEARS * 365))
    moment = time(rng.randint(6, 21), rng.randrange(60))
    when = timezone.make_aware(datetime.combine(day, moment))
    return when if when < now else when - timedelta(days=1)


def _body(story: vietnamese.Story, rng: random.Random, photos: list[Photo]) -> str:
    html = []
    for kind, text in story.blocks:
        if kind == "caption":
            html.append(figure_html(text, rng.choice(photos)))
        else:
            html.append(f"<p>{escape(text)}</p>")
    return "\n".join(html)


@dataclass
class Draft:
    """One article to insert, with what goes in the other tables."""

    article: Article
    key: str  # its row in bench.models.SeededArticle
    authors: list[Author]
    organisations: list[Organisation]
    tags: list[Tag]
    transitions: list[tuple[str, str, str]]  # (action, from, to)


# The desk's articles cycle through these states, with the transitions that led there.
SUBMITTED = (Action.SUBMIT, Status.DRAFT, Status.IN_REVIEW)
APPROVED = (Action.APPROVE, Status.IN_REVIEW, Status.APPROVED)
DESK_STATES = [
    (Status.DRAFT, []),
    (Status.DRAFT, [SUBMITTED, (Action.RETURN, Status.IN_REVIEW, Status.DRAFT)]),
    (Status.IN_REVIEW, [SUBMITTED]),
    (Status.APPROVED, [SUBMITTED, APPROVED]),
    (Status.PUBLISHED, [SUBMITTED, APPROVED, (Action.SCHEDULE, Status.APPROVED, Status.PUBLISHED)]),
]


def make_draft(number: int, pools: Pools, now: datetime, *, desk: bool = False) -> Draft:
    """Article ``number`` (the same one every time), published, or on the desk."""
    prefix = DESK_PREFIX if desk else KEY_PREFIX
    rng = random.Random(f"{prefix}{number}")  # noqa: S311 — made-up news, not secrets
    when = _publication_time(rng, now)
    story = vietnamese.NewsWriter(rng).story(when)
    status, transitions = Status.PUBLISHED, [(Action.IMPORT, Status.DRAFT, Status.PUBLISHED)]
    published_at, created_by = when, None
    if desk:
        status, transitions = DESK_STATES[number % len(DESK_STATES)]
        # Scheduled ones come out within a month; the others are not published.
        scheduled = status == Status.PUBLISHED
        published_at = now + timedelta(days=rng.randint(1, 30)) if scheduled else None
        when = now - timedelta(hours=rng.randint(1, 72))
        created_by = rng.choice(pools.journalists)
    edited = rng.random() < 0.1  # one in ten was corrected after publication
    article = Article(
        title=story.title,
        slug=slugify_vi(story.title, max_length=200),
        lead=story.lead,
        body=_body(story, rng, pools.photos),
        category=rng.choice(pools.categories),
        featured_photo=rng.choice(pools.photos),
        source=UNIT,
        status=status,
        published_at=published_at,
        created_by=created_by,
        created_at=when - timedelta(hours=rng.randint(1, 48)),
        updated_at=when + (timedelta(hours=rng.randint(1, 240)) if edited else timedelta()),
    )
    return Draft(
        article=article,
        key=f"{prefix}{number:07d}",
        authors=rng.sample(pools.authors, rng.choice((1, 1, 1, 2, 2, 3))),
        organisations=[pools.organisations[name] for name in story.organisations],
        tags=[pools.tags[name] for name in story.tags],
        transitions=transitions,
    )


def insert(drafts: list[Draft]) -> None:
    """Store a batch of articles with their links, transitions and search documents
    (inside ``stored_as_given``)."""
    with transaction.atomic():
        articles = Article.objects.bulk_create([draft.article for draft in drafts])
        SeededArticle.objects.bulk_create(
            SeededArticle(article_id=draft.article.pk, key=draft.key) for draft in drafts
        )
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=draft.article, author=author, position=position)
            for draft in drafts
            for position, author in enumerate(draft.authors, start=1)
        )
        Article.organisations.through.objects.bulk_create(
            Article.organisations.through(article_id=draft.article.pk, organisation_id=org.pk)
            for draft in drafts
            for org in draft.organisations
        )
        Article.tags.through.objects.bulk_create(
            Article.tags.through(article_id=draft.article.pk, tag_id=tag.pk)
            for draft in drafts
            for tag in draft.tags
        )
        # What ``Article.save`` would record: the photos each body shows, which protects them.
        ArticleBodyPhoto.objects.bulk_create(
            ArticleBodyPhoto(article_id=article.pk, photo_id=photo)
            for article in articles
            for photo in sorted(shown_photo_ids(article.body))
        )
        Transition.objects.bulk_create(
            Transition(
                article=draft.article,
                action=action,
                from_status=source,
                to_status=target,
                actor=draft.article.created_by,
                created_at=draft.article.updated_at,
            )
            for draft in drafts
            for action, source, target in draft.transitions
        )
        search.index_in_bulk(
            (article.pk, article.title, article.lead, article.body) for article in articles
        )


def missing_numbers(count: int) -> tuple[range, range]:
    """The numbers of the published and desk articles still to make for ``count``."""
    made = SeededArticle.objects.filter(key__startswith=KEY_PREFIX)
    on_desk = made.filter(key__startswith=DESK_PREFIX).count()
    published = made.count() - on_desk
    return range(published + 1, count + 1), range(on_desk + 1, count // DESK_SHARE + 1)


def seed(count: int, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Make sure the first ``count`` benchmark articles (and their desk share) exist.

    ``progress(done, total)`` is called after each batch. Returns how many were added.
    """
    pools = prepare_pools()
    now = timezone.now()
    published, desk = missing_numbers(count)
    work = [(number, False) for number in published] + [(number, True) for number in desk]
    batches = (
        [make_draft(number, pools, now, desk=on_desk) for number, on_desk in work[start:end]]
        for start, end in _spans(len(work), BATCH_SIZE)
    )
    done = 0
    with stored_as_given():
        for size in _insert_all(batches):
            done += size
            if progress:
                progress(done, len(work))
    if work:
        caching.new_generation()
        if connection.vendor == "postgresql":
            # Fresh statistics, so the planner knows the tables' new size at once.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    return {"published": len(published), "desk": len(desk)}


def _spans(total: int, size: int):
    return ((start, min(start + size, total)) for start in range(0, total, size))


def _insert_all(batches):
    """Insert each batch, yielding its size once it is stored.

    On PostgreSQL, outside any transaction, a second thread (with its own connection) stores
    one batch while this one writes the next: the server builds search vectors on one core
    while Python writes stories on the other, which nearly halves the time for 100,000.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        for drafts in batches:
            insert(drafts)
            yield len(drafts)
        return
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending: deque = deque()
        try:
            for drafts in batches:
                pending.append((writer.submit(insert, drafts), len(drafts)))
                while len(pending) > 1:
                    future, size = pending.popleft()
                    future.result()
                    yield size
            while pending:
                future, size = pending.popleft()
                future.result()
                yield size
        finally:
            for future, _ in pending:
                future.cancel()
            writer.submit(lambda: connection.close())  # the writer thread's own connection
