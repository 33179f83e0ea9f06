"""The editor's photo chooser (a popup opened from the article editor): upload first, several
files at once, then the library to search and pick from.

The page hands the chosen photo back to CKEditor (``photo-picker.js``); with ``caption=`` it is
filling an imported caption placeholder, whose caption starts the upload form's caption. Each
file is sent on its own to ``upload_one`` (so the browser can show each one's progress and
refusal), which checks it by ``photos.images``' rules through the same form as the page.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from photos import policy
from photos.forms import EditorPhotoForm
from photos.models import Photo

# What CKEditor and the placeholder button add to the popup's address; kept through searches,
# pages and uploads.
PASSTHROUGH = ("CKEditorFuncNum", "CKEditor", "langCode", "mode", "caption", "featured")
PAGE_SIZE = 24


def picker_data(photo: Photo) -> dict:
    """What the editor needs to insert a photo: its address, size, alt text and caption."""
    return {
        "id": photo.pk,
        "url": photo.image.url,
        "width": photo.width,
        "height": photo.height,
        "alt": photo.alt_text,
        "caption": photo.caption,
        "credit": photo.credit,
    }


def _featured_id(request) -> int | None:
    raw = request.GET.get("featured", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def _save_upload(form, user) -> Photo:
    photo = form.save(commit=False)
    photo.uploaded_by = user
    photo.save()
    return photo


def editor_view(model_admin, request, thumbnail):
    """The chooser page; a POST without script uploads one file and inserts it at once."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    can_upload = model_admin.has_add_permission(request)
    placeholder_caption = request.GET.get("caption", "").strip()[:500]
    form, chosen = None, None
    if can_upload:
        initial = {"caption": placeholder_caption} if placeholder_caption else None
        form = EditorPhotoForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        if not can_upload:
            raise PermissionDenied
        if form.is_valid():
            chosen = picker_data(_save_upload(form, request.user))
            form = EditorPhotoForm(initial={"caption": placeholder_caption})
    query = request.GET.get("q", "").strip()
    photos = policy.current().visible(request.user, Photo.objects.all())
    if query:
        photos = photos.filter(
            Q(caption__icontains=query) | Q(credit__icontains=query) | Q(alt_text__icontains=query)
        )
    page = Paginator(photos, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": _("Chọn ảnh từ thư viện"),
        "has_view_permission": True,
        "is_popup": True,
        "form": form,
        "query": query,
        "page": page,
        "photos": [(photo, thumbnail(photo, 160)) for photo in page],
        "photo_data": {photo.pk: picker_data(photo) for photo in page},
        "featured_id": _featured_id(request),
        "placeholder_caption": placeholder_caption,
        "chosen": chosen,
        "passthrough": [(key, request.GET[key]) for key in PASSTHROUGH if key in request.GET],
    }
    return TemplateResponse(request, "admin/photos/photo/editor.html", context)


def upload_one(model_admin, request, thumbnail):
    """One file of the chooser's drop zone: the new photo as JSON, or why it was refused."""
    if not model_admin.has_add_permission(request):
        return JsonResponse(
            {"errors": [gettext("Bạn không có quyền tải ảnh lên thư viện.")]}, status=403
        )
    if request.method != "POST":
        return JsonResponse({"errors": [gettext("Chỉ nhận ảnh gửi lên (POST).")]}, status=405)
    files = request.FILES.getlist("image")
    if len(files) > 1:
        return JsonResponse({"errors": [gettext("Mỗi lần gửi chỉ một tệp ảnh.")]}, status=400)
    form = EditorPhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        errors = []
        for name, messages in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            errors += [f"{label}: {message}" if label else message for message in messages]
        return JsonResponse({"errors": errors}, status=400)
    photo = _save_upload(form, request.user)
    return JsonResponse(
        {"photo": picker_data(photo), "thumbnail": str(thumbnail(photo, 160))}, status=201
    )
