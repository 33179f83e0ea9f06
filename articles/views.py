"""The public site: thin views over ``Article.objects.published()``."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, ListView

from . import workflow
from .admin_views import article_from_preview_token
from .models import Article, Author, Category, Organisation, Tag


class ForgivingPaginationMixin:
    """Paginate with ``Paginator.get_page``: a bad or too-large page number shows a real page."""

    paginate_by = 20

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class HomeView(ForgivingPaginationMixin, ListView):
    """The latest published articles."""

    template_name = "articles/home.html"
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().with_related()


class ArticleDetailView(DetailView):
    """One published article, found by id; a stale slug redirects to the canonical URL."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().with_related()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data(object=self.object))


class SectionArticleListView(ForgivingPaginationMixin, ListView):
    """Published articles of one organisation, section, author or tag, found by its slug."""

    template_name = "articles/section.html"
    context_object_name = "articles"
    section_model = None
    section_label = ""

    def get_section(self):
        return get_object_or_404(self.section_model, slug=self.kwargs["slug"])

    def filter_articles(self, articles, section):
        raise NotImplementedError

    def get_queryset(self):
        self.section = self.get_section()
        return self.filter_articles(Article.objects.published(), self.section).with_related()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = self.section
        context["section_label"] = self.section_label
        return context


class OrganisationView(SectionArticleListView):
    section_model = Organisation
    section_label = _("Tổ chức")

    def filter_articles(self, articles, section):
        return articles.for_organisation(section)


class CategoryView(SectionArticleListView):
    section_model = Category
    section_label = _("Chuyên mục")

    def filter_articles(self, articles, section):
        return articles.in_category(section)


class AuthorView(SectionArticleListView):
    section_model = Author
    section_label = _("Tác giả")

    def filter_articles(self, articles, section):
        return articles.by_author(section)


class TagView(SectionArticleListView):
    section_model = Tag
    section_label = _("Thẻ")

    def filter_articles(self, articles, section):
        return articles.tagged(section)


class PreviewMixin:
    """Render an unpublished article in the public template, never cached, never indexed."""

    template_name = "articles/article_detail.html"

    def render_preview(self, article):
        context = {"article": article, "object": article, "preview": True}
        response = self.response_class(
            request=self.request, template=[self.template_name], context=context
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response


class ArticlePreviewView(PreviewMixin, View):
    """The newsroom's own preview: the author and editors see any article they may open."""

    response_class = TemplateResponse

    def get(self, request, pk):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise Http404
        visible = workflow.visible_articles(request.user, Article.objects.with_related())
        return self.render_preview(get_object_or_404(visible, pk=pk))


class SignedPreviewView(PreviewMixin, View):
    """A reviewer without an account opens a signed link that expires."""

    response_class = TemplateResponse

    def get(self, request, token):
        article = article_from_preview_token(token, settings.NEWSROOM_PREVIEW_MAX_AGE)
        return self.render_preview(article)
