"""The admin page "Nhập bài từ văn bản": a journalist pastes an archive-format text, gets a draft.

Mounted in ``newsroom/urls.py`` through ``admin.site.admin_view`` (staff login, CSRF, no cache);
the permission to add articles is checked here, on the server.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .import_service import import_article
from .importers import ImportFormatError, parse_text
from .models import Article, Category


class ArticleTextForm(forms.Form):
    """The pasted text, parsed while it is validated so that errors show beside it."""

    text = forms.CharField(
        label=gettext_lazy("Văn bản bài viết"),
        max_length=200_000,
        strip=False,
        widget=forms.Textarea(
            attrs={"rows": 24, "class": "vLargeTextField", "spellcheck": "false"}
        ),
        help_text=gettext_lazy(
            "Mỗi phần một dòng: tiêu đề; ngày giờ (13/01/2022 21:44); sapo; các đoạn văn, "
            "chú thích ảnh là dòng ngắn không có dấu chấm cuối; dấu kết thúc ./.; tác giả "
            "(cách nhau bởi « - »); đơn vị."
        ),
    )
    category = forms.ModelChoiceField(
        Category.objects.all(), label=gettext_lazy("Chuyên mục"), required=False
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            self.parsed = parse_text(text)
        except ImportFormatError as error:
            raise ValidationError(
                _("Không đọc được bài: %(error)s.") % {"error": error}, code="format"
            ) from error
        existing = Article.objects.filter(import_key=self.parsed.import_key).first()
        if existing is not None:
            raise ValidationError(already_imported(existing), code="duplicate")
        return text


def already_imported(article: Article) -> str:
    """The message for a text whose article is already in the newsroom."""
    when = timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M")
    return _(
        "Bài «%(title)s» (%(when)s) đã có trong tòa soạn, mã bài %(pk)d; không tạo bản trùng."
    ) % {"title": article.title, "when": when, "pk": article.pk}


@require_http_methods(["GET", "POST"])
def import_article_view(request):
    """Show the paste form; on a valid text, make a draft owned by the user and open it."""
    if not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    form = ArticleTextForm(request.POST or None)
    if form.is_valid():
        outcome = import_article(
            form.parsed, created_by=request.user, category=form.cleaned_data["category"]
        )
        if outcome.created:
            messages.success(
                request,
                _("Đã tạo bản nháp «%(title)s»; hãy kiểm tra lại trước khi gửi duyệt.")
                % {"title": outcome.article.title},
            )
            return redirect("admin:articles_article_change", outcome.article.pk)
        form.add_error("text", already_imported(outcome.article))
    context = {
        **admin.site.each_context(request),
        "title": _("Nhập bài từ văn bản"),
        "form": form,
        "opts": Article._meta,
    }
    return TemplateResponse(request, "admin/articles/article/import_text.html", context)
