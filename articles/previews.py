"""Previews of unpublished articles in the public template, for the newsroom and reviewers.

Never cached (they are not wrapped in ``caching.public_page`` and say ``no-store``), never
indexed.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views import View

from . import workflow
from .admin_views import article_from_preview_token
from .models import Article
from .views import article_page_context


class PreviewMixin:
    """Render an unpublished article in the public template, never cached, never indexed."""

    template_name = "articles/article_detail.html"

    def render_preview(self, article):
        context = {"article": article, "object": article, "preview": True}
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
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise Http404
        visible = workflow.visible_articles(request.user, Article.objects.with_related())
        return self.render_preview(get_object_or_404(visible, pk=pk))


class SignedPreviewView(PreviewMixin, View):
    """A reviewer without an account opens a signed link that expires."""

    def get(self, request, token):
        article = article_from_preview_token(token, settings.NEWSROOM_PREVIEW_MAX_AGE)
        return self.render_preview(article)
