"""Editorial records: revisions, transitions, notes, who has an article open, preview links."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class EditorialRecord(models.Model):
    """What every record of an article's editorial history holds: the article, and when.

    Revisions, transitions and notes each add who made them (``actor_field``), under the name
    that says what that person did, and what was recorded.
    """

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="%(class)ss"
    )
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now)

    class Meta:
        abstract = True


def actor_field(verbose_name, *, blank: bool = True) -> models.ForeignKey:
    """The account that made an editorial record; the record outlives the account."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name="+",
    )


class Revision(EditorialRecord):
    """A frozen copy of an article's editable content, kept at every save."""

    number = models.PositiveIntegerField(_("số phiên bản"))
    content = models.JSONField(_("nội dung"))
    reason = models.CharField(_("lý do"), max_length=255, blank=True)
    created_by = actor_field(_("người lưu"))

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


class Transition(EditorialRecord):
    """One change of an article's status: who, when, from, to, and why."""

    class Action(models.TextChoices):
        SUBMIT = "submit", _("Gửi duyệt")
        RETURN = "return", _("Trả lại")
        APPROVE = "approve", _("Duyệt")
        PUBLISH = "publish", _("Xuất bản")
        SCHEDULE = "schedule", _("Lên lịch")
        UNPUBLISH = "unpublish", _("Gỡ bài")
        IMPORT = "import", _("Nhập từ lưu trữ")
        DISCARD = "discard", _("Bỏ phiên bản cập nhật")

    action = models.CharField(_("thao tác"), max_length=16, choices=Action)
    from_status = models.CharField(_("từ trạng thái"), max_length=16, choices=Article.Status)
    to_status = models.CharField(_("sang trạng thái"), max_length=16, choices=Article.Status)
    comment = models.TextField(_("ghi chú"), blank=True)
    actor = actor_field(_("người thực hiện"))

    class Meta:
        verbose_name = _("chuyển trạng thái")
        verbose_name_plural = _("lịch sử chuyển trạng thái")
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self):
        return f"{self.article_id}: {self.from_status} → {self.to_status}"


class Note(EditorialRecord):
    """A remark on an article in the editorial thread, without a change of status."""

    author = actor_field(_("người viết"), blank=False)
    text = models.TextField(_("nội dung"))

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


class Autosave(models.Model):
    """What one person was typing in one article's edit page, kept every few seconds.

    Not a revision: one row per person and article (``key``: ``article-<id>``, or
    ``new-<token>`` for an article not saved yet), overwritten in place, dropped when the
    person saves or discards it. ``articles.autosave`` writes and reads it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("khóa"), max_length=64)
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, null=True, blank=True, related_name="autosaves"
    )
    content = models.JSONField(_("nội dung"))
    base_version = models.PositiveIntegerField(_("phiên bản gốc"), null=True, blank=True)
    saved_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("bản lưu tự động")
        verbose_name_plural = _("bản lưu tự động")
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="autosave_once"),
        ]

    def __str__(self):
        return f"{self.user_id} @ {self.key}"


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
