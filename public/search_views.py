"""``/tim-kiem/``: the search page, its filters (section, organisation, dates) and its
"did you mean" (``articles.search`` finds and ranks; this page asks and shows)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles import search as search_engine
from articles.models import Article, Category, Organisation
from articles.text import exact_words, fold_accents, word_forms
from public.pagination import COUNT_AHEAD, PAGE_NUMBER
from public.views import PublicListView


class SearchFilters(forms.Form):
    """What a reader may narrow a search to; every field optional, every value checked."""

    chuyen_muc = forms.ModelChoiceField(
        queryset=Category.objects.filter(parent__isnull=True).order_by("position", "name"),
        to_field_name="slug",
        required=False,
        label=gettext_lazy("Chuyên mục"),
        empty_label=gettext_lazy("Mọi chuyên mục"),
    )
    to_chuc = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("position", "name"),
        to_field_name="slug",
        required=False,
        label=gettext_lazy("Tổ chức"),
        empty_label=gettext_lazy("Mọi tổ chức"),
    )
    tu_ngay = forms.DateField(
        required=False,
        label=gettext_lazy("Từ ngày"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    den_ngay = forms.DateField(
        required=False,
        label=gettext_lazy("Đến ngày"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("tu_ngay"), data.get("den_ngay")
        if start and end and start > end:
            raise forms.ValidationError(_("Ngày bắt đầu phải trước ngày kết thúc."))
        return data

    def narrow(self, articles):
        """``articles`` limited to what the valid fields ask for (a day in local time)."""
        if not self.is_valid():
            return articles
        data = self.cleaned_data
        if data.get("chuyen_muc"):
            articles = articles.in_category(data["chuyen_muc"])
        if data.get("to_chuc"):
            articles = articles.for_organisation(data["to_chuc"])
        if data.get("tu_ngay"):
            articles = articles.filter(published_at__gte=_day_start(data["tu_ngay"]))
        if data.get("den_ngay"):
            next_day = data["den_ngay"] + datetime.timedelta(days=1)
            articles = articles.filter(published_at__lt=_day_start(next_day))
        return articles

    @property
    def active(self) -> bool:
        return self.is_valid() and any(self.cleaned_data.values())


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


FILTER_PARAMS = tuple(SearchFilters.base_fields)


class SearchView(PublicListView):
    """``/tim-kiem/?q=``: published articles by their words, diacritics optional, narrowed by
    section, organisation and dates (``?chuyen_muc=&to_chuc=&tu_ngay=&den_ngay=``)."""

    template_name = "public/search.html"
    # Free text: the page cache caps how many different searches one visitor may add; the
    # filters are checked choices and dates, cached with the query they narrow.
    cache_params = ("q", "page", *FILTER_PARAMS)
    cache_free_text = ("q", "tu_ngay", "den_ngay")

    def get_queryset(self):
        self.query = search_engine.parse_query(self.request.GET.get("q"))
        self.filters = SearchFilters(self.request.GET or None)
        articles = self.filters.narrow(Article.objects.published())
        # The page asked for, so that the ids fetched are those of the page shown; a page
        # number that is not one is refused by ``paginate_queryset``.
        raw = self.request.GET.get(self.page_kwarg) or "1"
        number = int(raw) if PAGE_NUMBER.fullmatch(raw) else 1
        start = (number - 1) * self.paginate_by
        return search_engine.search(
            self.query,
            window=(start, start + self.paginate_by),
            articles=articles,
            # Counted as a list counts: ten pages past the one shown (``BoundedPaginator``).
            bound=(number + COUNT_AHEAD) * self.paginate_by,
        )

    def get_heading(self) -> str:
        if self.query:
            return _("Kết quả tìm kiếm “%(query)s”") % {"query": self.query.text}
        return _("Tìm kiếm")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        context["filters"] = self.filters
        context["meta"].robots = "noindex, follow"
        articles = context["articles"]
        for article in articles:
            article.title_html = search_engine.highlight(article.title, self.query)
            article.snippet_html = search_engine.snippet(
                article, self.query, body=getattr(article, "search_body", None)
            )
        page = context.get("page_obj")
        if self.query.marked and page is not None and page.number == 1:
            suggestion = did_you_mean(self.query, articles)
            if suggestion:
                params = self.request.GET.copy()
                params["q"] = suggestion
                params.pop(self.page_kwarg, None)
                context["suggestion"] = (suggestion, f"{self.request.path}?{params.urlencode()}")
        return context


def did_you_mean(query, articles) -> str:
    """The query as the best results spell it, when none of them has every word typed with
    marks exactly as typed (a mark mistyped: ``nộng dân`` → ``nông dân``); else ``""``.

    Read from the first result's title, lead and stored body text: no other query.
    """
    if not articles:
        return ""
    first = articles[0]
    text = " ".join((first.title, first.lead, getattr(first, "search_body", "") or ""))
    spellings: dict[str, dict[str, int]] = {}
    for word in exact_words(text):
        exact, folded = word_forms(word)
        spellings.setdefault(folded, {}).setdefault(exact, 0)
        spellings[folded][exact] += 1
    typed = exact_words(query.text)
    if all(word in spellings.get(fold_accents(word), {}) for word in typed if word in query.marked):
        return ""
    changed = []
    for word in typed:
        readings = spellings.get(fold_accents(word), {})
        if word in query.marked and readings and word not in readings:
            changed.append(max(readings, key=lambda reading: (readings[reading], reading)))
        else:
            changed.append(word)
    suggestion = " ".join(changed)
    return suggestion if suggestion != " ".join(typed) else ""
