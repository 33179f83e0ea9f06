"""The byline on the edit page: authors in print order, the writer first on a new article.

The order is kept in a hidden ``position`` field that the page's script (``byline-order.js``)
fills from the rows' order after a drag or a "Lên"/"Xuống" press; there is no number to type.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles import workflow
from articles.models import ArticleAuthor, Author
from newsroom.admin_widgets import SafeAutocompleteMixin

# Where a row whose position is missing or unreadable goes: last, then renumbered 1, 2, 3….
LAST = 32767


def full_name(user) -> str:
    """A person as colleagues know them: the full name, the username only when there is none."""
    if user is None:
        return "—"
    return user.get_full_name() or user.username


def writer_byline(user) -> Author | None:
    """The byline of the signed-in writer, when their account has one."""
    return Author.objects.filter(user=user).first() if user.is_authenticated else None


class PositionField(forms.IntegerField):
    """The hidden order: a value a crafted form makes unreadable puts the row last, calmly."""

    widget = forms.HiddenInput

    def clean(self, value):
        try:
            number = super().clean(value)
        except forms.ValidationError:
            return LAST
        return LAST if number is None else number


class BylineForm(forms.ModelForm):
    position = PositionField(required=False, min_value=0, max_value=LAST)

    class Meta:
        model = ArticleAuthor
        fields = ["author", "position"]


class ArticleAuthorInline(SafeAutocompleteMixin, admin.TabularInline):
    """The byline: authors in the order they are printed, moved by drag or by keyboard."""

    model = ArticleAuthor
    form = BylineForm
    fields = ["author", "position"]
    autocomplete_fields = ["author"]
    extra = 1
    ordering = ["position", "pk"]
    verbose_name = _("tác giả")
    verbose_name_plural = _("tác giả (theo thứ tự trên bài)")
    classes = ["byline-inline"]

    class Media:
        css = {"all": ["articles/admin/byline.css"]}
        js = ["articles/admin/byline-order.js"]

    def get_queryset(self, request):
        # Each row's heading names its author: one query for all rows, not one a row.
        return super().get_queryset(request).select_related("author")

    def get_extra(self, request, obj=None, **kwargs):
        if obj is not None and obj.has_pending_version:  # the pending byline's rows, and one
            return len(obj.pending_revision.content.get("authors", [])) + 1
        return super().get_extra(request, obj, **kwargs)

    def _article_editable(self, request, obj):
        return obj is None or workflow.can_edit(request.user, obj)

    def has_add_permission(self, request, obj):
        return self._article_editable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._article_editable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._article_editable(request, obj) and super().has_delete_permission(request, obj)


def byline_formset_kwargs(request, obj) -> dict:
    """A new article's form starts with its writer as the first author.

    Only the blank form gets it: on a POST the row is the writer's choice, and Django would
    ignore a row equal to its initial value as unchanged.
    """
    if (obj is not None and obj.pk is not None) or request.method == "POST":
        return {}
    author = writer_byline(request.user)
    return {"initial": [{"author": author.pk, "position": 1}]} if author else {}
