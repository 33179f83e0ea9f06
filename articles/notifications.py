"""E-mail to the people a transition concerns, sent after the transaction has committed."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Transition

logger = logging.getLogger(__name__)

Action = Transition.Action

SUBJECTS = {
    Action.SUBMIT: "Bài mới chờ duyệt: %(title)s",
    Action.RETURN: "Bài bị trả lại: %(title)s",
    Action.APPROVE: "Bài đã được duyệt: %(title)s",
    Action.PUBLISH: "Bài đã xuất bản: %(title)s",
    Action.SCHEDULE: "Bài đã được hẹn giờ xuất bản: %(title)s",
    Action.UNPUBLISH: "Bài đã bị gỡ: %(title)s",
}


def _editors():
    """Active users who hold the review permission through a group or directly.

    Superusers are left out: they hold every permission without being on the desk."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(
        Q(groups__permissions__codename="review_article")
        | Q(user_permissions__codename="review_article")
    ).distinct()


def _authors(article):
    """The article's creator and every byline that belongs to an account."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(
        Q(pk=article.created_by_id) | Q(author_profile__bylines__article=article)
    ).distinct()


def recipients(transition: Transition) -> list[str]:
    """Who hears of a transition: editors of a submission, the authors of everything else."""
    people = _editors() if transition.action == Action.SUBMIT else _authors(transition.article)
    return sorted({user.email for user in people if user.pk != transition.actor_id})


def transition_made(transition_id: int) -> None:
    """Send the e-mail for one transition; a mail failure is logged, never raised to the user."""
    transition = Transition.objects.select_related("article", "actor").get(pk=transition_id)
    subject_template = SUBJECTS.get(transition.action)
    to = recipients(transition)
    if subject_template is None or not to:
        return
    article = transition.article
    link = settings.NEWSROOM_BASE_URL.rstrip("/") + reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    actor = (
        transition.actor.get_full_name() or transition.actor.username if transition.actor else ""
    )

    lines = [
        _("%(actor)s đã %(action)s bài “%(title)s”.")
        % {
            "actor": actor,
            "action": transition.get_action_display().lower(),
            "title": article.title,
        },
    ]
    if transition.comment:
        lines += ["", _("Ghi chú:"), transition.comment]
    if transition.action == Action.SCHEDULE and article.published_at:
        local = timezone.localtime(article.published_at).strftime("%d/%m/%Y %H:%M")
        lines += ["", _("Thời điểm xuất bản: %(when)s") % {"when": local}]
    lines += ["", _("Mở bài viết: %(link)s") % {"link": link}]
    subject = _(subject_template) % {"title": article.title}
    message = (subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, to)
    try:
        send_mass_mail([message], fail_silently=False)
    except OSError:
        logger.exception("Could not send the notification for transition %s", transition_id)


def mentioned(article_id: int, user_ids: list[int], *, author_id: int | None, text: str) -> None:
    """E-mail the people mentioned in the article's discussion: who wrote, what, and the link."""
    users = get_user_model()
    article = Article.objects.get(pk=article_id)
    author = users.objects.filter(pk=author_id).first()
    who = (author.get_full_name() or author.username) if author else _("Một đồng nghiệp")
    to = sorted(
        {u.email for u in users.objects.filter(pk__in=user_ids, is_active=True).exclude(email="")}
    )
    if not to:
        return
    link = settings.NEWSROOM_BASE_URL.rstrip("/") + reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    subject = _("%(who)s nhắc đến bạn trong bài: %(title)s") % {"who": who, "title": article.title}
    lines = [
        _("%(who)s nhắc đến bạn trong trao đổi biên tập về bài “%(title)s”:")
        % {"who": who, "title": article.title},
        "",
        text,
        "",
        _("Mở bài viết: %(link)s") % {"link": link},
    ]
    message = (subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, to)
    try:
        send_mass_mail([message], fail_silently=False)
    except OSError:
        logger.exception("Could not send the mention e-mail for article %s", article_id)
