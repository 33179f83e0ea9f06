"""What depends only on one article, rendered once and stored: ``RenderedArticle``.

The public app renders the pieces (``public.rendering``: it owns the templates) and stores them
here. A piece is served while its stamp equals what the article says now (the rendering code's
version, the site's addresses, the article's ``updated_at``); a change to anything else it shows
(a photo, a byline, an organisation, a tag, a section, the glossary) clears the stamp of the
articles concerned (``articles.signals``), so a stale piece is never served.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class RenderedArticleQuerySet(models.QuerySet):
    def mark_stale(self, *, page: bool = True, cards: bool = False) -> int:
        """Clear the stamps of these rows: their pieces are rendered again before being served."""
        changes = {}
        if page:
            changes["page_stamp"] = ""
        if cards:
            changes["cards_stamp"] = ""
        return self.update(**changes) if changes else 0


class RenderedArticle(models.Model):
    """An article's page and cards as readers get them, made when the article or what it
    shows changes."""

    article = models.OneToOneField(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="rendered",
    )
    # Empty when something the piece shows has changed since it was rendered.
    page_stamp = models.CharField(_("dấu phiên bản trang"), max_length=100, blank=True)
    cards_stamp = models.CharField(_("dấu phiên bản thẻ"), max_length=100, blank=True)
    head_html = models.TextField(_("phần đầu trang (HTML)"), blank=True)
    article_html = models.TextField(_("thân bài (HTML)"), blank=True)
    footer_html = models.TextField(_("chân bài (HTML)"), blank=True)
    # The ids of its organisations and tags, which the related block ranks by (page stamp).
    links = models.JSONField(_("tổ chức và thẻ"), default=dict, blank=True)
    cards = models.JSONField(_("thẻ bài trong các danh sách"), default=dict, blank=True)
    rendered_at = models.DateTimeField(_("thời điểm dựng"), auto_now=True)

    objects = RenderedArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết đã dựng sẵn")
        verbose_name_plural = _("bài viết đã dựng sẵn")

    def __str__(self):
        return str(self.article_id)
