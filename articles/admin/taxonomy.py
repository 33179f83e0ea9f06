"""The editorial admin: every model, in Vietnamese, with search and autocomplete.

Who may change or delete which organisation, author, section, tag or glossary entry is decided
per object by ``articles.permissions`` (through ``ObjectRulesAdmin``).
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from articles import permissions
from articles.admin.rules import ObjectRulesAdmin
from articles.models import Abbreviation, Article, Author, Category, Organisation, Tag
from newsroom.admin_widgets import SafeAutocompleteMixin


def with_using_articles(deletion, articles):
    """Add ``articles`` to what protects the objects on the admin's delete page, by title."""
    deleted, counts, perms_needed, protected = deletion
    label = capfirst(Article._meta.verbose_name)
    protected = list(protected) + [
        format_html(
            '{}: <a href="{}">{}</a>',
            label,
            reverse("admin:articles_article_change", args=[article.pk]),
            article,
        )
        for article in articles.distinct().order_by("pk")
    ]
    return deleted, counts, perms_needed, protected


class ProtectedByArticlesAdmin:
    """The delete page names, by title, the articles that keep an object: those matching
    ``protecting_articles`` (a lookup that takes the objects being deleted)."""

    protecting_articles = ""

    def get_deleted_objects(self, objs, request):
        deletion = super().get_deleted_objects(objs, request)
        using = Article.objects.filter(**{self.protecting_articles: objs})
        return with_using_articles(deletion, using)


@admin.register(Organisation)
class OrganisationAdmin(
    ProtectedByArticlesAdmin, ObjectRulesAdmin, SafeAutocompleteMixin, admin.ModelAdmin
):
    list_display = ["name", "short_name", "kind", "parent", "position", "article_count"]
    list_editable = ["position"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "aliases"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]
    # A website typed without a scheme is taken as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "kind", "parent", "position"]}),
        (_("Nhận diện trong bài viết"), {"fields": ["aliases"]}),
        (_("Giới thiệu"), {"fields": ["description", "logo", "website"]}),
    ]

    def get_queryset(self, request):
        # An aggregate drops Meta.ordering, so the order is restated.
        queryset = super().get_queryset(request).annotate(article_total=Count("articles"))
        return queryset.order_by(*Organisation._meta.ordering)

    @admin.display(description=_("số bài"), ordering="article_total")
    def article_count(self, obj):
        return obj.article_total

    # Articles tagged with an organisation protect it, as a foreign key would.
    protecting_articles = "organisations__in"


@admin.register(Author)
class AuthorAdmin(
    ProtectedByArticlesAdmin, ObjectRulesAdmin, SafeAutocompleteMixin, admin.ModelAdmin
):
    list_display = ["name", "unit", "user"]
    search_fields = ["name", "unit"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]

    # Name the articles whose byline holds the author, not only the byline entries.
    protecting_articles = "bylines__author__in"


@admin.register(Category)
class CategoryAdmin(ObjectRulesAdmin, SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "parent", "position"]
    list_editable = ["position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Tag)
class TagAdmin(ObjectRulesAdmin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AbbreviationForm(forms.ModelForm):
    """A glossary entry; a short form that published articles use is the chief's to add."""

    writer = None  # the user, set for each request by ``AbbreviationAdmin.get_form``

    class Meta:
        model = Abbreviation
        fields = ["short_form", "expansion"]

    def clean_short_form(self):
        short_form = self.cleaned_data["short_form"]
        renamed = self.instance.pk is None or short_form != self.instance.short_form
        if renamed and self.writer and not permissions.may_write_glossary(self.writer, short_form):
            raise forms.ValidationError(
                _(
                    "«%(short_form)s» đã có trong bài đã xuất bản; giải nghĩa nó sẽ đổi các "
                    "trang đó, nên chỉ Tổng biên tập được thêm chữ viết tắt này."
                ),
                code="published",
                params={"short_form": short_form},
            )
        return short_form


@admin.register(Abbreviation)
class AbbreviationAdmin(ObjectRulesAdmin, admin.ModelAdmin):
    form = AbbreviationForm
    list_display = ["short_form", "expansion"]
    search_fields = ["short_form", "expansion"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.writer = request.user  # a class made for this request, so nothing is shared
        return form
