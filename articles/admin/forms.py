"""The article edit form: a stale save is refused, the transition inputs ride along, and the
body may show only library photos the writer may see."""

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import pending, permissions
from articles.models import Article
from articles.richtext import find_images, library_photos, sanitize_html
from photos.models import Photo


class ArticleAdminForm(forms.ModelForm):
    """Carries the version the editor started from; saving over a newer version is refused."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    transition_comment = forms.CharField(
        label=_("Ghi chú kèm thao tác"),
        required=False,
        max_length=5000,
        # The publish panel sits outside the form element; the attribute ties it back in.
        widget=forms.Textarea(attrs={"rows": 3, "cols": 40, "form": "article_form"}),
        help_text=_("Bắt buộc khi trả lại bài: ghi rõ cần sửa gì."),
    )
    transition_published_at = forms.SplitDateTimeField(
        label=_("Thời điểm xuất bản"),
        required=False,
        widget=AdminSplitDateTime(attrs={"form": "article_form"}),
        help_text=_("Để trống để xuất bản ngay; chọn thời điểm ở tương lai để hẹn giờ."),
    )

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "lead",
            "body",
            "category",
            "organisations",
            "tags",
            "featured_photo",
            "source",
        ]

    # The user writing, set for each request by the admin's ``get_form``.
    photo_viewer = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
            if not self.is_bound:
                # A published article's pending version is what the desk edits.
                self.initial.update(pending_initial(self.instance) or {})

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        if self.photo_viewer is not None and "<img" in body:
            # Saving ties an image to its library photo by id and writes in that photo's
            # address: a photo out of the writer's sight would give its address away.
            found = library_photos(find_images(sanitize_html(body)))
            ids = {photo.pk for photo in found.values()}
            seen = permissions.visible_photos(self.photo_viewer, Photo.objects.filter(pk__in=ids))
            hidden = ids - set(seen.values_list("pk", flat=True))
            if hidden:
                raise forms.ValidationError(
                    _(
                        "Nội dung có %(count)d ảnh không có trong thư viện ảnh của bạn. Hãy xoá "
                        "ảnh đó rồi chèn lại bằng nút «Chèn ảnh từ thư viện»."
                    ),
                    code="photo_out_of_sight",
                    params={"count": len(hidden)},
                )
        return body

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_stale_save(cleaned.get("edit_version"))
        return cleaned

    def _refuse_stale_save(self, started_from: int | None) -> None:
        # The admin wraps validation and saving in one transaction, so this row lock holds
        # until the save commits: a concurrent save waits here, then sees the new version.
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None:
            raise forms.ValidationError(_("Bài viết này đã bị xóa."), code="deleted")
        if started_from is None or started_from != current.version:
            last = current.revisions.select_related("created_by").first()
            who = _("một người khác")
            when = timezone.localtime(current.updated_at)
            if last is not None:
                when = timezone.localtime(last.created_at)
                if last.created_by:
                    who = last.created_by.get_full_name() or last.created_by.username
            raise forms.ValidationError(
                _(
                    "Không lưu được: %(who)s đã lưu bài này lúc %(when)s, sau khi bạn mở nó. "
                    "Nội dung bạn vừa sửa vẫn còn bên dưới: hãy sao chép lại, mở bài ở thẻ mới "
                    "để xem bản mới nhất, rồi đưa thay đổi của bạn vào đó."
                )
                % {"who": who, "when": when.strftime("%d/%m/%Y %H:%M:%S")},
                code="stale",
            )


def pending_initial(article: Article) -> dict | None:
    """The edit form's initial values from the pending version, or None."""
    content = pending.content(article)
    if content is None:
        return None

    def ident(item):
        return item["id"] if item else None

    return {
        **{name: content.get(name, "") for name in ("title", "slug", "lead", "body", "source")},
        "category": ident(content.get("category")),
        "featured_photo": ident(content.get("featured_photo")),
        "organisations": [item["id"] for item in content.get("organisations", [])],
        "tags": [item["id"] for item in content.get("tags", [])],
    }
