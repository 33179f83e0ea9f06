"""The admin page "Nhập bài từ văn bản": a journalist pastes an archive-format text, gets a draft.

Mounted in ``newsroom/urls.py`` through ``admin.site.admin_view`` (staff login, CSRF, no cache);
the permission to add articles is checked here, on the server. The page names an existing
article only to someone who may open it, and makes authors only for someone who may add them.
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

from articles import workflow
from articles.importing.parser import ImportFormatError, parse_text
from articles.importing.service import import_article
from articles.models import Article, Category


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

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

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
            raise ValidationError(already_imported(existing, self.user), code="duplicate")
        return text


def may_open(user, article: Article) -> bool:
    """Whether ``user`` may see ``article``: in the admin, or on the public site."""
    one = Article.objects.filter(pk=article.pk)
    return one.published().exists() or workflow.visible_articles(user, one).exists()


def already_imported(article: Article, user) -> str:
    """The message for a text whose article is already in the newsroom, naming it only to
    someone who may open it (another journalist's draft stays unnamed)."""
    if not may_open(user, article):
        return _(
            "Bài này đã có trong tòa soạn (cùng tiêu đề và thời điểm đăng) nhưng không thuộc "
            "quyền xem của bạn; không tạo bản trùng. Hãy hỏi biên tập viên nếu cần."
        )
    when = timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M")
    return _(
        "Bài «%(title)s» (%(when)s) đã có trong tòa soạn, mã bài %(pk)d; không tạo bản trùng."
    ) % {"title": article.title, "when": when, "pk": article.pk}


def unknown_authors_message(names: list[str]) -> str:
    """Which byline names were left out because there is no such author yet."""
    return _(
        "Chưa có tác giả %(names)s trong danh sách tác giả nên chưa đưa vào dòng tác giả; "
        "hãy chọn tác giả trong trang sửa bài hoặc nhờ biên tập viên thêm."
    ) % {"names": ", ".join(f"«{name}»" for name in names)}


@require_http_methods(["GET", "POST"])
def import_article_view(request):
    """Show the paste form; on a valid text, make a draft owned by the user and open it."""
    if not request.user.has_perm("articles.add_article"):
        raise PermissionDenied
    form = ArticleTextForm(request.POST or None, user=request.user)
    if form.is_valid():
        outcome = import_article(
            form.parsed,
            created_by=request.user,
            category=form.cleaned_data["category"],
            create_authors=request.user.has_perm("articles.add_author"),
        )
        if outcome.created:
            messages.success(
                request,
                _("Đã tạo bản nháp «%(title)s»; hãy kiểm tra lại trước khi gửi duyệt.")
                % {"title": outcome.article.title},
            )
            if outcome.unknown_authors:
                messages.warning(request, unknown_authors_message(outcome.unknown_authors))
            return redirect("admin:articles_article_change", outcome.article.pk)
        form.add_error("text", already_imported(outcome.article, request.user))
    context = {
        **admin.site.each_context(request),
        "title": _("Nhập bài từ văn bản"),
        "form": form,
        "opts": Article._meta,
    }
    return TemplateResponse(request, "admin/articles/article/import_text.html", context)
