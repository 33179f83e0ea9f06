"""Each person's calendar for their phone: an iCalendar feed (RFC 5545) at a signed address.

The address carries the user's id and the token of their ``CalendarKey``, signed with the
site's secret (``django.core.signing``): it cannot be guessed or altered, and making a new
token (``revoke``) kills every copy of the old address. It shows their assignments and the
articles they wrote that are scheduled or recently published.
"""

from datetime import UTC, timedelta

from django.core import signing
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _

from articles.models import Article
from newsroom.site_address import absolute_url
from planning.models import Assignment, CalendarKey, new_calendar_token

SALT = "planning.calendar-feed"
PAST = timedelta(days=60)
EVENT_LENGTH = timedelta(minutes=30)


def address_for(user) -> str:
    key, _created = CalendarKey.objects.get_or_create(user=user)
    signed = signing.dumps({"u": user.pk, "t": key.token}, salt=SALT)
    return reverse("planning:feed", args=[signed])


def revoke(user) -> None:
    CalendarKey.objects.update_or_create(user=user, defaults={"token": new_calendar_token()})


def user_for(signed: str):
    """The active user this address belongs to, or None (forged, altered or revoked)."""
    try:
        data = signing.loads(signed, salt=SALT)
        key = CalendarKey.objects.select_related("user").get(user_id=int(data["u"]))
    except (signing.BadSignature, CalendarKey.DoesNotExist, KeyError, TypeError, ValueError):
        return None
    if not constant_time_compare(key.token, str(data.get("t", ""))) or not key.user.is_active:
        return None
    return key.user


# --- RFC 5545 ------------------------------------------------------------------------------


def escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped (3.3.11)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets folded with CRLF and a space, never inside a character."""
    out, current = [], b""
    limit = 75
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > limit:
            out.append(current)
            current, limit = b"", 74  # the continuation's leading space counts
        current += encoded
    out.append(current)
    return "\r\n ".join(part.decode("utf-8") for part in out)


def stamp(when) -> str:
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(uid: str, start, summary: str, description: str, url: str, now) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp(now)}",
        f"DTSTART:{stamp(start)}",
        f"DTEND:{stamp(start + EVENT_LENGTH)}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(description)}",
        f"URL:{url}",
        "END:VEVENT",
    ]


def calendar_text(user) -> str:
    """The whole feed of ``user``: two queries whatever its size."""
    now = timezone.now()
    host = absolute_url("/").split("//", 1)[-1].strip("/") or "newsroom"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Newsroom CMS//Lich bien tap//VI",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(_('Lịch biên tập'))}",
    ]
    plans = (
        Assignment.objects.filter(assignee=user, due_at__gte=now - PAST)
        .exclude(status=Assignment.Status.DECLINED)
        .select_related("category")
    )
    for plan in plans:
        summary = _("Hạn: %(title)s") % {"title": plan.working_title}
        details = [plan.get_kind_display(), plan.get_status_display()]
        if plan.category:
            details.append(plan.category.name)
        if plan.notes:
            details.append(plan.notes)
        lines += _event(
            f"assignment-{plan.pk}@{host}",
            plan.due_at,
            summary,
            "\n".join(details),
            absolute_url(plan.get_absolute_url()),
            now,
        )
    articles = (
        Article.objects.filter(status=Article.Status.PUBLISHED, published_at__gte=now - PAST)
        .filter(Q(created_by=user) | Q(bylines__author__user=user))
        .distinct()
        .only("pk", "title", "published_at")
    )
    for article in articles:
        label = _("Lên trang") if article.published_at > now else _("Đã xuất bản")
        lines += _event(
            f"article-{article.pk}@{host}",
            article.published_at,
            f"{label}: {article.title}",
            label,
            absolute_url(reverse("admin:articles_article_change", args=[article.pk])),
            now,
        )
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def feed_view(request, key: str):
    user = user_for(key)
    if user is None:
        raise Http404
    response = HttpResponse(calendar_text(user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-bien-tap.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
