"""The article admin: the editorial workflow, revisions and safe editing on top of Django's admin.

Every decision about who may do what is asked of ``articles.workflow``; this module only shows
the answer and refuses what it forbids.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import autosave, mentions, pending, permissions, revisions, workflow
from articles.admin import panel
from articles.admin import views as admin_views
from articles.admin.forms import ArticleAdminForm
from articles.models import Article, ArticleAuthor, Category, Transition
from articles.richtext import sanitize_html
from articles.selectors import own_articles, with_last_action
from newsroom.admin_widgets import SafeAutocompleteMixin
from photos.admin import thumbnail_html
from photos.models import Photo

Status = Article.Status

# Fields a crafted POST may not set through the edit form: they change only through workflow.
PROTECTED_FIELDS = {
    "status",
    "published_at",
    "published_at_0",
    "published_at_1",
    "created_by",
    "created_at",
    "updated_at",
    "version",
}


class DeskFilter(admin.SimpleListFilter):
    """The desk's queues, as a filter on the article list."""

    title = _("bàn làm việc")
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        return [
            ("mine", _("Bài của tôi")),
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


def _swap_body(field: str) -> str:
    return "body_html" if field == "body" else field


def full_name(user) -> str:
    """A person as colleagues know them: the full name, the username only when there is none."""
    if user is None:
        return "—"
    return user.get_full_name() or user.username


class ArticleAuthorInline(SafeAutocompleteMixin, admin.TabularInline):
    """The byline: authors in the order they are printed."""

    model = ArticleAuthor
    fields = ["position", "author"]
    autocomplete_fields = ["author"]
    extra = 1
    ordering = ["position", "pk"]
    verbose_name = _("tác giả")
    verbose_name_plural = _("tác giả (theo thứ tự trên bài)")

    def get_queryset(self, request):
        # Each row's heading names its author: one query for all rows, not one a row.
        return super().get_queryset(request).select_related("author")

    def get_extra(self, request, obj=None, **kwargs):
        if obj is not None and obj.has_pending_version:  # the pending byline's rows, and one
            return len(obj.pending_revision.content.get("authors", [])) + 1
        return super().get_extra(request, obj, **kwargs)

    def _article_editable(self, request, obj):
        return obj is None or workflow.can_edit(request.user, obj)

    def has_add_permission(self, request, obj):
        return self._article_editable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._article_editable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._article_editable(request, obj) and super().has_delete_permission(request, obj)


@admin.register(Article)
class ArticleAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["thumbnail", "title", "status_label", "category", "byline_names"]
    list_display += ["published_at"]
    list_display_links = ["thumbnail", "title"]
    list_display += ["updated_at"]
    list_filter = [DeskFilter, "status", ("category", CategoryFilter), "organisations"]
    list_filter += ["published_at", YearFilter]
    search_fields = ["title", "lead"]
    autocomplete_fields = ["category", "organisations", "tags", "featured_photo"]
    list_select_related = ["category__parent", "featured_photo"]
    # One count of the listed articles, not a second of the whole table beside it; thirty rows
    # a page, a screenful: Django's admin draws a row in about a millisecond (a link, a
    # thumbnail, dates formatted for Vietnam), and fifty rows took three times as long as an
    # article page (bench/results/findings.md).
    show_full_result_count = False
    list_per_page = 30
    inlines = [ArticleAuthorInline]

    class Media:
        css = {"all": ["admin/css/newsroom.css"]}

    readonly_fields = ["featured_preview", "status_label", "published_at", "created_by_name"]
    readonly_fields += ["body_html"]
    readonly_fields += ["created_at", "updated_at"]
    readonly_fields += ["version"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body", "edit_version"]}),
        (
            _("Phân loại"),
            {"fields": ["category", "organisations", "tags", "featured_photo", "featured_preview"]},
        ),
        (_("Xuất bản"), {"fields": ["source", "status_label", "published_at"]}),
        (_("Thông tin"), {"fields": ["created_by_name", "created_at", "updated_at", "version"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only, Django would print the stored HTML as text; show it as the reader sees it.
        return [
            (name, {**options, "fields": [_swap_body(f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    # --- permissions, all asked of the workflow ---

    def get_queryset(self, request):
        articles = super().get_queryset(request).prefetch_related("bylines__author")
        match = request.resolver_match
        if match and match.url_name == "articles_article_changelist":
            articles = articles.defer("body")  # the list shows no body: 100 rows of 5 kB each
        return workflow.visible_articles(request.user, articles)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or workflow.can_delete(request.user, obj))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.photo_viewer = request.user  # a class made for this request: nothing is shared
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "featured_photo":
            # Only a photo this user may see can be chosen; another's id is refused like an id
            # that does not exist.
            kwargs["queryset"] = permissions.visible_photos(request.user, Photo.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_actions(self, request):
        # Bulk delete would skip the per-article rule above; deleting is one article at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            if PROTECTED_FIELDS & set(request.POST):
                raise PermissionDenied(gettext("Trạng thái và người tạo chỉ đổi qua quy trình."))
            action = request.POST.get("_transition")
            if action is not None:
                # Refuse a transition the user could never make before saving anything at all.
                article = self.get_object(request, object_id) if object_id else None
                if not workflow.has_authority(request.user, article, action):
                    raise PermissionDenied(gettext("Bạn không có quyền thực hiện thao tác này."))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def view_on_site(self, obj):
        """The public page once the public may see it; the preview until then."""
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("public:preview", args=[obj.pk])

    # --- list columns ---

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

    @admin.display(description=_("ảnh đại diện đang dùng"))
    def featured_preview(self, obj):
        return thumbnail_html(obj.featured_photo, 240) if obj.featured_photo else "—"

    @admin.display(description=_("nội dung"))
    def body_html(self, obj):
        # Cleaned on every save; cleaned again here since it is shown as markup.
        body = mark_safe(sanitize_html(obj.body))  # noqa: S308
        return format_html('<div class="readonly-body">{}</div>', body)

    @admin.display(description=_("người tạo"))
    def created_by_name(self, obj):
        return full_name(obj.created_by)

    @admin.display(description=_("tác giả"))
    def byline_names(self, obj):
        return " - ".join(author.name for author in obj.byline)

    # --- saving: version, revision, then the requested transition ---

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        return panel.pending_byline_kwargs(request, obj, inline, kwargs)

    def save_model(self, request, obj, form, change):
        if change and obj.has_pending_version:
            return  # the pending version is saved as a revision in save_related
        if change:
            obj.version += 1
        elif obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        autosave.drop(request.user, panel.autosave_key_saved(request, form.instance, change))
        if change and form.instance.has_pending_version:
            saved = pending.save(
                article=form.instance,
                content=panel.content_of_form(form, formsets),
                user=request.user,
                reason=gettext("Lưu phiên bản cập nhật"),
            )
            request.newsroom_saved_revision = saved
            for formset in formsets:  # nothing of the live byline changed, for the admin's log
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        super().save_related(request, form, formsets, change)
        form.instance.renumber_byline()
        if "_transition" in request.POST:
            # A change is recorded now, before the transition, so that four eyes sees who made
            # it; the transition then names this revision after itself (one act, one revision).
            request.newsroom_saved_revision = revisions.record_if_changed(
                form.instance, user=request.user, reason=gettext("Lưu")
            )
            return
        reason = gettext("Lưu") if change else gettext("Tạo bài")
        revisions.record(form.instance, user=request.user, reason=reason)

    def response_add(self, request, obj, post_url_continue=None):
        if "_transition" in request.POST:
            return self._transition_then_edit(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_transition" in request.POST:
            return self._transition_then_edit(request, obj)
        return super().response_change(request, obj)

    def _transition_then_edit(self, request, obj):
        action = request.POST["_transition"]
        form_data = request.POST
        published_at = admin_views.parse_local_datetime(
            form_data.get("transition_published_at_0"), form_data.get("transition_published_at_1")
        )
        try:
            transition = workflow.perform(
                article=obj,
                action=action,
                actor=request.user,
                comment=form_data.get("transition_comment", ""),
                published_at=published_at,
                saved_revision=getattr(request, "newsroom_saved_revision", None),
            )
            mentions.notify(article=obj, text=transition.comment, author=request.user)
        except workflow.WorkflowError as refusal:
            messages.warning(request, gettext("Đã lưu bài, nhưng chưa chuyển trạng thái:"))
            for reason in refusal.messages:
                messages.error(request, reason)
        else:
            messages.success(
                request,
                gettext("Đã lưu và %(action)s: “%(title)s”.")
                % {"action": transition.get_action_display().lower(), "title": obj.title},
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    # --- the edit page's extra context and views ---

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(panel.context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        extra = panel.extra_urls()
        return [
            path(route, self.admin_site.admin_view(view), name=f"articles_article_{name}")
            for route, view, name in extra
        ] + super().get_urls()
