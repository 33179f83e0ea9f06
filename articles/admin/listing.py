"""The article list: its filters (the desk's queues, "mine", sections, organisations, years)
and its columns (authors by name, last change and by whom), readable at 1280 and 375 px."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Category, Transition
from articles.selectors import own_articles, with_last_action
from photos.admin import thumbnail_html

Status = Article.Status


class DeskFilter(admin.SimpleListFilter):
    """The desk's queues, as a filter on the article list."""

    title = _("bàn làm việc")
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        return [
            ("mine", _("Của tôi")),
            ("returned", _("Bị trả lại cho tôi")),
            ("scheduled", _("Đã hẹn giờ")),
            ("recent", _("Mới xuất bản (7 ngày)")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "mine":
            return queryset.filter(pk__in=own_articles(request.user))
        if self.value() == "returned":
            return with_last_action(
                queryset.filter(pk__in=own_articles(request.user), status=Status.DRAFT)
            ).filter(last_action=Transition.Action.RETURN)
        if self.value() == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=now)
        if self.value() == "recent":
            return queryset.filter(
                status=Status.PUBLISHED, published_at__lte=now, published_at__gt=now - timedelta(7)
            )
        return queryset


class CategoryFilter(admin.RelatedFieldListFilter):
    """Sections with their parents' names, in one query (a subsection's name shows its parent)."""

    def field_choices(self, field, request, model_admin):
        return [(section.pk, str(section)) for section in Category.objects.select_related("parent")]


class YearFilter(admin.SimpleListFilter):
    """Publication year, from the first to the last: two ends of an index, whatever the size.

    It replaces the admin's date hierarchy, which lists the years by reading every article.
    """

    title = _("năm xuất bản")
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        span = Article.objects.aggregate(first=Min("published_at"), last=Max("published_at"))
        if span["first"] is None:
            return []
        first, last = (timezone.localtime(span[end]).year for end in ("first", "last"))
        return [(str(year), str(year)) for year in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        year = self.value()
        # ASCII digits only ("²".isdigit() is true, int("²") fails), and a year whose bounds,
        # shifted between local time and UTC, stay inside Python's calendar (years 1–9999):
        # any other value is a year with no article, not a server error.
        if not (year.isascii() and year.isdigit() and len(year) <= 4 and 1 < int(year) < 9999):
            return queryset.none()
        return queryset.filter(published_at__year=int(year))


class ArticleListColumns:
    """The list's columns: the title wide, status, section, authors and the last change, by name.

    The queryset (``ArticleAdmin.get_queryset``) brings the bylines in one query and the last
    editor's name as an annotation, so the page costs the same queries at 1 row or 30.
    """

    list_display = ["thumbnail", "title", "status_label", "category", "byline_names"]
    list_display += ["last_change"]
    list_display_links = ["thumbnail", "title"]
    list_filter = [DeskFilter, "status", ("category", CategoryFilter), "organisations"]
    list_filter += ["published_at", YearFilter]

    @admin.display(description=_("trạng thái"), ordering="status")
    def status_label(self, obj):
        if obj.status == Status.PUBLISHED and obj.published_at and not obj.is_public:
            local = timezone.localtime(obj.published_at).strftime("%d/%m/%Y %H:%M")
            return format_html(
                '<span class="status status-scheduled">{} {}</span>', gettext("Hẹn giờ"), local
            )
        return format_html(
            '<span class="status status-{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description=_("ảnh"))
    def thumbnail(self, obj):
        return thumbnail_html(obj.featured_photo, 64) if obj.featured_photo else "—"

    @admin.display(description=_("tác giả"))
    def byline_names(self, obj):
        return ", ".join(author.name for author in obj.byline) or "—"

    @admin.display(description=_("sửa lần cuối"), ordering="updated_at")
    def last_change(self, obj):
        when = timezone.localtime(obj.updated_at).strftime("%d/%m/%Y %H:%M")
        who = getattr(obj, "last_editor", None)
        if not who:
            return format_html('<span class="last-change">{}</span>', when)
        return format_html(
            '<span class="last-change">{}<span class="last-editor">{}</span></span>', when, who
        )
