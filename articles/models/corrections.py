"""Corrections and updates shown to readers under a published article (issue 19, item 4)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article

TEXT_LENGTH = 2000


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """The notes readers may see: those of articles the public sees now (an article taken
        down, under embargo or past its end time shows none, anywhere)."""
        return self.filter(article__in=Article.objects.published().values("pk"))

    def newest_first(self):
        return self.order_by("-noted_at", "-pk")


class Correction(models.Model):
    """A dated note an editor adds to a published article: a correction of a fact, or an
    update to a developing story. Plain text, escaped wherever it is shown."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Đính chính")
        UPDATE = "update", _("Cập nhật")

    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(
        _("nội dung"),
        max_length=TEXT_LENGTH,
        help_text=_("Bạn đọc thấy nguyên văn dưới bài, kèm ngày giờ."),
    )
    noted_at = models.DateTimeField(_("thời điểm"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thêm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("đính chính / cập nhật")
        verbose_name_plural = _("đính chính và cập nhật")
        ordering = ["noted_at", "pk"]
        get_latest_by = "noted_at"
        indexes = [
            # The article's own notes, oldest first; the public list, newest first.
            models.Index(fields=["article", "noted_at"], name="correction_article"),
            models.Index(fields=["noted_at"], name="correction_noted"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self):
        return self.article.get_absolute_url() + f"#dinh-chinh-{self.pk}"

    @staticmethod
    def list_url() -> str:
        return reverse("public:corrections")
