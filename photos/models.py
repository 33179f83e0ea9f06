"""The media library's model: a photo, its stored size, description, uploader and renditions."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models, router, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from photos import policy
from photos.images import PhotoImageField, prepare_upload
from photos.renditions import delete_files, ensure_renditions, rendition_names


class PhotoQuerySet(models.QuerySet):
    def delete(self):
        policy.current().refuse_deleting(self)
        return super().delete()


class Photo(models.Model):
    """A picture in the media library; its width and height are stored with it.

    A new file is checked and cleaned by ``photos.images`` before it is stored, whichever way
    it arrives, and its renditions are made by ``photos.renditions`` when it is saved.
    """

    image = PhotoImageField(
        _("ảnh"),
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        help_text=_(
            "JPEG, PNG, WebP hoặc GIF. Khi lưu, ảnh được xoay đúng chiều và bỏ thông tin EXIF "
            "(kể cả vị trí GPS)."
        ),
    )
    width = models.PositiveIntegerField(_("chiều rộng"), editable=False, default=0)
    height = models.PositiveIntegerField(_("chiều cao"), editable=False, default=0)
    caption = models.CharField(_("chú thích"), max_length=500, blank=True)
    alt_text = models.CharField(
        _("mô tả thay thế"),
        max_length=255,
        help_text=_("Mô tả ngắn nội dung ảnh cho người không xem được ảnh."),
    )
    credit = models.CharField(_("nguồn ảnh"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="photos",
    )
    created_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)
    focal_x = models.PositiveSmallIntegerField(
        _("tiêu điểm ngang (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Điểm phải giữ khi cắt ảnh (ví dụ một khuôn mặt), tính từ mép trái."),
    )
    focal_y = models.PositiveSmallIntegerField(
        _("tiêu điểm dọc (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Tính từ mép trên. Để trống cả hai thì giữ phần giữa ảnh."),
    )
    renditions = models.JSONField(_("các cỡ ảnh"), default=dict, blank=True, editable=False)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        # The table the photos had when they lived in the articles app: moving the model to
        # this app moved no row (migration photos 0001).
        db_table = "articles_photo"
        verbose_name = _("ảnh")
        verbose_name_plural = _("thư viện ảnh")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return self.caption or self.alt_text or self.image.name

    def save(self, *args, **kwargs):
        replaced = None
        if self.image and not self.image._committed:
            self.image = prepare_upload(self.image.file)  # ValidationError: nothing is stored
            if self.pk:
                replaced = Photo.objects.filter(pk=self.pk).values("image", "renditions").first()
        # The new file and its renditions are written before the row that names them commits,
        # and the old ones are deleted after it (``delete_files`` waits for the commit): a
        # reader, and the page cache (told at the commit), go from one complete set of files
        # to the other, never to a name whose file is gone or not made yet.
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            super().save(*args, **kwargs)
            ensure_renditions(self)
            if replaced and replaced["image"] != self.image.name:
                old = [replaced["image"], *rendition_names(replaced["renditions"])]
                delete_files(self.image.storage, old)

    def delete(self, *args, **kwargs):
        policy.current().refuse_deleting([self])
        return super().delete(*args, **kwargs)


@receiver(post_delete, sender=Photo)
def delete_photo_files(sender, instance, **kwargs):
    """A deleted photo takes its file and renditions with it, once the deletion is committed."""
    if instance.image:
        names = [instance.image.name, *rendition_names(instance.renditions)]
        delete_files(instance.image.storage, names)
