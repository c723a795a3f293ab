"""The only write path of 建议提案办理. Each function is one step of the item's workflow,
performed through :func:`fazhi.core.workflow.engine.perform` (guards, ledger entry, history row
and the answer-date deadline) in one transaction.

Refusals come back as :class:`~fazhi.core.workflow.engine.Refused` or as a Chinese
:class:`ValidationError` naming the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.ledger.services import record
from fazhi.core.orgs.models import Agency
from fazhi.core.tasks import services as tasks
from fazhi.core.workflow.dates import no_future
from fazhi.core.workflow.engine import perform, register_action

from . import policies, rules
from .models import Proposal
from .workflow import PROPOSAL_WORKFLOW

REGISTERED = register_action("proposals.registered", "建议提案办理·登记")


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _step(p: Proposal, name: str, *, actor: Any, data: dict[str, Any], on_date: date) -> Proposal:
    return perform(PROPOSAL_WORKFLOW, p, name, actor=actor, data=data, on_date=on_date)


@transaction.atomic
def register_proposal(
    *,
    agency: Agency,
    actor: Any,
    kind: str,
    number: str,
    session: str,
    year: int,
    author: str,
    title: str,
    content: str,
    received_on: date,
    co_authors: str = "",
    author_contact: str = "",
) -> Proposal:
    """登记: the receiving office records an item it received from the 人大 or 政协."""
    if not policies.can_register(actor, agency.pk):
        raise PermissionDenied(f"您不是{agency.name}的建议提案办理人员，不能登记。")
    no_future(received_on=received_on)
    errors: dict[str, str] = {}
    if kind not in rules.KINDS:
        errors["kind"] = f"未知的类别“{kind}”。"
    for field, value in (("number", number), ("author", author), ("title", title)):
        if not (value or "").strip():
            errors[field] = "必填。"
    if (
        not errors
        and Proposal.objects.filter(
            agency=agency, kind=kind, year=year, number=number.strip()
        ).exists()
    ):
        errors["number"] = f"{year}年{rules.KINDS[kind]}编号“{number}”已登记。"
    if errors:
        raise ValidationError(errors)
    p = Proposal.objects.create(
        agency=agency,
        kind=kind,
        number=number.strip(),
        session=session.strip(),
        year=year,
        author=author.strip(),
        co_authors=co_authors.strip(),
        author_contact=author_contact.strip(),
        title=title.strip(),
        content=(content or "").strip(),
        received_on=received_on,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    record(
        PROPOSAL_WORKFLOW.subject(p),
        REGISTERED,
        {"kind": kind, "number": p.number, "year": year, "author": p.author, "title": p.title},
        actor=actor,
    )
    tasks.sync(PROPOSAL_WORKFLOW, p)  # registered, it waits for 交办 (created without a step)
    return p


def assign(
    p: Proposal,
    *,
    actor: Any,
    lead_unit: Agency | None,
    answer_due: date | None,
    co_units: Iterable[Agency] = (),
    assigned_on: date | None = None,
    broad_ground: str = "",
) -> Proposal:
    """交办: the lead unit, the co-handling units and the answer date: for a 建议 three months
    from 交办, six with ``broad_ground`` (代表法 第五十一条第二款; an office date may be earlier,
    never later); for a 提案 the date the office sets (required)."""
    assigned_on = assigned_on or timezone.localdate()
    no_future(assigned_on=assigned_on)
    data = {
        "lead_unit": lead_unit.pk if lead_unit else None,
        "co_units": sorted(a.pk for a in co_units),
        "assigned_on": _iso(assigned_on),
        "answer_due": _iso(answer_due),
        "broad_ground": broad_ground,
    }
    return _step(p, "assign", actor=actor, data=data, on_date=assigned_on)


def submit_opinion(
    p: Proposal,
    *,
    actor: Any,
    opinion: str,
    unit: Agency | None = None,
    submitted_on: date | None = None,
) -> Proposal:
    """协办意见: a co-handling unit sends its opinion to the lead unit."""
    submitted_on = submitted_on or timezone.localdate()
    no_future(submitted_on=submitted_on)
    if unit is None:
        mine = policies.co_unit_ids_of(actor, p)
        unit_id = mine[0] if len(mine) == 1 else None
        if unit_id is None and mine:
            raise ValidationError({"unit": "您可代表多个协办单位，请选择单位。"})
    else:
        unit_id = unit.pk
    data = {"unit": unit_id, "opinion": opinion, "submitted_on": _iso(submitted_on)}
    return _step(p, "submit_opinion", actor=actor, data=data, on_date=submitted_on)


def answer(
    p: Proposal,
    *,
    actor: Any,
    result: str | None,
    answer: str,
    answered_on: date | None = None,
    answer_number: str = "",
) -> Proposal:
    """答复: the lead unit answers the representative, stating the 办理结果 category (None, as an
    import row may leave it out, is refused by the step's form with its message)."""
    answered_on = answered_on or timezone.localdate()
    no_future(answered_on=answered_on)
    data = {
        "result": result,
        "answer": answer,
        "answer_number": answer_number,
        "answered_on": _iso(answered_on),
    }
    return _step(p, "answer", actor=actor, data=data, on_date=answered_on)


def record_satisfaction(
    p: Proposal,
    *,
    actor: Any,
    satisfaction: str,
    feedback_on: date | None = None,
    feedback_note: str = "",
    answer_due: date | None = None,
) -> Proposal:
    """征询意见: 满意 or 基本满意 concludes the item; 不满意 sends it back to the lead unit with a
    new answer date set by the office (重新办理)."""
    feedback_on = feedback_on or timezone.localdate()
    no_future(feedback_on=feedback_on)
    data = {
        "satisfaction": satisfaction,
        "feedback_on": _iso(feedback_on),
        "feedback_note": feedback_note,
        "answer_due": _iso(answer_due),
    }
    name = "send_back" if satisfaction == rules.UNSATISFIED else "conclude"
    return _step(p, name, actor=actor, data=data, on_date=feedback_on)
