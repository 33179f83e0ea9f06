"""The site's URLs plus the baseline page, under the benchmark's settings only."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

STAND_IN_BYTES = 60_000


@cache
def baseline_html() -> bytes:
    """The saved article page's bytes, or a stand-in page of similar size."""
    if settings.BENCH_BASELINE_FILE:
        return Path(settings.BENCH_BASELINE_FILE).read_bytes()
    paragraph = "<p>Hội Nông dân xã ra quân làm đường giao thông nông thôn.</p>\n"
    repeat = STAND_IN_BYTES // len(paragraph.encode())
    return f"<!doctype html><html lang=vi><body>{paragraph * repeat}</body></html>".encode()


def baseline(request):
    """A page from memory: no database, no template, only the middleware around it."""
    return HttpResponse(baseline_html(), content_type="text/html; charset=utf-8")


urlpatterns = [path("__bench__/baseline/", baseline, name="bench-baseline"), *site_urlpatterns]
