"""The editorial admin: every model, in Vietnamese, with search and autocomplete."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from . import (
    admin_photos,  # noqa: F401 — registers PhotoAdmin (the photo library)
    article_admin,  # noqa: F401 — registers the article admin
)
from .models import (
    Abbreviation,
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


@admin.register(Abbreviation)
class AbbreviationAdmin(admin.ModelAdmin):
    list_display = ["short_form", "expansion"]
    search_fields = ["short_form", "expansion"]
