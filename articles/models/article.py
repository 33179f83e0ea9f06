"""The article, its byline and the library photos its body shows."""

from django.conf import settings
from django.db import models, router, transaction
from django.db.models import F, Prefetch, ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.taxonomy import Author, Category, Organisation, Tag
from articles.richtext import RichTextField, shown_photo_ids
from articles.text import slugify_vi
from newsroom import pagecache as caching
from photos.models import Photo

BODY_PHOTO_REFUSAL = _("Không thể xóa ảnh vì có bài viết đang dùng nó trong nội dung.")


class ArticleQuerySet(models.QuerySet):
    """The questions the site asks about articles, each one call."""

    def published(self):
        """What the public may see: published, with a publication time that has come, not
        past its end time and not under embargo (no cron: the clock decides each query)."""
        now = timezone.now()
        return (
            self.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
            .exclude(expires_at__lte=now)
            .exclude(embargo_until__gt=now)
        )

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
    # Set through articles.workflow.set_time_limits (issue 19): the public site stops showing
    # the article at ``expires_at`` and never shows it before ``embargo_until``.
    expires_at = models.DateTimeField(_("gỡ khỏi trang lúc"), null=True, blank=True, editable=False)
    embargo_until = models.DateTimeField(_("cấm đăng đến"), null=True, blank=True, editable=False)
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
    # A published article's next version, waiting for the workflow while the public keeps
    # reading this row (``articles.pending``): the revision holding it, and its own status.
    pending_revision = models.ForeignKey(
        "articles.Revision",
        verbose_name=_("phiên bản đang chờ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # "published" here means scheduled: the version replaces the public one at
    # ``pending_publish_at`` (``articles.pending.publish_due``, run by the page cache's clock).
    pending_status = models.CharField(
        _("trạng thái phiên bản đang chờ"),
        max_length=16,
        choices=[(s.value, s.label) for s in Status],
        blank=True,
        editable=False,
    )
    pending_publish_at = models.DateTimeField(
        _("phiên bản đang chờ lên trang lúc"), null=True, blank=True, editable=False
    )
    pending_started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo phiên bản đang chờ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
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
            # front page reads its recent articles' sections from the index alone, and what
            # ``published()`` and the coverage report read, so a year's counted articles come
            # from the index alone (reports.figures: 20,000 rows in 5 ms instead of 6,400 pages).
            models.Index(
                fields=["status", "published_at"],
                include=["category", "id", "featured_photo", "expires_at", "embargo_until"],
                name="article_status_published",
            ),
            models.Index(fields=["category", "status", "published_at"], name="article_section"),
            models.Index(fields=["status", "updated_at"], name="article_status_updated"),
            # On PostgreSQL the migration ``article_list_indexes`` also indexes the default
            # order (``article_admin_order``) for the admin's list; SQLite cannot index it.
            models.Index(fields=["created_by", "status"], name="article_owner_status"),
            # The page cache's next expiry and end of embargo (selectors.next_publication_time).
            models.Index(fields=["status", "expires_at"], name="article_status_expires"),
            models.Index(fields=["status", "embargo_until"], name="article_status_embargo"),
            # The first scheduled update (selectors.next_publication_time).
            models.Index(
                fields=["pending_status", "pending_publish_at"], name="article_pending_due"
            ),
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
            return reverse("public:detail-by-id", kwargs={"pk": self.pk})
        return reverse("public:detail", kwargs={"slug": self.slug, "pk": self.pk})

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        # Whether readers could have seen it as loaded: a save of what was and stays a draft
        # changes no public page (``articles.signals.public_change``).
        if "status" in field_names:
            article.was_published = article.status == cls.Status.PUBLISHED
        return article

    def touches_the_public(self, *, created: bool = False) -> bool:
        """Whether a change to this article can change a public page: it is (or is to be)
        published, or was when loaded or last saved; unknown counts as yes."""
        was = False if created else self.__dict__.get("was_published", True)
        return was or self.status == self.Status.PUBLISHED

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
    def desk_status(self) -> str:
        """The status the desk works on: a pending version's while there is one."""
        if self.pending_revision_id and self.pending_status:
            return self.pending_status
        return self.status

    @property
    def has_pending_version(self) -> bool:
        return bool(self.pending_revision_id and self.pending_status)

    @property
    def has_scheduled_update(self) -> bool:
        """Whether a pending version waits for its time to replace the public one."""
        return self.has_pending_version and self.pending_status == self.Status.PUBLISHED

    def get_desk_status_display(self) -> str:
        if self.has_scheduled_update:
            return str(_("Đã hẹn giờ cập nhật"))
        return str(self.Status(self.desk_status).label)

    @property
    def is_public(self) -> bool:
        """Whether the public may see this article now."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
            and (self.embargo_until is None or self.embargo_until <= now)
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


BYLINES = Prefetch(
    "bylines", queryset=ArticleAuthor.objects.select_related("author").order_by("position")
)
