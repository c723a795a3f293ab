"""Batch recomputation of many open deadlines (e.g. after the calendar changes).

``compute_many`` gives the same dates as :func:`compute_due` (a test checks this on random
input) but skips the trace and runs the common case — a rule and a trigger, no suspension —
as a few list look-ups in the calendar's dense day table, so a million deadlines take about
a second in pure Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from fazhi.kernel.calendar import WorkCalendar

from .engine import compute_core, month_length
from .rules import (
    CALENDAR_DAYS,
    FIXED_DATE,
    MONTHS,
    RULES,
    SET_DATE,
    WORKING_DAYS,
    YEARS,
    Rule,
    get_rule,
)

_ND, _WD, _MONTHS, _FIXED, _BEFORE_WD, _BEFORE_ND = range(6)


@dataclass(frozen=True, slots=True)
class DeadlineInput:
    """One deadline to recompute: the rule, its trigger and what happened since.

    ``suspensions`` are inclusive ``(first, last)`` pairs not counted; ``restart`` counts the
    period afresh from that date; ``extended`` adds the rule's approved extension.
    """

    rule: str
    trigger: date
    suspensions: tuple[tuple[date, date], ...] = ()
    restart: date | None = None
    extended: bool | int = False  # True: the whole extension; n: n units of it


def _spec(rule: Rule) -> tuple[int, int, bool, int, int, bool]:
    """(kind, length, roll_forward, month, day, follows_calendar) — the rule flattened for the
    fast loop."""
    return (*_shape(rule), rule.follows_calendar)


def _shape(rule: Rule) -> tuple[int, int, bool, int, int]:
    if rule.direction == "before":
        kind = _BEFORE_WD if rule.unit == WORKING_DAYS else _BEFORE_ND
        return kind, rule.length, False, 0, 0
    if rule.unit == FIXED_DATE:
        return _FIXED, 0, rule.roll_forward, rule.month or 1, rule.day or 1
    if rule.unit == WORKING_DAYS:
        return _WD, rule.length, False, 0, 0
    if rule.unit == CALENDAR_DAYS:
        return _ND, rule.length, rule.roll_forward, 0, 0
    if rule.unit == SET_DATE:
        return _ND, 0, False, 0, 0
    months = rule.length * (12 if rule.unit == YEARS else 1)
    return _MONTHS, months, rule.roll_forward, 0, 0


def _span_days(rule: Rule) -> int:
    """An upper bound on how many days a rule's period (with extension) can span."""
    n = rule.length + (rule.extension.length if rule.extension else 0)
    if rule.unit == WORKING_DAYS:
        return 2 * n + 60
    if rule.unit == CALENDAR_DAYS:
        return n + 60
    if rule.unit == MONTHS:
        return 31 * n + 60
    if rule.unit == YEARS:
        return 366 * n + 60
    return 800


def compute_many(
    items: Iterable[tuple[str, date] | DeadlineInput],
    *,
    calendar: WorkCalendar | None = None,
) -> list[tuple[date, bool]]:
    """``(due, provisional)`` for each item, in order.

    An item is either ``(rule_id, trigger)`` or a :class:`DeadlineInput`. Errors are those of
    :func:`compute_due` (unknown rule, bad suspension) and stop the batch.
    """
    cal = calendar if calendar is not None else WorkCalendar.default()
    margin = max((_span_days(r) for r in RULES.values()), default=800)
    specs: dict[str, tuple[int, int, bool, int, int, bool]] = {}
    out: list[tuple[date, bool]] = []
    append = out.append
    # Locals of the current day table; t_min/t_max bound the triggers it can serve.
    lo = t_min = 1
    t_max = 0
    work: bytearray = bytearray()
    cum: list[int] = []
    wd: list[int] = []
    pcum: list[int] = []
    dates: list[date] = []

    for item in items:
        if isinstance(item, tuple):
            rule_id, trigger = item
            spec = specs.get(rule_id)
            if spec is None:
                spec = specs[rule_id] = _spec(get_rule(rule_id))
        else:
            rule = get_rule(item.rule)
            if item.suspensions or item.restart is not None or item.extended:
                _, due, *_ = compute_core(
                    rule, item.trigger, item.suspensions, item.restart, item.extended, cal
                )
                start = item.restart or item.trigger
                append((due, rule.follows_calendar and cal.provisional_days(start, due) > 0))
                continue
            trigger = item.trigger
            spec = specs.get(item.rule)
            if spec is None:
                spec = specs[item.rule] = _spec(rule)
        t = trigger.toordinal()
        if t < t_min or t > t_max:
            table = cal.table(max(1, t - margin), t + margin)
            lo, work, cum, wd, pcum, dates = (
                table.lo,
                table.work,
                table.cum,
                table.wd,
                table.pcum,
                table.dates,
            )
            t_min, t_max = lo + margin, table.hi - margin
            if t < t_min or t > t_max:  # at the ends of the representable range
                rule_id = item[0] if isinstance(item, tuple) else item.rule
                edge = get_rule(rule_id)
                _, due, *_ = compute_core(edge, trigger, (), None, False, cal)
                append((due, edge.follows_calendar and cal.provisional_days(trigger, due) > 0))
                continue
        kind, n, roll, fixed_month, fixed_day, follows = spec
        if kind == _ND:
            e = t + n
            if roll and not work[e - lo]:
                e = wd[cum[e - lo]]
        elif kind == _WD:
            e = wd[cum[t - lo + 1] + n - 1]
        elif kind in (_MONTHS, _FIXED):
            if kind == _MONTHS:
                m0 = trigger.month - 1 + n
                year, month, day = trigger.year + m0 // 12, m0 % 12 + 1, trigger.day
            else:
                year, month, day = trigger.year + 1, fixed_month, fixed_day
            if day > 28:
                day = min(day, month_length(year, month))
            e = date(year, month, day).toordinal()
            if roll and not work[e - lo]:
                e = wd[cum[e - lo]]
        else:
            if kind == _BEFORE_WD:
                rank = cum[t - lo] - n
                e = wd[rank] - 1
                if not work[e - lo]:
                    e = wd[rank - 1]
            else:
                e = t - n - 1
                if not work[e - lo]:
                    e = wd[cum[e - lo] - 1]
            append((dates[e - lo], pcum[t - lo + 1] - pcum[e - lo] > 0))
            continue
        append((dates[e - lo], follows and pcum[e - lo + 1] - pcum[t - lo] > 0))
    return out
