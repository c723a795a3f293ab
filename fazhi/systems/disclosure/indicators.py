"""The figures of 依申请公开 in the indicator registry.

Autodiscovered by :class:`fazhi.core.indicators.apps.IndicatorsConfig`; every figure opens onto
the requests it counts.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from fazhi.core.indicators.registry import Indicator, Period, Value, register, register_area

from . import selectors

AREA = register_area("政务公开", 60)
COLUMNS = [
    ("申请编号", "number"),
    ("受理机关", "agency.display_name"),
    ("申请人", "applicant_name"),
    ("收到申请之日", "received_on"),
    ("答复期限", "answer_due"),
    ("答复日", "answered_on"),
    ("答复类型", "get_answer_type_display"),
]


def _link(req) -> str:
    return reverse("disclosure:detail", args=[req.pk])


def _received(ids: frozenset[int], period: Period) -> QuerySet:
    return selectors.received_in(ids, period.start, period.end).select_related("agency")


def _answered(ids: frozenset[int], period: Period) -> QuerySet:
    return (
        selectors.answered_in(ids, period.start, period.end)
        .filter(on_time__isnull=False)
        .select_related("agency")
    )


def _on_time_rate(ids: frozenset[int], period: Period) -> Value:
    qs = _answered(ids, period)
    return Value.ratio(qs.filter(on_time=True).count(), qs.count())


def _as_of(period: Period):
    return min(period.end, timezone.localdate())


def _overdue(ids: frozenset[int], period: Period) -> QuerySet:
    return selectors.overdue(ids, _as_of(period)).select_related("agency")


register(
    Indicator(
        code="disclosure.received",
        name="收到政府信息公开申请",
        unit="件",
        area=AREA,
        compute=lambda ids, p: Value.count(_received(ids, p).count()),
        records=_received,
        record_columns=COLUMNS,
        record_link=_link,
        order=40,
        description="期间内收到的依申请公开申请数（收到申请之日按《政府信息公开条例》第三十一条确定）。",
        citation="《中华人民共和国政府信息公开条例》第三十一条、第五十条",
    )
)
register(
    Indicator(
        code="disclosure.on_time_rate",
        name="依申请公开按期答复率",
        unit="%",
        area=AREA,
        compute=_on_time_rate,
        records=_answered,
        record_columns=COLUMNS,
        record_link=_link,
        aggregate="ratio",
        higher_is_better=True,
        order=41,
        description="期间内作出答复的申请中，在答复期限（含依法延长、扣除征求意见时间、补正后重新计算）内答复的比例。",
        citation="《中华人民共和国政府信息公开条例》第三十三条",
    )
)
register(
    Indicator(
        code="disclosure.overdue",
        name="逾期未答复的政府信息公开申请",
        unit="件",
        area=AREA,
        compute=lambda ids, p: Value.count(
            _overdue(ids, p).count(), note=f"截至 {_as_of(p):%Y-%m-%d}"
        ),
        records=_overdue,
        record_columns=COLUMNS,
        record_link=_link,
        higher_is_better=False,
        order=42,
        description="期末（或今日）仍未答复且答复期限已届满的申请。",
        citation="《中华人民共和国政府信息公开条例》第三十三条第二款",
    )
)
