"""The library's forms in the admin: a batch of files, their descriptions, the editor's upload."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseModelFormSet
from django.utils.translation import gettext_lazy as _

from photos.images import ACCEPT
from photos.models import Photo

MAX_FILES_PER_BATCH = 30


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files; each is checked one by one by the view, so one bad file spoils nothing."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES_PER_BATCH:
            raise ValidationError(
                _("Mỗi lần chỉ tải được tối đa %(count)s ảnh; bạn đã chọn %(chosen)s."),
                params={"count": MAX_FILES_PER_BATCH, "chosen": len(files)},
            )
        return files


class BatchUploadForm(forms.Form):
    """Many files, with the caption, alt text and credit they start with."""

    images = MultipleFileField(
        label=_("các tệp ảnh"),
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        help_text=_("Chọn một hay nhiều ảnh JPEG, PNG, WebP hoặc GIF (tối đa %(count)s ảnh).")
        % {"count": MAX_FILES_PER_BATCH},
    )
    alt_text = forms.CharField(
        label=_("mô tả thay thế"),
        max_length=255,
        help_text=_("Dùng chung cho cả loạt; bước sau sửa riêng cho từng ảnh."),
    )
    caption = forms.CharField(label=_("chú thích"), max_length=500, required=False)
    credit = forms.CharField(label=_("nguồn ảnh"), max_length=255, required=False)


class DescribeFormSet(BaseModelFormSet):
    """The describe page's rows; a row naming a photo that is not on the page is refused.

    Django would validate such an id against the whole library and then quietly save nothing.
    """

    def clean(self):
        super().clean()
        if any(form.instance.pk is None for form in self.initial_forms):
            raise ValidationError(
                _("Biểu mẫu không khớp với các ảnh của trang này: hãy mở lại trang rồi lưu."),
                code="foreign_row",
            )


class EditorPhotoForm(forms.ModelForm):
    """The upload form of the editor's popup: the file and its description."""

    class Meta:
        model = Photo
        fields = ["image", "alt_text", "caption", "credit"]
