"""The editorial desk on the admin's first page."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.selectors import desk_counts

register = template.Library()

QUEUES = [
    ("drafts", _("Bài nháp của tôi"), "desk=mine&status__exact=draft"),
    ("returned", _("Bị trả lại cho tôi"), "desk=returned"),
    ("in_review", _("Chờ duyệt"), "status__exact=in_review"),
    ("approved", _("Đã duyệt, chờ xuất bản"), "status__exact=approved"),
    ("scheduled", _("Đã hẹn giờ"), "desk=scheduled"),
    ("recent", _("Mới xuất bản (7 ngày)"), "desk=recent"),
]


@register.inclusion_tag("admin/articles/desk.html", takes_context=True)
def editorial_desk(context):
    """Counts and links for each queue of the signed-in user's desk."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return {"queues": []}
    counts = desk_counts(user)
    base = reverse("admin:articles_article_changelist")
    return {
        "queues": [
            {"label": label, "count": counts[key], "url": f"{base}?{query}"}
            for key, label, query in QUEUES
        ]
    }
