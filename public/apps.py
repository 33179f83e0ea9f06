from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = _("Trang công khai")

    def ready(self):
        from public import rendering

        rendering.connect()
