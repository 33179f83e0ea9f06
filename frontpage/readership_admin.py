"""The read counts in the admin: per article, today, this week and in all, sortable, for the
editors and the editor-in-chief (``frontpage.view_articlereads``). Nobody edits them."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from frontpage.models import ArticleReads
from frontpage.readership import WEEK


@admin.register(ArticleReads)
class ArticleReadsAdmin(admin.ModelAdmin):
    def get_urls(self):
        # The list is all there is: nobody adds, changes or deletes a count, and an article
        # opens on its own edit page (a crafted id answers 404, not 403).
        return [url for url in super().get_urls() if (url.name or "").endswith("_changelist")]

    list_display = ["article_title", "published_at", "reads_today", "reads_week", "reads_total"]
    list_display_links = None
    search_fields = ["title"]
    date_hierarchy = "published_at"
    show_full_result_count = False
    list_per_page = 50

    def get_queryset(self, request):
        today = timezone.localdate()
        since = today - timedelta(days=WEEK - 1)
        return (
            super()
            .get_queryset(request)
            .only("pk", "title", "slug", "published_at")
            .annotate(
                today_reads=Sum("read_counts__count", filter=Q(read_counts__day=today)),
                week_reads=Sum("read_counts__count", filter=Q(read_counts__day__gte=since)),
                total_reads=Sum("read_counts__count"),
            )
            .order_by("-week_reads", "-total_reads", "-pk")
        )

    @admin.display(description=_("bài viết"), ordering="title")
    def article_title(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[obj.pk]), obj
        )

    @admin.display(description=_("hôm nay"), ordering="today_reads")
    def reads_today(self, obj):
        return obj.today_reads or 0

    @admin.display(description=_("7 ngày qua"), ordering="week_reads")
    def reads_week(self, obj):
        return obj.week_reads or 0

    @admin.display(description=_("tổng"), ordering="total_reads")
    def reads_total(self, obj):
        return obj.total_reads or 0

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
