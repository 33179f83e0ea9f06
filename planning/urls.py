"""The calendar's addresses, under /admin/lich/; all but the feed through the admin's login."""

from django.contrib import admin
from django.urls import path

from planning import feed, views

app_name = "planning"

urlpatterns = [
    path("", admin.site.admin_view(views.calendar_view), name="calendar"),
    path("doi-lich/", admin.site.admin_view(views.move), name="move"),
    path("ngay/<str:day>/", admin.site.admin_view(views.day_budget), name="day"),
    path("bai/<int:pk>/thoi-han/", admin.site.admin_view(views.time_limits), name="time-limits"),
    path("dien-thoai/", admin.site.admin_view(views.calendar_address), name="address"),
    # The phone's calendar has no session: the signed key is the permission.
    path("ical/<str:key>/lich.ics", feed.feed_view, name="feed"),
]
