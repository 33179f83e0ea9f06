"""Relation fields and autocomplete boxes that survive a crafted form.

When a form comes back with errors, Django's autocomplete widgets look up the submitted ids
to show them again; an id that is not a number (``category=abc`` in a hand-made POST) then
raises ``ValueError`` and the page answers 500 instead of showing the form's errors. An id
too large for its column (``category=99999999999999999999``) is a number, but SQLite cannot
even be asked about it (``OverflowError``). These widgets leave such values out, and the
fields refuse them with Django's own "not one of the available choices" message, as they
refuse an id that does not exist.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.forms import ModelChoiceField, ModelMultipleChoiceField


def _target_field(model, to_field_name=None):
    opts = model._meta
    return opts.get_field(to_field_name or opts.pk.name)


def fits_column(field, value) -> bool:
    """Whether ``value`` is a valid value of ``field`` that its database column can hold."""
    try:
        value = field.to_python(value)
    except ValidationError:
        return False
    if isinstance(value, int):
        connection = connections[router.db_for_read(field.model)]
        try:
            low, high = connection.ops.integer_field_range(field.get_internal_type())
        except KeyError:  # not a column type the backend bounds
            return True
        return (low is None or value >= low) and (high is None or value <= high)
    return True


class BoundedModelChoiceField(ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and not fits_column(
            _target_field(self.queryset.model, self.to_field_name), value
        ):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class BoundedModelMultipleChoiceField(ModelMultipleChoiceField):
    def _check_values(self, value):
        target = _target_field(self.queryset.model, self.to_field_name)
        for item in value:
            if isinstance(item, (str, int)) and not fits_column(target, item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class _KnownValuesOnly:
    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = _target_field(remote.model, getattr(remote, "field_name", None))
        kept = [item for item in value if fits_column(target, item)]
        return super().optgroups(name, kept, attr)


class SafeAutocompleteSelect(_KnownValuesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_KnownValuesOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """For a ModelAdmin or inline: its relation fields are the bounded ones above, and its
    ``autocomplete_fields`` use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", BoundedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
