"""A page that fails, to see how an unhandled error reaches the log (test_operations)."""

from django.urls import path


def broken(request):
    raise RuntimeError("hỏng giữa chừng")


urlpatterns = [path("hong/", broken)]
