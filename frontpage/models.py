"""The edited front page (one row, its stories and section order) and the daily read counts."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category


class FrontPage(models.Model):
    """The front page: there is one (``FrontPage.get()``), edited on one admin page so that
    its stories and sections change together and the audit log names them in one entry."""

    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")

    def __str__(self):
        return str(_("Trang chủ"))

    @classmethod
    def get(cls) -> "FrontPage":
        front, _created = cls.objects.get_or_create(pk=1)
        return front


class StoryQuerySet(models.QuerySet):
    def running(self, now=None):
        """Choices whose end time has not come (or that have none)."""
        now = now or timezone.now()
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))


class FrontPageStory(models.Model):
    """A story the newsroom put on the front page: position 1 is the lead, the next ones the
    featured stories. After ``ends_at`` its place shows the newest article instead."""

    front_page = models.ForeignKey(
        FrontPage, verbose_name=_("trang chủ"), on_delete=models.CASCADE, related_name="stories"
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        related_name="front_page_stories",
    )
    position = models.PositiveSmallIntegerField(
        _("vị trí"), help_text=_("1 là bài chính (bài lớn đầu trang), 2 trở đi là bài nổi bật.")
    )
    ends_at = models.DateTimeField(
        _("hết hạn lúc"),
        null=True,
        blank=True,
        help_text=_("Để trống: giữ cho tới khi đổi. Sau thời điểm này, vị trí hiện bài mới nhất."),
    )

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài trên trang chủ")
        verbose_name_plural = _("bài trên trang chủ")
        ordering = ["position", "pk"]
        # No unique constraint on the position or the article: an editor swapping two stories
        # saves the rows one by one, which would clash halfway. The admin's formset refuses
        # duplicates, and ``front.compose`` reads one story a position.
        indexes = [models.Index(fields=["ends_at"], name="frontpage_story_ends_at")]

    def __str__(self):
        return f"{self.position}. {self.article}"


class FrontPageSection(models.Model):
    """A section block on the front page, in order. With none chosen, every top-level section
    with recent articles gets a block, in the sections' own order."""

    front_page = models.ForeignKey(
        FrontPage, verbose_name=_("trang chủ"), on_delete=models.CASCADE, related_name="sections"
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("chuyên mục"),
        on_delete=models.CASCADE,
        related_name="front_page_places",
        limit_choices_to={"parent__isnull": True},
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))

    class Meta:
        verbose_name = _("chuyên mục trên trang chủ")
        verbose_name_plural = _("chuyên mục trên trang chủ")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.category}"


class ReadCount(models.Model):
    """How many readers opened an article on one day (local date), written in bulk from the
    cache's buffer (``frontpage.readership``)."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="read_counts"
    )
    day = models.DateField(_("ngày"))
    count = models.PositiveIntegerField(_("lượt đọc"), default=0)

    class Meta:
        verbose_name = _("lượt đọc")
        verbose_name_plural = _("lượt đọc")
        ordering = ["-day", "-count"]
        get_latest_by = "day"
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="frontpage_readcount_unique"),
        ]
        # The most-read lists: the articles of the last days, by count.
        indexes = [models.Index(fields=["day", "count"], name="frontpage_readcount_day")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.count}"


class ReadArticlesManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(pk__in=ReadCount.objects.values("article_id"))


class ArticleReads(Article):
    """The articles that have been read, as the read counts' admin list shows them (today,
    this week, in all)."""

    objects = ReadArticlesManager()

    class Meta:
        proxy = True
        verbose_name = _("lượt đọc của bài")
        verbose_name_plural = _("lượt đọc của các bài")
