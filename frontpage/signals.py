"""A change to the front page shows at once: it starts a new page-cache generation."""

from django.db.models.signals import post_delete, post_save

from frontpage.models import FrontPage, FrontPageSection, FrontPageStory
from newsroom import pagecache


def connect() -> None:
    for model in (FrontPage, FrontPageStory, FrontPageSection):
        uid = f"frontpage-invalidate-{model.__name__}"
        post_save.connect(pagecache.invalidate, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(pagecache.invalidate, sender=model, dispatch_uid=f"{uid}-delete")
