"""The public site: thin views over ``Article.objects.published()``.

Each page runs a fixed number of queries whatever it shows (``tests/public/test_views.py`` pins
them); caching, ETags and 304s are added around these views in ``urls.py`` (``caching.py``).
What depends only on one article (its page's head, header, body and footer, its cards) is
stored rendered (``public.rendering``): the views fetch it with the article and join it.
"""

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView, TemplateView

from articles.models import Article, Author, Category, Organisation, Tag
from frontpage import front, readership
from public import rendering, seo
from public.pagination import PageNumberMixin

HOME_LATEST = 6  # after the lead and featured stories
HOME_SECTION_SIZE = 4
HOME_SECTION_HORIZON = 1000


def content_changed_at(articles) -> float | None:
    """When the newest change among ``articles`` was made (a timestamp), for ``Last-Modified``:
    the page cache sends it instead of when its cache was filled (``newsroom.pagecache``)."""
    times = [seo.modified_at(article) for article in articles if article is not None]
    return max(times).timestamp() if times else None


class ContentDateMixin:
    """Send ``self.changed_at`` (set while building the context) as ``Last-Modified``."""

    changed_at: float | None = None
    cache_until: float | None = None

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if self.changed_at:
            response["Last-Modified"] = http_date(self.changed_at)
        # The page cache keeps it no longer than this (the front page's chosen stories).
        response.cache_until = self.cache_until
        return response


class HomeView(ContentDateMixin, TemplateView):
    """The front page: the lead and featured stories (chosen in the admin, else the newest), the
    latest news, a block per section in the front page's order, the organisations."""

    template_name = "public/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cards = rendering.with_stored_cards(Article.objects.published().for_cards())
        page = front.compose(cards, latest=HOME_LATEST)
        context["lead_story"] = page.lead
        context["featured"] = page.featured
        context["latest"] = page.latest
        self.cache_until = page.until
        # Only the lead story is kept out of the section blocks: a reader scanning a section
        # expects its newest articles there, even if the featured or latest show them too.
        context["sections"] = section_blocks(exclude=page.shown[:1])
        context["most_read"] = readership.most_read()
        context["organisations"] = Organisation.objects.all()
        context["meta"] = seo.PageMeta(
            heading="",
            description=_(
                "Tin tức về Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội của thành phố."
            ),
            canonical=seo.absolute(reverse("public:home")),
            json_ld=seo.home_json_ld(),
        )
        shown = [page.lead, *page.featured, *page.latest]
        shown += [card for _section, cards in context["sections"] for card in cards]
        self.changed_at = content_changed_at(shown)
        return context


def section_blocks(exclude: list[int], size: int = HOME_SECTION_SIZE):
    """[(top-level section, its latest articles)], subsections included, in three queries.

    Only the newest ``HOME_SECTION_HORIZON`` articles are looked at (their sections read from
    an index alone), so the front page costs the same with ten thousand articles or a
    million; a section with nothing among them (silent for weeks) gets no block but keeps its
    place in the navigation.
    """
    categories = list(
        front.with_front_positions(
            Category.objects.only("pk", "parent_id", "name", "slug", "position")
        )
    )
    section_of = {category.pk: category.parent_id or category.pk for category in categories}
    recent = (
        Article.objects.published()
        .newest_first()
        .filter(category__isnull=False)
        .values_list("pk", "category_id")[:HOME_SECTION_HORIZON]
    )
    # The excluded articles are left out after fetching, so the cards are one query always.
    chosen: dict[int, list[int]] = {}
    for pk, category_id in recent:
        newest = chosen.setdefault(section_of[category_id], [])
        if len(newest) < size + len(exclude):
            newest.append(pk)
    published = rendering.with_stored_cards(Article.objects.published().for_cards())
    cards = published.in_bulk([pk for pks in chosen.values() for pk in pks])
    blocks = []
    for section in front.ordered_sections([c for c in categories if c.parent_id is None]):
        shown = [cards[pk] for pk in chosen.get(section.pk, []) if pk not in exclude][:size]
        if shown:
            blocks.append((section, shown))
    return blocks


class ArticleDetailView(ContentDateMixin, DetailView):
    """One published article, found by id; a stale slug redirects to the canonical URL."""

    template_name = "public/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # Its byline, organisations and tags are fetched only when its stored page is stale.
        related = ("category", "featured_photo", "rendered")
        return Article.objects.published().select_related(*related).defer("body")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if kwargs.get("slug") != self.object.slug:
            return HttpResponsePermanentRedirect(self.object.get_absolute_url())
        context = self.get_context_data(object=self.object)
        pieces = rendering.page_pieces(self.object)
        context["pieces"] = pieces
        context["related"] = rendering.related_cards(self.object, pieces["links"])
        context["most_read"] = readership.most_read()
        self.changed_at = content_changed_at([self.object])
        return self.render_to_response(context)


def article_page_context(request, article: Article) -> dict:
    """The article page's context rendered now and not stored, for the previews.

    ``article`` comes from ``Article.objects.with_related()``. The head is left to ``base.html``
    (from ``meta``), so a preview can add its ``robots``.
    """
    pieces = rendering.render_pieces(article, rendering.glossary(), head=False)
    return {
        "pieces": pieces,
        "related": rendering.related_cards(article, pieces["links"]),
        "meta": pieces["meta"],
    }


class ListMetaMixin(ContentDateMixin, PageNumberMixin):
    """A paginated list of published article cards, with its head for search engines."""

    context_object_name = "articles"
    heading = ""
    description = ""

    def get_queryset(self):
        return rendering.with_stored_cards(Article.objects.published().newest_first().for_cards())

    def get_heading(self) -> str:
        return str(self.heading)

    def get_description(self) -> str:
        return str(self.description or self.get_heading())

    def changed_at_of(self, shown) -> float | None:
        """When what the page lists last changed (its articles, by default)."""
        return content_changed_at(shown)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        number = page.number if page else 1
        heading = self.get_heading()
        context["heading"] = heading
        if number > 1:
            heading = _("%(heading)s – trang %(number)s") % {"heading": heading, "number": number}
        self.changed_at = self.changed_at_of(context.get("object_list") or [])
        context["meta"] = seo.PageMeta(
            heading=heading,
            description=seo.describe(self.get_description()),
            canonical=seo.absolute(self.page_url(number)),
            prev_url=context.get("previous_page_url", ""),
            next_url=context.get("next_page_url", ""),
        )
        return context


class PublicListView(ListMetaMixin, ListView):
    template_name = "public/list.html"


def feed_links(names: tuple[str, str], **kwargs) -> list[tuple[str, str, str]]:
    """(URL, media type, label) of a list's RSS and Atom feeds, for links in the page."""
    if not names:
        return []
    rss, atom = (reverse(name, kwargs=kwargs) for name in names)
    return [(rss, "application/rss+xml", "RSS"), (atom, "application/atom+xml", "Atom")]


class LatestView(PublicListView):
    """Every published article, newest first."""

    heading = gettext_lazy("Tin mới")
    description = gettext_lazy("Tất cả tin bài mới nhất, xếp theo thời gian đăng.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feeds"] = feed_links(("public:feed-latest-rss", "public:feed-latest-atom"))
        return context


class SectionView(PublicListView):
    """Published articles of one organisation, section, author or tag, found by its slug.

    Organisations and sections are the site's public structure (the navigation and the home
    page list them all), so their pages answer even before their first published article.
    """

    section_model = None
    section_label = ""
    feed_names = ()

    def get_section(self):
        return get_object_or_404(self.section_model, slug=self.kwargs["slug"])

    def filter_articles(self, articles, section):
        raise NotImplementedError

    def get_queryset(self):
        self.section = self.get_section()
        return self.filter_articles(super().get_queryset(), self.section)

    def get_heading(self) -> str:
        return self.section.name

    def get_description(self) -> str:
        about = getattr(self.section, "description", "") or getattr(self.section, "bio", "")
        return about or f"{self.section_label}: {self.section.name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = self.section
        context["section_label"] = self.section_label
        context["feeds"] = feed_links(self.feed_names, slug=self.section.slug)
        return context


class OrganisationView(SectionView):
    template_name = "public/organisation.html"
    section_model = Organisation
    section_label = gettext_lazy("Tổ chức")
    feed_names = ("public:feed-organisation-rss", "public:feed-organisation-atom")

    def get_section(self):
        return get_object_or_404(
            Organisation.objects.select_related("parent"), slug=self.kwargs["slug"]
        )

    def filter_articles(self, articles, section):
        return articles.for_organisation(section)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = self.section.children.all()
        return context


class CategoryView(SectionView):
    template_name = "public/category.html"
    section_model = Category
    section_label = gettext_lazy("Chuyên mục")
    feed_names = ("public:feed-category-rss", "public:feed-category-atom")

    def get_section(self):
        return get_object_or_404(
            Category.objects.select_related("parent"), slug=self.kwargs["slug"]
        )

    def filter_articles(self, articles, section):
        return articles.in_category(section)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["subsections"] = self.section.children.all()
        context["current_category"] = self.section.parent or self.section
        return context


def with_published_articles(rows: QuerySet, relation: str) -> QuerySet:
    """The ``rows`` (authors or tags) that some published article uses through ``relation``.

    A byline or tag known only from drafts or scheduled articles is not public: its page is a
    404, not its name. Asked in the same query as the row, as a subquery stopping at the first
    published article (an index walk; ``EXISTS`` makes PostgreSQL hash every link).
    """
    first = Article.objects.published().order_by().filter(**{relation: OuterRef("pk")})
    return rows.alias(first_published=Subquery(first.values("pk")[:1])).filter(
        first_published__isnull=False
    )


class AuthorView(SectionView):
    template_name = "public/author.html"
    section_model = Author
    section_label = gettext_lazy("Tác giả")

    def get_section(self):
        authors = with_published_articles(Author.objects.all(), "authors")
        return get_object_or_404(authors, slug=self.kwargs["slug"])

    def filter_articles(self, articles, section):
        return articles.by_author(section)


class TagView(SectionView):
    template_name = "public/section.html"
    section_model = Tag
    section_label = gettext_lazy("Thẻ")

    def get_section(self):
        tags = with_published_articles(Tag.objects.all(), "tags")
        return get_object_or_404(tags, slug=self.kwargs["slug"])

    def filter_articles(self, articles, section):
        return articles.tagged(section)


def robots_txt(request):
    """``/robots.txt``: keep crawlers out of the admin and previews; name the sitemaps."""
    # Search results are not disallowed: a crawler must read them to see their "noindex".
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /xem-truoc/",
        "",
        f"Sitemap: {seo.absolute(reverse('public:sitemap'))}",
        f"Sitemap: {seo.absolute(reverse('public:sitemap-section', args=['news']))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
