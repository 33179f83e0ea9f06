"""The front page on one admin page (its stories and sections as rows), and the read counts.

Who may change the front page: whoever holds ``frontpage.change_frontpage`` (the
editor-in-chief's role), and editors (``articles.review_article``) when
``NEWSROOM_FRONT_PAGE_EDITORS`` is on. Django's admin writes each save in the audit log
(the page's *Lịch sử*), naming the stories and sections added, changed and removed.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from frontpage import readership_admin  # noqa: F401 — registers the read counts' list
from frontpage.front import PLACES
from frontpage.models import FrontPage, FrontPageSection, FrontPageStory


def may_edit(user) -> bool:
    """Whether ``user`` may change the front page."""
    if not user.is_active:
        return False
    if user.has_perm("frontpage.change_frontpage"):
        return True
    return settings.NEWSROOM_FRONT_PAGE_EDITORS and user.has_perm("articles.review_article")


class StoryForm(forms.ModelForm):
    class Meta:
        model = FrontPageStory
        fields = ["position", "article", "ends_at"]

    def clean_position(self):
        position = self.cleaned_data["position"]
        if not 1 <= position <= PLACES:
            raise ValidationError(
                _("Vị trí từ 1 (bài chính) tới %(last)s."), params={"last": PLACES}
            )
        return position

    def clean_article(self):
        article = self.cleaned_data["article"]
        if article.status != Article.Status.PUBLISHED:
            raise ValidationError(_("Chỉ chọn được bài đã xuất bản (hoặc đã lên lịch)."))
        return article

    def clean_ends_at(self):
        ends_at = self.cleaned_data.get("ends_at")
        if ends_at and ends_at <= timezone.now() and "ends_at" in self.changed_data:
            raise ValidationError(_("Thời điểm hết hạn đã qua."))
        return ends_at


class UniqueRowsFormSet(forms.BaseInlineFormSet):
    """No two rows with the same position or the same article (or section)."""

    distinct_fields: tuple[str, ...] = ()

    def clean(self):
        super().clean()
        for name in self.distinct_fields:
            seen = set()
            for form in self.forms:
                if not form.has_changed() and not form.instance.pk:
                    continue
                if self.can_delete and self._should_delete_form(form):
                    continue
                value = form.cleaned_data.get(name)
                if value is None:
                    continue
                if value in seen:
                    label = form.fields[name].label
                    raise ValidationError(
                        _("Hai dòng trùng “%(field)s”: %(value)s."),
                        params={"field": label, "value": value},
                    )
                seen.add(value)


class StoryFormSet(UniqueRowsFormSet):
    distinct_fields = ("position", "article")


class SectionFormSet(UniqueRowsFormSet):
    distinct_fields = ("position", "category")


class NoDeletePageMixin:
    """No delete page at all for what nobody deletes: a crafted id then answers 404, not 403."""

    def get_urls(self):
        return [url for url in super().get_urls() if not (url.name or "").endswith("_delete")]


class RuleMixin:
    """Every part of the front page's page follows ``may_edit``, whatever the model."""

    def has_view_permission(self, request, obj=None):
        return may_edit(request.user) or request.user.has_perm("frontpage.view_frontpage")

    def has_change_permission(self, request, obj=None):
        return may_edit(request.user)

    def has_add_permission(self, request, obj=None):
        return may_edit(request.user)

    def has_delete_permission(self, request, obj=None):
        return may_edit(request.user)


class StoryInline(RuleMixin, admin.TabularInline):
    model = FrontPageStory
    form = StoryForm
    formset = StoryFormSet
    extra = 0
    max_num = PLACES
    autocomplete_fields = ["article"]
    verbose_name_plural = _("Bài chính (vị trí 1) và bài nổi bật")


class SectionInline(RuleMixin, admin.TabularInline):
    model = FrontPageSection
    fields = ["position", "category"]
    formset = SectionFormSet
    extra = 0
    verbose_name_plural = _(
        "Các chuyên mục trên trang chủ, theo thứ tự (để trống: mọi chuyên mục, theo thứ tự sẵn có)"
    )


@admin.register(FrontPage)
class FrontPageAdmin(NoDeletePageMixin, RuleMixin, admin.ModelAdmin):
    inlines = [StoryInline, SectionInline]
    fields = ["updated_at"]
    readonly_fields = ["updated_at"]

    def has_add_permission(self, request, obj=None):
        return False  # there is one, made when first opened

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if self.has_view_or_change_permission(request):
            FrontPage.get()  # the one row, listed to be opened
        return super().changelist_view(request, extra_context)
