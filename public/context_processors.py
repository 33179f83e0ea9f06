"""Values every public template needs."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Category


def navigation() -> list[Category]:
    """The top-level sections, each with its ``subsections``: one query, all sections."""
    sections = list(Category.objects.only("name", "slug", "parent_id", "position"))
    for section in sections:
        section.subsections = []
    top = {section.pk: section for section in sections if section.parent_id is None}
    for section in sections:
        if section.parent_id in top:
            top[section.parent_id].subsections.append(section)
    return list(top.values())


def site(request):
    """The site's name, its sections for the navigation bar (asked only when a page shows
    them), and what the footer must show."""
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "nav_categories": SimpleLazyObject(navigation),
        "site_footer": {
            "licence": settings.NEWSROOM_LICENCE,
            "editor": settings.NEWSROOM_RESPONSIBLE_EDITOR,
            "address": settings.NEWSROOM_ADDRESS,
            "phone": settings.NEWSROOM_PHONE,
            "email": settings.NEWSROOM_EMAIL,
        },
    }
