"""The party's remedies against the decision and the agency's window to apply for court
enforcement (行政强制法 第五十三条): an agency without enforcement power may apply to the court
only when the party has let its 行政复议 (60 日) and 行政诉讼 (6 个月) periods run out without a
remedy still pending, and within three months from the day they ran out (行诉法解释
第一百五十六条); a deferral or instalments moves the start to the end of the deferral
(行政处罚法 第七十二条第二款).

Every period here is a rule of the catalogue (fazhi/kernel/data/timelimits.toml) named in
:mod:`..rules`; the dates come from the kernel, on the official calendar.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.deadlines import services as deadlines
from fazhi.core.workflow.engine import Context
from fazhi.kernel.instruments import XZSS_JS
from fazhi.kernel.timelimits import compute_due

from .. import rules
from ..rules import XZQZ
from .common import guard


def _due(rule: str, trigger: date) -> date:
    return compute_due(rule, trigger, calendar=deadlines.calendar()).due


def remedy_pending(case) -> bool:
    """A 行政复议 applied for or a 行政诉讼 filed that has not ended."""
    return case.remedies.filter(ended_on__isnull=True).exists()


def remedy_periods_end(case) -> date | None:
    """The last day on which the party may still apply for 复议 or sue, counted from the
    service of the decision; None before it is served.

    - 复议: 60 日 (行政复议法 第二十条第一款); 诉讼: 6 个月 (行政诉讼法 第四十六条第一款), except
      for an on-the-spot decision, which goes to 复议 first (行政复议法 第二十三条);
    - after a concluded 复议, the 15 日 to sue on its decision (行政诉讼法 第四十五条);
    - after a concluded 诉讼, the day it ended (the decision then stands as judged).
    """
    served = case.decision_served_on
    if served is None:
        return None
    ends = [_due(rules.RULE_RECONSIDERATION, served)]
    if not (case.procedure == "summary" and rules.SUMMARY_RECONSIDERATION_FIRST.value):
        ends.append(_due(rules.RULE_LITIGATION, served))
    for r in case.remedies.exclude(ended_on__isnull=True):
        if r.kind == "reconsideration":
            ends.append(_due(rules.RULE_SUIT_AFTER_RECONSIDERATION, r.ended_on))
        else:
            ends.append(r.ended_on)
    return max(ends)


def window_start(case) -> date | None:
    """The day the three months of 第五十三条 count from (the day itself not counted): the end
    of the remedy periods, or the end of an approved deferral when that is later
    (行政处罚法 第七十二条第二款)."""
    end = remedy_periods_end(case)
    if end is None:
        return None
    if case.deferral_until is not None and rules.DEFERRAL_RESTARTS_COURT_WINDOW.value:
        return max(end, case.deferral_until)
    return end


def window_start_of(ctx: Context) -> date | None:
    """For a timer's ``on``: the start of the application window of the step's case."""
    return window_start(ctx.obj)


def window_end(case) -> date | None:
    """The last day of the three months to apply to the court."""
    start = window_start(case)
    return _due(rules.RULE_COURT_APPLICATION, start) if start is not None else None


# -- guards of 申请人民法院强制执行 -------------------------------------------------------------

NO_REMEDY_PENDING = guard(
    "no_remedy_pending",
    "当事人已申请行政复议或者提起行政诉讼且尚未终结的，不得申请人民法院强制执行",
    f"{XZQZ}第五十三条",
    lambda ctx: not remedy_pending(ctx.obj),
    detail=lambda ctx: "当事人的行政复议（行政诉讼）尚未终结，请先登记其结果",
)


def _periods_over(ctx: Context) -> bool:
    start = window_start(ctx.obj)
    return start is not None and ctx.on_date > start


def _periods_detail(ctx: Context) -> str | None:
    start = window_start(ctx.obj)
    if start is None:
        return "处理决定书尚未送达，当事人申请复议、提起诉讼的期限尚未起算"
    return (
        f"当事人申请行政复议、提起行政诉讼（或者暂缓、分期缴纳）的期限至{start:%Y年%m月%d日}届满，"
        f"届满后方可申请人民法院强制执行"
    )


REMEDY_PERIODS_OVER = guard(
    "remedy_periods_over",
    "当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，行政机关方可自期限届满之日起"
    "申请人民法院强制执行；批准暂缓或者分期缴纳的，自其期限结束之日起计算",
    f"{XZQZ}第五十三条；{rules.DEFERRAL_RESTARTS_COURT_WINDOW.citation}",
    _periods_over,
    detail=_periods_detail,
)


def _in_window_or_reason(ctx: Context) -> bool:
    end = window_end(ctx.obj)
    return end is None or ctx.on_date <= end or bool(ctx.text("late_reason"))


LATE_APPLICATION_REASON = guard(
    "late_application_reason",
    "申请人民法院强制执行应当自期限届满之日起三个月内提出；逾期申请的，应当说明正当理由",
    f"{XZQZ}第五十三条；{XZSS_JS}第一百五十六条",
    _in_window_or_reason,
    detail=lambda ctx: (
        f"申请期限已于{end:%Y年%m月%d日}届满，逾期申请须说明正当理由"
        if (end := window_end(ctx.obj)) is not None
        else None
    ),
)

#: What 申请人民法院强制执行 checks besides the overdue payment and the 催告.
COURT_APPLICATION = (NO_REMEDY_PENDING, REMEDY_PERIODS_OVER, LATE_APPLICATION_REASON)
