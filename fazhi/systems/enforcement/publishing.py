"""事后公示 of penalty decisions through the platform's publication door.

118号 二（六）: 「向社会公布执法机关、执法对象、执法类别、执法结论等信息」 within 7 working days
of a 行政处罚 decision; 行政处罚法 第四十八条: withdraw within 3 working days with a public
reason when the decision is changed, revoked, or confirmed unlawful or void. A natural person's
name is passed to the door as a personal name so that it is masked; an organisation's is not.
"""

from __future__ import annotations

from typing import Any

from fazhi.core.publication import services as publication
from fazhi.core.publication.models import PublishedItem
from fazhi.core.workflow.engine import Context
from fazhi.kernel.formatting import yuan

from .models import Case, PenaltyType


def conclusion(case: Case) -> str:
    """执法结论 in one line: the kinds of penalty with their amounts."""
    if case.outcome != "penalty":
        return case.get_outcome_display()
    labels = dict(PenaltyType.choices)
    parts = []
    for t in case.decided_types:
        if t == "fine" and case.decided_fine:
            parts.append(f"罚款{yuan(case.decided_fine)}")
        elif t.startswith("confiscate") and case.decided_confiscation:
            parts.append(f"{labels.get(t, t)}{yuan(case.decided_confiscation)}")
        else:
            parts.append(labels.get(t, t))
    return "；".join(parts) or case.decided_detail


def public_fields(case: Case) -> dict[str, Any]:
    return {
        "执法机关": case.agency.name,
        "执法对象": case.party_name,
        "执法类别": "行政处罚",
        "执法结论": conclusion(case),
        "决定书文号": case.decision_number,
        "决定日期": case.decided_on.isoformat() if case.decided_on else "",
        "违法行为": case.matter.name if case.matter_id else "",
        "处罚依据": f"{case.basis_instrument}{case.basis_article}",
    }


def publish(ctx: Context) -> None:
    """Effect of ``publish_decision``: hand the redacted decision to the publication door."""
    case = ctx.obj
    item = publication.publish(
        kind="penalty",
        title=f"{case.agency.name}行政处罚决定书（{case.decision_number}）",
        body=case.facts,
        fields=public_fields(case),
        agency=case.agency,
        source=case,
        decided_on=case.decided_on,
        names=[case.party_name] if case.is_person else [],
        actor=ctx.actor,
    )
    case.publication_id = item.pk
    case.published_on = item.published_on
    case.publication_on_time = item.on_time
    ctx.data["publication"] = item.pk


def withdraw(ctx: Context) -> None:
    """Effect of ``withdraw_publication``: take the item off with its public reason."""
    case = ctx.obj
    item = PublishedItem.objects.get(pk=case.publication_id)
    publication.withdraw(
        item,
        reason=ctx.data["reason"],
        on=ctx.on_date,
        changed_on=ctx.day("changed_on"),
        names=[case.party_name] if case.is_person else [],
        actor=ctx.actor,
    )
    case.publication_withdrawn_on = ctx.on_date
