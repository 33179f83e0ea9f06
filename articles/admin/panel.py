"""The edit page's publish panel and the requests it makes while the page is open.

- the live checklist: the unsaved form, sent as it is typed, run through ``articles.checklist``
  (the rules the workflow enforces);
- autosave and recovery (``articles.autosave``), with the word diff of ``articles.revisions``;
- a published article's next version (``articles.pending``): started from the current text or
  by a restore, loaded and saved by the edit form;
- the discussion's notes, whose mentions notify (``articles.mentions``).
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from articles import (
    autosave,
    checklist,
    mentions,
    pending,
    permissions,
    presence,
    revisions,
    workflow,
)
from articles.admin import views as admin_views
from articles.models import Article, Transition
from articles.richtext import clean_rich_text
from articles.text import slugify_vi
from photos.models import Photo

Status = Article.Status
AUTOSAVE_LABELS = [
    ("title", _lazy("Tiêu đề")),
    ("slug", _lazy("Đường dẫn")),
    ("lead", _lazy("Sapo")),
    ("body", _lazy("Nội dung")),
    ("source", _lazy("Đơn vị")),
]
REFUSALS = {
    "ticket": _lazy(
        "Trang sửa bài đã cũ; hãy tải lại trang (nội dung vẫn được giữ trong trình duyệt)."
    ),
    "fields": _lazy("Dữ liệu lưu tự động không hợp lệ."),
    "size": _lazy("Bài quá dài để lưu tự động."),
    "gone": _lazy("Bài viết này đã bị xóa."),
    "status": _lazy(
        "Bài đã chuyển trạng thái, bạn không còn được sửa; nội dung vẫn được giữ trong trình duyệt."
    ),
}


# --- The panel's context --------------------------------------------------------------------


def context(request, obj) -> dict:
    """What the edit page's panel shows to this user."""
    user = request.user
    key = autosave.key_for(obj)
    common = {
        "autosave_key": key,
        "autosave_ticket": autosave.ticket(user, obj, key),
    }
    if obj is None:
        return {
            **common,
            "workflow_actions": [(Transition.Action.SUBMIT, Transition.Action.SUBMIT.label)],
            "can_edit_article": True,
        }
    presence.mark_open(obj, user)
    actions = workflow.available_actions(user, obj)
    if Transition.Action.PUBLISH in actions and Transition.Action.SCHEDULE in actions:
        actions.remove(Transition.Action.SCHEDULE)  # one button; the time field decides
    return {
        **common,
        "workflow_actions": [(a, Transition.Action(a).label) for a in actions],
        "can_edit_article": workflow.can_edit(user, obj),
        "checklist_problems": workflow.publication_problems(obj),
        "four_eyes_reasons": workflow.withheld(user, obj),
        "thread": admin_views.thread(obj),
        "other_editors": presence.others(obj, user),
        "may_start_new_version": may_start_new_version(user, obj),
        **admin_views.preview_link_context(user, obj),
    }


def may_start_new_version(user, article: Article) -> bool:
    """Editors and the editor-in-chief rework a published article as a pending version."""
    is_desk = workflow.is_reviewer(user) or workflow.is_publisher(user)
    return is_desk and article.status == Status.PUBLISHED and not article.has_pending_version


# --- The live checklist -----------------------------------------------------------------------


def facts_of_form(data, viewer) -> checklist.Facts:
    """The checklist's view of the edit form as posted, before anything is saved."""
    try:
        total = min(int(data.get("bylines-TOTAL_FORMS", 0)), 1000)
    except ValueError:
        total = 0
    authors = {
        data.get(f"bylines-{i}-author")
        for i in range(total)
        if data.get(f"bylines-{i}-author") and not data.get(f"bylines-{i}-DELETE")
    }
    photo_id = data.get("featured_photo", "")
    photo = None
    if photo_id.isascii() and photo_id.isdigit() and len(photo_id) < 19:
        photo = permissions.visible_photos(viewer, Photo.objects.filter(pk=int(photo_id))).first()
    return checklist.Facts(
        title=data.get("title", ""),
        lead=data.get("lead", ""),
        body=clean_rich_text(data.get("body", "")),
        authors=len(authors),
        has_category=bool(data.get("category")),
        organisations=len([value for value in data.getlist("organisations") if value]),
        featured_photo=photo,
    )


def check(request, pk: int | None = None):
    """POST the edit form: the checklist's problems with it as it stands (nothing is saved)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if pk is None:
        if not request.user.has_perm("articles.add_article"):
            raise PermissionDenied
    else:
        admin_views.article_for(request, pk)
    return JsonResponse({"problems": checklist.problems(facts_of_form(request.POST, request.user))})


# --- Autosave ---------------------------------------------------------------------------------


def autosave_view(request, pk: int | None = None):
    """POST: keep what is being typed (JSON with the ticket). GET: what to offer back, with the
    diff against the saved version."""
    if request.method == "POST":
        return _autosave_write(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    if pk is None and not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    article = admin_views.article_for(request, pk) if pk is not None else None
    found = autosave.offer(request.user, article)
    if found is None:
        return JsonResponse({"found": False})
    saved = autosave.saved_fields(article)
    rows = []
    for name, label in AUTOSAVE_LABELS:
        before = revisions.as_text(saved.get(name, ""))
        after = revisions.as_text(found.content.get(name, ""))
        if before != after:
            old, new = revisions.word_diff(before, after)
            rows.append({"label": str(label), "old": str(old), "new": str(new)})
    return JsonResponse(
        {
            "found": True,
            "key": found.key,
            "saved_at": timezone.localtime(found.saved_at).strftime("%d/%m/%Y %H:%M:%S"),
            "fields": found.content,
            "diff": rows,
        }
    )


def _autosave_write(request, pk: int | None):
    # The signed ticket the edit page was given is the permission to write: a request without
    # one (a form post, say) or with another article's is refused before anything is read.
    if request.content_type != "application/json":
        return JsonResponse({"saved": False, "error": str(REFUSALS["ticket"])}, status=403)
    try:
        payload = json.loads(request.body)
        data = autosave.read_ticket(payload.get("ticket", ""), request.user)
        if data.get("a") != pk:
            raise autosave.Refused("ticket")
        fields = autosave.clean_fields(payload.get("fields"))
        version = payload.get("version")
        version = version if isinstance(version, int) and 0 <= version < 2**31 else None
        autosave.write(user=request.user, ticket_data=data, fields=fields, version=version)
    except (ValueError, AttributeError):
        return JsonResponse({"saved": False, "error": str(REFUSALS["fields"])}, status=400)
    except autosave.Refused as refusal:
        status = 403 if str(refusal) in ("ticket", "status") else 400
        return JsonResponse({"saved": False, "error": str(REFUSALS[str(refusal)])}, status=status)
    return JsonResponse({"saved": True})


def autosave_drop(request, pk: int | None = None):
    """POST: forget this person's autosave (restored into the form, or discarded)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    key = request.POST.get("key", "")
    if pk is not None:
        admin_views.article_for(request, pk)
        key = autosave.key_for(Article(pk=pk))
    elif not key.startswith("new-"):
        return JsonResponse({"dropped": False}, status=400)
    autosave.drop(request.user, key)
    return JsonResponse({"dropped": True})


# --- A published article's next version ---------------------------------------------------------


def new_version(request, pk: int):
    """POST: start a pending version of a published article from its current text."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = admin_views.article_for(request, pk)
    if not may_start_new_version(request.user, article):
        raise PermissionDenied
    pending.start(
        article=article,
        content=revisions.snapshot(article),
        user=request.user,
        reason=_("Bắt đầu phiên bản cập nhật"),
    )
    messages.success(
        request,
        _(
            "Đã tạo phiên bản cập nhật (bản nháp). Bạn đọc vẫn xem bản đang xuất bản cho tới "
            "khi phiên bản này được duyệt và xuất bản."
        ),
    )
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))


def content_of_form(form, formsets) -> dict:
    """A snapshot (as ``revisions.snapshot`` makes) of the edit form's cleaned, unsaved data."""
    data = form.cleaned_data
    title = data.get("title", "")
    entries = []
    for formset in formsets:
        for entry in formset.forms:
            cleaned = getattr(entry, "cleaned_data", None) or {}
            if cleaned.get("author") and not cleaned.get("DELETE"):
                entries.append((cleaned.get("position") or 0, len(entries), cleaned["author"]))
    return {
        "title": title,
        "slug": data.get("slug") or slugify_vi(title, max_length=200) or "bai-viet",
        "lead": data.get("lead", ""),
        "body": clean_rich_text(data.get("body", "")),
        "source": data.get("source", ""),
        "category": revisions.named(data.get("category")),
        "featured_photo": revisions.named(data.get("featured_photo")),
        "authors": [revisions.named(author) for *_, author in sorted(entries, key=lambda e: e[:2])],
        "organisations": _named_by_id(data.get("organisations")),
        "tags": _named_by_id(data.get("tags")),
    }


def _named_by_id(objects) -> list[dict]:
    return [revisions.named(item) for item in sorted(objects or [], key=lambda item: item.pk)]


# --- The discussion -----------------------------------------------------------------------------


def add_note(request, pk: int):
    """POST: a free note in the article's discussion; whoever it mentions is told."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = admin_views.article_for(request, pk)
    text = request.POST.get("text", "").strip()
    if not text:
        messages.error(request, _("Ghi chú đang để trống."))
    elif len(text) > 5000:
        messages.error(request, _("Ghi chú dài quá 5.000 ký tự."))
    elif "\x00" in text:  # PostgreSQL cannot store it; no keyboard types it
        messages.error(request, _("Ghi chú có ký tự không hợp lệ (ký tự NUL)."))
    else:
        _note, told = mentions.add_note(article=article, author=request.user, text=text)
        messages.success(request, _("Đã thêm ghi chú."))
        if told:
            names = ", ".join(u.get_full_name() or u.username for u in told)
            messages.info(request, _("Đã báo cho: %(names)s.") % {"names": names})
    return HttpResponseRedirect(
        reverse("admin:articles_article_change", args=[pk]) + "#editorial-thread"
    )


# --- The edit page's extra addresses --------------------------------------------------------------


def extra_urls() -> list[tuple]:
    """(route, view, name) of the article admin's pages beside Django's own."""
    return [
        ("<int:pk>/revisions/", admin_views.revision_list, "revisions"),
        ("<int:pk>/revisions/compare/", admin_views.revision_compare, "compare"),
        ("<int:pk>/revisions/<int:number>/restore/", admin_views.revision_restore, "restore"),
        ("<int:pk>/note/", add_note, "note"),
        ("checklist/", check, "checklist_new"),
        ("<int:pk>/checklist/", check, "checklist"),
        ("autosave/", autosave_view, "autosave_new"),
        ("autosave/drop/", autosave_drop, "autosave_drop_new"),
        ("<int:pk>/autosave/", autosave_view, "autosave"),
        ("<int:pk>/autosave/drop/", autosave_drop, "autosave_drop"),
        ("<int:pk>/new-version/", new_version, "new_version"),
        ("<int:pk>/presence/", admin_views.heartbeat, "presence"),
        ("<int:pk>/preview-link/", admin_views.make_preview_link, "preview_link"),
        (
            "<int:pk>/preview-links/<int:link_id>/revoke/",
            admin_views.revoke_preview_link,
            "preview_revoke",
        ),
    ]


def pending_byline_kwargs(request, obj, inline, kwargs: dict) -> dict:
    """The byline formset of a pending version: its authors as new rows, the live rows untouched."""
    if obj is None or not obj.has_pending_version:
        return kwargs
    kwargs["queryset"] = inline.model.objects.none()
    if request.method != "POST":
        authors = obj.pending_revision.content.get("authors", [])
        kwargs["initial"] = [
            {"author": item["id"], "position": number}
            for number, item in enumerate(authors, start=1)
        ]
    return kwargs


def autosave_key_saved(request, article, change: bool) -> str:
    """The autosave a save makes obsolete: the article's, or the add page's own."""
    if change:
        return autosave.key_for(article)
    key = request.POST.get("_autosave_key", "")
    return key if key.startswith("new-") and len(key) < 64 else ""
