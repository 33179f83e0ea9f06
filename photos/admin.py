"""The photo library in the admin: list with thumbnails, upload of many photos at once, and the
popup the article editor opens to pick or upload a photo.

Every upload here goes through ``photos.images.prepare_upload`` (through the form field or
directly), and every view is wrapped by ``admin_site.admin_view``: staff only, CSRF-checked.
Which photos a user sees and changes is ``photos.policy``'s to say (the newsroom fills it), for
Django's views (through ``get_queryset`` and the ``has_*_permission`` methods) and for ours.
"""

from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import modelformset_factory
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsroom.admin_widgets import fits_column
from photos import chooser, policy
from photos.forms import MAX_FILES_PER_BATCH, BatchUploadForm, DescribeFormSet
from photos.images import prepare_upload
from photos.models import Photo
from photos.renditions import renditions_for

THUMBNAIL_WIDTH = 96


def thumbnail_html(photo: Photo, width: int = THUMBNAIL_WIDTH) -> str:
    """A small ``<img>`` of the photo, from its smallest rendition when there is one."""
    if not photo.image:
        return "—"
    renditions = renditions_for(photo)
    url = renditions[0].fallback_url if renditions else photo.image.url
    height = round(width * photo.height / photo.width) if photo.width else width
    return format_html(
        '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" class="photo-thumb">',
        url,
        photo.alt_text,
        width,
        height,
    )


def person_name(user) -> str:
    """A colleague by full name; the username only when the account has no name."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


class UploaderFilter(admin.RelatedOnlyFieldListFilter):
    """Filter by uploader, each named as colleagues know them."""

    def field_choices(self, field, request, model_admin):
        pks = model_admin.get_queryset(request).values_list(f"{field.name}__pk", flat=True)
        people = field.related_model._default_manager.filter(pk__in=pks).distinct()
        return sorted(((p.pk, person_name(p)) for p in people), key=lambda choice: choice[1])


def requested_ids(raw: str) -> list[int] | None:
    """The photo ids of ``?ids=3,5,8``; None when any of them is not one (empty, not plain
    digits, zero, too large for the column) or there are more than a batch holds."""
    parts = raw.split(",")
    if len(parts) > MAX_FILES_PER_BATCH:
        return None
    ids = []
    for part in parts:
        # isdigit() alone takes other scripts' digits and superscripts, which int() may refuse.
        if not (part.isascii() and part.isdigit()):
            return None
        value = int(part)
        if value < 1 or not fits_column(Photo._meta.pk, value):
            return None
        ids.append(value)
    return ids


def replacement_message(photo: Photo, form) -> str | None:
    """The audit log's words when a saved change put a new file on a published page."""
    if "image" not in form.changed_data:
        return None
    pages = policy.current().shown_on(photo)
    if not pages:
        return None
    old = form.initial.get("image")
    return gettext(
        "Thay tệp ảnh đang hiện trên bài đã xuất bản: %(articles)s. Tệp cũ: %(old)s; tệp mới: "
        "%(new)s."
    ) % {
        "articles": ", ".join(pages),
        "old": getattr(old, "name", old) or "—",
        "new": photo.image.name,
    }


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "caption", "alt_text", "credit", "size", "uploader"]
    list_display += ["created_at", "on_published_page"]
    list_display_links = ["thumbnail", "caption"]
    search_fields = ["caption", "alt_text", "credit"]
    list_filter = ["created_at", ("uploaded_by", UploaderFilter)]
    date_hierarchy = "created_at"
    list_per_page = 40
    readonly_fields = ["preview", "size", "rendition_summary", "uploader", "created_at"]
    fieldsets = [
        (None, {"fields": ["image", "preview", "caption", "alt_text", "credit"]}),
        (_("Cắt ảnh"), {"fields": ["focal_x", "focal_y"]}),
        (_("Thông tin"), {"fields": ["size", "rendition_summary", "uploader", "created_at"]}),
    ]
    list_select_related = ["uploaded_by"]

    class Media:
        css = {"all": ["photos/admin/photos.css"]}
        js = ["photos/admin/focal-point.js"]

    @admin.display(description=_("ảnh"))
    def thumbnail(self, obj):
        return thumbnail_html(obj)

    @admin.display(description=_("người tải lên"), ordering="uploaded_by__first_name")
    def uploader(self, obj):
        return person_name(obj.uploaded_by)

    @admin.display(description=_("kích thước"))
    def size(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    @admin.display(description=_("trên bài đã đăng"), boolean=True)
    def on_published_page(self, obj):
        # Shown so nobody is surprised that only the editor-in-chief may change these.
        return policy.current().in_use(obj)

    @admin.display(description=_("xem trước (bấm vào ảnh để chọn tiêu điểm)"))
    def preview(self, obj):
        if not obj.pk or not obj.image:
            return "—"
        renditions = [r for r in renditions_for(obj) if r.width <= 960]
        return format_html(
            '<div class="focal-picker" data-x="{}" data-y="{}">'
            '<img src="{}" alt="{}" width="{}" height="{}"><span class="focal-mark"></span></div>',
            "" if obj.focal_x is None else obj.focal_x,
            "" if obj.focal_y is None else obj.focal_y,
            renditions[-1].fallback_url if renditions else obj.image.url,
            obj.alt_text,
            obj.width,
            obj.height,
        )

    @admin.display(description=_("các cỡ đã tạo"))
    def rendition_summary(self, obj):
        widths = [str(r.width) for r in renditions_for(obj)]
        cropped = [str(r.width) for r in renditions_for(obj, "16x9")]
        if not widths:
            return _("Chưa có (sẽ tạo khi lưu).")
        return _("Nguyên khung: %(full)s px; cắt 16:9: %(crop)s px — WebP và %(fallback)s.") % {
            "full": ", ".join(widths),
            "crop": ", ".join(cropped) or "—",
            "fallback": obj.renditions.get("fallback", "jpg").upper(),
        }

    def get_queryset(self, request):
        # Everything Django's admin shows of the library (list, pages, autocomplete) is here.
        answers = policy.current()
        return answers.visible(request.user, answers.annotate(super().get_queryset(request)))

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return policy.current().can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return policy.current().can_delete(request.user, obj)

    def save_model(self, request, obj, form, change):
        # The change list's editable columns save each row after a model-level check only.
        if change and not policy.current().can_change(request.user, obj):
            raise PermissionDenied
        if not change and obj.uploaded_by_id is None:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        audit = None if add else replacement_message(form.instance, form)
        if audit is None:
            return message
        # A plain sentence, so the history page shows it as written; Django's own list of the
        # changed fields follows it.
        return f"{audit} {LogEntry(change_message=message).get_change_message()}".strip()

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("upload/", wrap(self.upload_view), name=f"{prefix}_upload"),
            path("describe/", wrap(self.describe_view), name=f"{prefix}_describe"),
            path("editor/", wrap(self.editor_view), name=f"{prefix}_editor"),
            path("editor/upload/", wrap(self.editor_upload_view), name=f"{prefix}_editor_upload"),
            *super().get_urls(),
        ]

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "has_view_permission": self.has_view_permission(request),
            **extra,
        }

    def upload_view(self, request):
        """Upload many photos at once; the good ones are kept even if others are refused."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = BatchUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            saved, refused = [], []
            for upload in form.cleaned_data["images"]:
                try:
                    photo = Photo(
                        image=prepare_upload(upload),
                        alt_text=form.cleaned_data["alt_text"],
                        caption=form.cleaned_data["caption"],
                        credit=form.cleaned_data["credit"],
                        uploaded_by=request.user,
                    )
                    photo.save()
                    saved.append(photo)
                except ValidationError as error:
                    refused += error.messages
            for message in refused:
                messages.error(request, message)
            if saved:
                count = len(saved)
                messages.success(
                    request,
                    ngettext(
                        "Đã tải lên %(count)d ảnh. Hãy viết mô tả riêng cho từng ảnh.",
                        "Đã tải lên %(count)d ảnh. Hãy viết mô tả riêng cho từng ảnh.",
                        count,
                    )
                    % {"count": count},
                )
                ids = ",".join(str(photo.pk) for photo in saved)
                return redirect(f"{reverse('admin:photos_photo_describe')}?ids={ids}")
            form.add_error("images", _("Không ảnh nào được nhận."))
        context = self._context(request, _("Tải nhiều ảnh lên thư viện"), form=form)
        return TemplateResponse(request, "admin/photos/photo/upload.html", context)

    def describe_view(self, request):
        """Write the caption, alt text and credit of each photo of a batch."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        ids = requested_ids(request.GET.get("ids", ""))
        if ids is None:
            messages.error(
                request,
                _(
                    "Danh sách ảnh không hợp lệ (tối đa %(count)s số ảnh, cách nhau bằng dấu "
                    "phẩy). Hãy mở trang này từ «Tải nhiều ảnh»."
                )
                % {"count": MAX_FILES_PER_BATCH},
            )
            return redirect("admin:photos_photo_changelist")
        queryset = policy.current().changeable(request.user, Photo.objects.filter(pk__in=ids))
        queryset = queryset.order_by("pk")
        missing = len(set(ids)) - queryset.count()
        if missing:
            # One answer for a photo that does not exist and one the user may not change, so the
            # page tells nothing about other people's photos.
            messages.warning(
                request,
                ngettext(
                    "%(count)d ảnh trong danh sách không tồn tại hoặc bạn không có quyền sửa.",
                    "%(count)d ảnh trong danh sách không tồn tại hoặc bạn không có quyền sửa.",
                    missing,
                )
                % {"count": missing},
            )
            if missing == len(set(ids)):
                return redirect("admin:photos_photo_changelist")
        formset_class = modelformset_factory(
            Photo,
            formset=DescribeFormSet,
            fields=["caption", "alt_text", "credit"],
            extra=0,
            edit_only=True,
        )
        formset = formset_class(request.POST or None, queryset=queryset)
        if request.method == "POST" and formset.is_valid():
            formset.save()
            messages.success(request, _("Đã lưu mô tả của các ảnh."))
            return redirect("admin:photos_photo_changelist")
        rows = [(form, thumbnail_html(form.instance, 240)) for form in formset]
        context = self._context(request, _("Mô tả các ảnh vừa tải lên"), formset=formset, rows=rows)
        return TemplateResponse(request, "admin/photos/photo/describe.html", context)

    def editor_view(self, request):
        """The editor's popup: upload first, then search the library and pick a photo."""
        return chooser.editor_view(self, request, thumbnail_html)

    def editor_upload_view(self, request):
        """One file dropped or picked in the editor's popup, answered in JSON."""
        return chooser.upload_one(self, request, thumbnail_html)
