"""The newsroom's nouns: organisations, bylines, sections, photos, articles and the glossary."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, router, transaction
from django.db.models import F, Prefetch, ProtectedError
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import caching
from .images import UPLOAD_HELP, PhotoImageField, prepare_upload
from .renditions import delete_files, ensure_renditions, rendition_names
from .richtext import RichTextField, shown_photo_ids
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


def refuse_deleting_used_organisations(organisations) -> None:
    """Raise ProtectedError when articles name any of ``organisations``.

    Articles name organisations through a many-to-many, which Django would quietly untag on
    delete; this refuses it before anything is written, as ``on_delete=PROTECT`` does.
    """
    used = Article.objects.filter(organisations__in=organisations).distinct().order_by("pk")
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
        return reverse("articles:organisation", kwargs={"slug": self.slug})

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


BODY_PHOTO_REFUSAL = _("Không thể xóa ảnh vì có bài viết đang dùng nó trong nội dung.")


def refuse_deleting_shown_photos(photos) -> None:
    """Raise ProtectedError when an article's body shows any of ``photos``, whatever its status.

    A body shows a photo through ``Article.body_photos``, which Django would quietly empty on
    delete; this refuses it before anything is written, as ``featured_photo``'s ``PROTECT``
    does for the featured photo.
    """
    used = Article.objects.filter(body_photos__in=photos).distinct().order_by("pk")
    if used.exists():
        raise ProtectedError(BODY_PHOTO_REFUSAL, set(used))


class PhotoQuerySet(models.QuerySet):
    def delete(self):
        refuse_deleting_shown_photos(self)
        return super().delete()


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

    objects = PhotoQuerySet.as_manager()

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
        refuse_deleting_shown_photos([self])
        return super().delete(*args, **kwargs)


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
        # By the sections' ids rather than through a join on the parent, so the database can
        # walk the (section, status, date) index instead of every article.
        sections = Category.objects.filter(models.Q(pk=category.pk) | models.Q(parent=category.pk))
        return self.filter(category__in=sections.values("pk"))

    def by_author(self, author):
        return self.filter(authors=author)

    def tagged(self, tag):
        return self.filter(tags=tag)

    def newest_first(self):
        """Newest publication first, in an order the (status, published_at) index serves.

        The model's default ordering puts NULL dates last, which PostgreSQL cannot read
        from that index backwards: on 100,000 articles "the latest 7" went from 88 ms to 3 ms.
        """
        return self.order_by("-published_at", "-pk")

    def for_cards(self):
        """What an article card shows (section, photo, lead), without the heavy body."""
        return self.select_related("category", "featured_photo").defer("body")

    def with_related(self):
        """Fetch what a list or page shows in a constant number of queries."""
        return self.select_related("category", "featured_photo").prefetch_related(
            BYLINES, "organisations", "tags"
        )


class Article(models.Model):
    """A news article, from first draft to publication."""

    # Search results set these (highlighted); empty otherwise, so a card asking for them
    # finds a plain attribute instead of failing a lookup on every article it shows.
    title_html = ""
    snippet_html = ""

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
    # The library photos the body shows, kept by ``save`` from the cleaned body (and by
    # ``rebuild_body_photos`` for bodies written around it); they cannot be deleted.
    body_photos = models.ManyToManyField(
        Photo,
        verbose_name=_("ảnh trong nội dung"),
        through="ArticleBodyPhoto",
        blank=True,
        editable=False,
        related_name="shown_in",
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
    # Set by the plain-text importer (title and date), so importing the same text twice
    # finds the article made the first time instead of making another.
    import_key = models.CharField(
        _("mã nhập từ văn bản"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = [F("published_at").desc(nulls_last=True), "-created_at", "-pk"]
        get_latest_by = "published_at"
        permissions = [
            ("review_article", _("Có thể duyệt hoặc trả lại bài viết")),
            ("publish_article", _("Có thể xuất bản, hẹn giờ và gỡ bài viết")),
        ]
        indexes = [
            # The public lists walk this index newest first; it carries the section, so the
            # front page reads its recent articles' sections from the index alone.
            models.Index(
                fields=["status", "published_at"],
                include=["category"],
                name="article_status_published",
            ),
            models.Index(fields=["category", "status", "published_at"], name="article_section"),
            models.Index(fields=["status", "updated_at"], name="article_status_updated"),
            # On PostgreSQL the migration ``article_list_indexes`` also indexes the default
            # order (``article_admin_order``) for the admin's list; SQLite cannot index it.
            models.Index(fields=["created_by", "status"], name="article_owner_status"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.title, max_length=200) or "bai-viet"
        update_fields = kwargs.get("update_fields")
        adding = self._state.adding
        body_saved = update_fields is None or "body" in update_fields
        if not body_saved or (adding and "<img" not in (self.body or "")):
            super().save(*args, **kwargs)  # no body photos to record
            return
        # The body and its photos together, so a photo deleted meanwhile fails the save
        # instead of leaving a body that shows it.
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            super().save(*args, **kwargs)
            self.link_body_photos(new=adding)

    def get_absolute_url(self):
        if not self.slug:  # cleared in a form that has not been saved yet: the id finds it
            return reverse("articles:detail-by-id", kwargs={"pk": self.pk})
        return reverse("articles:detail", kwargs={"slug": self.slug, "pk": self.pk})

    def link_body_photos(self, *, new: bool = False) -> None:
        """Record in ``body_photos`` the library photos the saved body shows.

        No query to find them (the cleaned body names each one); none at all for a new article
        without images, one when nothing changed.
        """
        shown = shown_photo_ids(self.body)
        if shown or not new:
            self.body_photos.set(shown)

    def set_byline(self, authors: list["Author"]) -> None:
        """Replace the byline with ``authors``, in that order."""
        self.bylines.all().delete()
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=self, author=author, position=number)
            for number, author in enumerate(authors, start=1)
        )
        # bulk_create sends no signal: tell the public page cache the byline changed.
        caching.invalidate()

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


def protect_shown_photos(collector, field, sub_objs, using):
    """``on_delete`` of a body's link to a photo: the articles showing the photo protect it.

    ``Photo.delete`` refuses first, with its own message; this names the articles (not the
    links) wherever Django collects what a deletion would touch, as the admin's delete page does.
    """
    articles = Article.objects.using(using).filter(pk__in=sub_objs.values("article_id"))
    raise ProtectedError(BODY_PHOTO_REFUSAL, set(articles.order_by("pk")))


class ArticleBodyPhoto(models.Model):
    """A library photo shown in an article's body (``Article.body_photos``)."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="body_photo_links",
    )
    photo = models.ForeignKey(
        Photo,
        verbose_name=_("ảnh"),
        on_delete=protect_shown_photos,
        related_name="body_photo_links",
    )

    class Meta:
        verbose_name = _("ảnh trong nội dung bài")
        verbose_name_plural = _("ảnh trong nội dung bài")
        constraints = [
            models.UniqueConstraint(fields=["article", "photo"], name="body_photo_once"),
        ]

    def __str__(self):
        return _("Ảnh số %(photo)s trong nội dung") % {"photo": self.photo_id}


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


class Revision(models.Model):
    """A frozen copy of an article's editable content, kept at every save."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("số phiên bản"))
    content = models.JSONField(_("nội dung"))
    reason = models.CharField(_("lý do"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lưu"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        verbose_name = _("phiên bản")
        verbose_name_plural = _("phiên bản")
        ordering = ["-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_number_once"),
        ]

    def __str__(self):
        return f"{self.article_id} #{self.number}"


class Transition(models.Model):
    """One change of an article's status: who, when, from, to, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Gửi duyệt")
        RETURN = "return", _("Trả lại")
        APPROVE = "approve", _("Duyệt")
        PUBLISH = "publish", _("Xuất bản")
        SCHEDULE = "schedule", _("Lên lịch")
        UNPUBLISH = "unpublish", _("Gỡ bài")
        IMPORT = "import", _("Nhập từ lưu trữ")

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("thao tác"), max_length=16, choices=Action)
    from_status = models.CharField(_("từ trạng thái"), max_length=16, choices=Article.Status)
    to_status = models.CharField(_("sang trạng thái"), max_length=16, choices=Article.Status)
    comment = models.TextField(_("ghi chú"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        verbose_name = _("chuyển trạng thái")
        verbose_name_plural = _("lịch sử chuyển trạng thái")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.article_id}: {self.from_status} → {self.to_status}"


class Note(models.Model):
    """A remark on an article in the editorial thread, without a change of status."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người viết"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    text = models.TextField(_("nội dung"))
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        verbose_name = _("ghi chú biên tập")
        verbose_name_plural = _("ghi chú biên tập")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


class EditPresence(models.Model):
    """Who has an article's edit page open; a row older than the timeout no longer counts."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("người đang sửa")
        verbose_name_plural = _("người đang sửa")
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="presence_once"),
        ]
        indexes = [models.Index(fields=["article", "seen_at"], name="presence_recent")]

    def __str__(self):
        return f"{self.user_id} @ {self.article_id}"


class SearchDocument(models.Model):
    """An article's words as the search engine keeps them; ``articles.search`` fills it.

    On PostgreSQL ``vector`` holds the weighted tsvector (title A, lead B, body C), with a GIN
    index made by migration on PostgreSQL only; on other databases ``text`` holds the folded
    words. A table of its own keeps these large columns out of every article query.
    """

    article = models.OneToOneField(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    vector = SearchVectorField(null=True, editable=False)
    text = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")

    def __str__(self):
        return str(self.article_id)


# The byline in order, with its authors: one query for any number of articles.
BYLINES = Prefetch(
    "bylines", queryset=ArticleAuthor.objects.select_related("author").order_by("position")
)


class PreviewLinkQuerySet(models.QuerySet):
    def live(self):
        """Links that still open their article: neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class PreviewLink(models.Model):
    """A link that shows one version of an unpublished article to someone without an account.

    Only a digest of the link's random key is stored, so the table cannot be turned back into
    working links; ``articles.preview_links`` makes, finds and revokes them.
    """

    class Closed(models.TextChoices):
        REVOKED = "revoked", _("Thu hồi")
        PUBLISHED = "published", _("Bài được xuất bản")
        UNPUBLISHED = "unpublished", _("Bài bị gỡ")

    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    # The version the link shows, whatever is written after it was made.
    revision = models.ForeignKey(
        Revision, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="+"
    )
    key_digest = models.CharField(_("mã băm của khóa"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thu hồi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_because = models.CharField(
        _("lý do hết hiệu lực"), max_length=16, choices=Closed, blank=True
    )

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("liên kết xem trước")
        verbose_name_plural = _("liên kết xem trước")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.article_id} / {self.pk}"
