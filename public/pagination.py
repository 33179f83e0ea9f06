"""Page numbers on the public lists, decided with search engines in mind.

Every page of a list has exactly one URL: the first page has no ``page`` parameter (``?page=1``
answers 301 to it), and pages 2…N are ``?page=2``…``?page=N``. Anything else (``abc``, ``0``,
``-1``, ``1.5``, a number past the last page) answers 404 rather than a copy of some other page:
a 200 there would be a duplicate or "soft 404" that search engines index and then distrust,
and a reader who follows such a link gets a 404 page with the way home and the search box.

A list counts its articles only a few pages past the one asked for (``COUNT_AHEAD``): counting
a whole section of a 100,000-article archive on every visit cost more than the rest of the
page. Past that point the page links end in "…" instead of the number of the last page.
"""

import re
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import gettext as _

PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,6}")
# How many pages past the one asked for a list counts.
COUNT_AHEAD = 10


class BoundedPaginator(Paginator):
    """A paginator that counts a query's rows no further than ``bound``.

    ``exact`` says whether ``count`` is the whole number or only the bound.
    """

    def __init__(self, object_list, per_page, *, bound: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.bound = bound

    @cached_property
    def _counted(self) -> int:
        if isinstance(self.object_list, QuerySet):
            # SELECT COUNT(*) FROM (… LIMIT bound + 1): the work stops at the bound, and
            # without the order the database may count along any index.
            return self.object_list.order_by()[: self.bound + 1].count()
        return len(self.object_list)

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.bound)

    @property
    def exact(self) -> bool:
        return self._counted <= self.bound


def url_for_page(request, number: int) -> str:
    """This list's URL for page ``number``, keeping the other parameters (the query, say)."""
    params = request.GET.copy()
    params.pop("page", None)
    if number > 1:
        params["page"] = str(number)
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path


class PageNumberMixin:
    """For ``ListView`` and the date archives: strict page numbers, one URL per page."""

    paginate_by = 20
    # The only query parameter a list reads: the page cache keys on it and drops the rest.
    cache_params = ("page",)

    def get(self, request, *args, **kwargs):
        if request.GET.get(self.page_kwarg) == "1":
            return HttpResponsePermanentRedirect(url_for_page(request, 1))
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        raw = self.request.GET.get(self.page_kwarg) or "1"
        if not PAGE_NUMBER.fullmatch(raw):
            raise Http404(_("Số trang không hợp lệ."))
        number = int(raw)
        paginator = BoundedPaginator(
            queryset,
            page_size,
            bound=(number + COUNT_AHEAD) * page_size,
            allow_empty_first_page=True,
        )
        if number > paginator.num_pages:
            raise Http404(_("Danh sách này không có trang %(number)s.") % {"number": number})
        page = paginator.page(number)
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        if page is not None and page.has_other_pages():
            numbers = list(
                page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
            )
            if not getattr(page.paginator, "exact", True) and numbers[-1] != page.number:
                # The last number is only as far as the list counted: there are more pages.
                numbers[-1] = page.paginator.ELLIPSIS
                if numbers[-2] == page.paginator.ELLIPSIS:
                    numbers.pop()
            context["page_links"] = [
                (number, None if number == page.paginator.ELLIPSIS else self.page_url(number))
                for number in numbers
            ]
            if page.has_previous():
                context["previous_page_url"] = self.page_url(page.previous_page_number())
            if page.has_next():
                context["next_page_url"] = self.page_url(page.next_page_number())
        return context

    def page_url(self, number: int) -> str:
        return url_for_page(self.request, number)
