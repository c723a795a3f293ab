"""Figures of the matter lists and benchmarks: matters by kind, and the benchmarks published
(行政处罚法 第三十四条). Autodiscovered by the indicators app."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet
from django.utils import timezone

from fazhi.core.indicators.registry import Indicator, Period, Value, register, register_area

from .models import Benchmark, Matter
from .rules import PUBLICATION_RULE
from .selectors import published_benchmarks

AREA = register_area("行政执法", 10)
MATTER_COLUMNS = [
    ("事项编码", "code"),
    ("事项名称", "name"),
    ("事项类型", "get_kind_display"),
    ("执法领域", "field"),
    ("实施机关", "agency.display_name"),
]


def as_of(period: Period) -> date:
    return min(period.end, timezone.localdate())


def _matters(agency_ids: frozenset[int], period: Period) -> QuerySet[Matter]:
    return Matter.objects.filter(agency_id__in=agency_ids, active=True).select_related("agency")


def _matter_count(agency_ids: frozenset[int], period: Period) -> Value:
    by_kind = dict(
        _matters(agency_ids, period).values_list("kind").annotate(n=Count("id")).order_by()
    )
    labels = dict(Matter.Kind.choices)
    note = "，".join(f"{labels[k]}{by_kind[k]}项" for k in Matter.Kind.values if by_kind.get(k))
    return Value.count(sum(by_kind.values()), "项", note=note)


def _kind_records(kind: str):
    def records(agency_ids: frozenset[int], period: Period) -> QuerySet[Matter]:
        return _matters(agency_ids, period).filter(kind=kind)

    return records


def _kind_count(kind: str):
    records = _kind_records(kind)

    def compute(agency_ids: frozenset[int], period: Period) -> Value:
        return Value.count(records(agency_ids, period).count(), "项")

    return compute


def _penalty_benchmarks(agency_ids: frozenset[int], period: Period) -> QuerySet[Benchmark]:
    return published_benchmarks(agency_ids, as_of(period)).filter(
        matter__active=True, matter__kind=Matter.Kind.PENALTY
    )


def _benchmarks_published(agency_ids: frozenset[int], period: Period) -> Value:
    return Value.count(
        _penalty_benchmarks(agency_ids, period).count(), "项", note=f"截至{as_of(period):%Y-%m-%d}"
    )


def _coverage(agency_ids: frozenset[int], period: Period) -> Value:
    penalties = _matters(agency_ids, period).filter(kind=Matter.Kind.PENALTY).count()
    return Value.ratio(_penalty_benchmarks(agency_ids, period).count(), penalties)


BENCHMARK_COLUMNS = [
    ("事项编码", "matter.code"),
    ("事项名称", "matter.name"),
    ("违法行为", "violation"),
    ("实施机关", "matter.agency.display_name"),
]

INDICATORS = [
    Indicator(
        code="matters.matter_count",
        name="行政执法事项",
        unit="项",
        area=AREA,
        compute=_matter_count,
        records=_matters,
        record_columns=MATTER_COLUMNS,
        description="执法事项清单中有效的执法事项数，附按事项类型的分项。",
        order=300,
    ),
    *(
        Indicator(
            code=f"matters.matter_count.{kind}",
            name=f"{label}事项",
            unit="项",
            area=AREA,
            compute=_kind_count(kind),
            records=_kind_records(kind),
            record_columns=MATTER_COLUMNS,
            description=f"执法事项清单中有效的{label}事项数。",
            order=301 + n,
        )
        for n, (kind, label) in enumerate(Matter.Kind.choices)
    ),
    Indicator(
        code="matters.benchmarks_published",
        name="已向社会公布裁量基准的行政处罚事项",
        unit="项",
        area=AREA,
        compute=_benchmarks_published,
        records=_penalty_benchmarks,
        record_columns=BENCHMARK_COLUMNS,
        description="期末施行中的裁量基准版本已向社会公布的行政处罚事项数。",
        citation=PUBLICATION_RULE,
        higher_is_better=True,
        order=310,
    ),
    Indicator(
        code="matters.benchmark_coverage",
        name="行政处罚事项裁量基准公布率",
        unit="%",
        area=AREA,
        compute=_coverage,
        records=_kind_records(Matter.Kind.PENALTY),
        record_columns=MATTER_COLUMNS,
        description="已公布裁量基准的行政处罚事项 ÷ 有效的行政处罚事项。",
        citation=PUBLICATION_RULE,
        higher_is_better=True,
        aggregate="ratio",
        order=311,
    ),
]

for _indicator in INDICATORS:
    register(_indicator)
