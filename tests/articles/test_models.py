"""The data model: bylines, what the public may see, section nesting."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils import timezone

from articles.models import Article, Category
from tests.factories import (
    ArticleAuthorFactory,
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    OrganisationFactory,
    PhotoFactory,
)

pytestmark = pytest.mark.django_db


def test_byline_keeps_the_order_given_not_the_alphabet():
    """Trần Tương then Trần Bình stay in that order, though B sorts before T."""
    article = ArticleFactory()
    tuong = AuthorFactory(name="Trần Tương")
    binh = AuthorFactory(name="Trần Bình")
    article.set_byline([tuong, binh])
    assert article.byline == [tuong, binh]
    fetched = Article.objects.with_related().get(pk=article.pk)
    assert [author.name for author in fetched.byline] == ["Trần Tương", "Trần Bình"]


def test_renumber_byline_closes_gaps_in_positions():
    """Positions 5 and 9 become 1 and 2, keeping their order."""
    article = ArticleFactory()
    later = ArticleAuthorFactory(article=article, position=9)
    earlier = ArticleAuthorFactory(article=article, position=5)
    article.renumber_byline()
    assert list(article.bylines.values_list("author", "position")) == [
        (earlier.author_id, 1),
        (later.author_id, 2),
    ]


def test_published_shows_only_published_articles_whose_time_has_come():
    """Drafts, approved articles and scheduled ones are not public; past published ones are."""
    now = timezone.now()
    past = ArticleFactory(status=Article.Status.PUBLISHED, published_at=now - timedelta(days=1))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=now + timedelta(minutes=5))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
    ArticleFactory(status=Article.Status.DRAFT, published_at=now - timedelta(days=1))
    ArticleFactory(status=Article.Status.APPROVED, published_at=now - timedelta(days=1))
    ArticleFactory(status=Article.Status.IN_REVIEW)
    assert list(Article.objects.published()) == [past]
    assert past.is_public


def test_scheduled_article_appears_when_its_time_comes(settings):
    """An article published for later is hidden until that moment, then shown, with no job."""
    article = ArticleFactory(
        status=Article.Status.PUBLISHED, published_at=timezone.now() + timedelta(hours=2)
    )
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.scheduled().filter(pk=article.pk).exists()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_newest_published_first():
    """The default order is newest publication first, unpublished drafts last."""
    now = timezone.now()
    old = ArticleFactory(live=True, published_at=now - timedelta(days=3))
    new = ArticleFactory(live=True, published_at=now - timedelta(days=1))
    draft = ArticleFactory()
    assert list(Article.objects.all()) == [new, old, draft]
    assert Article.objects.published().latest() == new


def test_category_includes_its_subsections():
    """A section's articles include those filed in its subsections."""
    economy = CategoryFactory(name="Kinh tế")
    villages = CategoryFactory(name="Nông thôn mới", parent=economy)
    in_parent = ArticleFactory(live=True, category=economy)
    in_child = ArticleFactory(live=True, category=villages)
    ArticleFactory(live=True)
    assert set(Article.objects.published().in_category(economy)) == {in_parent, in_child}


def test_categories_nest_one_level_only():
    """A subsection cannot itself have subsections."""
    top = CategoryFactory()
    middle = CategoryFactory(parent=top)
    bottom = Category(name="Quá sâu", parent=middle)
    with pytest.raises(ValidationError) as error:
        bottom.full_clean()
    assert "parent" in error.value.message_dict


def test_category_with_children_cannot_become_a_child():
    """A section that has subsections cannot be moved under another section."""
    top, other = CategoryFactory(), CategoryFactory()
    CategoryFactory(parent=top)
    top.parent = other
    with pytest.raises(ValidationError):
        top.full_clean()


def test_article_slug_is_made_from_title_and_url_uses_the_id():
    """A new article gets a Vietnamese slug; its URL carries the slug and the id."""
    article = ArticleFactory(title="Đoàn Thanh niên ra quân")
    assert article.slug == "doan-thanh-nien-ra-quan"
    assert article.get_absolute_url() == f"/tin-tuc/doan-thanh-nien-ra-quan-{article.pk}/"


def test_models_read_as_their_names():
    """Each noun prints as a person would name it."""
    organisation = OrganisationFactory(name="Hội Liên hiệp Phụ nữ", short_name="Hội LHPN")
    assert str(organisation) == "Hội LHPN"
    parent = CategoryFactory(name="Kinh tế")
    assert str(CategoryFactory(name="Nông thôn mới", parent=parent)) == "Kinh tế › Nông thôn mới"
    assert str(ArticleFactory(title="Tiêu đề")) == "Tiêu đề"


def test_organisation_aliases_are_read_line_by_line():
    """Aliases entered one per line come back as a clean list."""
    organisation = OrganisationFactory(aliases="Hội LHPN\n\n  Hội Phụ nữ  \r\nLHPN")
    assert organisation.alias_list == ["Hội LHPN", "Hội Phụ nữ", "LHPN"]


def test_photo_stores_its_dimensions():
    """An uploaded photo keeps its width and height."""
    photo = PhotoFactory()
    assert (photo.width, photo.height) == (64, 48)


def test_used_author_and_photo_cannot_be_deleted():
    """Deleting an author in a byline or a featured photo is refused, so no article loses them."""
    photo = PhotoFactory()
    article = ArticleFactory(featured_photo=photo)
    author = AuthorFactory()
    article.set_byline([author])
    with pytest.raises(ProtectedError):
        author.delete()
    with pytest.raises(ProtectedError):
        photo.delete()
