"""两法衔接: the 涉嫌犯罪案件移送's own procedure (移送, 接收, 立案 or 退回, 处理结果)."""

from __future__ import annotations

from fazhi.core.workflow.engine import Transition, Workflow

from . import guards as g
from . import policies
from .effects import assign
from .guards import dates as d
from .models import Transfer
from .states import TRANSFER_STATES

T = Transition


def _set_transfer(*names: str):
    def effect(ctx) -> None:
        assign(ctx.obj, ctx.data, names)
        for name in names:
            if name.endswith("_on") and name not in ctx.data:
                setattr(ctx.obj, name, ctx.on_date)

    return effect


TRANSFER_WORKFLOW = Workflow(
    "penalty_transfer",
    "涉嫌犯罪案件移送",
    model=Transfer,
    states=TRANSFER_STATES,
    initial="raised",
    transitions=[
        T(
            "transfer",
            "移送公安机关",
            ("raised",),
            "transferred",
            guards=(g.TRANSFER_DOCUMENTS, d.TRANSFERRED_AFTER_RAISED),
            allowed=policies.is_head,
            effect=_set_transfer("transferred_on", "receiver", "documents"),
        ),
        T(
            "receive",
            "公安机关接收",
            ("transferred",),
            "received",
            guards=(d.RECEIVED_AFTER_TRANSFER,),
            allowed=policies.officer_or_head,
            effect=_set_transfer("received_on"),
        ),
        T(
            "accept",
            "公安机关立案",
            ("received",),
            "accepted",
            guards=(d.ACCEPTED_AFTER_RECEIPT,),
            allowed=policies.officer_or_head,
            effect=_set_transfer("accepted_on"),
        ),
        T(
            "return",
            "公安机关不予立案（退回）",
            ("transferred", "received"),
            "returned",
            guards=(g.RETURN_REASON, d.RETURNED_AFTER_TRANSFER),
            allowed=policies.officer_or_head,
            effect=_set_transfer("returned_on", "return_reason"),
        ),
        T(
            "conclude",
            "登记处理结果",
            ("accepted",),
            "concluded",
            guards=(d.CONCLUDED_AFTER_ACCEPTANCE,),
            allowed=policies.officer_or_head,
            effect=_set_transfer("outcome_on", "outcome"),
        ),
        T(
            "dismiss",
            "经审查不涉嫌犯罪",
            ("raised",),
            "dismissed",
            guards=(g.RETURN_REASON, d.DISMISSED_AFTER_RAISED),
            allowed=policies.is_head,
            effect=_set_transfer("outcome_on", "outcome"),
        ),
    ],
    agency_of=lambda t: t.case.agency_id,
    subject_label=lambda t: f"移送：{t.case.label}",
    path=("raised", "transferred", "received", "accepted", "concluded"),
)
