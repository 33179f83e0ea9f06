"""Who else has an article open: a soft lock that expires by itself without a heartbeat."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from articles.models import EditPresence


def mark_open(article, user) -> None:
    """Record that ``user`` has the article's edit page open now (and drop long-gone rows)."""
    cutoff = timezone.now() - timedelta(seconds=settings.NEWSROOM_PRESENCE_TIMEOUT * 10)
    EditPresence.objects.filter(article=article, seen_at__lt=cutoff).delete()
    EditPresence.objects.update_or_create(
        article=article, user=user, defaults={"seen_at": timezone.now()}
    )


def others(article, user) -> list[str]:
    """Names of the other people whose edit page for the article is still sending heartbeats."""
    since = timezone.now() - timedelta(seconds=settings.NEWSROOM_PRESENCE_TIMEOUT)
    recent = (
        EditPresence.objects.filter(article=article, seen_at__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("seen_at")
    )
    return [entry.user.get_full_name() or entry.user.username for entry in recent]
