"""The reports' addresses, under /admin/bao-cao/, each through the admin's login check."""

from django.contrib import admin
from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", admin.site.admin_view(views.coverage_view), name="coverage"),
    path(
        "tai-ve/",
        admin.site.admin_view(views.coverage_view),
        {"download": True},
        name="coverage-download",
    ),
    path("san-xuat/", admin.site.admin_view(views.production_view), name="production"),
    path(
        "san-xuat/tai-ve/",
        admin.site.admin_view(views.production_view),
        {"download": True},
        name="production-download",
    ),
    path("nhuan-but/", admin.site.admin_view(views.royalty_view), name="royalties"),
    path(
        "nhuan-but/tai-ve/",
        admin.site.admin_view(views.royalty_view),
        {"download": True},
        name="royalties-download",
    ),
]
