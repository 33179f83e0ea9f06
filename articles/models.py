"""The newsroom's nouns: organisations, bylines, sections, photos, articles and the glossary."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Prefetch
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .images import PhotoImageField, prepare_upload
from .renditions import delete_files, ensure_renditions, rendition_names
from .richtext import RichTextField
from .text import slugify_vi, unique_slug


class SluggedModel(models.Model):
    """A model whose unique slug is made from its name when left empty."""

    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Để trống để tự tạo từ tên."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)


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
    logo = models.ImageField(_("biểu trưng"), upload_to="organisations/", blank=True)
    website = models.URLField(_("trang web"), blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tổ chức")
        verbose_name_plural = _("tổ chức")
        ordering = ["position", "name"]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("articles:organisation", kwargs={"slug": self.slug})

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
    photo = models.ImageField(_("ảnh"), upload_to="authors/", blank=True)
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
        return reverse("articles:author", kwargs={"slug": self.slug})


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
        return reverse("articles:category", kwargs={"slug": self.slug})

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
        return reverse("articles:tag", kwargs={"slug": self.slug})


class Photo(models.Model):
    """A picture in the media library; its width and height are stored with it.

    A new file is checked and cleaned by ``articles.images`` before it is stored, whichever way
    it arrives, and its renditions are made by ``articles.renditions`` when it is saved.
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

    class Meta:
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
        super().save(*args, **kwargs)
        ensure_renditions(self)
        if replaced and replaced["image"] != self.image.name:
            old = [replaced["image"], *rendition_names(replaced["renditions"])]
            delete_files(self.image.storage, old)


@receiver(post_delete, sender=Photo)
def delete_photo_files(sender, instance, **kwargs):
    """A deleted photo takes its file and renditions with it, once the deletion is committed."""
    if instance.image:
        names = [instance.image.name, *rendition_names(instance.renditions)]
        delete_files(instance.image.storage, names)


class ArticleQuerySet(models.QuerySet):
    """The questions the site asks about articles, each one call."""

    def published(self):
        """What the public may see: published, with a publication time that has come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self):
        """Published with a publication time still to come."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def for_organisation(self, organisation):
        return self.filter(organisations=organisation)

    def in_category(self, category):
        """Articles of a section and of its subsections."""
        return self.filter(models.Q(category=category) | models.Q(category__parent=category))

    def by_author(self, author):
        return self.filter(authors=author)

    def tagged(self, tag):
        return self.filter(tags=tag)

    def with_related(self):
        """Fetch what a list or page shows in a constant number of queries."""
        return self.select_related("category", "featured_photo").prefetch_related(
            Prefetch(
                "bylines",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position"),
            ),
            "organisations",
            "tags",
        )


class Article(models.Model):
    """A news article, from first draft to publication."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        IN_REVIEW = "in_review", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        PUBLISHED = "published", _("Đã xuất bản")

    title = models.CharField(_("tiêu đề"), max_length=255)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=255,
        blank=True,
        allow_unicode=False,
        help_text=_("Để trống để tự tạo từ tiêu đề."),
    )
    lead = models.TextField(_("sapo"), blank=True, help_text=_("Đoạn mở đầu tóm tắt bài viết."))
    body = RichTextField(_("nội dung"), blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("chuyên mục"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("tổ chức"), blank=True, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("thẻ"), blank=True, related_name="articles")
    authors = models.ManyToManyField(
        Author,
        verbose_name=_("tác giả"),
        through="ArticleAuthor",
        blank=True,
        related_name="articles",
    )
    featured_photo = models.ForeignKey(
        Photo,
        verbose_name=_("ảnh đại diện"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="featured_in",
    )
    source = models.CharField(
        _("đơn vị"), max_length=255, blank=True, help_text=_("Đơn vị thực hiện bài viết.")
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("thời điểm xuất bản"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles_created",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = [F("published_at").desc(nulls_last=True), "-created_at", "-pk"]
        get_latest_by = "published_at"
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_published"),
            models.Index(fields=["created_by", "status"], name="article_owner_status"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.title, max_length=200) or "bai-viet"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug, "pk": self.pk})

    def set_byline(self, authors: list["Author"]) -> None:
        """Replace the byline with ``authors``, in that order."""
        self.bylines.all().delete()
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=self, author=author, position=number)
            for number, author in enumerate(authors, start=1)
        )

    def renumber_byline(self) -> None:
        """Store byline positions as 1, 2, 3… keeping the order the editor gave."""
        for number, entry in enumerate(self.bylines.order_by("position", "pk"), start=1):
            if entry.position != number:
                entry.position = number
                entry.save(update_fields=["position"])

    @property
    def byline(self) -> list["Author"]:
        """The authors in byline order (uses the prefetch of ``with_related`` when present)."""
        return [entry.author for entry in self.bylines.all()]

    @property
    def is_public(self) -> bool:
        """Whether the public may see this article now."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ArticleAuthor(models.Model):
    """One author's place in an article's byline."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(
        Author, verbose_name=_("tác giả"), on_delete=models.PROTECT, related_name="bylines"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tác giả của bài")
        verbose_name_plural = _("tác giả của bài")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "author"], name="byline_author_once"),
        ]

    def __str__(self):
        return f"{self.position}. {self.author}"


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
