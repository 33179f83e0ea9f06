"""The reports' addresses, under /admin/bao-cao/, each through the admin's login check."""

from django.contrib import admin
from django.urls import path

from reports import views

app_name = "reports"


def page_and_download(prefix: str, view, name: str) -> list:
    """The report's page at ``prefix`` and its tables' downloads at ``prefix``tai-ve/."""
    view = admin.site.admin_view(view)
    return [
        path(prefix, view, name=name),
        path(f"{prefix}tai-ve/", view, {"download": True}, name=f"{name}-download"),
    ]


urlpatterns = [
    *page_and_download("", views.coverage_view, "coverage"),
    *page_and_download("san-xuat/", views.production_view, "production"),
    *page_and_download("nhuan-but/", views.royalty_view, "royalties"),
]
