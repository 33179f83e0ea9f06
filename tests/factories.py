"""Factories for the newsroom's models; photos are real image files made by Pillow."""

import io
import struct
import zlib
from datetime import timedelta
from pathlib import Path

import factory
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import (
    Abbreviation,
    Article,
    ArticleAuthor,
    Author,
    Category,
    Organisation,
    Tag,
)
from photos.models import Photo


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery")
    is_staff = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Hội Cựu chiến binh phường {n}")
    short_name = factory.Sequence(lambda n: f"Hội CCB {n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Nguyễn Văn Đức {n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Đời sống {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    name = factory.Sequence(lambda n: f"Đô thị {n}")


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    image = factory.django.ImageField(width=64, height=48, color="green", format="JPEG")
    caption = "Đoàn viên trồng cây xanh"
    alt_text = "Đoàn viên trồng cây bên đường"
    credit = "Trung tâm TT và VH"


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Hội Nông dân ra quân làm đường giao thông nông thôn {n}")
    lead = "Ngày 3/3, Hội Nông dân xã ra quân làm đường bê tông dài 2 km."
    body = "<p>Nội dung bài viết về đường giao thông nông thôn.</p>"
    category = factory.SubFactory(CategoryFactory)
    source = "Trung tâm TT và VH"
    status = Article.Status.DRAFT

    class Params:
        live = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1)),
        )


class ArticleAuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleAuthor

    article = factory.SubFactory(ArticleFactory)
    author = factory.SubFactory(AuthorFactory)
    position = factory.Sequence(int)


class ReadyArticleFactory(ArticleFactory):
    """An article that passes the pre-publish checklist: byline, organisation, photo, section."""

    title = factory.Sequence(lambda n: f"Hội LHPN phường ra mắt câu lạc bộ phụ nữ khởi nghiệp {n}")
    lead = (
        "Sáng 12/3, Hội LHPN phường Hòa Bình ra mắt câu lạc bộ phụ nữ khởi nghiệp với 30 "
        "thành viên đầu tiên."
    )
    featured_photo = factory.SubFactory(PhotoFactory)

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def complete(article, create, extracted, **kwargs):
        if create:
            article.set_byline([AuthorFactory()])
            article.organisations.add(OrganisationFactory())


def user_in_role(role: str, username: str, **extra):
    """A staff account in one of the newsroom's role groups (roles must exist)."""
    from django.contrib.auth.models import Group

    user = UserFactory(username=username, **extra)
    user.groups.add(Group.objects.get(name=role))
    return user


class AbbreviationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Abbreviation
        django_get_or_create = ["short_form"]

    short_form = "HĐND"
    expansion = "Hội đồng nhân dân"


def figure_html(photo: Photo, caption: str) -> str:
    """A body figure as the editor stores it."""
    return (
        f'<figure><img src="{photo.image.url}" alt="{photo.alt_text}" width="{photo.width}" '
        f'height="{photo.height}" data-photo-id="{photo.pk}"><figcaption>{caption}</figcaption>'
        "</figure>"
    )


def newsroom_with(count: int) -> dict:
    """``count`` published articles, each with ``count`` authors, organisations, tags and body
    photos, all sharing the first organisation, tag, author and the section."""
    category = CategoryFactory()
    organisations = OrganisationFactory.create_batch(count)
    tags = TagFactory.create_batch(count)
    authors = AuthorFactory.create_batch(count)
    photo = PhotoFactory()
    body = "".join(
        f"<p>Đoạn {n} về HĐND.</p>" + figure_html(photo, f"Ảnh {n}") for n in range(count)
    )
    articles = []
    for _ in range(count):
        article = ArticleFactory(live=True, category=category, body=body, featured_photo=photo)
        article.organisations.set(organisations)
        article.tags.set(tags)
        article.set_byline(authors)
        articles.append(article)
    return {
        "article": articles[0],
        "articles": articles,
        "category": category,
        "organisation": organisations[0],
        "tag": tags[0],
        "author": authors[0],
    }


# Real image files, made by Pillow, for the upload tests.


def image_bytes(fmt="JPEG", size=(64, 48), color="green", mode="RGB", **options) -> bytes:
    """An image file of the given format, size and colour."""
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **options)
    return buffer.getvalue()


def two_colour_image(size=(400, 200), left="red", right="blue") -> Image.Image:
    """A picture whose left half and right half differ, to tell which way up it is."""
    image = Image.new("RGB", size, right)
    image.paste(Image.new("RGB", (size[0] // 2, size[1]), left), (0, 0))
    return image


def camera_jpeg(size=(400, 200)) -> bytes:
    """A phone photo: stored on its side with EXIF orientation 6, GPS position and a comment."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to show
    exif[0x010F] = "Máy ảnh"  # Make
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 15.0)}  # GPS
    buffer = io.BytesIO()
    two_colour_image(size).save(buffer, "JPEG", quality=95, exif=exif, comment=b"GPS test")
    return buffer.getvalue()


def noisy_jpeg(size=(600, 400)) -> bytes:
    """A JPEG with enough detail that cutting it short loses real picture data."""
    buffer = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def bomb_png(width=20_000, height=20_000) -> bytes:
    """A tiny PNG whose header claims a huge picture (a decompression bomb's first move)."""
    png = image_bytes("PNG", (1, 1))
    # Bytes 16–24 are the IHDR width and height; the chunk's CRC follows the 13 data bytes.
    header = png[12:16] + struct.pack(">II", width, height) + png[24:29]
    return png[:12] + header + struct.pack(">I", zlib.crc32(header)) + png[33:]


def uploaded(name: str, content: bytes, content_type="application/octet-stream"):
    """A file as the browser sends it in a form."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def media_files(root) -> list[str]:
    """Every file under MEDIA_ROOT, as paths relative to it."""
    root = Path(root)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


# Adobe RGB (1998)'s primaries as an ICC profile states them (adapted to D50, the profile
# connection space's white).
ADOBE_RGB_COLORANTS = {
    b"rXYZ": (0.60974, 0.31111, 0.01947),
    b"gXYZ": (0.20528, 0.62567, 0.06087),
    b"bXYZ": (0.14919, 0.06322, 0.74457),
}
D50 = (0.9642, 1.0, 0.8249)


def _s15fixed16(*values: float) -> bytes:
    return b"".join(struct.pack(">i", round(value * 65536)) for value in values)


def wide_gamut_profile(text: str, gamma: float = 1.0) -> bytes:
    """An ICC v2 display profile with Adobe RGB's primaries and a plain gamma curve.

    Written byte by byte (ImageCms can only make sRGB, Lab and XYZ profiles). With the default
    gamma of 1.0 the numbers are linear light, so a grey of 128 is 188 in sRGB: conversion is
    easy to check. ``text`` goes into the profile's description and copyright tags, as a
    camera maker's or anyone's text would.
    """
    ascii_text = text.encode("ascii") + b"\0"
    description = (
        b"desc\0\0\0\0"
        + struct.pack(">I", len(ascii_text))
        + ascii_text
        + struct.pack(">IIHB", 0, 0, 0, 0)
        + b"\0" * 67
    )
    tags = {
        b"desc": description,
        b"cprt": b"text\0\0\0\0" + ascii_text,
        b"wtpt": b"XYZ \0\0\0\0" + _s15fixed16(*D50),
        **{sig: b"XYZ \0\0\0\0" + _s15fixed16(*xyz) for sig, xyz in ADOBE_RGB_COLORANTS.items()},
    }
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256)) + b"\0\0"
    tags |= {b"rTRC": curve, b"gTRC": curve, b"bTRC": curve}
    table_size = 4 + 12 * len(tags)
    offset, entries, data = 128 + table_size, b"", b""
    for signature, body in tags.items():
        body += b"\0" * (-len(body) % 4)  # tags start on four-byte boundaries
        entries += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = 128 + table_size + len(data)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"
        + struct.pack(">I", 0x02100000)  # version 2.1
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2026, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\0" * 24  # platform, flags, maker, model, attributes
        + struct.pack(">I", 0)  # perceptual rendering intent
        + _s15fixed16(*D50)
        + b"\0" * 48  # creator, profile id, reserved
    )
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + entries + data
