"""The newsroom's answers to the photo library's questions (``photos.policy``).

Registered by ``ArticlesConfig.ready``: the library asks them without importing articles.
"""

from django.db.models import ProtectedError

from articles import permissions
from articles.models import Article
from articles.models.article import BODY_PHOTO_REFUSAL
from photos.policy import LibraryPolicy


class NewsroomPhotoPolicy(LibraryPolicy):
    """A photo on a published page is the editor-in-chief's (``articles.permissions``)."""

    def annotate(self, photos):
        return permissions.with_publication(photos)

    def visible(self, user, photos):
        return permissions.visible_photos(user, photos)

    def changeable(self, user, photos):
        return permissions.changeable_photos(user, photos)

    def can_change(self, user, photo) -> bool:
        return permissions.can_change(user, photo)

    def can_delete(self, user, photo) -> bool:
        return permissions.can_delete(user, photo)

    def in_use(self, photo) -> bool:
        return permissions.on_published_page(photo)

    def shown_on(self, photo) -> list[str]:
        return [
            f"«{article.title}» (số {article.pk})"
            for article in permissions.published_articles_showing(photo)
        ]

    def refuse_deleting(self, photos) -> None:
        """A body showing a photo protects it, whatever the article's status.

        A body shows a photo through ``Article.body_photos``, which Django would quietly empty
        on delete; this refuses before anything is written, as ``featured_photo``'s
        ``PROTECT`` does for the featured photo.
        """
        used = Article.objects.filter(body_photos__in=photos).distinct().order_by("pk")
        if used.exists():
            raise ProtectedError(BODY_PHOTO_REFUSAL, set(used))
