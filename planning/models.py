"""The story budget: an assignment made before any text exists, and each person's calendar key."""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category, Organisation


class AssignmentQuerySet(models.QuerySet):
    def open(self):
        """Waiting to be accepted or accepted, with no draft yet (the (assignee, status,
        due) index serves a person's list)."""
        return self.filter(status__in=[Assignment.Status.PLANNED, Assignment.Status.ACCEPTED])

    def for_assignee(self, user):
        return self.filter(assignee=user)

    def overdue(self):
        return self.open().filter(due_at__lt=timezone.now())


class Assignment(models.Model):
    """A planned story: who covers what, for when, before a line is written."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Chờ nhận")
        ACCEPTED = "accepted", _("Đã nhận")
        DECLINED = "declined", _("Đã từ chối")
        DRAFTED = "drafted", _("Đã viết nháp")

    class Kind(models.TextChoices):
        WRITE = "write", _("Viết bài")
        PHOTO = "photo", _("Chụp ảnh")

    working_title = models.CharField(_("tên tạm"), max_length=255)
    kind = models.CharField(_("việc"), max_length=8, choices=Kind, default=Kind.WRITE)
    category = models.ForeignKey(
        Category,
        verbose_name=_("chuyên mục"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("tổ chức"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    due_at = models.DateTimeField(_("hạn nộp"))
    expected_words = models.PositiveIntegerField(_("độ dài dự kiến (chữ)"), null=True, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status, default=Status.PLANNED
    )
    decline_reason = models.TextField(_("lý do từ chối"), blank=True)
    article = models.OneToOneField(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignment",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        on_delete=models.PROTECT,
        related_name="assignments_made",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày cập nhật"), auto_now=True)
    # When the day-before reminder went out (or the assignment e-mail stood for it).
    reminded_at = models.DateTimeField(_("đã nhắc lúc"), null=True, blank=True, editable=False)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        ordering = ["due_at", "pk"]
        get_latest_by = "due_at"
        indexes = [
            models.Index(fields=["assignee", "status", "due_at"], name="assignment_assignee"),
            models.Index(fields=["due_at"], name="assignment_due"),
        ]

    def __str__(self):
        return self.working_title

    def get_absolute_url(self):
        return reverse("admin:planning_assignment_change", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.ACCEPTED)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_at < timezone.now()


def new_calendar_token() -> str:
    return secrets.token_urlsafe(16)


class CalendarKey(models.Model):
    """The token inside a person's signed calendar address; a new token revokes the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="calendar_key",
    )
    token = models.CharField(_("mã"), max_length=40, default=new_calendar_token)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now=True)

    class Meta:
        verbose_name = _("khóa lịch")
        verbose_name_plural = _("khóa lịch")

    def __str__(self):
        return str(self.user)
