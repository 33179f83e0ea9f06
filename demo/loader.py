"""Load the demo newsroom. Idempotent: what exists is left as it is, what is missing is made."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext

from articles import revisions, workflow
from articles.models import Abbreviation, Article, Author, Category, Organisation, Tag, Transition
from articles.roles import setup_roles
from articles.text import slugify_vi
from demo import content
from demo.pictures import draw_scene, kind_for
from frontpage.models import ReadCount
from photos.images import prepare_upload
from photos.models import Photo
from photos.renditions import ensure_renditions

User = get_user_model()
Action = Transition.Action


def _accounts() -> dict[str, "User"]:
    users = {}
    for username, (role, full_name) in content.ACCOUNTS.items():
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": full_name,
                "email": f"{username}@toasoan.local",
                "is_staff": True,
                "is_superuser": role is None,
            },
        )
        if created:
            user.set_password(content.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if role:
            user.groups.add(Group.objects.get(name=role))
        users[username] = user
    return users


def ensure_organisations() -> dict[str, Organisation]:
    """The city's organisations and their group, made when missing, by slug (also used by
    ``seed_bench``)."""

    def get_or_make(data: dict, parent: Organisation | None, position: int) -> Organisation:
        organisation, _ = Organisation.objects.get_or_create(
            name=data["name"],
            defaults={
                "short_name": data["short_name"],
                "kind": data["kind"],
                "aliases": "\n".join(data["aliases"]),
                "description": data["description"],
                "parent": parent,
                "position": position,
            },
        )
        return organisation

    group = get_or_make(content.GROUP, None, 0)
    found = {group.slug: group}
    for position, data in enumerate(content.ORGANISATIONS, start=1):
        organisation = get_or_make(data, group if data["in_group"] else None, position)
        found[organisation.slug] = organisation
    return found


def ensure_categories() -> dict[str, Category]:
    """The sections and subsections, made when missing, by name (also used by ``seed_bench``)."""
    found: dict[str, Category] = {}
    for position, (name, parent_name) in enumerate(content.CATEGORIES):
        category, _ = Category.objects.get_or_create(
            slug=slugify_vi(name),
            defaults={"name": name, "parent": found.get(parent_name), "position": position},
        )
        found[name] = category
    return found


def _authors(users: dict[str, "User"]) -> dict[str, Author]:
    found = {}
    for name, unit, bio, username in content.AUTHORS:
        author, _ = Author.objects.get_or_create(
            slug=slugify_vi(name),
            defaults={"name": name, "unit": unit, "bio": bio, "user": users.get(username)},
        )
        found[name] = author
    return found


def _photo(key: str, caption: str, uploader: "User") -> Photo:
    # Demo photos keep a stable name (not the upload date folders) so a rerun finds them.
    # They pass the same checks as an upload; saving a photo makes its renditions.
    name = f"photos/demo/{key}.jpg"
    photo = Photo.objects.filter(image=name).first()
    if photo:
        return photo
    storage = Photo._meta.get_field("image").storage
    if not storage.exists(name):
        storage.save(
            name,
            prepare_upload(ContentFile(draw_scene(key, kind=kind_for(caption)), name=f"{key}.jpg")),
        )
    return Photo.objects.create(
        image=name, caption=caption, alt_text=caption, credit=content.UNIT, uploaded_by=uploader
    )


def _figure(photo: Photo) -> str:
    return (
        f'<figure><img src="{escape(photo.image.url)}" alt="{escape(photo.alt_text)}" '
        f'width="{photo.width}" height="{photo.height}" data-photo-id="{photo.pk}">'
        f"<figcaption>{escape(photo.caption)}</figcaption></figure>"
    )


def _body(slug: str, parts: list, uploader: "User") -> str:
    html = []
    paragraphs = [part for part in parts if isinstance(part, str)]
    for number, part in enumerate(parts):
        if isinstance(part, tuple):
            html.append(_figure(_photo(f"{slug}-{number}", part[1], uploader)))
        else:
            # The centre ends an article with "./.", the last full stop included.
            text = part.removesuffix(".") + "./." if part is paragraphs[-1] else part
            html.append(f"<p>{escape(text)}</p>")
    return "\n".join(html)


def _published_at(days_ago: int | None, at: tuple[int, int] | None) -> datetime | None:
    if days_ago is None:
        return None
    day = timezone.localdate() - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time(*at)))


def _articles(users, organisations, categories, authors, tags) -> int:
    made = 0
    for data in content.ARTICLES:
        slug = slugify_vi(data["title"], max_length=200)
        if Article.objects.filter(slug=slug).exists():
            continue
        owner = users[data.get("owner", "phongvien")]
        cover = _photo(f"{slug}-cover", data["cover"], owner)
        article = Article.objects.create(
            title=data["title"],
            slug=slug,
            lead=data["lead"],
            body=_body(slug, data["body"], owner),
            category=categories[data["category"]],
            featured_photo=cover,
            source=content.UNIT,
            created_by=owner,
        )
        article.organisations.set(organisations[slug] for slug in data["organisations"])
        article.tags.set(tags[name] for name in data["tags"])
        article.set_byline([authors[name] for name in data["authors"]])
        revisions.record(article, user=owner, reason=gettext("Tạo bài"))
        _move_through_workflow(article, data, users)
        made += 1
    return made


def _move_through_workflow(article: Article, data: dict, users) -> None:
    """Take a demo article as far as its status says, by the real workflow and its people."""
    target = data.get("status", Article.Status.PUBLISHED)
    if target == Article.Status.DRAFT:
        return
    steps = [(Action.SUBMIT, ["phongvien"])]
    if target == Article.Status.PUBLISHED:
        # The editor approves, unless they wrote it (four eyes): then the editor-in-chief does.
        steps += [
            (Action.APPROVE, ["bientapvien", "tongbientap"]),
            (Action.PUBLISH, ["tongbientap"]),
        ]
    when = _published_at(data["days_ago"], data["time"])
    for action, usernames in steps:
        allowed = [name for name in usernames if workflow.may(users[name], article, action)]
        workflow.perform(
            article=article,
            action=action,
            actor=users[(allowed or usernames)[0]],
            published_at=when if action == Action.PUBLISH else None,
            notify=False,
        )


def _reads() -> None:
    """A week of read counts for the published articles, so "Đọc nhiều" has something to show:
    made once, the same numbers every time (from each article's title)."""
    if ReadCount.objects.exists():
        return
    today = timezone.localdate()
    rows = []
    for article in Article.objects.published().only("pk", "title"):
        weight = sum(map(ord, article.title)) % 97 + 3
        for days_ago in range(7):
            rows.append(
                ReadCount(
                    article=article,
                    day=today - timedelta(days=days_ago),
                    # today's order differs from the week's, as it would
                    count=(weight * 7919) % 89 + 1 if days_ago == 0 else weight * (7 - days_ago),
                )
            )
    ReadCount.objects.bulk_create(rows)


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create whatever part of the demo newsroom is missing; return the counts of each noun."""
    setup_roles()
    users = _accounts()
    organisations = ensure_organisations()
    categories = ensure_categories()
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in content.TAGS}
    for short_form, expansion in content.ABBREVIATIONS.items():
        Abbreviation.objects.get_or_create(short_form=short_form, defaults={"expansion": expansion})
    authors = _authors(users)
    _articles(users, organisations, categories, authors, tags)
    _reads()
    # A demo loaded before renditions existed gets them now (current ones are left alone).
    for photo in Photo.objects.filter(image__startswith="photos/demo/"):
        ensure_renditions(photo)
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "categories": Category.objects.count(),
        "tags": Tag.objects.count(),
        "abbreviations": Abbreviation.objects.count(),
        "authors": Author.objects.count(),
        "photos": Photo.objects.count(),
        "articles": Article.objects.count(),
    }
