"""The 12345 ticket services: registration by the hotline office and one function per step.
The time limits are local, configurable settings (see :mod:`..hotline`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.numbering import services as numbering
from fazhi.core.orgs.models import Agency
from fazhi.core.tasks import services as tasks
from fazhi.core.workflow.dates import no_future
from fazhi.core.workflow.engine import perform

from .. import policies, rules
from ..hotline import TICKET_WORKFLOW
from ..models import HotlineTicket


def _step(t: HotlineTicket, name: str, *, actor: Any, data: dict, on_date: date):
    return perform(TICKET_WORKFLOW, t, name, actor=actor, data=data, on_date=on_date)


#: 工单编号 of the hotline office and year: 12345-2025-00017.
TICKET_NUMBERS = numbering.Series(
    "petitions.ticket",
    HotlineTicket,
    "number",
    lambda office, year: f"12345-{year}-",
    tail="",
    width=5,
    agency_field="office",
)


@transaction.atomic
def register_ticket(
    *,
    office: Agency,
    actor: Any,
    category: str,
    caller_name: str,
    content: str,
    received_on: date,
    caller_contact: str = "",
    act: Any = None,
    act_description: str = "",
    number: str = "",
    unit: Agency | None = None,
    dispatched_on: date | None = None,
) -> HotlineTicket:
    """登记工单 at the hotline office; with ``unit`` it is dispatched at once."""
    if not policies.can_act(actor, office.pk):
        raise PermissionDenied(f"您不是{office.name}的工作人员，不能登记工单。")
    no_future(received_on=received_on, dispatched_on=dispatched_on)
    errors = {}
    if category not in rules.CATEGORIES:
        errors["category"] = f"未知的诉求类型“{category}”。"
    if not (caller_name or "").strip():
        errors["caller_name"] = "请填写来电人（可填“匿名”）。"
    if not (content or "").strip():
        errors["content"] = "请填写诉求内容。"
    if number and HotlineTicket.objects.filter(office=office, number=number).exists():
        errors["number"] = f"工单编号“{number}”已被使用。"
    if errors:
        raise ValidationError(errors)
    link = {}
    if act is not None:
        link = {"act_type": ContentType.objects.get_for_model(type(act)), "act_id": act.pk}
        act_description = act_description or str(act)
    t = HotlineTicket.objects.create(
        office=office,
        number=numbering.issue(TICKET_NUMBERS, office, received_on.year, given=number),
        category=category,
        caller_name=caller_name.strip(),
        caller_contact=caller_contact.strip(),
        content=content.strip(),
        received_on=received_on,
        act_description=(act_description or "").strip()[:300],
        created_by=actor if getattr(actor, "pk", None) else None,
        **link,
    )
    if unit is not None:
        t = dispatch(t, actor=actor, unit=unit, dispatched_on=dispatched_on or received_on)
    else:
        tasks.sync(TICKET_WORKFLOW, t)  # created waiting for 派单, without a step
    return t


@transaction.atomic
def dispatch(t: HotlineTicket, *, actor: Any, unit: Agency | int, dispatched_on: date):
    """派单: the unit's sign-for clock starts (local setting)."""
    no_future(dispatched_on=dispatched_on)
    if dispatched_on < t.received_on:
        raise ValidationError({"dispatched_on": "派单日不能早于来电日。"})
    data = {"unit": getattr(unit, "pk", unit), "dispatched_on": dispatched_on}
    return _step(t, "dispatch", actor=actor, data=data, on_date=dispatched_on)


@transaction.atomic
def sign(t: HotlineTicket, *, actor: Any, signed_on: date) -> HotlineTicket:
    """签收: the handling clock starts."""
    no_future(signed_on=signed_on)
    return _step(t, "sign", actor=actor, data={"signed_on": signed_on}, on_date=signed_on)


@transaction.atomic
def return_ticket(t: HotlineTicket, *, actor: Any, returned_on: date, reason: str):
    """退单 with a reason: counted against the unit, whatever the arbitration decides."""
    no_future(returned_on=returned_on)
    data = {"returned_on": returned_on, "reason": reason}
    return _step(t, "return_ticket", actor=actor, data=data, on_date=returned_on)


@transaction.atomic
def arbitrate(
    t: HotlineTicket,
    *,
    actor: Any,
    decision: str,
    decided_on: date,
    unit: Agency | int | None = None,
    note: str = "",
) -> HotlineTicket:
    """退单仲裁 by the dispatching office: accept and redispatch to another unit, or reject and
    send it back to the same unit (its sign-for clock runs again)."""
    no_future(decided_on=decided_on)
    data = {
        "decision": decision,
        "decided_on": decided_on,
        "unit": getattr(unit, "pk", unit),
        "note": note,
    }
    return _step(t, "arbitrate", actor=actor, data=data, on_date=decided_on)


@transaction.atomic
def extend_ticket(t: HotlineTicket, *, actor: Any, approved_on: date, reason: str):
    """同意延期 by the hotline office (local setting)."""
    no_future(approved_on=approved_on)
    data = {"approved_on": approved_on, "reason": reason}
    return _step(t, "extend", actor=actor, data=data, on_date=approved_on)


@transaction.atomic
def reply(t: HotlineTicket, *, actor: Any, replied_on: date, reply: str) -> HotlineTicket:
    """办结回复."""
    no_future(replied_on=replied_on)
    if t.signed_on and replied_on < t.signed_on:
        raise ValidationError({"replied_on": "回复日不能早于签收日。"})
    data = {"replied_on": replied_on, "reply": reply}
    return _step(t, "reply", actor=actor, data=data, on_date=replied_on)


@transaction.atomic
def callback(t: HotlineTicket, *, actor: Any, callback_on: date, satisfaction: str):
    """回访: 满意 / 基本满意 closes the ticket; 不满意 leaves it for reopening or closing."""
    no_future(callback_on=callback_on)
    if satisfaction not in rules.SATISFACTION:
        raise ValidationError({"satisfaction": "请选择满意、基本满意或不满意。"})
    name = "callback_unsatisfied" if satisfaction == rules.UNSATISFIED else "callback_satisfied"
    data = {"callback_on": callback_on, "satisfaction": satisfaction}
    return _step(t, name, actor=actor, data=data, on_date=callback_on)


@transaction.atomic
def reopen(t: HotlineTicket, *, actor: Any, reopened_on: date) -> HotlineTicket:
    """重新办理 after an unsatisfied callback: the handling period counts afresh."""
    no_future(reopened_on=reopened_on)
    return _step(t, "reopen", actor=actor, data={"reopened_on": reopened_on}, on_date=reopened_on)


@transaction.atomic
def close(t: HotlineTicket, *, actor: Any, closed_on: date) -> HotlineTicket:
    no_future(closed_on=closed_on)
    return _step(t, "close", actor=actor, data={"closed_on": closed_on}, on_date=closed_on)
