"""Figures of the 行政处罚 app, registered with the platform's indicator registry.

Each figure counts rows of this app over a set of agencies and a period, and opens onto the
rows it counts. The four-list breakdown reproduces seed 001 (「适用包容审慎柔性执法“四张清单”
办理行政处罚案件690件。其中，不予行政处罚320件；从轻行政处罚213件；减轻行政处罚149件；不予
行政强制4件。适用清单外其他柔性执法举措案件4件。」). No figure ranks agencies by fine amounts
(国办发〔2022〕27号 三（六）: 「严格禁止以罚款数额进行排名或者作为绩效考核的指标」).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from fazhi.core.deadlines.models import Deadline
from fazhi.core.indicators.registry import Indicator, Period, Terms, Value, register, register_area
from fazhi.kernel.instruments import GBF118, XZCF

from .models import Case, Hearing, Payment, Transfer
from .states import STATES

AREA = register_area("行政执法", 10)
FOUR_LISTS = ("no_penalty", "lighter", "mitigated", "no_coercion")
LENIENT_LABELS = {
    "no_penalty": "不予行政处罚",
    "lighter": "从轻行政处罚",
    "mitigated": "减轻行政处罚",
    "no_coercion": "不予行政强制",
    "other": "清单外其他柔性执法举措",
}
COLUMNS = [
    ("案号", "number"),
    ("当事人", "party_name"),
    ("执法机关", "agency.display_name"),
    ("状态", "state_label"),
    ("立案日", "opened_on"),
    ("决定日", "decided_on"),
    ("处理结果", "get_outcome_display"),
    ("罚没款（元）", "fine_due"),
]


def _link(case: Any) -> str:
    return reverse("enforcement:case_detail", args=[case.pk])


def _in(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def _cases(agency_ids: frozenset[int]) -> QuerySet[Case]:
    return Case.objects.filter(agency_id__in=agency_ids)


#: The figures counted on the case table share one query (registry.Terms): a report's dozen
#: case figures for two years are one pass over the cases, not two dozen.
CASES = "enforcement.case"


def _where(when: str, where: Q) -> Callable[[frozenset[int], Period], QuerySet[Case]]:
    """The cases of ``agency_ids`` whose ``when`` date falls in the period and that match
    ``where``: what the figure counts (or a ratio's denominator), for the drill-down."""
    return lambda ids, period: (
        _cases(ids).filter(_in(when, period) & where).select_related("agency")
    )


def _case_figure(when: str, where: Q, terms: Callable, finish: Callable, **extra) -> dict:
    """The keyword arguments of a case-table figure: its records and its shared terms, both
    from the condition (``when`` in the period, and ``where``)."""
    return {
        "compute": None,
        "records": _where(when, where),
        "shared": Terms(CASES, _cases, lambda period: terms(_in(when, period) & where), finish),
        **extra,
    }


def counted(when: str, where: Q) -> dict[str, Any]:
    """A count of cases, and its records, from one condition."""
    return _case_figure(
        when, where, lambda q: {"n": Count("id", filter=q)}, lambda got: Value.count(got["n"])
    )


def rated(when: str, where: Q, hit: Q) -> dict[str, Any]:
    """The share of the cases matching ``where`` that also match ``hit``."""
    return _case_figure(
        when,
        where,
        lambda q: {"total": Count("id", filter=q), "hit": Count("id", filter=q & hit)},
        lambda got: Value.ratio(got["hit"], got["total"]),
        aggregate="ratio",
    )


def summed(when: str, where: Q, *fields: str) -> dict[str, Any]:
    """An amount in 元: the sum of ``fields`` over the matching cases."""
    return _case_figure(
        when,
        where,
        lambda q: {f: Sum(f, filter=q) for f in fields},
        lambda got: Value(sum((got[f] or Decimal(0) for f in fields), Decimal(0)), unit="元"),
    )


def decided(agency_ids: frozenset[int], period: Period) -> QuerySet[Case]:
    return _where("decided_on", Q())(agency_ids, period)


def _count(
    records: Callable[[frozenset[int], Period], QuerySet],
) -> Callable[[frozenset[int], Period], Value]:
    return lambda ids, period: Value.count(records(ids, period).count())


def _ratio(base: Callable, hit: Q) -> Callable[[frozenset[int], Period], Value]:
    def compute(ids: frozenset[int], period: Period) -> Value:
        c = base(ids, period).aggregate(
            total=Count("id", distinct=True), hit=Count("id", filter=hit, distinct=True)
        )
        return Value.ratio(c["hit"], c["total"])

    return compute


def _catalogue(ids, period):
    return decided(ids, period).filter(procedure="ordinary", matter__in_review_catalogue=True)


def _hearings(ids, period):
    return Case.objects.filter(
        pk__in=Hearing.objects.filter(
            case__agency_id__in=ids,
            outcome="held",
            held_on__gte=period.start,
            held_on__lte=period.end,
        ).values("case_id")
    ).select_related("agency")


def _transferred(ids, period):
    return Case.objects.filter(
        pk__in=Transfer.objects.filter(
            case__agency_id__in=ids,
            transferred_on__gte=period.start,
            transferred_on__lte=period.end,
        ).values("case_id")
    ).select_related("agency")


def _payments(ids, period):
    return Case.objects.filter(
        pk__in=Payment.objects.filter(
            case__agency_id__in=ids, paid_on__gte=period.start, paid_on__lte=period.end
        ).values("case_id")
    ).select_related("agency")


def _fines_collected(ids, period) -> Value:
    total = Payment.objects.filter(
        case__agency_id__in=ids, paid_on__gte=period.start, paid_on__lte=period.end
    ).aggregate(a=Sum("amount"), s=Sum("surcharge"))
    return Value((total["a"] or Decimal(0)) + (total["s"] or Decimal(0)), unit="元")


def _overdue_records(ids, period):
    as_of = min(period.end, timezone.localdate())
    running = Q(status__in=["open", "suspended"]) | Q(closed_on__gt=as_of)
    return (
        Deadline.objects.filter(
            agency_id__in=ids,
            subject_type=ContentType.objects.get_for_model(Case),
            binds="agency",
            trigger__lte=as_of,
            due__lt=as_of,
        )
        .filter(running)
        .select_related("agency")
    )


def _indicator(
    code: str,
    name: str,
    unit: str,
    compute=None,
    records=None,
    *,
    order: int,
    columns=COLUMNS,
    aggregate: str = "sum",
    citation: str = "",
    better: bool | None = None,
    description: str = "",
    link=_link,
    shared: Terms | None = None,
) -> Indicator:
    return Indicator(
        code=f"enforcement.{code}",
        name=name,
        unit=unit,
        area=AREA,
        compute=compute,
        records=records,
        record_columns=columns,
        citation=citation,
        higher_is_better=better,
        aggregate=aggregate,
        order=order,
        description=description,
        record_link=link,
        shared=shared,
    )


DECIDED = "decided_on"
PENALTY = Q(outcome="penalty")
ORDINARY = Q(procedure="ordinary")

INDICATORS = [
    _indicator("cases_opened", "行政处罚立案数", "件", order=200, **counted("opened_on", ORDINARY)),
    _indicator(
        "penalty_decisions", "作出行政处罚决定数", "件", order=201, **counted(DECIDED, PENALTY)
    ),
    _indicator(
        "summary_penalties",
        "简易程序当场处罚数",
        "件",
        order=202,
        citation=f"{XZCF}第五十一条",
        **counted(DECIDED, Q(procedure="summary")),
    ),
    _indicator(
        "decided_on_time_rate",
        "九十日内作出处罚决定率",
        "%",
        order=203,
        better=True,
        citation=f"{XZCF}第六十条",
        **rated(DECIDED, ORDINARY & Q(decision_on_time__isnull=False), Q(decision_on_time=True)),
    ),
    _indicator(
        "publication_on_time_rate",
        "处罚决定按期公示率",
        "%",
        order=204,
        better=True,
        citation=f"{GBF118.short}二（六）",
        **rated(DECIDED, ORDINARY & PENALTY, Q(publication_on_time=True)),
    ),
    _indicator(
        "review_coverage",
        "目录内案件法制审核率",
        "%",
        _ratio(_catalogue, Q(reviews__result="passed")),
        _catalogue,
        order=205,
        aggregate="ratio",
        better=True,
        citation=f"{XZCF}第五十八条；{GBF118.short}四",
    ),
    _indicator(
        "hearings_held",
        "举行听证案件数",
        "件",
        _count(_hearings),
        _hearings,
        order=206,
        citation=f"{XZCF}第六十四条",
    ),
    _indicator(
        "four_lists",
        "适用“四张清单”办理案件数",
        "件",
        order=207,
        citation="包容审慎监管“四张清单”",
        **counted(DECIDED, Q(lenient_kind__in=FOUR_LISTS)),
    ),
    *[
        _indicator(
            f"four_lists_{kind}",
            f"其中：{label}",
            "件",
            order=208 + i,
            **counted(DECIDED, Q(lenient_kind=kind)),
        )
        for i, (kind, label) in enumerate(LENIENT_LABELS.items())
    ],
    _indicator(
        "transfers",
        "移送涉嫌犯罪案件数",
        "件",
        _count(_transferred),
        _transferred,
        order=214,
        citation="两法衔接",
    ),
    _indicator(
        "fines_imposed",
        "决定罚没款金额",
        "元",
        order=215,
        **summed(DECIDED, PENALTY, "decided_fine", "decided_confiscation"),
    ),
    _indicator(
        "fines_collected",
        "收缴罚没款金额（含加处罚款）",
        "元",
        _fines_collected,
        _payments,
        order=216,
    ),
    _indicator(
        "overdue_tasks",
        "行政处罚逾期未办期限",
        "件",
        _count(_overdue_records),
        _overdue_records,
        order=217,
        better=False,
        columns=[
            ("事项", "subject_label"),
            ("期限事项", "title"),
            ("承办机关", "agency.display_name"),
            ("届满日", "due"),
            ("状态", "get_status_display"),
        ],
        link=None,
    ),
]

for _ind in INDICATORS:
    register(_ind)


def breakdown(agency_ids: frozenset[int], period: Period) -> dict[str, list[tuple[str, int]]]:
    """Cases by matter type, state and outcome (registered within the period), for the stats page."""
    base = Case.objects.filter(
        agency_id__in=agency_ids, registered_on__gte=period.start, registered_on__lte=period.end
    ).exclude(state="draft")
    by_state = dict(base.values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    by_outcome = dict(
        base.values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n")
    )
    by_matter = list(
        base.values_list("matter__name")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("matter__name", "n")[:20]
    )
    outcome_labels = dict(Case._meta.get_field("outcome").choices)
    return {
        "state": [(STATES.get(k, k), v) for k, v in by_state.items()],
        "outcome": [
            (outcome_labels.get(k, "未决") if k else "未决", v) for k, v in by_outcome.items()
        ],
        "matter": [(k or "（未定事项）", v) for k, v in by_matter],
    }
