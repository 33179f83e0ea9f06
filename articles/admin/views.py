"""The article admin's extra pages: revisions, diff, restore, notes, presence, preview links,
and the admin's "view on site" shortcut kept from revealing articles."""

from django import forms
from django.contrib import messages
from django.contrib.admin import site
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles import pending, presence, preview_links, revisions, workflow
from articles.models import Article, PreviewLink
from newsroom.site_address import absolute_url

# The largest id a database column holds (bigint); a larger one in an address is no article.
MAX_ID = 2**63 - 1


def parse_local_datetime(date_text: str | None, time_text: str | None):
    """Read the admin's split date and time inputs (local time); empty or invalid gives None."""
    if not date_text:
        return None
    try:
        return forms.SplitDateTimeField().clean([date_text, time_text or "00:00"])
    except ValidationError:
        return None


def article_for(request, pk: int) -> Article:
    """The article if this user may see it in the admin; 404 otherwise, as if it did not exist."""
    articles = workflow.visible_articles(request.user, Article.objects.all())
    if not request.user.has_perm("articles.view_article") and not request.user.has_perm(
        "articles.change_article"
    ):
        raise PermissionDenied
    return get_object_or_404(articles, pk=pk)


def _change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def _context(request, article, title, **extra):
    return {
        **site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": title,
        **extra,
    }


def thread(article: Article) -> list[dict]:
    """Returns, transitions and notes on an article, oldest first, as one conversation."""
    entries = [
        {
            "at": t.created_at,
            "who": t.actor,
            "label": t.get_action_display(),
            "text": t.comment,
            "kind": t.action,
        }
        for t in article.transitions.select_related("actor")
    ]
    entries += [
        {"at": n.created_at, "who": n.author, "label": _("Ghi chú"), "text": n.text, "kind": "note"}
        for n in article.notes.select_related("author")
    ]
    return sorted(entries, key=lambda entry: entry["at"])


def revision_list(request, pk: int):
    article = article_for(request, pk)
    history = article.revisions.select_related("created_by")
    context = _context(
        request,
        article,
        _("Các phiên bản của “%(title)s”") % {"title": article.title},
        revisions=history,
        can_restore=workflow.can_edit(request.user, article),
    )
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


def revision_compare(request, pk: int):
    article = article_for(request, pk)
    try:
        numbers = sorted(int(request.GET[key]) for key in ("a", "b"))
    except (KeyError, ValueError):
        messages.error(request, _("Hãy chọn hai phiên bản để so sánh."))
        return HttpResponseRedirect(reverse("admin:articles_article_revisions", args=[pk]))
    old = get_object_or_404(article.revisions, number=numbers[0])
    new = get_object_or_404(article.revisions, number=numbers[1])
    context = _context(
        request,
        article,
        _("So sánh phiên bản %(a)d và %(b)d") % {"a": old.number, "b": new.number},
        old=old,
        new=new,
        rows=revisions.compare(old, new),
        can_restore=workflow.can_edit(request.user, article),
    )
    return TemplateResponse(request, "admin/articles/article/compare.html", context)


def revision_restore(request, pk: int, number: int):
    """Ask first, then write an old revision back as a new one.

    The page shows what would change; only a POST with ``confirm`` restores. A published
    article's public page does not change: the restored text becomes its pending version, a
    draft that goes through the workflow again (``articles.pending``); the restore is written
    in the article's history.
    """
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    article = article_for(request, pk)
    if not workflow.can_edit(request.user, article):
        raise PermissionDenied
    revision = get_object_or_404(article.revisions, number=number)
    live = article.status == Article.Status.PUBLISHED
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        reason = _("Khôi phục từ phiên bản %(n)d") % {"n": revision.number}
        warnings = []
        if live:
            new = pending.start(
                article=article, content=revision.content, user=request.user, reason=reason
            )
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=[article],
                action_flag=CHANGE,
                change_message=_(
                    "Khôi phục phiên bản %(old)d thành phiên bản cập nhật %(new)d, chờ duyệt."
                )
                % {"old": revision.number, "new": new.number},
                single_object=True,
            )
            messages.success(
                request,
                _(
                    "Đã khôi phục phiên bản %(old)d thành bản nháp cập nhật (phiên bản %(new)d). "
                    "Trang công khai giữ nguyên cho tới khi bản này được duyệt và xuất bản."
                )
                % {"old": revision.number, "new": new.number},
            )
        else:
            new, warnings = revisions.restore(article, revision, user=request.user)
            messages.success(
                request,
                _("Đã khôi phục nội dung phiên bản %(old)d thành phiên bản mới %(new)d.")
                % {"old": revision.number, "new": new.number},
            )
        for warning in warnings:
            messages.warning(request, warning)
        return HttpResponseRedirect(_change_url(article))
    current = article.pending_revision if article.has_pending_version else article.revisions.first()
    context = _context(
        request,
        article,
        _("Khôi phục phiên bản %(number)d?") % {"number": revision.number},
        revision=revision,
        current=current,
        rows=revisions.compare(current, revision) if current else [],
        live=live,
    )
    return TemplateResponse(request, "admin/articles/article/restore_confirm.html", context)


def heartbeat(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = article_for(request, pk)
    presence.mark_open(article, request.user)
    return JsonResponse({"others": presence.others(article, request.user)})


def may_make_preview_links(user) -> bool:
    return workflow.is_reviewer(user) or workflow.is_publisher(user)


def may_revoke(user, link: PreviewLink) -> bool:
    """The editor who made a link may revoke it, and the editor-in-chief any link: another
    editor's link is theirs to manage (they sent it, they know who reads it)."""
    if workflow.is_publisher(user):
        return True
    return workflow.is_reviewer(user) and link.created_by_id == user.pk


def preview_link_context(user, article: Article) -> dict:
    """The edit page's part about preview links: whether this user may make them, and the
    live ones (to those who may make them), each with whether this user may revoke it."""
    allowed = may_make_preview_links(user)
    links = []
    if allowed:
        links = list(article.preview_links.live().select_related("created_by", "revision"))
        for link in links:
            link.may_revoke = may_revoke(user, link)
    return {"can_make_preview_link": allowed, "preview_links": links}


def make_preview_link(request, pk: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = article_for(request, pk)
    if not may_make_preview_links(request.user):
        raise PermissionDenied
    if not preview_links.may_have_links(article):
        messages.error(
            request,
            _(
                "Bài đã xuất bản hoặc đã hẹn giờ: liên kết xem trước chỉ dành cho bài "
                "chưa xuất bản hoặc phiên bản cập nhật đang chờ duyệt."
            ),
        )
        return HttpResponseRedirect(_change_url(article))
    link, key = preview_links.create(article=article, user=request.user)
    address = absolute_url(reverse("public:signed-preview", args=[key]))
    messages.success(
        request,
        _(
            "Liên kết xem trước phiên bản %(number)d, hết hạn lúc %(expires)s; hãy sao chép ngay, "
            "liên kết chỉ hiện một lần: %(link)s"
        )
        % {
            "number": link.revision.number,
            "expires": date_format(timezone.localtime(link.expires_at), "d/m/Y H:i"),
            "link": address,
        },
    )
    return HttpResponseRedirect(_change_url(article) + "#preview-links")


def revoke_preview_link(request, pk: int, link_id: int):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if max(pk, link_id) > MAX_ID:  # beyond any id; SQLite cannot even compare it
        raise Http404
    article = article_for(request, pk)
    link = get_object_or_404(article.preview_links.select_related("article"), pk=link_id)
    if not may_revoke(request.user, link):
        raise PermissionDenied(_("Chỉ người tạo liên kết hoặc Tổng biên tập được thu hồi."))
    if preview_links.revoke(link=link, actor=request.user):
        messages.success(request, _("Đã thu hồi liên kết xem trước số %(id)d.") % {"id": link.pk})
    else:
        messages.info(request, _("Liên kết xem trước này đã hết hiệu lực từ trước."))
    return HttpResponseRedirect(_change_url(article) + "#preview-links")


def view_on_site(request, content_type_id, object_id):
    """Django's "view on site" redirect, refused (404) for an article this user may not see.

    Django's own answers any staff member with the object's public address, whose slug is the
    headline: a journalist could read a colleague's unpublished titles by trying ids.
    """
    try:
        content_type = ContentType.objects.get_for_id(int(content_type_id))
        if content_type.model_class() is Article:
            visible = workflow.visible_articles(request.user, Article.objects.all())
            if not visible.filter(pk=int(object_id)).exists():
                raise Http404
    except (ValueError, ContentType.DoesNotExist) as error:
        raise Http404 from error
    return shortcut(request, content_type_id, object_id)
