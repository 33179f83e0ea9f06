"""The admin site: Django's own, with every list answering calmly to filters typed by hand.

Django's admin list validates a filter value only as far as building the query: a value the
database cannot hold still reaches it and fails with a 500. The outside test found
``?nam=0``; the same happens with a date hierarchy's year 9999 (its "next year" is 10000), a
year 1 (before year 1 once shifted to UTC), ``?created_at__gte=0001-01-01`` or, on SQLite,
``?id__in=99999999999999999999``. Every registered list, ours and Django's and django-axes',
treats those as the wrong parameters they are: the admin's own answer, a redirect to the
unfiltered list, with a message saying why.

``NewsroomAdminConfig`` replaces ``django.contrib.admin`` in ``INSTALLED_APPS`` (Django's
documented way to give the project its own default site).
"""

from functools import cache

from django.contrib import admin, messages
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.translation import gettext as _

# What a value too large, too small or not a number raises once the query is compiled or
# sent (Python's datetime and int conversions); anything else is a real fault and stays loud.
UNREADABLE_VALUE = (ValueError, OverflowError)


class CalmChangeListMixin:
    """Filter values the database cannot take count as wrong lookup parameters."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except UNREADABLE_VALUE as error:  # the date hierarchy's own date arithmetic
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            super().get_results(request)
        except UNREADABLE_VALUE as error:  # the count, the first query the filters reach
            raise IncorrectLookupParameters(error) from error


@cache
def calm(change_list_class: type) -> type:
    """``change_list_class`` with the calm filters, made once per class."""
    return type(change_list_class.__name__, (CalmChangeListMixin, change_list_class), {})


class CalmListsMixin:
    """A model admin whose list uses the calm change list and says why it dropped a filter."""

    def get_changelist(self, request, **kwargs):
        return calm(super().get_changelist(request, **kwargs))

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters:
            messages.warning(
                request, _("Bộ lọc trong địa chỉ không hợp lệ nên đã được bỏ; đây là cả danh sách.")
            )
            raise


class NewsroomAdminSite(admin.AdminSite):
    """Every model admin registered here, whoever wrote it, gets the calm list."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CalmListsMixin):
            admin_class = type(
                admin_class.__name__,
                (CalmListsMixin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)


class NewsroomAdminConfig(AdminConfig):
    default_site = "newsroom.admin_site.NewsroomAdminSite"
