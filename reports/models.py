"""An editor's royalty grade (nhuận bút) for a published article."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

# The centre's scale: grade → points. NEWSROOM_ROYALTY_SCALE in the settings replaces it.
DEFAULT_SCALE = {"A": 10, "B": 8, "C": 6, "D": 4}


def royalty_scale() -> dict[str, Decimal]:
    """The grades editors may give and the points each is worth, best first."""
    scale = getattr(settings, "NEWSROOM_ROYALTY_SCALE", DEFAULT_SCALE)
    return {str(grade): Decimal(str(points)) for grade, points in scale.items()}


class RoyaltyGrade(models.Model):
    """The grade and points an editor gave a published article, summed into the royalty sheet."""

    article = models.OneToOneField(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="royalty_grade",
    )
    grade = models.CharField(_("loại"), max_length=8)
    points = models.DecimalField(
        _("điểm"),
        max_digits=6,
        decimal_places=2,
        blank=True,
        help_text=_("Để trống để lấy điểm của loại theo thang của trung tâm."),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chấm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    graded_at = models.DateTimeField(_("thời điểm chấm"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("chấm nhuận bút")
        verbose_name_plural = _("chấm nhuận bút")
        ordering = ["-graded_at", "-pk"]
        permissions = [
            ("view_reports", _("Có thể xem báo cáo xuất bản")),
            ("view_royalties", _("Có thể xem bảng nhuận bút")),
        ]

    def __str__(self):
        return f"{self.article_id}: {self.grade} ({self.points})"

    def clean(self):
        scale = royalty_scale()
        if self.grade not in scale:
            message = _("Loại không có trong thang: %(grades)s.")
            raise ValidationError({"grade": message % {"grades": ", ".join(scale)}})
        if self.points is None:
            self.points = scale[self.grade]
        elif self.points < 0:
            raise ValidationError({"points": _("Điểm không được âm.")})
        if self.article_id and not Article.objects.published().filter(pk=self.article_id).exists():
            raise ValidationError({"article": _("Chỉ chấm nhuận bút cho bài đã xuất bản.")})
