"""Upload rules for photos: what is accepted, and the clean file that is kept.

Every way a photo arrives (the admin, the editor's library popup, the importer, the demo) goes
through ``prepare_upload``: the content — never the file name — must be a JPEG, PNG, WebP or GIF
that Pillow decodes completely, within the byte and pixel limits in settings. What is stored is
not the uploaded file but a re-encoded copy: turned upright by its EXIF orientation, its
colours converted to sRGB, without EXIF, XMP, comments or colour profile (so no GPS position
or hidden text reaches the public), and without anything hidden after the picture (polyglots).

Every image field of the project is a ``PhotoImageField``, whose files go through
``prepare_upload`` however they are saved (a form, ``Model.save()``, ``FieldFile.save()``), get
an unguessable name, and are removed from storage once a replacement or deletion is committed.
"""

import io
import re
import secrets
import warnings
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, router, transaction
from django.db.models import signals
from django.db.models.fields.files import ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import ExifTags, Image, UnidentifiedImageError

from photos.colour import to_srgb

DEFAULT_MAX_PIXELS = 50_000_000
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# The first bytes of each accepted format, and the Pillow formats that may decode it. Cameras
# that store several pictures in one JPEG (MPO) are still JPEGs to the browser.
SIGNATURES = {
    "JPEG": (re.compile(rb"\A\xff\xd8\xff"), {"JPEG", "MPO"}),
    "PNG": (re.compile(rb"\A\x89PNG\r\n\x1a\n"), {"PNG"}),
    "GIF": (re.compile(rb"\AGIF8[79]a"), {"GIF"}),
    "WEBP": (re.compile(rb"\ARIFF....WEBP", re.DOTALL), {"WEBP"}),
}
ACCEPT = "image/jpeg,image/png,image/webp,image/gif"

# Markup that has no business inside a photograph: a file carrying it is built to be read as a
# web page or script by something (a polyglot). XMP metadata is XML too, so generic tags are
# not on this list; only what a browser or server would run.
MARKUP = re.compile(
    rb"<\s*(script|html|body|svg|iframe|object|embed|form|meta|link|base)\b"
    rb"|<\?php|javascript\s*:|\bon(load|error|click|mouseover)\s*=",
    re.IGNORECASE,
)

# What each accepted format is kept as: GIF becomes PNG (lossless, one frame).
KEPT_AS = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "GIF": ("PNG", "png")}
KEPT_AS["WEBP"] = ("WEBP", "webp")

MASTER_QUALITY = 90

# EXIF orientation → the transposition that shows the picture the way the camera was held.
ORIENTATIONS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
SWAPS_AXES = {
    Image.Transpose.TRANSPOSE,
    Image.Transpose.TRANSVERSE,
    Image.Transpose.ROTATE_90,
    Image.Transpose.ROTATE_270,
}


def max_pixels() -> int:
    return int(getattr(settings, "NEWSROOM_PHOTO_MAX_PIXELS", DEFAULT_MAX_PIXELS))


def max_bytes() -> int:
    return int(getattr(settings, "NEWSROOM_PHOTO_MAX_BYTES", DEFAULT_MAX_BYTES))


class CleanImageFile(ContentFile):
    """A photo that has passed ``prepare_upload``: upright, without metadata, ready to store."""

    def __init__(self, content: bytes, name: str, width: int, height: int):
        super().__init__(content, name=name)
        self.width = width
        self.height = height


def _display_name(upload, name: str | None = None) -> str:
    return PurePosixPath(name or getattr(upload, "name", "") or "").name or str(_("(không tên)"))


def _refuse(message, code: str, name: str, **params) -> ValidationError:
    return ValidationError(message, code=code, params={"name": name, **params})


def _read(upload, name: str) -> bytes:
    limit = max_bytes()
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _refuse(
            _("Tệp «%(name)s» nặng %(size)s, vượt giới hạn %(limit)s cho một ảnh."),
            "too_large",
            name,
            size=filesizeformat(size),
            limit=filesizeformat(limit),
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _refuse(
            _("Tệp «%(name)s» vượt giới hạn %(limit)s cho một ảnh."),
            "too_large",
            name,
            limit=filesizeformat(limit),
        )
    if not data:
        raise _refuse(_("Tệp «%(name)s» rỗng."), "empty", name)
    return data


def _kind(data: bytes, name: str) -> str:
    for kind, (signature, _formats) in SIGNATURES.items():
        if signature.match(data):
            return kind
    raise _refuse(
        _(
            "Tệp «%(name)s» không phải là ảnh JPEG, PNG, WebP hay GIF (nội dung tệp được "
            "kiểm tra, không dựa vào đuôi tên tệp). Hãy chọn một tệp ảnh."
        ),
        "not_an_image",
        name,
    )


def _corrupt(name: str) -> ValidationError:
    return _refuse(
        _(
            "Ảnh «%(name)s» bị hỏng hoặc không trọn vẹn (có thể việc chép hay tải tệp bị "
            "gián đoạn). Hãy mở lại ảnh trên máy, lưu thành tệp mới rồi tải lên lần nữa."
        ),
        "corrupt",
        name,
    )


def _too_many_pixels(name: str, width: int | None = None, height: int | None = None):
    if width is None:
        return _refuse(
            _("Ảnh «%(name)s» vượt giới hạn %(limit)s megapixel. Hãy thu nhỏ ảnh rồi tải lên."),
            "too_many_pixels",
            name,
            limit=round(max_pixels() / 1_000_000, 1),
        )
    return _refuse(
        _(
            "Ảnh «%(name)s» có kích thước %(width)s × %(height)s điểm ảnh, vượt giới hạn "
            "%(limit)s megapixel. Hãy thu nhỏ ảnh trước khi tải lên."
        ),
        "too_many_pixels",
        name,
        width=width,
        height=height,
        limit=round(max_pixels() / 1_000_000, 1),
    )


def _open(data: bytes, kind: str, name: str) -> Image.Image:
    formats = SIGNATURES[kind][1]
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice that; a warning is a refusal here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=sorted(formats))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(name) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise _corrupt(name) from None
    if image.format not in formats:
        raise _corrupt(name)
    width, height = image.size
    if width < 1 or height < 1:
        raise _corrupt(name)
    if width * height > max_pixels():
        raise _too_many_pixels(name, width, height)
    return image


def _check(data: bytes, name: str) -> tuple[str, list[Image.Image]]:
    kind = _kind(data, name)
    if MARKUP.search(data):
        raise _refuse(
            _(
                "Tệp «%(name)s» có chứa mã trang web hoặc mã lệnh lẫn trong ảnh nên không "
                "được nhận. Hãy lưu lại ảnh bằng một chương trình xem ảnh rồi tải lên."
            ),
            "markup",
            name,
        )
    try:
        _open(data, kind, name).verify()  # structure and checksums, without decoding
    except (OSError, SyntaxError, ValueError, EOFError):
        # A PNG cut short fails here ("Truncated File Read"), before any decoding.
        raise _corrupt(name) from None
    image = _open(data, kind, name)  # verify() leaves the image unusable: open again
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image.seek(0)
            image.load()  # decoding every byte is what finds a truncated or damaged file
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
            raise _corrupt(name) from None
        except Image.DecompressionBombWarning:
            raise _too_many_pixels(name, *image.size) from None
    return kind, [image]


def orientation_fix(image: Image.Image) -> Image.Transpose | None:
    """The transposition that turns ``image`` upright according to its EXIF orientation."""
    return ORIENTATIONS.get(image.getexif().get(ExifTags.Base.Orientation))


def _upright_srgb_without_metadata(decoded: list[Image.Image]) -> Image.Image:
    # The picture arrives in a list the caller empties, so that each step below can free the
    # previous copy: Pillow holds a 24-megapixel picture in 96 MB.
    image = decoded.pop()
    fix = orientation_fix(image)
    image = to_srgb(image)
    if fix is not None:
        image = image.transpose(fix)
    # Nothing travels on: EXIF (GPS), XMP, comments and the (now applied) colour profile.
    image.info = {}
    return image


def _stored_name(name: str, extension: str) -> str:
    # The random part keeps a photo's address unguessable: files are served to anyone who
    # asks, and a photo for an article not yet published must not be found by trying the
    # camera's usual names (DSC_0001.jpg…) under the month.
    # 64 random bits: more names than anyone could try over HTTP.
    # Django's slugify folds the marks away; đ has none to fold, so it is spelt d first.
    stem = PurePosixPath(name).stem.replace("đ", "d").replace("Đ", "D")
    stem = slugify(stem)[:80].strip("-") or "anh"
    return f"{stem}-{secrets.token_hex(8)}.{extension}"


def encode(image: Image.Image, pillow_format: str, **options) -> bytes:
    """Encode ``image`` (sRGB, see ``photos.colour``) without any metadata or profile."""
    buffer = io.BytesIO()
    if pillow_format == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    image.save(buffer, format=pillow_format, **options)
    return buffer.getvalue()


def prepare_upload(upload, name: str | None = None) -> CleanImageFile:
    """Check an uploaded file and return the clean photo to store, or raise ValidationError.

    ``name``, when given, is the file's name (``FieldFile.save(name, content)``). The message is in
    Vietnamese and names the file. Nothing is written anywhere: the caller stores the returned
    file, so a refused upload leaves nothing behind.
    """
    if isinstance(upload, CleanImageFile):
        return upload
    name = _display_name(upload, name)
    data = _read(upload, name)
    kind, decoded = _check(data, name)
    del data
    pillow_format, extension = KEPT_AS[kind]
    image = _upright_srgb_without_metadata(decoded)
    options = {"quality": MASTER_QUALITY} if pillow_format in {"JPEG", "WEBP"} else {}
    content = encode(image, pillow_format, **options)
    return CleanImageFile(content, _stored_name(name, extension), *image.size)


class PhotoUploadFormField(forms.ImageField):
    """The form field for a photo file: runs ``prepare_upload`` and hands on the clean file."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return prepare_upload(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT
        return attrs


UPLOAD_HELP = _(
    "JPEG, PNG, WebP hoặc GIF. Khi lưu, ảnh được xoay đúng chiều, chuyển sang hệ màu sRGB và "
    "bỏ thông tin EXIF (kể cả vị trí GPS)."
)


class CleanImageFieldFile(ImageFieldFile):
    """A stored image: whatever is saved into it is the clean copy from ``prepare_upload``.

    ``FileField.pre_save`` stores a new file through this ``save`` too, so the model's own
    ``save()`` and code calling ``instance.photo.save(name, content)`` take the same path.
    """

    def save(self, name, content, save=True):
        clean = prepare_upload(content, name)  # ValidationError: nothing is written
        super().save(clean.name, clean, save)


class PhotoImageField(models.ImageField):
    """The model field for every picture the project stores (photos, author photos, logos).

    Uploads are checked and cleaned by ``prepare_upload`` in forms and in ``save()``. A file
    replaced or cleared, or whose row is deleted, is removed from storage once that is
    committed: a rolled-back save keeps the old file, which the row still names.
    """

    attr_class = CleanImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoUploadFormField, **kwargs})

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            signals.pre_save.connect(self._clean_new_file, sender=cls)
            signals.post_delete.connect(self._remove_deleted_file, sender=cls)

    def _clean_new_file(self, sender, instance, raw=False, **kwargs):
        # Before ``save()`` opens its transaction, so that a refusal leaves the caller's
        # transaction usable (an import goes on with the next file). ``pre_save`` below stores
        # the clean file, and cleans itself what arrives without this signal (bulk_create).
        file = getattr(instance, self.attname)
        if not raw and file and not file._committed:
            setattr(instance, self.attname, prepare_upload(file.file, file.name))

    def pre_save(self, model_instance, add):
        file = super().pre_save(model_instance, add)  # stores a new file, cleaned
        if not add and model_instance.pk is not None:
            using = model_instance._state.db or router.db_for_write(self.model)
            before = (
                self.model._base_manager.using(using)
                .filter(pk=model_instance.pk)
                .values_list(self.attname, flat=True)
                .first()
            )
            if before and before != file.name:
                self._remove_after_commit(before, file.storage, using)
        return file

    def _remove_deleted_file(self, sender, instance, using, **kwargs):
        file = getattr(instance, self.attname)
        if file:
            self._remove_after_commit(file.name, file.storage, using)

    def _remove_after_commit(self, name: str, storage, using: str) -> None:
        def remove():
            # Another row naming the same file (a copied author, say) keeps it.
            if not self.model._base_manager.using(using).filter(**{self.attname: name}).exists():
                storage.delete(name)

        # robust: a file that cannot be removed is logged, the committed save still succeeds.
        transaction.on_commit(remove, using=using, robust=True)
