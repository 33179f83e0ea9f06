"""Grading published articles for the royalty sheet, in the admin."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from reports.models import RoyaltyGrade, royalty_scale


class RoyaltyGradeForm(forms.ModelForm):
    """The grade chosen from the centre's scale; points left empty take the grade's points."""

    grade = forms.ChoiceField(label=_("loại"), choices=())

    class Meta:
        model = RoyaltyGrade
        fields = ["article", "grade", "points", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [
            (grade, f"{grade} ({points:g} điểm)") for grade, points in royalty_scale().items()
        ]
        self.fields["points"].required = False


@admin.register(RoyaltyGrade)
class RoyaltyGradeAdmin(admin.ModelAdmin):
    form = RoyaltyGradeForm
    raw_id_fields = ["article"]
    list_display = ["article", "grade", "points", "graded_by", "graded_at"]
    list_filter = ["grade"]
    list_select_related = ["article", "graded_by"]
    date_hierarchy = "graded_at"

    def save_model(self, request, obj, form, change):
        obj.graded_by = request.user
        super().save_model(request, obj, form, change)
