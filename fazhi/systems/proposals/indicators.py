"""The figures of 建议提案办理 in the indicator registry, by kind.

A county's report (tests/fixtures/seeds/001_*.txt) gives them as
"办理市人大代表建议358件、市政协委员提案5件，办结率和满意率均达100%":
办结率 is the share of the period's assigned items that have been answered; 满意率 the share of
the items whose representative gave feedback on the latest answer that were 满意 or 基本满意.
Each figure opens onto the items it counts.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from fazhi.core.indicators.registry import Indicator, Period, Value, register, register_area

from . import rules, selectors

AREA = register_area("建议提案办理", 100)
COLUMNS = [
    ("编号", "number"),
    ("案由", "title"),
    ("代表（委员）", "author"),
    ("主办单位", "lead_unit.display_name"),
    ("答复期限", "answer_due"),
    ("答复日", "answered_on"),
    ("办理结果", "get_result_display"),
    ("意见", "get_satisfaction_display"),
]


def _link(p) -> str:
    return reverse("proposals:detail", args=[p.pk])


def _records(kind: str):
    def records(ids: frozenset[int], period: Period) -> QuerySet:
        return selectors.of_year(ids, kind, period.start, period.end).select_related("lead_unit")

    return records


def _feedback(kind: str):
    def records(ids: frozenset[int], period: Period) -> QuerySet:
        return selectors.with_feedback(ids, kind, period.start, period.end).select_related(
            "lead_unit"
        )

    return records


def _handled(kind: str):
    def compute(ids: frozenset[int], period: Period) -> Value:
        return Value.count(_records(kind)(ids, period).count())

    return compute


def _completion(kind: str):
    def compute(ids: frozenset[int], period: Period) -> Value:
        qs = _records(kind)(ids, period)
        return Value.ratio(qs.filter(selectors.DONE).count(), qs.count())

    return compute


def _satisfaction(kind: str):
    def compute(ids: frozenset[int], period: Period) -> Value:
        qs = _feedback(kind)(ids, period)
        return Value.ratio(qs.filter(selectors.SATISFIED).count(), qs.count())

    return compute


for n, (kind, label) in enumerate(rules.KINDS.items()):
    short = rules.KIND_SHORT[kind]
    base = 80 + 3 * n
    register(
        Indicator(
            code=f"proposals.{kind}_handled",
            name=f"办理{label}",
            unit="件",
            area=AREA,
            compute=_handled(kind),
            records=_records(kind),
            record_columns=COLUMNS,
            record_link=_link,
            order=base,
            description=f"期间内收到并已交办的{label}件数。",
        )
    )
    register(
        Indicator(
            code=f"proposals.{kind}_completion_rate",
            name=f"{short}办结率",
            unit="%",
            area=AREA,
            compute=_completion(kind),
            records=_records(kind),
            record_columns=COLUMNS,
            record_link=_link,
            aggregate="ratio",
            higher_is_better=True,
            order=base + 1,
            description=f"期间内收到并已交办的{label}中，已答复代表（委员）的比例。",
        )
    )
    register(
        Indicator(
            code=f"proposals.{kind}_satisfaction_rate",
            name=f"{short}满意率",
            unit="%",
            area=AREA,
            compute=_satisfaction(kind),
            records=_feedback(kind),
            record_columns=COLUMNS,
            record_link=_link,
            aggregate="ratio",
            higher_is_better=True,
            order=base + 2,
            description=f"期间内收到的{label}中，代表（委员）对最近一次答复表示满意或基本满意的比例（以已反馈意见的为基数）。",
        )
    )
