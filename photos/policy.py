"""What the library asks of the content that shows its photos, without knowing that content.

``photos`` knows no article. The app whose pages show photos (``articles``) registers its
answers at start-up with ``register``: who may see and change a photo, whether a public page
shows it, and whether it may be deleted. Until then the library answers with Django's model
permissions alone, every photo visible and none in use.
"""

from django.db.models import QuerySet


class LibraryPolicy:
    """The library's questions, answered with model permissions only."""

    def annotate(self, photos: QuerySet) -> QuerySet:
        """``photos`` with whatever ``in_use`` will read, fetched in the same query."""
        return photos

    def visible(self, user, photos: QuerySet) -> QuerySet:
        """The photos among ``photos`` that ``user`` may see."""
        return photos

    def changeable(self, user, photos: QuerySet) -> QuerySet:
        """The photos among ``photos`` that ``user`` may change."""
        return photos if user.has_perm("photos.change_photo") else photos.none()

    def can_change(self, user, photo) -> bool:
        return user.has_perm("photos.change_photo")

    def can_delete(self, user, photo) -> bool:
        return user.has_perm("photos.delete_photo")

    def in_use(self, photo) -> bool:
        """Whether a public page shows ``photo`` (its file then changes only with care)."""
        return False

    def shown_on(self, photo) -> list[str]:
        """The public pages that show ``photo``, named for the audit log."""
        return []

    def refuse_deleting(self, photos) -> None:
        """Raise ``ProtectedError`` when content still shows any of ``photos``."""


_current = LibraryPolicy()


def register(answers: LibraryPolicy) -> None:
    """Make ``answers`` the library's policy (called once, from an app's ``ready``)."""
    global _current
    _current = answers


def current() -> LibraryPolicy:
    return _current
