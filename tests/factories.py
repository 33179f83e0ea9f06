"""Factories for the newsroom's models; photos are real image files made by Pillow."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.models import (
    Abbreviation,
    Article,
    ArticleAuthor,
    Author,
    Category,
    Organisation,
    Photo,
    Tag,
)


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
