"""The taxonomy: organisations, bylines (authors), sections, tags and the glossary."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models.base import SluggedModel
from photos.images import UPLOAD_HELP, PhotoImageField


def refuse_deleting_used_organisations(organisations) -> None:
    """Raise ProtectedError when articles name any of ``organisations``.

    Articles name organisations through a many-to-many, which Django would quietly untag on
    delete; this refuses it before anything is written, as ``on_delete=PROTECT`` does.
    """
    from django.apps import apps

    article_model = apps.get_model("articles", "Article")
    used = article_model.objects.filter(organisations__in=organisations).distinct().order_by("pk")
    if used.exists():
        raise ProtectedError(_("Không thể xóa tổ chức vì có bài viết đang gắn với nó."), set(used))


class OrganisationQuerySet(models.QuerySet):
    def delete(self):
        refuse_deleting_used_organisations(self)
        return super().delete()


class Organisation(SluggedModel):
    """One of the city's political and social organisations that articles are about."""

    class Kind(models.TextChoices):
        FRONT = "front", _("Mặt trận Tổ quốc")
        MASS = "mass", _("Tổ chức chính trị - xã hội")
        PARTY = "party", _("Cơ quan Đảng")
        GOVERNMENT = "government", _("Cơ quan chính quyền")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên"), max_length=255, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    aliases = models.TextField(
        _("tên gọi khác"),
        blank=True,
        help_text=_("Mỗi dòng một cách viết khác, dùng để tự gắn bài viết với tổ chức."),
    )
    kind = models.CharField(_("loại"), max_length=16, choices=Kind, default=Kind.MASS)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(_("giới thiệu"), blank=True)
    logo = PhotoImageField(
        _("biểu trưng"), upload_to="organisations/", blank=True, help_text=UPLOAD_HELP
    )
    website = models.URLField(_("trang web"), blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["position", "name"]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("public:organisation", kwargs={"slug": self.slug})

    def delete(self, *args, **kwargs):
        refuse_deleting_used_organisations([self])
        return super().delete(*args, **kwargs)

    @property
    def alias_list(self) -> list[str]:
        """The other spellings of the name, one per line in ``aliases``."""
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    def clean(self):
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Một tổ chức không thể trực thuộc chính nó.")})


class Author(SluggedModel):
    """A name in a byline; it may or may not belong to a user account."""

    name = models.CharField(_("họ tên"), max_length=255)
    unit = models.CharField(_("đơn vị"), max_length=255, blank=True)
    bio = models.TextField(_("giới thiệu"), blank=True)
    photo = PhotoImageField(_("ảnh"), upload_to="authors/", blank=True, help_text=UPLOAD_HELP)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
    )

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:author", kwargs={"slug": self.slug})


class Category(SluggedModel):
    """A section of the site (chuyên mục); sections nest one level at most."""

    name = models.CharField(_("tên"), max_length=255)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chuyên mục cha"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(_("mô tả"), blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name

    def get_absolute_url(self):
        return reverse("public:category", kwargs={"slug": self.slug})

    def clean(self):
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": _("Chuyên mục không thể là cha của chính nó.")})
        if self.parent.parent_id is not None:
            raise ValidationError(
                {"parent": _("Chuyên mục chỉ được lồng một cấp: hãy chọn một chuyên mục gốc.")}
            )
        if self.pk and self.children.exists():
            raise ValidationError(
                {"parent": _("Chuyên mục này đã có chuyên mục con nên không thể làm con.")}
            )


class Tag(SluggedModel):
    """A free keyword (thẻ) shared by articles."""

    name = models.CharField(_("tên"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:tag", kwargs={"slug": self.slug})


class Abbreviation(models.Model):
    """A short form readers may not know, explained on first use in an article."""

    short_form = models.CharField(_("chữ viết tắt"), max_length=32, unique=True)
    expansion = models.CharField(_("nghĩa đầy đủ"), max_length=255)

    class Meta:
        verbose_name = _("chữ viết tắt")
        verbose_name_plural = _("chữ viết tắt")
        ordering = ["short_form"]

    def __str__(self):
        return f"{self.short_form} — {self.expansion}"
