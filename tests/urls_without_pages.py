"""The site's routes with the front page moved away from "/" (its name kept, so every link
still reverses): for showing what is answered before the URL is resolved."""

from django.urls import include, path

from newsroom.urls import urlpatterns as site_urlpatterns
from public import urls as article_urls

moved = [
    path("trang-chu-da-chuyen/", pattern.callback, name="home")
    if getattr(pattern, "name", None) == "home"
    else pattern
    for pattern in article_urls.urlpatterns
]
urlpatterns = [
    # everything but the public site's own routes
    *(pattern for pattern in site_urlpatterns if getattr(pattern, "namespace", None) != "public"),
    path("", include((moved, article_urls.app_name))),
]
