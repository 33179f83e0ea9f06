"""The editorial workflow: the one place where an article's status changes.

    draft ──submit──▶ in_review ──approve──▶ approved ──publish/schedule──▶ published
      ▲                  │                                                    │
      └──────return──────┘ (comment required)          draft ◀──unpublish────┘

Each transition checks the actor on the server, records a Transition and a Revision in one
database transaction, and e-mails the people concerned once that transaction has committed.
Who may edit, view or delete an article is decided here too, so the admin only asks; so is the
four-eyes rule (nobody approves or publishes what they wrote or last changed).
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import checklist, notifications, pending, preview_links, revisions
from articles.models import Article, Transition

Status = Article.Status
Action = Transition.Action

REVIEW_PERMISSION = "articles.review_article"
PUBLISH_PERMISSION = "articles.publish_article"


@dataclass(frozen=True)
class Rule:
    source: str
    target: str
    permission: str | None  # None: the article's own author, or a reviewer
    needs_comment: bool = False
    needs_checklist: bool = False


RULES: dict[str, Rule] = {
    Action.SUBMIT: Rule(Status.DRAFT, Status.IN_REVIEW, None),
    Action.RETURN: Rule(Status.IN_REVIEW, Status.DRAFT, REVIEW_PERMISSION, needs_comment=True),
    Action.APPROVE: Rule(
        Status.IN_REVIEW, Status.APPROVED, REVIEW_PERMISSION, needs_checklist=True
    ),
    Action.PUBLISH: Rule(
        Status.APPROVED, Status.PUBLISHED, PUBLISH_PERMISSION, needs_checklist=True
    ),
    Action.SCHEDULE: Rule(
        Status.APPROVED, Status.PUBLISHED, PUBLISH_PERMISSION, needs_checklist=True
    ),
    Action.UNPUBLISH: Rule(Status.PUBLISHED, Status.DRAFT, PUBLISH_PERMISSION),
}


class WorkflowError(Exception):
    """A transition refused for reasons the user can fix; ``messages`` says which."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


# --- Who may do what ---------------------------------------------------------------------


def is_reviewer(user) -> bool:
    return user.is_active and user.has_perm(REVIEW_PERMISSION)


def is_publisher(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def is_owner(user, article: Article) -> bool:
    """Whether ``user`` created the article or stands in its byline."""
    if article.created_by_id == user.pk:
        return True
    return article.pk is not None and article.bylines.filter(author__user=user).exists()


def visible_articles(user, articles: QuerySet) -> QuerySet:
    """The articles ``user`` may see in the admin: all for editors, their own for journalists."""
    if is_reviewer(user) or is_publisher(user):
        return articles
    own = Article.objects.filter(Q(created_by=user) | Q(bylines__author__user=user))
    return articles.filter(pk__in=own.values("pk"))


def can_edit(user, article: Article) -> bool:
    """Editors correct anything not yet published, the editor-in-chief anything at all,
    a journalist only their own drafts."""
    return may_edit_as(editing_role(user, article), article.desk_status)


def editing_role(user, article: Article | None) -> str:
    """Which of the edit rule's roles ``user`` holds for ``article``: "chief", "editor",
    "owner" (a journalist's own article, or a new one) or "" (none)."""
    if not (user.is_active and user.has_perm("articles.change_article")):
        return ""
    if is_publisher(user):
        return "chief"
    if is_reviewer(user):
        return "editor"
    return "owner" if article is None or is_owner(user, article) else ""


def may_edit_as(role: str, desk_status: str) -> bool:
    """The edit rule itself, by role and the status the desk works on (a published article's
    pending version is edited as the status it has reached)."""
    if role == "chief":
        return True
    if role == "editor":
        return desk_status != Status.PUBLISHED
    return role == "owner" and desk_status == Status.DRAFT


def may_discard_pending(user, article: Article) -> bool:
    """Who may drop a published article's pending version: whoever started it, an editor, the
    editor-in-chief; once it is scheduled (the chief's decision), the editor-in-chief only."""
    if not (user.is_active and article.has_pending_version):
        return False
    if is_publisher(user):
        return True
    if article.has_scheduled_update:
        return False
    return is_reviewer(user) or (
        article.pending_started_by_id == user.pk and user.has_perm("articles.change_article")
    )


def can_delete(user, article: Article) -> bool:
    """Published work is deleted by the editor-in-chief only; a journalist may drop own drafts."""
    if not (user.is_active and user.has_perm("articles.delete_article")):
        return False
    if is_publisher(user):
        return True
    return article.status == Status.DRAFT and is_owner(user, article)


def has_authority(user, article: Article | None, action: str) -> bool:
    """Whether ``user`` is someone who may ever make ``action`` on this article, whatever its
    status now (a new, unsaved article belongs to whoever is writing it)."""
    rule = RULES.get(action)
    if rule is None or not user.is_active:
        return False
    if rule.permission is None:
        return is_reviewer(user) or article is None or is_owner(user, article)
    return user.has_perm(rule.permission)


def source_status(article: Article, action: str) -> str:
    """The status ``action`` starts from: the live article's for taking it down, otherwise the
    one the desk works on (a pending version's while there is one)."""
    return article.status if action == Action.UNPUBLISH else article.desk_status


def _allowed(user, article: Article, action: str) -> bool:
    """Whether the role, the status and the article's owner let ``user`` make ``action``."""
    rule = RULES.get(action)
    if rule is None or source_status(article, action) != rule.source:
        return False
    if not has_authority(user, article, action):
        return False
    if rule.permission is None and not is_reviewer(user):
        return can_edit(user, article)
    return True


def may(user, article: Article, action: str) -> bool:
    """Whether ``user`` may perform ``action`` on ``article`` in its current status."""
    return _allowed(user, article, action) and four_eyes_refusal(user, article, action) is None


def available_actions(user, article: Article) -> list[str]:
    """The transitions ``user`` may make on ``article`` now, in the order buttons show them."""
    return [action for action in RULES if may(user, article, action)]


# --- Four eyes -----------------------------------------------------------------------------

FOUR_EYES_ACTIONS = {Action.APPROVE, Action.PUBLISH, Action.SCHEDULE}


def four_eyes_refusal(user, article: Article, action: str) -> str | None:
    """Why ``user`` must leave ``action`` to someone else, or None.

    With ``NEWSROOM_FOUR_EYES`` on, nobody approves or publishes an article they wrote (they
    created it or stand in its byline) or whose content they changed last; the editor-in-chief
    may, when ``NEWSROOM_FOUR_EYES_CHIEF_EXEMPT`` is on.
    """
    if action not in FOUR_EYES_ACTIONS or not settings.NEWSROOM_FOUR_EYES:
        return None
    if settings.NEWSROOM_FOUR_EYES_CHIEF_EXEMPT and is_publisher(user):
        return None
    if not (is_owner(user, article) or revisions.last_editor_id(article) == user.pk):
        return None
    if action == Action.APPROVE:
        return _("Bài này do bạn viết/sửa lần cuối; cần một người khác duyệt.")
    return _("Bài này do bạn viết/sửa lần cuối; cần một người khác xuất bản.")


def withheld(user, article: Article) -> list[str]:
    """Why buttons ``user`` would otherwise see are missing (for the edit page), each once."""
    reasons = (
        four_eyes_refusal(user, article, action)
        for action in RULES
        if action in FOUR_EYES_ACTIONS and _allowed(user, article, action)
    )
    return list(dict.fromkeys(reason for reason in reasons if reason))


# --- The pre-publish checklist -----------------------------------------------------------


def publication_problems(article: Article) -> list[str]:
    """What the article lacks before it may be approved or published (empty when ready): the
    rules of ``articles.checklist``, asked of the pending version while there is one."""
    if article.has_pending_version:
        return checklist.problems(checklist.facts_of_content(article.pending_revision.content))
    return checklist.problems(checklist.facts_of_article(article))


# --- Performing a transition -------------------------------------------------------------


def _check(article: Article, action: str, actor, comment: str, when: datetime) -> list[str]:
    rule = RULES[action]
    if source_status(article, action) != rule.source:
        status = Status(source_status(article, action)).label
        return [
            _("Bài viết đang ở trạng thái “%(status)s”, không thể %(action)s.")
            % {"status": status, "action": Action(action).label.lower()}
        ]
    if not _allowed(actor, article, action):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    # Refused like an unready article, not with a 403: the edit page has saved the text by
    # now, and the editor is told that a colleague must take the next step.
    refusal = four_eyes_refusal(actor, article, action)
    if refusal:
        return [refusal]
    problems = []
    if rule.needs_comment and not comment.strip():
        problems.append(_("Hãy ghi rõ lý do trả lại bài để tác giả biết cần sửa gì."))
    if action == Action.SCHEDULE and when <= timezone.now():
        problems.append(_("Thời điểm hẹn giờ phải ở tương lai."))
    if rule.needs_checklist:
        problems.extend(publication_problems(article))
    return problems


def perform(
    *,
    article: Article,
    action: str,
    actor,
    comment: str = "",
    published_at: datetime | None = None,
    notify: bool = True,
    saved_revision=None,
) -> Transition:
    """Move ``article`` through ``action`` on behalf of ``actor``.

    Raises ``PermissionDenied`` when the actor may not, and ``WorkflowError`` with the reasons
    when the article is not ready. Publishing with a future ``published_at`` schedules.
    ``notify=False`` is for bulk work (the demo loader) where nobody should get mail.
    ``saved_revision`` is the revision the same request saved just before (the edit form's
    "Lưu và …"): it is named after the transition instead of a second copy being recorded.
    """
    if action not in RULES:
        raise WorkflowError([_("Thao tác không hợp lệ.")])
    now = timezone.now()
    when = published_at or now
    if action == Action.PUBLISH and article.embargo_until and when < article.embargo_until:
        when = article.embargo_until  # held until the embargo lifts, never before
    if action == Action.PUBLISH and when > now:
        action = Action.SCHEDULE
    with transaction.atomic():
        locked = (
            Article.objects.select_for_update(of=("self",))
            .select_related("pending_revision")
            .get(pk=article.pk)
        )
        problems = _check(locked, action, actor, comment, when)
        if problems:
            raise WorkflowError(problems)
        rule = RULES[action]
        transition = _apply(
            locked, action, rule.target, actor, comment, when, notify=notify, saved=saved_revision
        )
    _refresh(article, locked)
    return transition


def publish_imported(*, article: Article, published_at: datetime, actor=None) -> Transition:
    """Publish an article brought in from the archive: it was published once already, so it
    skips review and the checklist, and nobody is notified."""
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.status != Status.DRAFT:
            raise WorkflowError([_("Chỉ bài nháp mới được xuất bản khi nhập từ lưu trữ.")])
        transition = _apply(
            locked, Action.IMPORT, Status.PUBLISHED, actor, "", published_at, notify=False
        )
    _refresh(article, locked)
    return transition


def _apply(article, action, target, actor, comment, when, *, notify, saved=None) -> Transition:
    source = source_status(article, action)
    if article.has_pending_version:
        _apply_to_pending(article, action, target, when)
    else:
        article.status = target
        if target == Status.PUBLISHED:
            article.published_at = when
        elif source == Status.PUBLISHED:
            article.published_at = None
        article.version += 1
        article.save(update_fields=["status", "published_at", "version", "updated_at"])
    transition = Transition.objects.create(
        article=article,
        action=action,
        from_status=source,
        to_status=target,
        comment=comment.strip(),
        actor=actor,
    )
    reason = str(Action(action).label)
    if transition.comment:
        reason = f"{reason}: {transition.comment}"  # "Trả lại: ghi rõ địa chỉ…"
    latest = article.revisions.order_by("-number").first()
    if saved is not None and latest is not None and latest.pk == saved.pk:
        # One deliberate act, one revision: the save that came with this transition.
        latest.reason = reason[:255]
        latest.save(update_fields=["reason"])
    elif article.has_pending_version:
        # The pending version's step: a copy of it named after the step, which it now is.
        copy = revisions.record(
            article, user=actor, reason=reason, content=article.pending_revision.content
        )
        article.pending_revision = copy
        article.save(update_fields=["pending_revision"])
    else:
        revisions.record(article, user=actor, reason=reason)
    preview_links.close_on_transition(transition)
    if notify:
        transaction.on_commit(lambda: notifications.transition_made(transition.pk))
    return transition


def _apply_to_pending(article, action, target, when) -> None:
    """A transition of a published article's pending version: publishing writes it into the
    article (the publication time stays the first one); scheduling marks it to do so at
    ``when`` (``pending.publish_due``); taking the article down makes it the draft; any other
    step moves only the pending version.

    Until then the row's ``updated_at`` is left alone: it is the public page's
    ``dateModified``, and the public version has not changed.
    """
    if action == Action.SCHEDULE:
        article.pending_status = Status.PUBLISHED
        article.pending_publish_at = when
        article.version += 1
        article.save(update_fields=["pending_status", "pending_publish_at", "version"])
        return
    if target == Status.PUBLISHED or action == Action.UNPUBLISH:
        if action == Action.UNPUBLISH:
            article.status = Status.DRAFT
            article.published_at = None
        pending.apply(article)  # saves the row, its new content and status
        return
    article.pending_status = target
    article.version += 1
    article.save(update_fields=["pending_status", "version"])


def _refresh(article: Article, saved: Article) -> None:
    article.status = saved.status
    article.published_at = saved.published_at
    article.version = saved.version
    article.updated_at = saved.updated_at
    article.pending_revision = saved.pending_revision
    article.pending_status = saved.pending_status
    article.pending_publish_at = saved.pending_publish_at
