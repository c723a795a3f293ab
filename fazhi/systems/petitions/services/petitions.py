"""The 信访 services: registration (with the 复核 finality check of 第三十六条第三款) and one
function per step. Refusals come back as :class:`~fazhi.core.workflow.engine.Refused` (a guard
with its article) or a Chinese ``ValidationError`` naming the field; nothing is saved."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.ledger import services as ledger
from fazhi.core.numbering import services as numbering
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.dates import no_future
from fazhi.core.workflow.engine import perform, register_action

from .. import documents, policies, rules, selectors
from ..models import Petition
from ..workflow import PETITION_WORKFLOW
from .common import DOCX

OPINION_ISSUED = register_action("petitions.opinion_issued", "信访事项·出具处理意见书")


def _step(p: Petition, name: str, *, actor: Any, data: dict, on_date: date, comment: str = ""):
    return perform(
        PETITION_WORKFLOW, p, name, actor=actor, data=data, on_date=on_date, comment=comment
    )


#: 信访事项编号 of the registering agency and year: 示范县信访局信〔2025〕12号.
PETITION_NUMBERS = numbering.Series(
    "petitions.petition",
    Petition,
    "number",
    lambda agency, year: f"{numbering.agency_prefix(agency)}信〔{year}〕",
)
#: 处理意见书文号 of the handling body and year: 示范县住建局信意〔2025〕3号. The petition's
#: agency is the registering one, so the head alone tells the bodies' numbers apart.
OPINION_NUMBERS = numbering.Series(
    "petitions.opinion",
    Petition,
    "opinion_number",
    lambda body, year: f"{numbering.agency_prefix(body)}信意〔{year}〕",
    agency_field=None,
)


@transaction.atomic
def register_petition(
    *,
    agency: Agency,
    actor: Any,
    channel: str,
    petitioner_name: str,
    content: str,
    received_on: date,
    facts_reasons: str = "",
    petitioner_id_number: str = "",
    petitioner_contact: str = "",
    petitioner_address: str = "",
    identity_unclear: bool = False,
    concerned_agency: Agency | None = None,
    received_by_office: bool | None = None,
    act: Any = None,
    act_description: str = "",
    previous: Petition | int | None = None,
    new_facts: str = "",
    number: str = "",
) -> Petition:
    """登记信访事项: a 信访部门 starts the 15-day routing clock (第二十二条); another body the
    15-day written notice (第二十三条第二款). A matter already closed by 复核 cannot be registered
    again on the same facts and reasons (第三十六条第三款): the earlier matter is found (same
    petitioner and same act, or the one named) and the registration refused unless new facts
    and reasons are recorded."""
    if not policies.can_act(actor, agency.pk):
        raise PermissionDenied(f"您不是{agency.name}的信访工作人员，不能登记信访事项。")
    no_future(received_on=received_on)
    errors = {}
    if channel not in rules.CHANNELS:
        errors["channel"] = f"未知的信访形式“{channel}”。"
    if number and Petition.objects.filter(agency=agency, number=number).exists():
        errors["number"] = f"编号“{number}”已被使用。"
    if errors:
        raise ValidationError(errors)
    if received_by_office is None:
        received_by_office = "信访" in agency.name
    link = {}
    if act is not None:
        link = {"act_type": ContentType.objects.get_for_model(type(act)), "act_id": act.pk}
        act_description = act_description or str(act)
    prev_id = getattr(previous, "pk", previous)
    p = Petition(
        agency=agency,
        responsible=agency,
        received_by_office=received_by_office,
        number=numbering.issue(PETITION_NUMBERS, agency, received_on.year, given=number),
        channel=channel,
        petitioner_name=(petitioner_name or "").strip(),
        petitioner_id_number=petitioner_id_number.strip(),
        petitioner_contact=petitioner_contact.strip(),
        petitioner_address=petitioner_address.strip(),
        identity_unclear=identity_unclear,
        content=(content or "").strip(),
        facts_reasons=facts_reasons.strip(),
        concerned_agency=concerned_agency,
        received_on=received_on,
        act_description=(act_description or "").strip()[:300],
        act_agency=concerned_agency,
        new_facts=new_facts.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
        **link,
    )
    if prev_id:
        p.previous_id = prev_id
    else:
        p.previous = selectors.final_same_matter(p)
    p.save()
    data = {
        "channel": channel,
        "received_on": received_on,
        "received_by_office": received_by_office,
        "previous": p.previous_id,
        "basis": (rules.ART22 if received_by_office else rules.ART23_2).citation,
    }
    return _step(p, "register", actor=actor, data=data, on_date=received_on)


@transaction.atomic
def route(
    p: Petition,
    *,
    actor: Any,
    route: str,
    handler_agency: Agency | int,
    routed_on: date,
    delivered_on: date | None = None,
) -> Petition:
    """转送、交办 (第二十二条): a routing after 15 days is recorded and flagged late on its clock,
    not refused (the 条例 sets the duty, not a bar). The handling body's 5-working-day objection
    and 15-day notice clocks run from its receipt (第二十三条第三款)."""
    no_future(routed_on=routed_on, delivered_on=delivered_on)
    if delivered_on and delivered_on < routed_on:
        raise ValidationError({"delivered_on": "承办机关收到日不能早于转送、交办日。"})
    handler_id = getattr(handler_agency, "pk", handler_agency)
    if handler_id == p.agency_id:
        raise ValidationError({"handler_agency": "转送、交办的承办机关不能是登记机关本身。"})
    due = selectors.due(p, rules.RULE_ROUTING)
    comment = (
        f"超过{rules.ART22.citation}规定的15日（{due:%Y-%m-%d}）转送、交办"
        if due and routed_on > due
        else ""
    )
    data = {
        "route": route,
        "handler_agency": handler_id,
        "routed_on": routed_on,
        "delivered_on": delivered_on or routed_on,
    }
    return _step(p, "route", actor=actor, data=data, on_date=routed_on, comment=comment)


@transaction.atomic
def object_to_routing(p: Petition, *, actor: Any, objection_on: date, reason: str) -> Petition:
    """提出异议: the matter is not within the handling body's powers (第二十三条第三款, 5 working
    days from receipt); it goes back to the body that routed it."""
    no_future(objection_on=objection_on)
    data = {"objection_on": objection_on, "reason": reason}
    return _step(p, "object", actor=actor, data=data, on_date=objection_on)


@transaction.atomic
def accept(p: Petition, *, actor: Any, accepted_on: date) -> Petition:
    """受理: the 60-day handling clock starts (第三十四条)."""
    no_future(accepted_on=accepted_on)
    return _step(p, "accept", actor=actor, data={"accepted_on": accepted_on}, on_date=accepted_on)


@transaction.atomic
def divert(p: Petition, *, actor: Any, diversion: str, closed_on: date) -> Petition:
    """告知信访人通过法定途径解决 (第三十一条第（一）至（五）项)."""
    no_future(closed_on=closed_on)
    data = {"diversion": diversion, "closed_on": closed_on}
    return _step(p, "divert", actor=actor, data=data, on_date=closed_on)


@transaction.atomic
def notify(p: Petition, *, actor: Any, notice_on: date) -> Petition:
    """书面告知信访人 (第二十三条第二款、第三款): a late notice is flagged, not refused."""
    no_future(notice_on=notice_on)
    return _step(p, "notify", actor=actor, data={"notice_on": notice_on}, on_date=notice_on)


@transaction.atomic
def extend(
    p: Petition,
    *,
    actor: Any,
    days: int | None,
    approver: str,
    approved_on: date | None,
    notified_on: date | None,
    reason: str,
) -> Petition:
    """延长办理期限 (第三十四条): approved by the head of the body, at most 30 days, the
    petitioner told the reason. The clock moves by the approved days (a 15-day extension: 75
    days from acceptance), which are recorded; more than 30 is refused with the article."""
    no_future(approved_on=approved_on, notified_on=notified_on)
    data = {
        "days": days,
        "approver": approver,
        "approved_on": approved_on,
        "notified_on": notified_on,
        "reason": reason,
    }
    return _step(
        p, "extend", actor=actor, data=data, on_date=approved_on or notified_on or p.accepted_on
    )


@transaction.atomic
def decide(
    p: Petition,
    *,
    actor: Any,
    opinion_on: date,
    opinion: str,
    legal_basis: str,
    facts_reasons: str = "",
    served_on: date | None = None,
    opinion_number: str = "",
    mode: str = "",
) -> Petition:
    """出具信访处理意见书 (第三十二条): stops the handling clock; the petitioner's 30 days to ask
    for 复查 run from service (第三十五条) — for 公告送达 (``mode="public_notice"``, ``served_on`` the
    公告 day) from the deemed date (民事诉讼法 第九十五条). The .docx is generated, stored and
    ledgered."""
    no_future(opinion_on=opinion_on, served_on=served_on)
    data = {
        "opinion_on": opinion_on,
        "opinion": opinion,
        "legal_basis": legal_basis,
        "facts_reasons": facts_reasons,
        "served_on": served_on or opinion_on,
        "mode": mode,
        "opinion_number": numbering.issue(
            OPINION_NUMBERS, p.handler_agency or p.agency, opinion_on.year, given=opinion_number
        ),
    }
    obj = _step(p, "decide", actor=actor, data=data, on_date=opinion_on)
    return issue_opinion(obj, actor=actor)


def issue_opinion(p: Petition, *, actor: Any) -> Petition:
    content = documents.opinion_docx(p)
    subject = PETITION_WORKFLOW.subject(p)
    stored = ledger.store_file(
        content,
        name=f"信访处理意见书-{p.number}.docx",
        content_type=DOCX,
        actor=actor,
        subject=subject,
    )
    p.opinion_file = stored
    p.save(update_fields=["opinion_file", "updated_at"])
    ledger.record(
        subject,
        OPINION_ISSUED,
        {
            "opinion_number": p.opinion_number,
            "file_digest": stored.digest,
            "basis": rules.ART32.citation,
        },
        actor=actor,
    )
    return p


def _body_check(actor: Any, body_id: int, p: Petition) -> None:
    if not (policies.can_act(actor, body_id) or policies.can_act(actor, p.agency_id)):
        raise PermissionDenied("您不是该机关或登记机关的信访工作人员。")


@transaction.atomic
def request_review(p: Petition, *, actor: Any, body: Agency | int, requested_on: date) -> Petition:
    """收到复查请求 (第三十五条): within 30 days of service, to the next-higher body, which must
    give its opinion within 30 days."""
    no_future(requested_on=requested_on)
    body_id = getattr(body, "pk", body)
    _body_check(actor, body_id, p)
    data = {"body": body_id, "requested_on": requested_on}
    return _step(p, "request_review", actor=actor, data=data, on_date=requested_on)


@transaction.atomic
def decide_review(
    p: Petition,
    *,
    actor: Any,
    decided_on: date,
    opinion: str,
    served_on: date | None,
    mode: str = "",
) -> Petition:
    """提出复查意见 and serve it in writing (第三十五条); the 30 days for 复核 run from service."""
    no_future(decided_on=decided_on, served_on=served_on)
    if served_on and served_on < decided_on:
        raise ValidationError({"served_on": "送达日不能早于复查意见日。"})
    data = {"decided_on": decided_on, "opinion": opinion, "served_on": served_on, "mode": mode}
    return _step(p, "decide_review", actor=actor, data=data, on_date=decided_on)


@transaction.atomic
def request_recheck(p: Petition, *, actor: Any, body: Agency | int, requested_on: date) -> Petition:
    """收到复核请求 (第三十六条)."""
    no_future(requested_on=requested_on)
    body_id = getattr(body, "pk", body)
    _body_check(actor, body_id, p)
    data = {"body": body_id, "requested_on": requested_on}
    return _step(p, "request_recheck", actor=actor, data=data, on_date=requested_on)


@transaction.atomic
def start_hearing(p: Petition, *, actor: Any, started_on: date, note: str = "") -> Petition:
    """复核听证开始: the 复核 clock stops counting (第三十六条第二款)."""
    no_future(started_on=started_on)
    data = {"started_on": started_on, "note": note}
    return _step(p, "start_hearing", actor=actor, data=data, on_date=started_on)


@transaction.atomic
def end_hearing(p: Petition, *, actor: Any, ended_on: date, note: str = "") -> Petition:
    """听证结束: the 复核 clock counts again from the next day; the hearing days are excluded."""
    no_future(ended_on=ended_on)
    data = {"ended_on": ended_on, "note": note}
    return _step(p, "end_hearing", actor=actor, data=data, on_date=ended_on)


@transaction.atomic
def decide_recheck(p: Petition, *, actor: Any, decided_on: date, opinion: str) -> Petition:
    """提出复核意见: the matter is final (第三十六条第三款)."""
    no_future(decided_on=decided_on)
    data = {"decided_on": decided_on, "opinion": opinion}
    return _step(p, "decide_recheck", actor=actor, data=data, on_date=decided_on)


@transaction.atomic
def conclude(p: Petition, *, actor: Any, closed_on: date) -> Petition:
    """办结: the petitioner did not ask for 复查/复核 within 30 days."""
    no_future(closed_on=closed_on)
    return _step(p, "conclude", actor=actor, data={"closed_on": closed_on}, on_date=closed_on)
