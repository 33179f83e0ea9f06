"""django-axes as installed here: its own app, under a Vietnamese name in the admin (its label
alone would read "Axes")."""

from axes.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AppConfig):
    verbose_name = _("Chống dò mật khẩu")
