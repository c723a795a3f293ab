"""Cross-channel figures over the act links, in the indicator registry: for each kind of act
registered with :func:`fazhi.core.acts.registry.register_act_kind` (e.g. the 行政处罚案件),

- 纠错率: of the acts whose 复议 or 诉讼 was decided in the period, the share corrected (revoked,
  changed, confirmed unlawful, ordered to act — each channel's ``corrected``; lost in court);
- 败诉率: the same over court channels only (the agency lost);
- 重复投诉: acts about which two or more matters arrived in the period, across all channels.

Each figure counts acts (a 复议 and the lawsuit after it about one act count once) and opens onto
the acts themselves, whose page lists every matter about them. Autodiscovered like every app's
``indicators.py``; the figures of every act kind, registered before or after, follow through
:func:`~fazhi.core.acts.registry.on_act_kind`.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse

from fazhi.core.indicators.registry import (
    Indicator,
    Period,
    UnknownIndicator,
    Value,
    get,
    register,
    register_area,
)

from . import selectors
from .registry import ActKind, on_act_kind

AREA = register_area("复议应诉", 110)


def act_url(act) -> str:
    ct = ContentType.objects.get_for_model(type(act))
    return reverse("acts:matters", args=[ct.pk, act.pk])


def _columns(kind: ActKind) -> list[tuple[str, str]]:
    cols = [(kind.label, "__str__"), ("机关", f"{kind.agency_field}.display_name")]
    if kind.matter_field:
        cols.append(("执法事项", kind.matter_field))
    return cols


def _acts(kind: ActKind, ids: set[int]) -> QuerySet:
    return kind.model._default_manager.filter(pk__in=sorted(ids)).select_related(kind.agency_field)


def register_for(kind: ActKind) -> None:
    """Register the three figures of ``kind`` (once)."""
    code = f"acts.{kind.key}_correction_rate"
    try:
        get(code)
        return
    except UnknownIndicator:
        pass

    def correction(ids: frozenset[int], p: Period, court: bool = False) -> Value:
        decided, corrected = selectors.challenged(kind, ids, p.start, p.end, court=court)
        return Value.ratio(len(corrected), len(decided))

    def decided_records(ids: frozenset[int], p: Period, court: bool = False) -> QuerySet:
        return _acts(kind, selectors.challenged(kind, ids, p.start, p.end, court=court)[0])

    def repeat_records(ids: frozenset[int], p: Period) -> QuerySet:
        return _acts(kind, selectors.repeated(kind, ids, p.start, p.end))

    columns = _columns(kind)
    register(
        Indicator(
            code=code,
            name=f"纠错率（{kind.label}）",
            unit="%",
            compute=correction,
            records=decided_records,
            aggregate="ratio",
            higher_is_better=False,
            order=70,
            description=(
                f"期间内行政复议或行政诉讼作出结论的{kind.label}中，被撤销、变更、确认违法、"
                "责令履行或者败诉的比例（同一行为在多个渠道只计一次）。"
            ),
            area=AREA,
            record_columns=columns,
            record_link=act_url,
        )
    )
    register(
        Indicator(
            code=f"acts.{kind.key}_loss_rate",
            name=f"败诉率（{kind.label}）",
            unit="%",
            compute=lambda ids, p: correction(ids, p, court=True),
            records=lambda ids, p: decided_records(ids, p, court=True),
            aggregate="ratio",
            higher_is_better=False,
            order=71,
            description=f"期间内人民法院裁判文书送达的{kind.label}中，行政机关败诉的比例；按执法事项见“败诉分析”。",
            area=AREA,
            record_columns=columns,
            record_link=act_url,
        )
    )
    register(
        Indicator(
            code=f"acts.{kind.key}_repeat_complaints",
            name=f"重复投诉（{kind.label}）",
            unit="件",
            compute=lambda ids, p: Value.count(len(selectors.repeated(kind, ids, p.start, p.end))),
            records=repeat_records,
            higher_is_better=False,
            order=72,
            description=f"期间内经复议、诉讼、信访等两个以上事项投诉或挑战的同一{kind.label}。",
            area=AREA,
            record_columns=columns,
            record_link=act_url,
        )
    )


on_act_kind(register_for)
