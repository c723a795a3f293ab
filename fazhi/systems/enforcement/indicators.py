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

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse

from fazhi.core.indicators.registry import Indicator, Period, Value, register

from .models import Case, Hearing, Payment, Transfer

AREA = "行政执法"
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


def decided(agency_ids: frozenset[int], period: Period) -> QuerySet[Case]:
    return Case.objects.filter(
        agency_id__in=agency_ids, decided_on__gte=period.start, decided_on__lte=period.end
    ).select_related("agency")


def opened(agency_ids: frozenset[int], period: Period) -> QuerySet[Case]:
    return Case.objects.filter(
        agency_id__in=agency_ids,
        procedure="ordinary",
        opened_on__gte=period.start,
        opened_on__lte=period.end,
    ).select_related("agency")


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


def _ordinary_decided(ids, period):
    return decided(ids, period).filter(procedure="ordinary", decision_on_time__isnull=False)


def _publishable(ids, period):
    return decided(ids, period).filter(procedure="ordinary", outcome="penalty")


def _catalogue(ids, period):
    return decided(ids, period).filter(procedure="ordinary", matter__in_review_catalogue=True)


def _four_lists(ids, period):
    return decided(ids, period).filter(lenient_kind__in=FOUR_LISTS)


def _lenient(kind: str):
    return lambda ids, period: decided(ids, period).filter(lenient_kind=kind)


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


def _fines_imposed(ids, period) -> Value:
    total = (
        decided(ids, period)
        .filter(outcome="penalty")
        .aggregate(f=Sum("decided_fine"), c=Sum("decided_confiscation"))
    )
    return Value((total["f"] or Decimal(0)) + (total["c"] or Decimal(0)), unit="元")


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
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from fazhi.core.deadlines.models import Deadline

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
    compute,
    records,
    *,
    order: int,
    columns=COLUMNS,
    aggregate: str = "sum",
    citation: str = "",
    better: bool | None = None,
    description: str = "",
    link=_link,
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
    )


XZCF = "《中华人民共和国行政处罚法》"
GBF118 = "国办发〔2018〕118号"

INDICATORS = [
    _indicator("cases_opened", "行政处罚立案数", "件", _count(opened), opened, order=200),
    _indicator(
        "penalty_decisions",
        "作出行政处罚决定数",
        "件",
        _count(lambda i, p: decided(i, p).filter(outcome="penalty")),
        lambda i, p: decided(i, p).filter(outcome="penalty"),
        order=201,
    ),
    _indicator(
        "summary_penalties",
        "简易程序当场处罚数",
        "件",
        _count(lambda i, p: decided(i, p).filter(procedure="summary")),
        lambda i, p: decided(i, p).filter(procedure="summary"),
        order=202,
        citation=f"{XZCF}第五十一条",
    ),
    _indicator(
        "decided_on_time_rate",
        "九十日内作出处罚决定率",
        "%",
        _ratio(_ordinary_decided, Q(decision_on_time=True)),
        _ordinary_decided,
        order=203,
        aggregate="ratio",
        better=True,
        citation=f"{XZCF}第六十条",
    ),
    _indicator(
        "publication_on_time_rate",
        "处罚决定按期公示率",
        "%",
        _ratio(_publishable, Q(publication_on_time=True)),
        _publishable,
        order=204,
        aggregate="ratio",
        better=True,
        citation=f"{GBF118}二（六）",
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
        citation=f"{XZCF}第五十八条；{GBF118}四",
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
        _count(_four_lists),
        _four_lists,
        order=207,
        citation="包容审慎监管“四张清单”",
    ),
    *[
        _indicator(
            f"four_lists_{kind}",
            f"其中：{label}",
            "件",
            _count(_lenient(kind)),
            _lenient(kind),
            order=208 + i,
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
        _fines_imposed,
        lambda i, p: decided(i, p).filter(outcome="penalty"),
        order=215,
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
    from .workflow import STATES

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
