"""The figures of 信访 and 12345 in the indicator registry; each opens onto its records."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from fazhi.core.indicators.registry import Indicator, Period, Value, register, register_area

from . import rules, selectors

AREA = register_area("信访与12345热线", 90)
XF = rules.XFGZ
PETITION_COLUMNS = [
    ("编号", "number"),
    ("登记机关", "agency.display_name"),
    ("信访人", "petitioner_name"),
    ("收到日", "received_on"),
    ("承办机关", "handler_agency.display_name"),
    ("办理期限", "resolution_due"),
    ("处理意见日", "opinion_on"),
    ("所涉行政行为", "act_description"),
]
TICKET_COLUMNS = [
    ("工单编号", "number"),
    ("承办单位", "unit.display_name"),
    ("来电人", "caller_name"),
    ("来电日", "received_on"),
    ("签收日", "signed_on"),
    ("退单次数", "bounce_count"),
    ("满意度", "get_satisfaction_display"),
]
BOUNCE_COLUMNS = [
    ("工单编号", "ticket.number"),
    ("退单单位", "unit.display_name"),
    ("退单日", "returned_on"),
    ("理由", "reason"),
    ("仲裁结果", "get_decision_display"),
]


def _p_link(p) -> str:
    return reverse("petitions:detail", args=[p.pk])


def _t_link(t) -> str:
    return reverse("petitions:ticket", args=[t.pk])


def _b_link(b) -> str:
    return reverse("petitions:ticket", args=[b.ticket_id])


def _rows(fn):
    def records(ids: frozenset[int], period: Period) -> QuerySet:
        return fn(ids, period.start, period.end)

    return records


def _rate(fn, field: str):
    def compute(ids: frozenset[int], period: Period) -> Value:
        qs = fn(ids, period.start, period.end)
        return Value.ratio(qs.filter(**{field: True}).count(), qs.count())

    return compute


def _count(fn):
    return lambda ids, p: Value.count(fn(ids, p.start, p.end).count())


def _overdue(ids: frozenset[int], period: Period) -> QuerySet:
    return selectors.overdue_petitions(ids, min(period.end, timezone.localdate()))


def _satisfaction(ids: frozenset[int], period: Period) -> Value:
    qs = selectors.called_back_in(ids, period.start, period.end)
    good = qs.filter(satisfaction__in=[rules.SATISFIED, rules.BASIC]).count()
    return Value.ratio(good, qs.count())


def _bounces(ids: frozenset[int], period: Period) -> Value:
    by_unit = selectors.bounces_by_unit(ids, period.start, period.end)
    note = "；".join(f"{u} {n} 次（驳回 {r}）" for u, n, r in by_unit[:5])
    return Value.count(sum(n for _, n, _ in by_unit), note=note)


def _reg(code: str, name: str, order: int, **kw) -> None:
    register(Indicator(code=f"petitions.{code}", name=name, area=AREA, order=order, **kw))


P, T = PETITION_COLUMNS, TICKET_COLUMNS
_reg(
    "received",
    "收到信访事项",
    70,
    unit="件",
    compute=_count(selectors.received_in),
    records=_rows(selectors.received_in),
    record_columns=P,
    record_link=_p_link,
    description="期间内登记的信访事项数（按登记机关）。",
    citation=rules.ART22.citation,
)
_reg(
    "routed_on_time",
    "信访事项按期分类处理率",
    71,
    unit="%",
    compute=_rate(selectors.routed_in, "routed_on_time"),
    records=_rows(selectors.routed_in),
    record_columns=P,
    record_link=_p_link,
    aggregate="ratio",
    higher_is_better=True,
    description="信访部门收到信访事项后15日内转送、交办或受理的比例。",
    citation=rules.ART22.citation,
)
_reg(
    "handled_on_time",
    "信访事项按期办结率",
    72,
    unit="%",
    compute=_rate(selectors.handled_in, "handled_on_time"),
    records=_rows(selectors.handled_in),
    record_columns=P,
    record_link=_p_link,
    aggregate="ratio",
    higher_is_better=True,
    description="期间内出具处理意见书的事项中，在受理之日起60日（经批准延长的90日）内办结的比例。",
    citation=rules.ART34.citation,
)
_reg(
    "overdue",
    "逾期未办结的信访事项",
    73,
    unit="件",
    compute=lambda ids, p: Value.count(_overdue(ids, p).count()),
    records=_overdue,
    record_columns=P,
    record_link=_p_link,
    higher_is_better=False,
    description="已受理、办理期限届满仍未出具处理意见书的事项（期末或今日）。",
    citation=rules.ART34.citation,
)
_reg(
    "reviews",
    "复查请求",
    74,
    unit="件",
    compute=_count(selectors.reviews_in),
    records=_rows(selectors.reviews_in),
    record_columns=P,
    record_link=_p_link,
    description="期间内收到的复查请求（按复查机关）。",
    citation=rules.ART35.citation,
)
_reg(
    "rechecks",
    "复核请求",
    75,
    unit="件",
    compute=_count(selectors.rechecks_in),
    records=_rows(selectors.rechecks_in),
    record_columns=P,
    record_link=_p_link,
    description="期间内收到的复核请求（按复核机关）。",
    citation=rules.ART36.citation,
)
_reg(
    "repeat_act",
    "同一行政行为的重复信访",
    76,
    unit="件",
    compute=_count(selectors.repeat_act_petitions),
    records=_rows(selectors.repeat_act_petitions),
    record_columns=P,
    record_link=_p_link,
    higher_is_better=False,
    description="期间内关联到同一行政行为记录、且该行为有2件以上信访的事项。",
)
_reg(
    "repeat_petitioner",
    "重复信访（同一信访人2件以上）",
    77,
    unit="件",
    compute=_count(selectors.repeat_petitioner_petitions),
    records=_rows(selectors.repeat_petitioner_petitions),
    record_columns=P,
    record_link=_p_link,
    higher_is_better=False,
    description="期间内同一信访人登记2件以上的事项。",
)
_reg(
    "tickets",
    "收到12345工单",
    78,
    unit="件",
    compute=_count(selectors.tickets_received),
    records=_rows(selectors.tickets_received),
    record_columns=T,
    record_link=_t_link,
    description="期间内登记的12345工单（热线工作机构或承办单位）。",
)
_reg(
    "bounces",
    "12345工单退单次数",
    79,
    unit="次",
    compute=_bounces,
    records=_rows(selectors.bounces_in),
    record_columns=BOUNCE_COLUMNS,
    record_link=_b_link,
    higher_is_better=False,
    description="期间内各承办单位的退单次数（每次退单计入退单单位，无论仲裁结果）；附注列出退单最多的单位。",
    citation=rules.HOTLINE_SETTING,
)
_reg(
    "signed_on_time",
    "12345工单按时签收率",
    80,
    unit="%",
    compute=_rate(selectors.signed_in, "signed_on_time"),
    records=_rows(selectors.signed_in),
    record_columns=T,
    record_link=_t_link,
    aggregate="ratio",
    higher_is_better=True,
    description="期间内签收的工单中在签收时限内签收的比例（时限为本地可配置设置）。",
    citation=rules.HOTLINE_SETTING,
)
_reg(
    "satisfaction",
    "12345工单满意率",
    81,
    unit="%",
    compute=_satisfaction,
    records=_rows(selectors.called_back_in),
    record_columns=T,
    record_link=_t_link,
    aggregate="ratio",
    higher_is_better=True,
    description="期间内回访的工单中满意、基本满意的比例。",
)
