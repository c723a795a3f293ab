"""Queries over deadlines and the entered calendar, and the flags shown beside a due date.

The yellow/red flags are computed live from today and the official calendar (the kernel's
``remaining``); the stored ``level`` column is the same flag as of the last
``fazhi deadlines scan`` and serves set-based queries (indicators, exports).
"""

from __future__ import annotations

import base64
import calendar as pycal
import heapq
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from fazhi.core.accounts.policies import principal
from fazhi.core.ui.pagination import SeekPage
from fazhi.kernel.calendar import MAKEUP_WORKDAY, WorkCalendar
from fazhi.kernel.timelimits import remaining

from .models import AGENCY, CalendarDay, CalendarNotice, Deadline
from .official import calendar

RUNNING = (Deadline.Status.OPEN, Deadline.Status.SUSPENDED)

#: A running deadline with at most this many working days left is flagged yellow (临期). This is
#: the platform's warning threshold, not a statutory period; a deployment may change it with
#: the setting ``FAZHI_DEADLINE_WARNING_WORKING_DAYS``.
WARNING_WORKING_DAYS = 3

#: Bounded counts: counting stops here (a bounded scan, never a full count).
COUNT_CAP = 10_000
#: A person's to-do counts stop lower ("999+"): the figure is a prompt, not a statistic.
TODO_COUNT_CAP = 1_000


def warning_working_days() -> int:
    """The yellow threshold in working days (setting, else :data:`WARNING_WORKING_DAYS`)."""
    return int(getattr(settings, "FAZHI_DEADLINE_WARNING_WORKING_DAYS", WARNING_WORKING_DAYS))


@dataclass(frozen=True)
class Thresholds:
    """The due-date boundaries of the flags on one day.

    A running deadline is red when ``due < today`` and yellow when
    ``today <= due <= yellow_until``: ``yellow_until`` is the last date with at most
    :func:`warning_working_days` working days in ``(today, due]`` — the day before the
    (N+1)-th working day after today. This turns "≤ N working days left" into a date range,
    so that flags can be found with an index range scan and updated set-wise.
    """

    today: date
    yellow_until: date


def thresholds(today: date | None = None, cal: WorkCalendar | None = None) -> Thresholds:
    """The flag boundaries for ``today`` (default: today in Asia/Shanghai) on ``cal``."""
    cal = cal or calendar()
    today = today or timezone.localdate()
    n = warning_working_days()
    return Thresholds(today, cal.add_working_days(today, n + 1) - timedelta(days=1))


@dataclass(frozen=True)
class Flag:
    """What a user sees beside a due date: the level and the time left.

    ``counting`` is False for a suspended or finished deadline: it is never flagged.
    ``window`` is True for a period that binds the party or the court (e.g. the 5 working days
    to request a hearing, 行政处罚法 第六十四条): it is never the agency's delay, so it is never
    flagged yellow or red; once it has passed it reads "期限届满" and the next step may be taken.
    """

    level: str  # a Deadline.Level value
    working_days: int
    calendar_days: int
    overdue: bool
    counting: bool
    status: str
    window: bool = False

    @property
    def label(self) -> str:
        """ "逾期", "临期", "正常", or the status of a deadline that is not counting."""
        if not self.counting:
            return Deadline.Status(self.status).label
        if self.window:
            return "期限届满" if self.overdue else "对方期限"
        labels: dict[str, str] = {Deadline.Level.RED: "逾期", Deadline.Level.YELLOW: "临期"}
        return labels.get(self.level, "正常")

    @property
    def text(self) -> str:
        """E.g. "剩余 2 个工作日（4 天）", "今日届满", "已逾期 3 个工作日（5 天）"."""
        if not self.counting:
            return ""
        if self.window and self.overdue:
            return f"已届满 {-self.working_days} 个工作日（{-self.calendar_days} 天），可办理下一步"
        if self.overdue:
            return f"已逾期 {-self.working_days} 个工作日（{-self.calendar_days} 天）"
        if self.calendar_days == 0:
            return "今日届满"
        return f"剩余 {self.working_days} 个工作日（{self.calendar_days} 天）"


def flag(d: Deadline, today: date | None = None, cal: WorkCalendar | None = None) -> Flag:
    """The live flag of one deadline, from the kernel's ``remaining`` on the official calendar.

    Only an open deadline is flagged: a suspended one is not counting (its due date moves when
    it resumes) and a finished one has nothing left to do. A period that binds the party or the
    court (``binds`` other than ``agency``) is a window, never flagged (see :class:`Flag`).
    """
    cal = cal or calendar()
    today = today or timezone.localdate()
    r = remaining(today, d.due, calendar=cal)
    counting = d.status == Deadline.Status.OPEN
    window = d.binds != AGENCY
    level = Deadline.Level.NORMAL
    if counting and not window and r.overdue:
        level = Deadline.Level.RED
    elif counting and not window and r.working_days <= warning_working_days():
        level = Deadline.Level.YELLOW
    return Flag(level, r.working_days, r.calendar_days, r.overdue, counting, d.status, window)


def flag_of_row(d: Deadline) -> Flag:
    """The flag of a listed row, computed once per row and kept on it.

    Also sets the row's (unsaved) ``level`` to today's, so that the row colour on list pages
    is today's flag and not the one of the last scan.
    """
    cached = getattr(d, "_fazhi_flag", None)
    if cached is None:
        cached = flag(d)
        d._fazhi_flag = cached  # type: ignore[attr-defined]  # a per-row cache on the instance
        if d.status in RUNNING:
            d.level = cached.level
    return cached


# -- scopes ----------------------------------------------------------------------------------


def _base() -> QuerySet[Deadline]:
    """Deadlines with their agency and assignee fetched for the page in two small queries.

    Not ``select_related``: with the agency joined, SQLite's planner may walk the agencies and
    sort every matching deadline instead of reading the ``(status, due, id)`` index in order
    (seconds instead of milliseconds on a million rows).
    """
    return Deadline.objects.prefetch_related("agency", "assignee")


def todo_filter(user: Any) -> Q:
    """Deadlines that are this user's to do: assigned to them, or of an agency where they hold
    the deadline's ``role``."""
    q = Q(assignee_id=user.pk)
    by_role: dict[str, list[int]] = {}
    for role, agency_id in principal(user).grants:
        by_role.setdefault(role, []).append(agency_id)
    for role, agency_ids in sorted(by_role.items()):
        q |= Q(role=role, agency_id__in=sorted(agency_ids))
    return q


def todo(user: Any) -> QuerySet[Deadline]:
    """The user's running deadlines (我的待办)."""
    if not getattr(user, "is_authenticated", False):
        return Deadline.objects.none()
    return _base().filter(status__in=RUNNING).filter(todo_filter(user))


def _todo_branches(user: Any) -> list[Q]:
    """The to-do as a union of branches, each served by one composite index in due order:
    ``(assignee, status, due, id)`` for what is assigned to the user, ``(agency, status, due,
    id)`` for each (role, agency) the user holds."""
    branches = [Q(assignee_id=user.pk)]
    for role, agency_id in sorted(principal(user).grants):
        branches.append(Q(agency_id=agency_id, role=role))
    return branches


def _encode_cursor(due: date, pk: int) -> str:
    raw = json.dumps([due.isoformat(), pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(token: str | None) -> tuple[date, int] | None:
    if not token:
        return None
    try:
        due, pk = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        return date.fromisoformat(due), int(pk)
    except (ValueError, TypeError):
        return None


def todo_page(
    user: Any,
    *,
    cursor: str | None,
    size: int,
    refine: Callable[[QuerySet[Deadline]], QuerySet[Deadline]] | None = None,
    count_cap: int = TODO_COUNT_CAP,
) -> SeekPage:
    """One page of the user's to-do (soonest first, then id), after ``cursor``.

    A single ``assignee = me OR (agency, role) in mine`` query makes the database gather and
    sort every running deadline of the user before it can return the first 50 — a cost that
    grows with the size of the to-do list. Instead each branch (and status) is read in due
    order from its own index, ``size + 1`` rows at most, and the sorted heads are merged: the
    first ``size + 1`` distinct rows of the union are among them. ``refine`` narrows every
    branch alike (the level filter of the page, the API's filters).
    """
    refine = refine or (lambda qs: qs)
    after = _decode_cursor(cursor)
    heads = []
    for branch in _todo_branches(user) if getattr(user, "is_authenticated", False) else []:
        for status in RUNNING:
            qs = refine(Deadline.objects.filter(branch, status=status))
            if after is not None:
                due, pk = after
                qs = qs.filter(Q(due__gte=due) & (Q(due__gt=due) | Q(pk__gt=pk)))
            heads.append(list(qs.order_by("due", "pk").values_list("due", "pk")[: size + 1]))
    keys: list[tuple[date, int]] = []
    for key in heapq.merge(*heads):
        if not keys or key != keys[-1]:  # the same row from two branches comes out adjacent
            keys.append(key)
        if len(keys) > size:
            break
    more, keys = len(keys) > size, keys[:size]
    by_id = _base().in_bulk([pk for _, pk in keys])
    total, capped = (0, False)
    if count_cap:
        total, capped = bounded_count(refine(todo(user)), count_cap)
    return SeekPage(
        rows=[by_id[pk] for _, pk in keys],
        next_cursor=_encode_cursor(*keys[-1]) if more and keys else None,
        has_previous=after is not None,
        approx_total=total,
        total_capped=capped,
    )


def visible(user: Any) -> QuerySet[Deadline]:
    """Every deadline the user may read: of the agencies they see, or assigned to them."""
    if not getattr(user, "is_authenticated", False):
        return Deadline.objects.none()
    agencies = sorted(principal(user).visible_agency_ids)
    return _base().filter(Q(agency_id__in=agencies) | Q(assignee_id=user.pk))


def at_risk(user: Any, th: Thresholds | None = None) -> QuerySet[Deadline]:
    """Open yellow and red deadlines of the agencies a supervisor sees (风险期限)."""
    th = th or thresholds()
    agencies = sorted(principal(user).visible_agency_ids)
    return _base().filter(
        agency_id__in=agencies, status=Deadline.Status.OPEN, binds=AGENCY, due__lte=th.yellow_until
    )


def by_level(qs: QuerySet[Deadline], level: str, th: Thresholds) -> QuerySet[Deadline]:
    """Restrict ``qs`` to open deadlines flagged ``level`` today (an index range on ``due``).
    Only the agency's own periods are ever yellow or red (a party's window is not flagged)."""
    qs = qs.filter(status=Deadline.Status.OPEN)
    if level in (Deadline.Level.RED, Deadline.Level.YELLOW):
        qs = qs.filter(binds=AGENCY)
    if level == Deadline.Level.RED:
        return qs.filter(due__lt=th.today)
    if level == Deadline.Level.YELLOW:
        return qs.filter(due__gte=th.today, due__lte=th.yellow_until)
    return qs.filter(due__gt=th.yellow_until)


def bounded_count(qs: QuerySet, cap: int = COUNT_CAP) -> tuple[int, bool]:
    """How many rows, counting at most ``cap`` (and whether the cap was reached)."""
    n = qs.order_by()[: cap + 1].count()
    return min(n, cap), n > cap


# -- the calendar ----------------------------------------------------------------------------


def notices() -> QuerySet[CalendarNotice]:
    """Entered notices, newest year first, with their numbers of days off and 调休 working days."""
    return CalendarNotice.objects.select_related("entered_by").annotate(
        holiday_count=Count("days", filter=Q(days__is_workday=False)),
        workday_count=Count("days", filter=Q(days__is_workday=True)),
    )


def notice_lines(notice: CalendarNotice) -> tuple[str, str]:
    """An entered notice back in the form's text format: (holiday lines, working days)."""
    days = list(CalendarDay.objects.filter(notice=notice).order_by("day"))
    runs: list[list[Any]] = []
    for d in days:
        if d.is_workday:
            continue
        if runs and runs[-1][2] == d.name and runs[-1][1] + timedelta(days=1) == d.day:
            runs[-1][1] = d.day
        else:
            runs.append([d.day, d.day, d.name])
    holidays = "\n".join(
        f"{name} {a.isoformat()}" + (f"..{b.isoformat()}" if b != a else "") for a, b, name in runs
    )
    workdays = "\n".join(d.day.isoformat() for d in days if d.is_workday)
    return holidays, workdays


@dataclass(frozen=True)
class DayCell:
    day: date
    kind: str  # "holiday" | "workday" (调休上班) | "weekend" | "normal"
    name: str

    @property
    def title(self) -> str:
        return f"{self.day.isoformat()} {self.name}".strip()


@dataclass(frozen=True)
class Month:
    month: int
    weeks: list[list[DayCell | None]]


def month_grid(cal: WorkCalendar, year: int) -> list[Month]:
    """Twelve small month tables (Monday first) marking days off and 调休 working days."""
    months = []
    weeks_of = pycal.Calendar(firstweekday=0)
    for m in range(1, 13):
        weeks = []
        for week in weeks_of.monthdatescalendar(year, m):
            row: list[DayCell | None] = []
            for d in week:
                row.append(_cell(cal, d) if d.month == m else None)
            weeks.append(row)
        months.append(Month(m, weeks))
    return months


def _cell(cal: WorkCalendar, d: date) -> DayCell:
    name = cal.holiday_name(d) or ""
    weekend = d.weekday() >= 5
    if cal.is_workday(d):
        kind = "workday" if weekend else "normal"
        return DayCell(d, kind, MAKEUP_WORKDAY if weekend else "")
    if name:
        return DayCell(d, "holiday", name)
    return DayCell(d, "weekend" if weekend else "holiday", "")
