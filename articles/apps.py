from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Tòa soạn")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from articles import selectors, signals
        from articles.photo_policy import NewsroomPhotoPolicy
        from newsroom import pagecache
        from photos import policy

        signals.connect()
        policy.register(NewsroomPhotoPolicy())
        pagecache.expire_at_next(selectors.clock)
