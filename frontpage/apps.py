from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontPageConfig(AppConfig):
    name = "frontpage"
    verbose_name = _("Trang chủ và lượt đọc")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from frontpage import signals

        signals.connect()
