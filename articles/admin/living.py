"""A published article's life after publication, in the admin (issue 19, items 3 and 4).

- dropping its pending version (a question first, then a POST), by whoever started it, an
  editor or the editor-in-chief (``workflow.may_discard_pending``);
- the corrections and updates readers see under it (``articles.models.Correction``): added
  from the edit page's panel, changed and deleted on their own admin pages, by editors and the
  editor-in-chief only; each add, change and deletion is written in the admin's history.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from articles import pending, workflow
from articles.admin import views as admin_views
from articles.models import Article, Correction

Status = Article.Status
COMMENT_LENGTH = 2000


def _change_url(article_id: int, anchor: str = "") -> str:
    return reverse("admin:articles_article_change", args=[article_id]) + anchor


# --- Dropping a pending version ---------------------------------------------------------------


def discard_version(request, pk: int):
    """GET: what dropping the update means; POST: drop it (``pending.discard``)."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    article = admin_views.article_for(request, pk)
    if not article.has_pending_version:
        messages.info(request, _("Bài không còn phiên bản cập nhật nào để bỏ."))
        return HttpResponseRedirect(_change_url(pk))
    if not workflow.may_discard_pending(request.user, article):
        raise PermissionDenied(
            _("Chỉ người tạo phiên bản cập nhật, biên tập viên hoặc Tổng biên tập được bỏ nó.")
        )
    if request.method == "POST":
        comment = request.POST.get("comment", "").replace("\x00", "")[:COMMENT_LENGTH]
        try:
            pending.discard(article=article, actor=request.user, comment=comment)
        except pending.NotPublished:  # dropped or published by someone else meanwhile
            messages.info(request, _("Bài không còn phiên bản cập nhật nào để bỏ."))
            return HttpResponseRedirect(_change_url(pk))
        messages.success(
            request,
            _(
                "Đã bỏ phiên bản cập nhật. Bạn đọc vẫn đọc bản đang xuất bản; nội dung đã bỏ "
                "vẫn còn trong Các phiên bản."
            ),
        )
        return HttpResponseRedirect(_change_url(pk))
    context = admin_views._context(
        request, article, _("Bỏ phiên bản cập nhật của “%(title)s”") % {"title": article.title}
    )
    return TemplateResponse(request, "admin/articles/article/discard_version.html", context)


# --- Corrections and updates shown to readers ---------------------------------------------------


def may_write_public_notes(user) -> bool:
    """Editors and the editor-in-chief write what readers are told changed; journalists not."""
    return workflow.is_reviewer(user) or workflow.is_publisher(user)


def public_notes_context(user, article: Article | None) -> dict:
    """The panel's part about corrections: the article's notes, and whether one may be added."""
    if article is None or article.status != Status.PUBLISHED:
        return {}
    allowed = may_write_public_notes(user)
    return {
        "public_notes_shown": True,
        "public_notes": list(article.corrections.all()),
        "may_write_public_notes": allowed,
        "public_note_kinds": Correction.Kind.choices,
        "public_note_length": Correction._meta.get_field("text").max_length,
    }


def add_public_note(request, pk: int):
    """POST: add a correction or an update note under a published article."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = admin_views.article_for(request, pk)
    if not may_write_public_notes(request.user):
        raise PermissionDenied(_("Chỉ biên tập viên và Tổng biên tập được thêm đính chính."))
    back = HttpResponseRedirect(_change_url(pk, "#public-notes"))
    text = request.POST.get("text", "").strip()
    kind = request.POST.get("kind", "")
    limit = Correction._meta.get_field("text").max_length
    problem = None
    if article.status != Status.PUBLISHED:
        problem = _("Chỉ bài đã xuất bản mới có đính chính hoặc cập nhật cho bạn đọc.")
    elif kind not in Correction.Kind.values:
        problem = _("Hãy chọn loại: Đính chính hoặc Cập nhật.")
    elif not text:
        problem = _("Nội dung đính chính đang để trống.")
    elif len(text) > limit:
        problem = _("Nội dung dài quá %(limit)d ký tự.") % {"limit": limit}
    elif "\x00" in text:
        problem = _("Nội dung có ký tự không hợp lệ (ký tự NUL).")
    if problem:
        messages.error(request, problem)
        return back
    with transaction.atomic():  # the stored page is rendered again once this commits
        note = Correction.objects.create(
            article=article, kind=kind, text=text, created_by=request.user
        )
        LogEntry.objects.log_actions(
            user_id=request.user.pk,
            queryset=[note],
            action_flag=ADDITION,
            change_message=_("Thêm %(kind)s cho bài số %(article)d.")
            % {"kind": note.get_kind_display().lower(), "article": article.pk},
            single_object=True,
        )
    messages.success(
        request,
        _("Đã thêm %(kind)s; bạn đọc thấy nó dưới bài.") % {"kind": note.get_kind_display()},
    )
    return back


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    """Every note readers see, newest first; added from the article's edit page."""

    list_display = ["noted_at", "kind", "article", "short_text"]
    list_filter = ["kind"]
    search_fields = ["text", "article__title"]
    list_select_related = ["article"]
    fields = ["article", "kind", "text", "noted_at", "created_by"]
    readonly_fields = ["article", "noted_at", "created_by"]
    ordering = ["-noted_at", "-pk"]

    @admin.display(description=_("nội dung"))
    def short_text(self, note):
        return note.text[:80]

    def has_module_permission(self, request):
        return may_write_public_notes(request.user)

    def has_view_permission(self, request, obj=None):
        return may_write_public_notes(request.user)

    def has_add_permission(self, request):
        return False  # from the article's page, which knows which article

    def has_change_permission(self, request, obj=None):
        return may_write_public_notes(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_write_public_notes(request.user)

    def response_change(self, request, obj):
        if "_continue" in request.POST:
            return super().response_change(request, obj)
        messages.success(request, _("Đã lưu %(kind)s.") % {"kind": obj.get_kind_display()})
        return HttpResponseRedirect(_change_url(obj.article_id, "#public-notes"))

    def response_delete(self, request, obj_display, obj_id):
        article_id = getattr(request, "deleted_note_article_id", None)
        if article_id is None:
            return super().response_delete(request, obj_display, obj_id)
        messages.success(request, _("Đã xóa “%(note)s”.") % {"note": obj_display})
        return HttpResponseRedirect(_change_url(article_id, "#public-notes"))

    def delete_model(self, request, obj):
        request.deleted_note_article_id = obj.article_id  # the admin is shared: not on self
        super().delete_model(request, obj)


def extra_urls() -> list[tuple]:
    """(route, view, name) of these pages, beside the article admin's own."""
    return [
        ("<int:pk>/discard-version/", discard_version, "discard_version"),
        ("<int:pk>/public-note/", add_public_note, "public_note"),
    ]
