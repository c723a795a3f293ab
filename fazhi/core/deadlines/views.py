"""Pages: my to-do list, the risk overview, every deadline, "explain this date", the calendar."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.views import View

from fazhi.core.accounts.policies import require
from fazhi.core.ui.listing import Col, FilteredListView
from fazhi.core.ui.nav import url_allowed
from fazhi.core.workflow.steps import url_of
from fazhi.kernel.calendar import BASE_FIRST_YEAR, BASE_LAST_YEAR
from fazhi.kernel.formatting import zh_date
from fazhi.kernel.timelimits import RULES

from . import policies, selectors, services, tasks
from .filters import DeadlineFilterSet, RiskFilterSet
from .forms import FIRST_YEAR, LAST_YEAR, CalendarNoticeForm
from .models import CalendarNotice, Deadline

PAGE_SIZE = 50


_PK_SENTINEL = 987654321


@functools.lru_cache(maxsize=16)
def _explain_pattern(script_prefix: str) -> str:
    """The URL with a placeholder id; ``script_prefix`` is the cache key (reverse uses it)."""
    return reverse("deadlines:explain", args=[_PK_SENTINEL])


def explain_url(d: Deadline) -> str:
    """The "explain this date" page of a deadline (resolved once per script prefix, not per row:
    a list page shows fifty of them)."""
    return _explain_pattern(get_script_prefix()).replace(str(_PK_SENTINEL), str(d.pk))


# ui/_table.html reads ``c.link`` in the template, which would call a plain function with no
# argument (and get nothing); the table applies it to the row itself.
explain_url.do_not_call_in_templates = True  # type: ignore[attr-defined]


def _due_text(d: Deadline) -> str:
    return f"{zh_date(d.due)}（暂定）" if d.provisional else zh_date(d.due)


COLUMNS = [
    Col("提示", lambda d: selectors.flag_of_row(d).label),
    Col("届满日", _due_text, sort="due"),
    Col("剩余", lambda d: selectors.flag_of_row(d).text),
    Col("期限事项", "title", link=explain_url),
    Col("事项", "subject_label"),
    Col("承办机关", "agency.display_name"),
    Col("承办人", "assignee"),
    Col("状态", "get_status_display"),
    Col("依据", lambda d: "查看依据", link=explain_url),
]


class _DeadlineList(FilteredListView):
    columns = COLUMNS
    default_sort = "due"
    page_size = PAGE_SIZE
    template_name = "deadlines/list.html"

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {
            "warning_days": selectors.warning_working_days(),
            "horizon": services.calendar().horizon,
        }


class DeadlineListView(_DeadlineList):
    """全部期限: every deadline of the agencies the user sees, filtered on indexed columns."""

    title = "全部期限"
    filterset_class = DeadlineFilterSet

    def scope(self, request: HttpRequest) -> QuerySet[Deadline]:
        require(policies.can_use_deadlines(request.user), "管理员账号没有业务期限。")
        return selectors.visible(request.user)


class RiskListView(_DeadlineList):
    """风险期限: the open yellow and red deadlines across the agencies a supervisor sees."""

    title = "风险期限（临期与逾期）"
    filterset_class = RiskFilterSet

    def scope(self, request: HttpRequest) -> QuerySet[Deadline]:
        require(policies.can_view_risk(request.user), "只有法治监督人员可以查看风险期限。")
        return selectors.at_risk(request.user)


class TodoView(LoginRequiredMixin, View):
    """我的待办: the user's running deadlines, soonest first, flagged yellow and red."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        require(policies.can_use_deadlines(user), "管理员账号没有业务待办。")
        th = selectors.thresholds()
        level = request.GET.get("level", "")
        if level not in (Deadline.Level.RED, Deadline.Level.YELLOW):
            level = ""
        page = selectors.todo_page(
            user,
            cursor=request.GET.get("cursor"),
            size=PAGE_SIZE,
            refine=(lambda qs: selectors.by_level(qs, level, th)) if level else None,
        )
        cal = services.calendar()
        rows = [(d, selectors.flag(d, th.today, cal), explain_url(d)) for d in page.rows]
        mine = selectors.todo(user)
        cap = selectors.TODO_COUNT_CAP
        context = {
            "title": "我的待办",
            "rows": rows,
            "page": page,
            "level": level,
            "query": f"level={level}" if level else "",
            "today": th.today,
            "warning_days": selectors.warning_working_days(),
            "horizon": cal.horizon,
            "sections": [] if level else tasks.sections_for(user, th.today),
            "red": selectors.bounded_count(selectors.by_level(mine, Deadline.Level.RED, th), cap),
            "yellow": selectors.bounded_count(
                selectors.by_level(mine, Deadline.Level.YELLOW, th), cap
            ),
        }
        return render(request, "deadlines/todo.html", context)


@login_required
def explain(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Explain this date": the engine's trace, the rule's text and everything that moved it."""
    d = policies.get_visible_deadline(request.user, pk)
    rule = RULES.get(d.rule_id)
    cal = services.calendar()
    try:
        lines = services.explain(d)
    except Exception as exc:  # noqa: BLE001 - show why the date cannot be explained, not a 500
        lines = [f"无法重新计算该期限：{exc}"]
    provisional_years = list(range(cal.horizon + 1, d.due.year + 1)) if d.provisional else []
    return render(
        request,
        "deadlines/explain.html",
        {
            "title": f"期限说明：{d.title}",
            "d": d,
            "rule": rule,
            "lines": lines,
            "flag": selectors.flag(d, cal=cal),
            "suspensions": [tuple(s) for s in d.suspensions],
            "horizon": cal.horizon,
            "provisional_years": provisional_years,
            "subject_url": _subject_url(d, request.user),
        },
    )


@login_required
def open_subject(request: HttpRequest, pk: int) -> HttpResponse:
    """From a row of 我的待办 to the record the deadline times (the case, request, petition…)."""
    d = policies.get_visible_deadline(request.user, pk)
    url = _subject_url(d, request.user)
    if not url:
        messages.info(request, "该期限所属的记录没有单独的页面，以下是期限说明。")
        return redirect("deadlines:explain", pk=pk)
    return redirect(url)


def _subject_url(d: Deadline, user: Any) -> str:
    """The page of the case, request or petition the deadline belongs to, if it has one."""
    try:
        subject = d.subject_type.get_object_for_this_type(pk=d.subject_id)
    except Exception:  # noqa: BLE001 - the subject may have been removed; show the label only
        return ""
    url = url_of(subject)
    # only a page the user may open (a deadline an agency role sees may belong to a record whose
    # pages are another role's)
    return url if url and url_allowed(user, url) else ""


def _selected_year(request: HttpRequest, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except (TypeError, ValueError):
        return default
    return year if FIRST_YEAR <= year <= LAST_YEAR else default


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """放假安排: enter a year's State Council notice; every open deadline is recomputed."""
    require(policies.can_manage_calendar(request.user), "只有法治监督人员可以录入放假安排。")
    cal = services.calendar()
    if request.method == "POST":
        form = CalendarNoticeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            year = data["year"]
            _, changed = services.enter_notice(
                year,
                title=data["title"],
                holidays=data["holidays"],
                workdays=data["workdays"],
                document_number=data["document_number"],
                published_on=data["published_on"],
                actor=request.user,
            )
            messages.success(
                request,
                f"已录入{year}年放假安排，并按新的放假安排重新计算了全部进行中的期限："
                f"{changed} 项期限的届满日或暂定标记发生变化。",
            )
            return redirect(f"{reverse('deadlines:calendar')}?year={year}")
        year = form.cleaned_data.get("year") or _selected_year(request, cal.horizon + 1)
    else:
        year = _selected_year(request, cal.horizon + 1)
        form = CalendarNoticeForm(initial=_initial(year))
    return render(
        request,
        "deadlines/calendar.html",
        {
            "title": "放假安排",
            "form": form,
            "year": year,
            "years": sorted({*range(cal.horizon - 1, cal.horizon + 3), year}),
            "months": selectors.month_grid(cal, year),
            "year_provisional": cal.is_provisional(date(year, 1, 1)),
            "notices": selectors.notices(),
            "horizon": cal.horizon,
            "base_years": (BASE_FIRST_YEAR, BASE_LAST_YEAR),
            "today": timezone.localdate(),
        },
    )


def _initial(year: int) -> dict[str, Any]:
    """The form for ``year``: the entered notice if there is one, else a blank with the title."""
    notice = CalendarNotice.objects.filter(year=year).first()
    if notice is None:
        return {"year": year, "title": f"国务院办公厅关于{year}年部分节假日安排的通知"}
    holidays, workdays = selectors.notice_lines(notice)
    return {
        "year": year,
        "title": notice.title,
        "document_number": notice.document_number,
        "published_on": notice.published_on,
        "holidays": holidays,
        "workdays": workdays,
    }
