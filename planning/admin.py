"""The story budget in the admin: editors plan and assign; the assignee accepts, declines or
starts the draft from the same page (buttons posting to the views below)."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.workflow import WorkflowError
from planning import services
from planning.models import Assignment

Status = Assignment.Status


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["working_title", "kind", "assignee", "due_column", "status", "article"]
    list_filter = ["status", "kind", "category", "organisation"]
    list_select_related = ["assignee", "article"]
    search_fields = ["working_title"]
    date_hierarchy = "due_at"
    fields = [
        "working_title",
        "kind",
        "category",
        "organisation",
        "assignee",
        "due_at",
        "expected_words",
        "notes",
        "status",
        "decline_reason",
        "article",
    ]
    readonly_fields = ["status", "decline_reason", "article"]
    change_form_template = "admin/planning/assignment/change_form.html"

    @admin.display(description=gettext_lazy("hạn nộp"), ordering="due_at")
    def due_column(self, obj):
        if obj.is_overdue:
            return format_html('<strong class="overdue">{} ({})</strong>', obj.due_at, _("quá hạn"))
        return obj.due_at

    def get_queryset(self, request):
        return services.visible_assignments(request.user, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True)
                .order_by("first_name", "username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        if obj is not None and services.is_assignee(request.user, obj):
            return True
        return super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def save_model(self, request, obj, form, change):
        created = not change
        if created:
            obj.created_by = request.user
        else:
            if "due_at" in form.changed_data:
                obj.reminded_at = None
            if "assignee" in form.changed_data and obj.status != Status.DRAFTED:
                obj.status, obj.decline_reason = Status.PLANNED, ""
        super().save_model(request, obj, form, change)
        if created or {"assignee", "due_at"} & set(form.changed_data):
            services.assigned(assignment=obj, actor=request.user, created=created)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["assignment_actions"] = services.available_actions(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        extra = [
            path(
                "<int:pk>/viec/<slug:action>/",
                self.admin_site.admin_view(self.act),
                name="planning_assignment_act",
            )
        ]
        return extra + super().get_urls()

    def act(self, request, pk: int, action: str):
        """Accept, decline or start the draft, for the assignee only (checked in services)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        assignment = get_object_or_404(
            services.visible_assignments(request.user), pk=min(pk, 2**63 - 1)
        )
        back = HttpResponseRedirect(reverse("admin:planning_assignment_change", args=[pk]))
        if not services.is_assignee(request.user, assignment):
            raise PermissionDenied(_("Chỉ người được giao mới làm được việc này."))
        try:
            if action == "nhan":
                services.accept(assignment=assignment, actor=request.user)
                messages.success(request, _("Đã nhận việc."))
            elif action == "tu-choi":
                services.decline(
                    assignment=assignment, actor=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("Đã từ chối việc; người giao việc sẽ được báo."))
            elif action == "viet-nhap":
                article = services.start_draft(assignment=assignment, actor=request.user)
                messages.success(request, _("Đã tạo bản nháp từ phân công."))
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
            else:
                messages.error(request, _("Thao tác không hợp lệ."))
        except WorkflowError as error:
            for text in error.messages:
                messages.error(request, text)
        return back
