"""Checks on the dates a step records.

Two kinds:

- :func:`no_future` — a service's check that none of a step's dates lies after today (a
  ``ValidationError`` naming the fields);
- :func:`not_before` and :func:`not_after_today` — declarative guards for a transition's
  ``guards`` tuple: the step's date (or a date it records) may not come before a date already on
  the record (a decision is served after it is made, an answer after the request came in), and
  may not lie in the future. A refusal names both dates in Chinese, e.g.
  "送达日（2026年3月1日）不能早于决定日（2026年3月5日）".

A date guard's message depends on the case, which a :class:`Guard`'s fixed ``message`` cannot
say: so when a date guard fails, its ``check`` raises the transition's :class:`Refused` itself,
with every failing guard of the transition in their declared order (the date guards' messages
told with their dates) — the same refusal :func:`perform` would raise, nothing saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.kernel.values import as_date

from .engine import Context, Guard, Refused

__all__ = [
    "DateGuard",
    "DateOf",
    "cn_date",
    "no_future",
    "not_after_today",
    "not_before",
    "on_record",
    "step_day",
]

#: Reads one date from a step's context (None: not known, nothing to compare).
DateOf = Callable[[Context], date | None]


def no_future(**dates: date | None) -> None:
    """A step records what happened: none of its dates may lie after today.

    Raises one :class:`ValidationError` naming every field whose date is later than today.
    """
    today = timezone.localdate()
    errors = {
        k: f"日期（{v:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）。"
        for k, v in dates.items()
        if v and v > today
    }
    if errors:
        raise ValidationError(errors)


def cn_date(d: date) -> str:
    """2026年3月1日."""
    return f"{d.year}年{d.month}月{d.day}日"


# -- readers ----------------------------------------------------------------------------------


def step_day(key: str | None = None) -> DateOf:
    """The step's date ``key`` when the step gives it, else the step's own date (``on_date``)."""
    if key is None:
        return lambda ctx: ctx.on_date
    return lambda ctx: ctx.day(key) or ctx.on_date


def on_record(attr: str, *, step_key: str | None = None) -> DateOf:
    """A date already on the record (``obj.<attr>``, a dotted path follows relations); with
    ``step_key``, the value the step itself gives for it wins (a step that also fixes it)."""

    def read(ctx: Context) -> date | None:
        if step_key is not None and ctx.data.get(step_key) not in (None, ""):
            return ctx.day(step_key)
        value: Any = ctx.obj
        for part in attr.split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
        return as_date(value)

    return read


# -- the guards ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateGuard(Guard):
    """A guard on the order of two dates; ``problem`` says what is wrong in this case."""

    problem: Callable[[Context], str | None] = lambda ctx: None


def _refuse(ctx: Context) -> bool:
    """Raise the transition's refusal: every failing guard, date guards told with their dates."""
    failed: list[Guard] = []
    for g in ctx.transition.guards:
        if isinstance(g, DateGuard):
            text = g.problem(ctx)
            if text:
                failed.append(replace(g, message=text))
        elif not g.check(ctx):
            failed.append(g)
    raise Refused(ctx.transition, failed)


def _make(code: str, message: str, citation: str, problem: Callable[[Context], str | None]):
    return DateGuard(
        code=code,
        message=message,
        citation=citation,
        check=lambda ctx: problem(ctx) is None or _refuse(ctx),
        problem=problem,
    )


def _end(citation: str) -> str:
    # Guard.describe() appends "（依据：…）"; without a citation the sentence ends itself.
    return "" if citation else "。"


def not_before(
    code: str,
    later: DateOf,
    earlier: DateOf,
    *,
    later_label: str,
    earlier_label: str,
    citation: str = "",
    when: Callable[[Context], bool] | None = None,
) -> DateGuard:
    """``later`` may not come before ``earlier`` (the same day is allowed).

    ``later`` is usually the step's date (:func:`step_day`), ``earlier`` a date on the record
    (:func:`on_record`); either being unknown passes. ``when`` limits the guard to some steps.
    """

    def problem(ctx: Context) -> str | None:
        if when is not None and not when(ctx):
            return None
        a, b = later(ctx), earlier(ctx)
        if a is None or b is None or a >= b:
            return None
        return (
            f"{later_label}（{cn_date(a)}）不能早于{earlier_label}（{cn_date(b)}）{_end(citation)}"
        )

    return _make(code, f"{later_label}不能早于{earlier_label}", citation, problem)


def not_after_today(
    code: str, day: DateOf, *, label: str, citation: str = "", what: str = "已经发生的事"
) -> DateGuard:
    """``day`` may not lie after today: a step records ``what`` has happened."""

    def problem(ctx: Context) -> str | None:
        d, today = day(ctx), timezone.localdate()
        if d is None or d <= today:
            return None
        return (
            f"{label}（{cn_date(d)}）不能晚于今天（{cn_date(today)}），"
            f"登记的是{what}{_end(citation)}"
        )

    return _make(code, f"{label}不能晚于今天", citation, problem)
