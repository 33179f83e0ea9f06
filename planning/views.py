"""The calendar's pages: month and week, moving a story, the printable day budget, and the
page that gives a person their calendar address (the feed itself is in ``feed``)."""

from datetime import date, datetime, timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from articles import schedule, workflow
from articles.models import Article, Category, Organisation
from articles.text import fold_accents
from articles.workflow import WorkflowError
from newsroom.site_address import absolute_url
from planning import calendar, feed, moves, services
from planning.models import Assignment


def _staff(request):
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied


def _day(text: str | None, default: date | None = None) -> date | None:
    try:
        day = date.fromisoformat(text or "")
    except ValueError:
        return default
    return day if date(1900, 1, 1) <= day <= date(9000, 12, 31) else default


def _people(request):
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .order_by("first_name", "username")
    )


def calendar_view(request):
    """Month (default) or week of planned, scheduled and published stories."""
    _staff(request)
    today = timezone.localdate()
    anchor = _day(request.GET.get("ngay"), today)
    week = request.GET.get("xem") == "tuan"
    filters = calendar.Filters.from_query(request.GET)
    if week:
        days = calendar.week_days(anchor)
        period = (days[0], days[-1])
        previous, following = anchor - timedelta(days=7), anchor + timedelta(days=7)
    else:
        days = calendar.month_days(anchor.year, anchor.month)
        first = anchor.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        period = (first, last)
        previous = (first - timedelta(days=1)).replace(day=1)
        following = last + timedelta(days=1)
    start, end = calendar.local_bounds(days[0], days[-1])
    found = calendar.entries(request.user, start, end, filters)
    context = {
        **admin.site.each_context(request),
        "title": _("Lịch biên tập"),
        "week": week,
        "anchor": anchor,
        "today": today,
        "period": period,
        "previous": previous,
        "following": following,
        "grid": calendar.by_day(days, found, period),
        "filters": filters,
        "filter_query": filters.as_query(),
        "categories": Category.objects.order_by("name").only("pk", "name"),
        "organisations": Organisation.objects.order_by("name").only("pk", "name"),
        "people": _people(request).only("pk", "first_name", "last_name", "username"),
        "can_plan": services.may_assign(request.user),
        "can_publish": workflow.is_publisher(request.user),
    }
    return TemplateResponse(request, "planning/calendar.html", context)


def day_budget(request, day: str):
    """The morning meeting's page: one day's stories by section, ready to print."""
    _staff(request)
    when = _day(day)
    if when is None:
        raise Http404
    filters = calendar.Filters.from_query(request.GET)
    start, end = calendar.local_bounds(when, when)
    found = calendar.entries(request.user, start, end, filters)
    sections: dict[str, list] = {}
    for entry in found:
        sections.setdefault(entry.section or _("Chưa xếp chuyên mục"), []).append(entry)
    context = {
        **admin.site.each_context(request),
        "title": _("Kế hoạch ngày %(day)s") % {"day": when.strftime("%d/%m/%Y")},
        "day": when,
        "sections": sorted(sections.items(), key=lambda item: fold_accents(item[0]).lower()),
        "count": len(found),
    }
    return TemplateResponse(request, "planning/day_budget.html", context)


def _time(text: str | None):
    try:
        return datetime.strptime(text, "%H:%M").time() if text else None
    except ValueError:
        return None


def move(request):
    """Move a story to another day: the calendar's drag (JSON) and its keyboard form."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _staff(request)
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("planning:calendar")
    day, at = _day(request.POST.get("date")), _time(request.POST.get("time"))
    kind, pk = request.POST.get("kind"), request.POST.get("pk", "")
    status, text = 200, ""
    try:
        if day is None or not pk.isdigit() or len(pk) > 18:
            raise WorkflowError([_("Hãy chọn một ngày hợp lệ.")])
        if kind == "assignment":
            moves.move_assignment(assignment_id=int(pk), actor=request.user, day=day, at=at)
        elif kind == "article":
            moves.move_article(article_id=int(pk), actor=request.user, day=day, at=at)
        else:
            raise WorkflowError([_("Thao tác không hợp lệ.")])
        text = _("Đã dời sang ngày %(day)s.") % {"day": day.strftime("%d/%m/%Y")}
        messages.success(request, text)
    except (Assignment.DoesNotExist, Article.DoesNotExist):
        status, text = 404, _("Không tìm thấy bài hoặc phân công này.")
    except PermissionDenied as error:
        status, text = 403, str(error) or _("Bạn không có quyền dời lịch.")
    except WorkflowError as error:
        status, text = 400, " ".join(error.messages)
    if status != 200:
        messages.error(request, text)
    if wants_json:
        return JsonResponse({"ok": status == 200, "message": text}, status=status)
    if status == 403:
        raise PermissionDenied(text)
    return HttpResponseRedirect(back)


def calendar_address(request):
    """Show the signed-in person their calendar feed's address; POST makes a new one and
    kills the old."""
    _staff(request)
    if request.method == "POST":
        feed.revoke(request.user)
        messages.success(request, _("Đã đổi địa chỉ lịch; địa chỉ cũ không còn dùng được."))
        return HttpResponseRedirect(reverse("planning:address"))
    context = {
        **admin.site.each_context(request),
        "title": _("Lịch trên điện thoại"),
        "address": absolute_url(feed.address_for(request.user)),
    }
    return TemplateResponse(request, "planning/address.html", context)


class TimeLimitsForm(forms.Form):
    expires_at = forms.SplitDateTimeField(label=_("Gỡ khỏi trang lúc"), required=False)
    embargo_until = forms.SplitDateTimeField(label=_("Cấm đăng đến"), required=False)


def time_limits(request, pk: int):
    """The editor-in-chief sets an article's end time and embargo (articles.schedule)."""
    _staff(request)
    if not workflow.is_publisher(request.user):
        raise PermissionDenied
    article = get_object_or_404(Article, pk=min(pk, 2**63 - 1))
    form = TimeLimitsForm(
        request.POST or None,
        initial={"expires_at": article.expires_at, "embargo_until": article.embargo_until},
    )
    if request.method == "POST" and form.is_valid():
        try:
            schedule.set_time_limits(article=article, actor=request.user, **form.cleaned_data)
        except WorkflowError as error:
            for text in error.messages:
                form.add_error(None, text)
        else:
            messages.success(request, _("Đã lưu thời hạn của bài viết."))
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))
    context = {
        **admin.site.each_context(request),
        "title": _("Thời hạn và cấm đăng: %(title)s") % {"title": article.title},
        "article": article,
        "form": form,
    }
    return TemplateResponse(request, "planning/time_limits.html", context)
