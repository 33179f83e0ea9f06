"""Photos for imported articles: the pictures in a folder, checked, matched to captions in order."""

import re
from collections.abc import Sequence
from pathlib import Path

from django.core.files import File
from django.utils.html import escape
from django.utils.translation import gettext as _

from photos.images import prepare_upload
from photos.models import Photo
from photos.renditions import rendition_names

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}


def photo_files(directory: Path) -> list[Path]:
    """The pictures in ``directory`` in natural order (``2.jpg`` before ``10.jpg``)."""

    def natural(path: Path) -> list:
        parts = re.split(r"(\d+)", path.name.lower())
        return [int(part) if part.isdigit() else part for part in parts]

    return sorted(
        (
            path
            for path in Path(directory).iterdir()
            if path.is_file()
            and not path.name.startswith(".")
            and path.suffix.lower() in PHOTO_SUFFIXES
        ),
        key=natural,
    )


def check_photo_file(path: Path) -> None:
    """Raise ``ValidationError`` (in Vietnamese, naming the file) unless ``path`` passes the
    same upload checks as the admin's (``photos.images.prepare_upload``)."""
    _clean_copy(path)


def _clean_copy(path: Path):
    with open(path, "rb") as handle:
        return prepare_upload(File(handle, name=Path(path).name))


def photo_warnings(captions: Sequence[str], paths: Sequence[Path]) -> list[str]:
    """What the editor should know when the photos and the captions do not pair up."""
    if not paths or len(paths) == len(captions):
        return []
    if len(paths) < len(captions):
        return [
            _("%(captions)d chú thích nhưng chỉ có %(photos)d ảnh: %(rest)d chú thích chờ ảnh")
            % {
                "captions": len(captions),
                "photos": len(paths),
                "rest": len(captions) - len(paths),
            }
        ]
    extra = ", ".join(path.name for path in paths[len(captions) :])
    return [_("thừa ảnh không có chú thích, không dùng: %(names)s") % {"names": extra}]


def save_photos(
    captions: Sequence[str], paths: Sequence[Path], *, credit: str, uploader
) -> list[Photo]:
    """Add the pictures to the media library, each with its caption, in caption order.

    Call it inside the caller's transaction: if one fails, the files stored before it are
    removed here, and their rows roll back with the transaction.
    """
    photos = []
    try:
        for caption, path in zip(captions, paths, strict=False):
            photo = Photo(
                caption=caption[:500],
                alt_text=caption[:255],
                credit=credit[:255],
                uploaded_by=uploader,
            )
            # The checked, re-encoded copy is stored first and counted, so a row that then
            # fails to insert does not leave its file behind.
            clean = _clean_copy(path)
            photo.image.save(clean.name, clean, save=False)
            photos.append(photo)
            photo.save()
    except BaseException:
        delete_photo_files(photos)
        raise
    return photos


def delete_photo_files(photos: Sequence[Photo]) -> None:
    """Remove the stored files (and renditions) of photos whose rows were rolled back."""
    for photo in photos:
        if photo.image.name:
            for name in [photo.image.name, *rendition_names(photo.renditions)]:
                photo.image.storage.delete(name)


def figure_html(caption: str, photo: Photo | None) -> str:
    """A body figure for ``caption``; without a photo, a placeholder the checklist flags."""
    if photo is None:
        return (
            f'<figure class="photo-placeholder"><figcaption>{escape(caption)}</figcaption></figure>'
        )
    return (
        f'<figure><img src="{escape(photo.image.url)}" alt="{escape(photo.alt_text)}" '
        f'width="{photo.width}" height="{photo.height}" data-photo-id="{photo.pk}">'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )
