"""The editorial admin: every model, in Vietnamese, with search and autocomplete."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from . import admin_photos  # noqa: F401 — registers PhotoAdmin (the photo library)
from .models import (
    Abbreviation,
    Article,
    ArticleAuthor,
    Author,
    Category,
    Organisation,
    Tag,
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "position", "article_count"]
    list_editable = ["position"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
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


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "user"]
    search_fields = ["name", "unit"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "position"]
    list_editable = ["position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleAuthorInline(admin.TabularInline):
    """The byline: authors in the order they are printed."""

    model = ArticleAuthor
    fields = ["position", "author"]
    autocomplete_fields = ["author"]
    extra = 1
    ordering = ["position", "pk"]
    verbose_name = _("tác giả")
    verbose_name_plural = _("tác giả (theo thứ tự trên bài)")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "category", "byline_names", "published_at", "updated_at"]
    list_filter = ["status", "category", "organisations", "published_at"]
    search_fields = ["title", "lead"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category", "organisations", "tags", "featured_photo"]
    list_select_related = ["category"]
    inlines = [ArticleAuthorInline]
    readonly_fields = ["created_by", "created_at", "updated_at", "version"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "lead", "body"]}),
        (_("Phân loại"), {"fields": ["category", "organisations", "tags", "featured_photo"]}),
        (_("Xuất bản"), {"fields": ["source", "status", "published_at"]}),
        (_("Thông tin"), {"fields": ["created_by", "created_at", "updated_at", "version"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__author")

    @admin.display(description=_("tác giả"))
    def byline_names(self, obj):
        return " - ".join(author.name for author in obj.byline)

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is ArticleAuthor:
            form.instance.renumber_byline()


@admin.register(Abbreviation)
class AbbreviationAdmin(admin.ModelAdmin):
    list_display = ["short_form", "expansion"]
    search_fields = ["short_form", "expansion"]
