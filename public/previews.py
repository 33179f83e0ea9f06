"""Previews of unpublished articles in the public template, for the newsroom and reviewers.

Never cached (they are not wrapped in ``caching.public_page`` and say ``no-store``), never
indexed. The newsroom's own preview shows the article as it is now (a published article's
pending version while it has one: the public page shows the live one); a preview link shows the
version it was made for, and says so when the article has changed since.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View

from articles import pending, preview_links, revisions, workflow
from articles.models import Article, ArticleAuthor, Author, Category, Organisation, Tag
from photos.models import Photo
from public.views import article_page_context


class PreviewMixin:
    """Render an unpublished article in the public template, never cached, never indexed."""

    template_name = "public/article_preview.html"

    def render_preview(self, article, **extra):
        context = {"article": article, "object": article, "preview": True, **extra}
        context.update(article_page_context(self.request, article))
        context["meta"].robots = "noindex, nofollow"
        response = TemplateResponse(
            request=self.request, template=[self.template_name], context=context
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response


class ArticlePreviewView(PreviewMixin, View):
    """The newsroom's own preview: the author and editors see any article they may open."""

    def get(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())  # settings.LOGIN_URL: the admin's
        if not request.user.is_staff:
            raise Http404
        visible = workflow.visible_articles(
            request.user, Article.objects.with_related().select_related("pending_revision")
        )
        article = get_object_or_404(visible, pk=pk)
        if not article.has_pending_version:
            return self.render_preview(article)
        # A published article being updated: the newsroom previews the update, not the page
        # the public reads (that one is the public page itself).
        dress_as(article, article.pending_revision.content)
        return self.render_preview(article, preview_notice=pending_notice(article))


class SignedPreviewView(PreviewMixin, View):
    """A reviewer without an account opens a preview link: the version it was made for."""

    def get(self, request, token):
        link = preview_links.find(token)
        if link is None:
            raise Http404(_("Liên kết xem trước không hợp lệ, đã hết hạn hoặc đã bị thu hồi."))
        article = get_object_or_404(Article.objects.with_related(), pk=link.article_id)
        if article.embargo_until and article.embargo_until > timezone.now():
            raise Http404(_("Bài đang bị cấm đăng; liên kết xem trước chưa mở được."))
        frozen = link.revision.content
        now = pending.content(article) if article.has_pending_version else None
        changed = (now or revisions.snapshot(article)) != frozen
        dress_as(article, frozen)
        made_at = date_format(timezone.localtime(link.created_at), "d/m/Y H:i")
        if changed:
            notice = _(
                "Bài viết đã được sửa sau khi liên kết này được tạo. Đây là phiên bản lúc "
                "tạo liên kết (%(when)s); hãy xin người gửi một liên kết mới để đọc bản hiện tại."
            ) % {"when": made_at}
        else:
            notice = _("Phiên bản lúc tạo liên kết (%(when)s).") % {"when": made_at}
        return self.render_preview(article, preview_notice=notice, preview_changed=changed)


def pending_notice(article: Article) -> str:
    """What the newsroom's preview of a published article's update says above it."""
    if article.has_scheduled_update:
        when = date_format(timezone.localtime(article.pending_publish_at), "d/m/Y H:i")
        return _(
            "Phiên bản cập nhật, hẹn lên trang lúc %(when)s. Đến lúc đó bạn đọc vẫn đọc bản "
            "đang xuất bản."
        ) % {"when": when}
    return _(
        "Phiên bản cập nhật (%(status)s), chưa công bố: bạn đọc vẫn đọc bản đang xuất bản cho "
        "tới khi phiên bản này được xuất bản."
    ) % {"status": article.get_desk_status_display()}


def dress_as(article: Article, content: dict) -> None:
    """Give ``article`` (fetched ``with_related``) a revision's content, in memory only.

    The lists the template reads (byline, organisations, tags) are set as Django sets a
    prefetch, so the page shows the frozen version whole. What was deleted since (a photo, an
    author) is left out. Never saved: the object is thrown away with the response.
    """
    for field in ("title", "slug", "lead", "body", "source"):
        if field in content:
            setattr(article, field, content[field])
    if "category" in content:
        article.category = _one(Category, content["category"])
    if "featured_photo" in content:
        article.featured_photo = _one(Photo, content["featured_photo"])
    cache = article._prefetched_objects_cache
    if "organisations" in content:
        cache["organisations"] = _listed(Organisation, content["organisations"])
    if "tags" in content:
        cache["tags"] = _listed(Tag, content["tags"])
    if "authors" in content:
        authors = _listed(Author, content["authors"])
        cache["bylines"] = _as_queryset(
            ArticleAuthor,
            [
                ArticleAuthor(article=article, author=author, position=number)
                for number, author in enumerate(authors, start=1)
            ],
        )


def _one(model, item):
    return model.objects.filter(pk=item["id"]).first() if item else None


def _listed(model, items):
    """The objects named by a revision's list, in its order, as a filled queryset."""
    found = model.objects.in_bulk([item["id"] for item in items])
    return _as_queryset(model, [found[item["id"]] for item in items if item["id"] in found])


def _as_queryset(model, objects):
    # A queryset whose results are already known: what a prefetch leaves on the instance.
    queryset = model.objects.none()
    queryset._result_cache = objects
    queryset._prefetch_done = True
    return queryset
