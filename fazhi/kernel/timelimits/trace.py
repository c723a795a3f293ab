"""Results of the engine and their Chinese explanation.

A :class:`Due` carries the due date, whether it is provisional, and a :class:`Trace` that
records every fact the computation used, so that a deadline can be shown "with its basis"
(citation, quote, counting clause, days skipped, roll-forward, provisional years).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from fazhi.kernel.calendar import WEEKDAY_NAMES

from .rules import FIXED_DATE, SET_DATE, UNIT_LABELS, WORKING_DAYS, Rule

#: Most non-working days a trace lists one by one (the total is always kept).
SKIPPED_CAP = 62


class TimeLimitError(ValueError):
    """Input the engine cannot compute with; the message is Chinese and English."""


class SuspensionError(TimeLimitError):
    """A suspension outside the running period, or one that ends before it starts."""


def fmt(d: date, note: str = "") -> str:
    """A date as the engine shows it: "2026-04-07（星期二）", "2026-02-28（星期六，调休上班）"."""
    extra = f"，{note}" if note else ""
    return f"{d.isoformat()}（{WEEKDAY_NAMES[d.weekday()]}{extra}）"


@dataclass(frozen=True, slots=True)
class Trace:
    """Every fact behind one computed date.

    ``start`` is the trigger, or the restart date when the period counted afresh;
    ``counted_from`` the first day counted (the day after ``start``; for "before" rules the
    day before the event, counting backward); ``length`` the units counted including an
    extension; ``suspensions`` the merged intervals applied and ``suspended_days`` the units
    they kept out of the count (calendar days, or working days for working-day periods);
    ``skipped`` the non-working days passed over (inside a working-day period, or by a roll),
    at most :data:`SKIPPED_CAP` of ``skipped_total``; ``natural_end`` the last day before
    any roll; ``rolled_to`` the day it rolled to (forward for a period, back to a working day
    for a "before" notice), else None; ``provisional_days`` the days in the span whose year
    has no official holiday notice yet.
    """

    rule: Rule
    trigger: date
    start: date
    counted_from: date
    length: int
    unit: str
    extended: bool
    suspensions: tuple[tuple[date, date], ...]
    suspended_days: int
    skipped: tuple[tuple[date, str], ...]
    natural_end: date
    rolled_to: date | None
    provisional_days: int
    due: date
    skipped_total: int = 0
    roll_reason: str = ""
    horizon: int = 0
    provisional_years: tuple[int, ...] = ()
    due_note: str = ""

    def lines(self) -> list[str]:
        """The explanation in Chinese, one fact per line, starting with citation and quote."""
        rule = self.rule
        before = rule.direction == "before"
        out = [f"依据：{rule.citation}：「{rule.quote}」", f"期间计算：{rule.counting_basis}"]
        if rule.unit == SET_DATE:
            out.append(f"注意：本期限不是法定期间，届满日为{rule.trigger or '确定的日期'}")
        elif not rule.verified:
            out.append("注意：本规则的依据尚未核实，仅作可配置的默认值使用")
        elif rule.configurable:
            out.append("注意：本规则为行业或地方规定的默认值，可按部门、地区配置")
        event = rule.trigger or ("事件日" if before else "起算事件")
        if rule.unit == SET_DATE:
            out.append(f"{event}：{fmt(self.trigger)}")
        else:
            out.append(f"{'事件日' if before else '起算事件'}：{event} {fmt(self.trigger)}")
        if self.start != self.trigger:
            out.append(f"重新起算：{fmt(self.start)}，{rule.restart or ''}".rstrip("，"))
        if rule.unit == SET_DATE:
            out.append("期限：按确定的日期，不另行计算期间，也不顺延")
        elif rule.unit == FIXED_DATE:
            out.append(f"期限：{rule.period_label}（触发日所在年度的次年）")
        elif before:
            unit = "个工作日" if rule.unit == WORKING_DAYS else "日"
            out.append(
                f"期限：{rule.period_label}；事件日与通知日均不计入，其间至少{self.length}{unit}"
            )
        else:
            out.append(f"起算日 {self.start.isoformat()} 不计入，自 {fmt(self.counted_from)} 起算")
            label = UNIT_LABELS[self.unit].format(n=rule.length)
            out.append(f"期限：{label}")
        if self.extended and rule.extension is not None:
            ext = rule.extension
            basis = f"，{ext.basis}" if ext.basis else ""
            n = self.length - rule.length
            part = "" if n == ext.length else f"（可延长至多{ext.label()}）"
            out.append(
                f"延长：{UNIT_LABELS[self.unit].format(n=n)}{part}，经{ext.approver}批准{basis}；合计"
                f"{UNIT_LABELS[self.unit].format(n=self.length)}"
            )
        unit_word = "个工作日" if self.unit == WORKING_DAYS else "日"
        for first, last in self.suspensions:
            out.append(f"中止（不计入期限）：{first.isoformat()} 至 {last.isoformat()}")
        if self.suspensions:
            out.append(f"因中止不计入：共{self.suspended_days}{unit_word}")
        for first, last, reasons in _runs(self.skipped):
            span = (
                first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
            )
            out.append(f"跳过非工作日：{span}（{reasons}）")
        if self.skipped_total > len(self.skipped):
            out.append(f"另有 {self.skipped_total - len(self.skipped)} 个非工作日未逐一列出")
        if before:
            out.append(f"最迟通知日（未调整）：{fmt(self.natural_end)}")
            if self.rolled_to is not None:
                out.append(
                    f"调整：{self.natural_end.isoformat()} 为非工作日（{self.roll_reason}），"
                    f"提前至前一工作日 {fmt(self.rolled_to)}"
                )
            out.append(f"最迟通知日：{fmt(self.due, self.due_note)}")
        else:
            if rule.unit != SET_DATE or self.suspensions:
                out.append(f"期间届满日（未顺延）：{fmt(self.natural_end)}")
            if self.rolled_to is not None:
                out.append(
                    f"顺延：{self.natural_end.isoformat()} 为法定休假日（{self.roll_reason}），依"
                    "《中华人民共和国民事诉讼法》第八十五条、《中华人民共和国民法典》第二百零三条"
                    f"顺延至 {fmt(self.rolled_to)}"
                )
            elif not rule.roll_forward and rule.unit not in (WORKING_DAYS, SET_DATE):
                out.append("本期限不顺延")
            if rule.bound == "minimum":
                out.append(f"最短期限届满日（期间至少持续至此日）：{fmt(self.due, self.due_note)}")
            else:
                out.append(f"截止日期：{fmt(self.due, self.due_note)}")
        if self.provisional_days:
            years = "、".join(f"{y}年" for y in self.provisional_years)
            out.append(
                f"暂定：{years}的国务院放假安排尚未公布（已公布至{self.horizon}年），计算所涉"
                f"该年度的{self.provisional_days}日按《全国年节及纪念日放假办法》的法定节假日推定，"
                "通知公布后须重新计算"
            )
        return out


def _runs(skipped: tuple[tuple[date, str], ...]) -> list[tuple[date, date, str]]:
    """Group consecutive skipped days into runs with their distinct reasons."""
    runs: list[tuple[date, date, list[str]]] = []
    for day, reason in skipped:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            first, _, reasons = runs[-1]
            if reason not in reasons:
                reasons.append(reason)
            runs[-1] = (first, day, reasons)
        else:
            runs.append((day, day, [reason]))
    return [(a, b, "、".join(r)) for a, b, r in runs]


@dataclass(frozen=True, slots=True)
class Due:
    """A computed date: ``due``; ``provisional`` when it depends on an unpublished year."""

    due: date
    provisional: bool
    trace: Trace


@dataclass(frozen=True, slots=True)
class Remaining:
    """Time left from a day to a due date.

    ``working_days`` counts working days in ``(today, due]`` (negative, in ``(due, today]``,
    once overdue); ``calendar_days`` is ``due − today``; ``overdue`` is ``today > due`` — on
    the due day itself nothing is overdue yet (the period ends at 24:00, 民法典 第二百零三条).
    """

    working_days: int
    calendar_days: int
    overdue: bool
