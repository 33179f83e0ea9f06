"""The article admin: the editorial workflow, revisions and safe editing on top of Django's admin.

Every decision about who may do what is asked of ``articles.workflow``; this module only shows
the answer and refuses what it forbids.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import autosave, mentions, pending, permissions, revisions, workflow
from articles.admin import living, panel
from articles.admin import views as admin_views
from articles.admin.byline import ArticleAuthorInline, byline_formset_kwargs, full_name
from articles.admin.forms import ArticleAdminForm
from articles.admin.listing import ArticleListColumns
from articles.models import Article
from articles.richtext import sanitize_html, shown_photo_ids
from articles.selectors import with_last_editor
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


def _swap_body(field: str) -> str:
    return "body_html" if field == "body" else field


@admin.register(Article)
class ArticleAdmin(ArticleListColumns, SafeAutocompleteMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
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
            articles = with_last_editor(articles)
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

    # --- saving: version, revision, then the requested transition ---

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ArticleAuthorInline):
            kwargs.update(byline_formset_kwargs(request, obj))
        # A pending version's byline replaces the live rows (and the writer-first default).
        return panel.pending_byline_kwargs(request, obj, inline, kwargs)

    def save_model(self, request, obj, form, change):
        if change and obj.has_pending_version:
            return  # the pending version is saved as a revision in save_related
        if change:
            obj.version += 1
        elif obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        if obj.featured_photo_id and obj.featured_photo_id in shown_photo_ids(obj.body):
            messages.warning(
                request,
                gettext(
                    "Ảnh đại diện cũng có trong nội dung bài: người đọc sẽ thấy ảnh đó hai lần. "
                    "Hãy chọn ảnh đại diện khác hoặc bỏ ảnh đó khỏi nội dung."
                ),
            )

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
        context.update(living.public_notes_context(request.user, obj))
        if obj is not None:
            context["may_discard_pending"] = workflow.may_discard_pending(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        extra = panel.extra_urls() + living.extra_urls()
        return [
            path(route, self.admin_site.admin_view(view), name=f"articles_article_{name}")
            for route, view, name in extra
        ] + super().get_urls()
