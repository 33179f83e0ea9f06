"""The stored search document of an article (a column per engine)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class SearchDocument(models.Model):
    """An article's words as the search engine keeps them; ``articles.search`` fills it.

    On PostgreSQL ``vector`` holds the folded words (title A, lead B, body C), ``exact`` the
    words with their marks, ``pairs`` neighbouring words and ``head`` the title and lead, each
    vector but ``head`` with a GIN index made by migration on PostgreSQL only; on other
    databases ``text`` and ``exact_text`` hold the folded and the marked words, a line a part.
    ``body_text`` (both) is the body's plain text, which results pages cut excerpts from.
    A table of its own keeps these large columns out of every article query.
    """

    article = models.OneToOneField(
        Article,
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    vector = SearchVectorField(null=True, editable=False)
    text = models.TextField(blank=True, editable=False)
    exact = SearchVectorField(null=True, editable=False)
    head = SearchVectorField(null=True, editable=False)
    pairs = SearchVectorField(null=True, editable=False)
    exact_text = models.TextField(blank=True, editable=False)
    # The body's plain text as an excerpt shows it, so a results page reads no HTML.
    body_text = models.TextField(blank=True, editable=False)
    # PostgreSQL: the article's publication time, so matches are ranked before they are met
    # with the articles (``search_ranking``); copied on indexing, kept by a trigger.
    published_at = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = _("chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")

    def __str__(self):
        return str(self.article_id)


# The byline in order, with its authors: one query for any number of articles.
