"""Due-date computation for one period, with its trace.

Counting rules (docs/statutes.md "Counting rules" A–G):

- the trigger day is not counted, day 1 is the next day (民事诉讼法 第八十五条第二款,
  民诉法解释 第一百二十五条, 民法典 第二百零一条);
- working-day periods count working days only, on the official calendar: 调休 weekend working
  days count, weekdays bridged into a holiday do not (e.g. 行政处罚法 第八十五条);
- month and year periods end on the corresponding day of the target month, or on its last
  day when there is none (民法典 第二百零二条);
- a calendar-day, month or year period whose last day is not a working day ends on the next
  working day when the rule rolls forward (民事诉讼法 第八十五条第三款, 民法典 第二百零三条);
- a restart counts the whole period afresh from the restart date (政府信息公开条例 第三十条);
- suspensions are inclusive date ranges that are not counted (e.g. 政府信息公开条例
  第三十三条第三款, 行政强制法 第二十五条第三款): for a calendar period each suspended day
  inside the running period pushes the end one day; for a working-day period each suspended
  working day does;
- a "set date" rule (unit ``set_date``) counts nothing: its trigger is the due date that a
  document or a deciding office set (e.g. the answer date of a 人大代表建议 set at 交办);
- "N日前" notices (direction "before"): the event day and the notice day are both excluded and
  N full units lie between them (docs/statutes.md F, best understanding).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from fazhi.kernel.calendar import WorkCalendar

from .rules import (
    CALENDAR_DAYS,
    FIXED_DATE,
    MONTHS,
    SET_DATE,
    UNIT_LABELS,
    WORKING_DAYS,
    YEARS,
    Rule,
    get_rule,
)
from .trace import SKIPPED_CAP, Due, Remaining, SuspensionError, TimeLimitError, Trace

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def month_length(year: int, month: int) -> int:
    """Days in ``month`` of ``year`` (Gregorian)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def add_months(d: date, months: int) -> date:
    """The corresponding day ``months`` later, or that month's last day (民法典 第二百零二条)."""
    m0 = d.month - 1 + months
    year, month = d.year + m0 // 12, m0 % 12 + 1
    if not 1 <= year <= 9999:
        raise TimeLimitError("日期超出可计算范围 / date out of range")
    return date(year, month, min(d.day, month_length(year, month)))


def _resolve(rule: Rule | str) -> Rule:
    return rule if isinstance(rule, Rule) else get_rule(rule)


def _calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    return calendar if calendar is not None else WorkCalendar.default()


def _ordinal_date(o: int) -> date:
    try:
        return date.fromordinal(o)
    except (ValueError, OverflowError):
        raise TimeLimitError("日期超出可计算范围 / date out of range") from None


def _natural_end(
    rule: Rule,
    start: date,
    total: int,
    suspensions: list[tuple[int, int]],
    cal: WorkCalendar,
) -> tuple[int, int]:
    """The last counted day (as an ordinal) before any roll, and the units suspended."""
    s = start.toordinal()
    suspended = 0
    if rule.unit == WORKING_DAYS:
        far = max((b for _, b in suspensions), default=s)
        table = cal.table(s, far + 2 * total + 40)
        rank = table.cum[s - table.lo + 1] + total  # rank (1-based) of the last counted day
        for a, b in suspensions:
            first = max(a, s + 1)
            if first > table.wd[rank - 1]:
                continue
            n = table.cum[b - table.lo + 1] - table.cum[first - table.lo]
            rank += n
            suspended += n
        while rank - 1 >= len(table.wd):
            wider = cal.table(s, table.hi + 400)
            if wider.hi <= table.hi:
                raise TimeLimitError("日期超出可计算范围 / date out of range")
            table = wider
        return table.wd[rank - 1], suspended
    if rule.unit == CALENDAR_DAYS:
        end = s + total
    elif rule.unit == SET_DATE:
        end = s  # the trigger is the date that was set
    elif rule.unit in (MONTHS, YEARS):
        end = add_months(start, total * (12 if rule.unit == YEARS else 1)).toordinal()
    elif rule.unit == FIXED_DATE:
        assert rule.month is not None and rule.day is not None
        year = start.year + 1
        if year > 9999:
            raise TimeLimitError("日期超出可计算范围 / date out of range")
        end = date(year, rule.month, min(rule.day, month_length(year, rule.month))).toordinal()
    else:  # pragma: no cover - the loader rejects other units
        raise TimeLimitError(f"未知的期限单位 {rule.unit} / unknown unit")
    for a, b in suspensions:
        first = max(a, s + 1)
        if first <= end:
            end += b - first + 1
        else:
            # It starts after the last counted day, in the non-working days the period rolls
            # over: the last day moves to the day after the suspension, as it would had the
            # suspension started on the last day itself.
            end = b + 1
        suspended += b - first + 1
    return end, suspended


def _roll(rule: Rule, end: int, cal: WorkCalendar) -> int | None:
    """The next working day after a non-working last day, when the rule rolls forward."""
    if not rule.roll_forward:
        return None
    table = cal.table(end, end + 40)
    if table.work[end - table.lo]:
        return None
    return table.wd[table.cum[end - table.lo]]


def _merge(
    start: date,
    suspensions: Iterable[tuple[date, date]],
    unsuspended_due: int,
) -> list[tuple[int, int]]:
    """Validate suspensions against the running period and merge overlapping ones."""
    intervals: list[tuple[int, int]] = []
    for item in suspensions:
        try:
            a, b = item
            a_o, b_o = a.toordinal(), b.toordinal()
        except (TypeError, ValueError, AttributeError):
            raise SuspensionError(
                f"中止期间格式错误：{item!r} / malformed suspension {item!r}"
            ) from None
        span = f"{a.isoformat()}..{b.isoformat()}"
        if b_o < a_o:
            raise SuspensionError(
                f"中止期间 {span} 的结束日早于开始日 / suspension ends before it starts"
            )
        if a_o < start.toordinal():
            raise SuspensionError(
                f"中止期间 {span} 开始于起算日 {start.isoformat()} 之前 / "
                f"suspension {span} starts before the period's start {start.isoformat()}"
            )
        if a_o > unsuspended_due:
            due = date.fromordinal(unsuspended_due).isoformat()
            raise SuspensionError(
                f"中止期间 {span} 开始于期限届满日 {due} 之后 / "
                f"suspension {span} starts after the due date {due}"
            )
        intervals.append((a_o, b_o))
    intervals.sort()
    merged: list[tuple[int, int]] = []
    for a_o, b_o in intervals:
        if merged and a_o <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b_o))
        else:
            merged.append((a_o, b_o))
    return merged


def extension_units(rule: Rule, extended: bool | int) -> int:
    """The units an extension adds: the rule's whole extension for ``True``, or ``n`` (a partial
    extension, e.g. 10 of the 20 working days 政府信息公开条例 第三十三条第二款 allows).

    Refuses, in Chinese with the rule's citation, an extension the rule does not have or one
    longer than it allows.
    """
    if not extended:
        return 0
    if rule.extension is None:
        raise TimeLimitError(
            f"{rule.citation}没有延长期限的规定 / rule {rule.id} cannot be extended"
        )
    if extended is True:
        return rule.extension.length
    n = int(extended)
    if not 1 <= n <= rule.extension.length:
        raise TimeLimitError(
            f"延长期限不得超过{rule.extension.label()}（依据：{rule.citation}），"
            f"所请延长{UNIT_LABELS[rule.unit].format(n=n)} / extension of {n} exceeds "
            f"the {rule.extension.length} that rule {rule.id} allows"
        )
    return n


def _prepare(
    rule: Rule, trigger: date, restart: date | None, extended: bool | int
) -> tuple[date, int]:
    """Check restart/extension inputs; return the start date and total units."""
    start = trigger
    if restart is not None:
        if rule.restart is None:
            raise TimeLimitError(
                f"{rule.citation}没有重新起算的规定 / rule {rule.id} has no restart provision"
            )
        if restart < trigger:
            raise TimeLimitError(
                f"重新起算日 {restart.isoformat()} 早于起算日 {trigger.isoformat()} / "
                "restart date is before the trigger"
            )
        start = restart
    return start, rule.length + extension_units(rule, extended)


def compute_core(
    rule: Rule,
    trigger: date,
    suspensions: Sequence[tuple[date, date]],
    restart: date | None,
    extended: bool | int,
    cal: WorkCalendar,
) -> tuple[date, date, int, int, int | None, list[tuple[int, int]], int]:
    """The computation without a trace.

    Returns (start, due, total, natural_end, rolled_to, merged suspensions, suspended units).
    """
    try:
        return _core(rule, trigger, suspensions, restart, extended, cal)
    except OverflowError:
        raise TimeLimitError("日期超出可计算范围 / date out of range") from None


def _core(
    rule: Rule,
    trigger: date,
    suspensions: Sequence[tuple[date, date]],
    restart: date | None,
    extended: bool | int,
    cal: WorkCalendar,
) -> tuple[date, date, int, int, int | None, list[tuple[int, int]], int]:
    """:func:`compute_core` proper (dates past 9999 surface as ``OverflowError``)."""
    if rule.direction == "before":
        if suspensions:
            raise SuspensionError(
                f"{rule.citation}为“N日前”通知期限，不适用中止 / a 'before' notice period "
                "cannot be suspended"
            )
        start, total = _prepare(rule, trigger, restart, extended)
        natural, rolled = _latest(rule, start, cal)
        return start, _ordinal_date(rolled or natural), total, natural, rolled, [], 0
    start, total = _prepare(rule, trigger, restart, extended)
    merged: list[tuple[int, int]] = []
    suspended = 0
    natural, _ = _natural_end(rule, start, total, [], cal)
    if suspensions:
        rolled = _roll(rule, natural, cal)
        merged = _merge(start, suspensions, rolled or natural)
        natural, suspended = _natural_end(rule, start, total, merged, cal)
    rolled = _roll(rule, natural, cal)
    return start, _ordinal_date(rolled or natural), total, natural, rolled, merged, suspended


def _latest(rule: Rule, event: date, cal: WorkCalendar) -> tuple[int, int | None]:
    """Latest notice day before ``event`` (ordinal) and the working day it moved back to."""
    e = event.toordinal()
    n = rule.length
    table = cal.table(e - 2 * n - 60, e)
    if rule.unit == WORKING_DAYS:
        rank_n = table.cum[e - table.lo] - n  # index of the n-th working day before the event
        if rank_n < 1:
            raise TimeLimitError("日期超出可计算范围 / date out of range")
        latest = table.wd[rank_n] - 1
        if table.work[latest - table.lo]:
            return latest, None
        return latest, table.wd[rank_n - 1]
    latest = e - n - 1
    if latest - table.lo < 40:
        raise TimeLimitError("日期超出可计算范围 / date out of range")
    if table.work[latest - table.lo]:
        return latest, None
    return latest, table.wd[table.cum[latest - table.lo] - 1]


def compute_due(
    rule: Rule | str,
    trigger: date,
    *,
    suspensions: Sequence[tuple[date, date]] = (),
    restart: date | None = None,
    extended: bool | int = False,
    calendar: WorkCalendar | None = None,
) -> Due:
    """Compute the due date of ``rule`` triggered on ``trigger``, with its trace.

    ``suspensions`` is a sequence of inclusive ``(first, last)`` date pairs not counted;
    ``restart`` counts the period afresh from that date (only for rules with a restart
    provision); ``extended`` adds the rule's extension (``True``) or ``n`` units of it. For a "before" rule the trigger is
    the event day and the result is the latest notice day (see :func:`latest_notice_date`).
    Raises :class:`UnknownRule`, :class:`SuspensionError` or :class:`TimeLimitError`.
    """
    r = _resolve(rule)
    cal = _calendar(calendar)
    start, due, total, natural, rolled, merged, suspended = compute_core(
        r, trigger, suspensions, restart, extended, cal
    )
    return _finish(r, trigger, start, due, total, natural, rolled, merged, suspended, extended, cal)


def latest_notice_date(
    rule: Rule | str, event_date: date, calendar: WorkCalendar | None = None
) -> Due:
    """The last day a notice may go out before ``event_date`` under an "N日前" rule.

    The event day and the notice day are both excluded and N full units (working days or
    calendar days, per the rule) lie between them; a latest day that is not a working day
    moves back to the previous working day, since the agency acts on working days and an
    earlier notice still leaves the full N units.
    """
    r = _resolve(rule)
    if r.direction != "before":
        raise TimeLimitError(f"{r.id} 不是“N日前”类期限 / {r.id} is not a 'before' rule")
    return compute_due(r, event_date, calendar=calendar)


def _finish(
    rule: Rule,
    trigger: date,
    start: date,
    due: date,
    total: int,
    natural: int,
    rolled: int | None,
    merged: list[tuple[int, int]],
    suspended: int,
    extended: bool | int,
    cal: WorkCalendar,
) -> Due:
    """Assemble the trace for a computed date."""
    before = rule.direction == "before"
    s, d = start.toordinal(), due.toordinal()
    skipped: list[tuple[date, str]] = []
    total_skipped = 0
    if rule.unit == WORKING_DAYS:
        first, last = (d + 1, s - 1) if before else (s + 1, d)
        total_skipped = (last - first + 1) - cal.working_days_between(
            date.fromordinal(first - 1), date.fromordinal(last)
        )
        table = cal.table(first, last)
        for o in range(first, last + 1):
            if len(skipped) >= SKIPPED_CAP:
                break
            if not table.work[o - table.lo]:
                day = table.dates[o - table.lo]
                skipped.append((day, cal.day_reason(day)))
    elif rolled is not None:
        span = range(rolled + 1, natural + 1) if before else range(natural, rolled)
        total_skipped = len(span)
        for o in span[:SKIPPED_CAP]:
            day = date.fromordinal(o)
            skipped.append((day, cal.day_reason(day)))
    lo, hi = min(s, d), max(s, d)
    follows = rule.follows_calendar  # else no holiday notice can move the date
    provisional_years = tuple(
        y
        for y in range(date.fromordinal(lo).year, date.fromordinal(hi).year + 1)
        if follows and cal.is_provisional(date(y, 1, 1))
    )
    natural_day = date.fromordinal(natural)
    due_note = (cal.holiday_name(due) or "") if due.weekday() >= 5 and cal.is_workday(due) else ""
    trace = Trace(
        rule=rule,
        trigger=trigger,
        start=start,
        counted_from=start - timedelta(days=1) if before else start + timedelta(days=1),
        length=total,
        unit=rule.unit,
        extended=bool(extended),
        suspensions=tuple((date.fromordinal(a), date.fromordinal(b)) for a, b in merged),
        suspended_days=suspended,
        skipped=tuple(skipped),
        natural_end=natural_day,
        rolled_to=date.fromordinal(rolled) if rolled is not None else None,
        provisional_days=cal.provisional_days(start, due) if follows else 0,
        due=due,
        skipped_total=total_skipped,
        roll_reason=cal.day_reason(natural_day) if rolled is not None else "",
        horizon=cal.horizon,
        provisional_years=provisional_years,
        due_note=due_note,
    )
    return Due(due, trace.provisional_days > 0, trace)


def working_days_between(start: date, end: date, calendar: WorkCalendar | None = None) -> int:
    """Working days in ``(start, end]`` on the official calendar (negative if ``end < start``)."""
    return _calendar(calendar).working_days_between(start, end)


def remaining(today: date, due: date, calendar: WorkCalendar | None = None) -> Remaining:
    """Working and calendar days from ``today`` to ``due``; see :class:`Remaining`."""
    return Remaining(
        working_days=working_days_between(today, due, calendar),
        calendar_days=(due - today).days,
        overdue=today > due,
    )
