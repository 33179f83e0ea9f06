"""The newsroom's URLs: the editorial admin and the public site."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from articles.admin.importing import import_article_view
from articles.admin.views import view_on_site

admin.site.site_header = _("Quản trị tòa soạn")
admin.site.site_title = _("Tòa soạn")
admin.site.index_title = _("Bàn làm việc")

urlpatterns = [
    # Lazy: with hashed names the address comes from collectstatic's manifest, which must not
    # be needed to import the URLs (collectstatic itself runs the checks that import them).
    path(
        "favicon.ico",
        RedirectView.as_view(url=lazy(static_url, str)("favicon.svg"), permanent=True),
    ),
    # Before the admin's own URLs, which would take "import/" for an article's id.
    path(
        "admin/articles/article/import/",
        admin.site.admin_view(import_article_view),
        name="admin_article_import",
    ),
    # In place of the admin's own "view on site", which would reveal any article's address.
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(view_on_site),
        name="admin_view_on_site",
    ),
    # The photo library moved from the articles app to its own: bookmarks and the browser
    # history of the old addresses land on the same pages (query string kept).
    re_path(
        r"^admin/articles/photo/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/photos/photo/%(rest)s", query_string=True),
    ),
    # The reports (issue 20), before the admin's own URLs, which would take "bao-cao/".
    path("admin/bao-cao/", include("reports.urls")),
    # The story budget's calendar (issue 19), before the admin's own URLs.
    path("admin/lich/", include("planning.urls")),
    path("admin/", admin.site.urls),
    path("", include("public.urls")),
]

if settings.DEBUG:
    # Never a folder listing: it would name the files of photos not yet published, whose
    # random names are what keeps them private (README, "Photos").
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT, show_indexes=False)
