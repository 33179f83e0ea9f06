"""Values every public template needs."""

from django.conf import settings

from articles.models import Category


def site(request):
    """The site's name and its top-level sections for the navigation bar."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "nav_categories": Category.objects.filter(parent__isnull=True).only("name", "slug"),
    }
