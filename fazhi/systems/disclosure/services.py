"""The only write path of 依申请公开. Each function is one step of the request's workflow,
performed through :func:`fazhi.core.workflow.engine.perform` (guards with their articles,
ledger entry, history row and the statutory clocks) in one transaction.

Refusals come back as :class:`~fazhi.core.workflow.engine.Refused` (a guard with its article)
or as a Chinese :class:`ValidationError` naming the field (bad input that no article covers).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.deadlines import services as deadlines
from fazhi.core.ledger import services as ledger
from fazhi.core.numbering import services as numbering
from fazhi.core.orgs.models import Agency
from fazhi.core.tasks import services as tasks
from fazhi.core.workflow.dates import no_future
from fazhi.core.workflow.engine import perform, register_action

from . import documents, intake, policies, rules
from .models import DisclosureRequest
from .workflow import REQUEST_WORKFLOW

LETTER_ISSUED = register_action("disclosure.letter_issued", "依申请公开·出具答复书")
ANSWER_PUBLISHED = register_action("disclosure.answer_published", "依申请公开·答复公开")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _subject(req: DisclosureRequest) -> str:
    return REQUEST_WORKFLOW.subject(req)


def _consultation_dues(req: DisclosureRequest) -> DisclosureRequest:
    """Date a consultation just sent with its clock's due date (the detail page's table). The
    request's own answer date, flag and result are mirrored by core (see ``workflow``)."""
    for c in req.consultations.filter(due__isnull=True):
        d = deadlines.find(req, rules.CONSULTATIONS[c.kind].extra["rule"], running=False)
        if d is not None:
            c.due = d.due
            c.save(update_fields=["due"])
    return req


def _step(
    req: DisclosureRequest,
    name: str,
    *,
    actor: Any,
    data: Mapping[str, Any],
    on_date: date,
    comment: str = "",
) -> DisclosureRequest:
    obj = perform(
        REQUEST_WORKFLOW, req, name, actor=actor, data=data, on_date=on_date, comment=comment
    )
    return _consultation_dues(obj)


#: 申请编号 of the agency and year: 示范县自然资源局依申〔2025〕12号.
REQUEST_NUMBERS = numbering.Series(
    "disclosure.request",
    DisclosureRequest,
    "number",
    lambda agency, year: f"{numbering.agency_prefix(agency)}依申〔{year}〕",
)
#: 答复书文号 of the agency and year: 示范县自然资源局公开答〔2025〕7号.
LETTER_NUMBERS = numbering.Series(
    "disclosure.letter",
    DisclosureRequest,
    "letter_number",
    lambda agency, year: f"{numbering.agency_prefix(agency)}公开答〔{year}〕",
)


def _act_link(act: Any, act_description: str) -> dict[str, Any]:
    """The :class:`~fazhi.core.acts.models.ActLink` fields for ``act`` (a record, or None)."""
    description = (act_description or "").strip()
    if act is None:
        return {"act_description": description[:300]}
    return {
        "act_type": ContentType.objects.get_for_model(type(act)),
        "act_id": act.pk,
        "act_description": (description or str(act))[:300],
        "act_agency_id": getattr(act, "agency_id", None),
    }


@transaction.atomic
def register_request(
    *,
    agency: Agency,
    actor: Any,
    applicant_name: str,
    content: str,
    channel: str,
    submitted_on: date,
    signed_on: date | None = None,
    confirmed_on: date | None = None,
    applicant_kind: str = rules.PERSON,
    applicant_id_number: str = "",
    applicant_contact: str = "",
    applicant_address: str = "",
    delivery_form: str = "paper",
    handler: Any = None,
    number: str = "",
    act: Any = None,
    act_description: str = "",
) -> DisclosureRequest:
    """登记申请: fix the receipt date by channel (第三十一条) and start the 20-working-day answer
    clock and the 7-working-day 补正 clock from it. ``act`` is the record the request is about,
    if any (e.g. the 行政处罚案件 whose file is asked for), counted across channels
    (:mod:`fazhi.core.acts`)."""
    if not policies.can_register(actor, agency.pk):
        raise PermissionDenied(f"您不是{agency.name}的信息公开工作人员，不能登记申请。")
    no_future(submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on)
    receipt = intake.receipt_date(
        channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
    )
    errors = {}
    if applicant_kind not in rules.APPLICANT_KINDS:
        errors["applicant_kind"] = f"未知的申请人类型“{applicant_kind}”。"
    if delivery_form not in rules.DELIVERY_FORMS:
        errors["delivery_form"] = f"未知的获取方式“{delivery_form}”。"
    if number and DisclosureRequest.objects.filter(agency=agency, number=number).exists():
        errors["number"] = f"申请编号“{number}”已被使用。"
    if errors:
        raise ValidationError(errors)
    req = DisclosureRequest.objects.create(
        agency=agency,
        number=numbering.issue(REQUEST_NUMBERS, agency, receipt.received_on.year, given=number),
        handler=handler if getattr(handler, "pk", None) else None,
        applicant_kind=applicant_kind,
        applicant_name=(applicant_name or "").strip(),
        applicant_id_number=applicant_id_number.strip(),
        applicant_contact=applicant_contact.strip(),
        applicant_address=applicant_address.strip(),
        content=(content or "").strip(),
        delivery_form=delivery_form,
        channel=channel,
        submitted_on=submitted_on,
        signed_on=signed_on,
        confirmed_on=confirmed_on,
        received_on=receipt.received_on,
        created_by=actor if getattr(actor, "pk", None) else None,
        **_act_link(act, act_description),
    )
    if req.handler is not None:
        # the 承办人 named at 登记 is the request's 主办: its tasks and clocks are theirs
        tasks.assign(req, lead=req.handler, actor=actor, agency_id=agency.pk, resync=False)
    data = {
        "channel": channel,
        "received_on": receipt.received_on,
        "basis": receipt.citation,
        "warning": receipt.warning,
    }
    return _step(
        req,
        "register",
        actor=actor,
        data=data,
        on_date=receipt.received_on,
        comment=receipt.warning,
    )


@transaction.atomic
def review_request(req: DisclosureRequest, *, actor: Any, reviewed_on: date) -> DisclosureRequest:
    """审查确认申请内容明确: no 补正 is needed, the 7-working-day clock stops (第三十条)."""
    no_future(reviewed_on=reviewed_on)
    return _step(req, "review", actor=actor, data={"reviewed_on": reviewed_on}, on_date=reviewed_on)


@transaction.atomic
def request_correction(
    req: DisclosureRequest,
    *,
    actor: Any,
    notice_on: date,
    correction_items: str,
    correction_due: date,
) -> DisclosureRequest:
    """一次性告知补正 (第三十条): the answer clock stops counting until the corrected request
    arrives, and then counts afresh."""
    no_future(notice_on=notice_on)
    data = {
        "notice_on": notice_on,
        "correction_items": correction_items,
        "correction_due": correction_due,
    }
    return _step(req, "request_correction", actor=actor, data=data, on_date=notice_on)


@transaction.atomic
def receive_correction(
    req: DisclosureRequest, *, actor: Any, received_on: date
) -> DisclosureRequest:
    """收到补正后的申请: 「答复期限自行政机关收到补正的申请之日起计算」 (第三十条)."""
    no_future(received_on=received_on)
    return _step(
        req,
        "receive_correction",
        actor=actor,
        data={"received_on": received_on},
        on_date=received_on,
    )


@transaction.atomic
def abandon_request(req: DisclosureRequest, *, actor: Any, closed_on: date) -> DisclosureRequest:
    """视为放弃申请: the applicant let the 补正 period pass (第三十条)."""
    no_future(closed_on=closed_on)
    return _step(req, "abandon", actor=actor, data={"closed_on": closed_on}, on_date=closed_on)


@transaction.atomic
def consult(
    req: DisclosureRequest,
    *,
    actor: Any,
    kind: str,
    party: str,
    sent_on: date,
    delivered_on: date | None = None,
) -> DisclosureRequest:
    """书面征求意见 of a third party (第三十二条) or another agency (第三十四条): its 15 working
    days run from delivery, and the answer clock stops counting (第三十三条第三款)."""
    no_future(sent_on=sent_on, delivered_on=delivered_on)
    data = {
        "kind": kind,
        "party": party,
        "sent_on": sent_on,
        "delivered_on": delivered_on or sent_on,
    }
    return _step(req, "consult", actor=actor, data=data, on_date=sent_on)


@transaction.atomic
def record_opinion(
    req: DisclosureRequest, *, actor: Any, opinion: str, replied_on: date, opinion_text: str = ""
) -> DisclosureRequest:
    """登记征求意见结果: the answer clock counts again from the day after the opinion arrived (or
    after the consulted party's 15 working days ran out)."""
    no_future(replied_on=replied_on)
    data = {"opinion": opinion, "replied_on": replied_on, "opinion_text": opinion_text}
    return _step(req, "record_opinion", actor=actor, data=data, on_date=replied_on)


@transaction.atomic
def extend_answer_period(
    req: DisclosureRequest,
    *,
    actor: Any,
    approver: str,
    approved_on: date | None,
    notified_on: date | None,
    reason: str = "",
    length: int | None = None,
) -> DisclosureRequest:
    """延长答复期限 by up to 20 working days — ``length`` of them, or all 20 — only with the
    recorded approval of the head of the disclosure office and notice to the applicant
    (第三十三条第二款)."""
    no_future(approved_on=approved_on, notified_on=notified_on)
    data = {
        "approver": approver,
        "approved_on": approved_on,
        "notified_on": notified_on,
        "reason": reason,
        "length": length,
    }
    on = notified_on or approved_on or timezone.localdate()
    return _step(req, "extend", actor=actor, data=data, on_date=on)


@transaction.atomic
def answer_request(
    req: DisclosureRequest,
    *,
    actor: Any,
    answer_type: str,
    answered_on: date,
    reason: str = "",
    refusal_ground: str = "",
    not_processed_reason: str = "",
    access_way: str = "",
    responsible_agency: str = "",
    previous_request: int | DisclosureRequest | None = None,
    special_law: str = "",
    public_interest_reason: str = "",
    letter_number: str = "",
) -> DisclosureRequest:
    """作出答复 (第三十六条、第三十七条): the answer states what its article requires; the answer
    clock stops; the letter (.docx) citing the ground is generated, stored and ledgered."""
    no_future(answered_on=answered_on)
    prev = getattr(previous_request, "pk", previous_request)
    data = {
        "answer_type": answer_type,
        "answered_on": answered_on,
        "reason": reason,
        "refusal_ground": refusal_ground,
        "not_processed_reason": not_processed_reason,
        "access_way": access_way,
        "responsible_agency": responsible_agency,
        "previous_request": prev,
        "special_law": special_law,
        "public_interest_reason": public_interest_reason,
        "letter_number": numbering.issue(
            LETTER_NUMBERS, req.agency, answered_on.year, given=letter_number
        ),
    }
    obj = _step(req, "answer", actor=actor, data=data, on_date=answered_on)
    return issue_letter(obj, actor=actor)


@transaction.atomic
def issue_letter(req: DisclosureRequest, *, actor: Any) -> DisclosureRequest:
    """Generate the answer letter, store it by digest and ledger its issue."""
    if req.state != "answered":
        raise ValidationError("只有已答复的申请才能出具答复书。")
    content = documents.answer_letter(req)
    stored = ledger.store_file(
        content,
        name=f"政府信息公开申请答复书-{req.number}.docx",
        content_type=DOCX,
        actor=actor,
        subject=_subject(req),
    )
    req.letter = stored
    req.save(update_fields=["letter", "updated_at"])
    ledger.record(
        _subject(req),
        LETTER_ISSUED,
        {
            "letter_number": req.letter_number,
            "file_digest": stored.digest,
            "answer_type": req.answer_type,
            "basis": rules.ANSWER_TYPES[req.answer_type].citation,
        },
        actor=actor,
    )
    return req


@transaction.atomic
def withdraw_request(req: DisclosureRequest, *, actor: Any, closed_on: date) -> DisclosureRequest:
    """申请人撤回申请: every running clock of the request is cancelled."""
    no_future(closed_on=closed_on)
    return _step(req, "withdraw", actor=actor, data={"closed_on": closed_on}, on_date=closed_on)


@transaction.atomic
def publish_answer(req: DisclosureRequest, *, actor: Any) -> Any:
    """Publish the answer through the publication door: the applicant's name, address, ID number
    and contact are masked before anything is stored."""
    from fazhi.core.publication.models import PublishedItem
    from fazhi.core.publication.services import publish

    if not policies.can_handle(actor, req):
        raise PermissionDenied("您无权公开该答复。")
    if req.state != "answered":
        raise ValidationError("只有已答复的申请才能公开答复。")
    if req.published_item_id:
        raise ValidationError("该答复已经公开。")
    body = "\n".join(documents.letter_paragraphs(req)[1:])
    person = req.applicant_kind == rules.PERSON
    item = publish(
        kind=PublishedItem.Kind.DISCLOSURE,
        title=f"{req.agency.display_name}政府信息公开申请答复（{req.letter_number or req.number}）",
        body=body,
        fields={
            "答复类型": rules.ANSWER_TYPES[req.answer_type].label,
            "依据": rules.ANSWER_TYPES[req.answer_type].citation,
            "答复日期": req.answered_on.isoformat(),
        },
        agency=req.agency,
        source=req,
        decided_on=req.answered_on,
        rule_id="",
        names=[req.applicant_name] if person else [],
        addresses=[req.applicant_address] if person and req.applicant_address else [],
        actor=actor,
    )
    req.published_item_id = item.pk
    req.save(update_fields=["published_item_id", "updated_at"])
    ledger.record(
        _subject(req),
        ANSWER_PUBLISHED,
        {"published_item": item.pk, "digest": item.digest},
        actor=actor,
    )
    return item
