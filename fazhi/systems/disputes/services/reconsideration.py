"""行政复议: the 复议机构's case and the respondent's answer (行政复议法 2023)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.ledger import services as ledger
from fazhi.core.numbering import services as numbering
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.dates import no_future
from fazhi.core.workflow.engine import perform

from .. import guards, policies, rules
from ..models import ReconsiderationCase, Respondence
from ..workflow import CASE_WORKFLOW, RESPONDENCE_WORKFLOW
from .common import (
    DECISION_PUBLISHED,
    act_link,
    check_choice,
)

#: 复议案号 of the 复议机构 and year: 示范司复〔2025〕3号.
CASE_NUMBERS = numbering.Series(
    "disputes.reconsideration",
    ReconsiderationCase,
    "number",
    lambda a, y: f"{numbering.agency_prefix(a)}复〔{y}〕",
)


def _case_step(
    case: ReconsiderationCase, name: str, *, actor: Any, on: date, data: dict | None = None
) -> ReconsiderationCase:
    no_future(on=on)
    return perform(CASE_WORKFLOW, case, name, actor=actor, data=data or {}, on_date=on)


# -- 行政复议 (复议机构) ------------------------------------------------------------------------


@transaction.atomic
def register_reconsideration(
    *,
    office: Agency,
    actor: Any,
    applicant_name: str,
    act_description: str,
    known_on: date,
    received_on: date,
    respondent: Agency | None = None,
    respondent_name: str = "",
    applicant_kind: str = "person",
    applicant_contact: str = "",
    category: str = "other",
    procedure: str = rules.ORDINARY,
    rights_notified: bool = True,
    rights_known_on: date | None = None,
    request_text: str = "",
    major: bool = False,
    delay_reason: str = "",
    act: Any = None,
    number: str = "",
    acted_on: date | None = None,
    real_property: bool = False,
) -> ReconsiderationCase:
    """登记行政复议申请: the 5-working-day review (第三十条) and the 5-working-day 补正 notice
    (第三十一条) start on the day of receipt; the application period (第二十条) is computed."""
    if (
        office.kind != Agency.Kind.JUSTICE
        or office.government_id is None
        or not policies.can_handle_in(actor, office.pk)
    ):
        raise PermissionDenied("只有行政复议机构（司法局）的复议应诉工作人员可以登记行政复议申请。")
    no_future(received_on=received_on, known_on=known_on, acted_on=acted_on)
    check_choice("procedure", procedure, rules.PROCEDURES)
    check_choice("category", category, rules.CATEGORIES)
    if known_on > received_on:
        raise ValidationError({"known_on": "知道行政行为之日不能晚于收到申请之日。"})
    if acted_on is not None and acted_on > known_on:
        raise ValidationError({"acted_on": "行政行为作出之日不能晚于知道该行政行为之日。"})
    if respondent is None and not respondent_name.strip():
        raise ValidationError({"respondent": "请选择或填写被申请人。"})
    case = ReconsiderationCase(
        agency=office,
        body_id=office.government_id,
        applicant_name=applicant_name.strip(),
        applicant_kind=applicant_kind,
        applicant_contact=applicant_contact,
        respondent=respondent,
        respondent_name=respondent_name or (respondent.name if respondent else ""),
        category=category,
        act_description=act_description.strip(),
        act_agency=respondent,
        procedure=procedure,
        known_on=known_on,
        acted_on=acted_on,
        real_property=real_property,
        rights_notified=rights_notified,
        rights_known_on=rights_known_on,
        received_on=received_on,
        request_text=request_text,
        major=major,
        delay_reason=delay_reason,
        number=numbering.issue(CASE_NUMBERS, office, received_on.year, given=number),
        **act_link(act),
    )
    case.application_due = guards.application_due(case)
    case.save()
    return _case_step(
        case,
        "register",
        actor=actor,
        on=received_on,
        data={"application_due": case.application_due},
    )


@transaction.atomic
def request_reconsideration_correction(
    case: ReconsiderationCase,
    *,
    actor: Any,
    notice_on: date,
    correction_items: str,
    delivered_on: date | None = None,
    mode: str = "",
) -> ReconsiderationCase:
    """书面通知补正 (第三十一条): the applicant's 10 working days run from receipt of the notice;
    for 公告送达 (``mode="public_notice"``, ``delivered_on`` the 公告 day) from the deemed date
    (行政复议法 第八十八条第一款, 民事诉讼法 第九十五条)."""
    return _case_step(
        case,
        "request_correction",
        actor=actor,
        on=notice_on,
        data={
            "correction_items": correction_items,
            "delivered_on": delivered_on or notice_on,
            "mode": mode,
        },
    )


@transaction.atomic
def receive_reconsideration_correction(
    case: ReconsiderationCase, *, actor: Any, received_on: date
) -> ReconsiderationCase:
    """收到补正材料: the acceptance review (第三十条) runs again from this day (第三十一条)."""
    return _case_step(case, "receive_correction", actor=actor, on=received_on)


@transaction.atomic
def abandon_reconsideration(
    case: ReconsiderationCase, *, actor: Any, closed_on: date
) -> ReconsiderationCase:
    return _case_step(case, "abandon", actor=actor, on=closed_on, data={"closed_on": closed_on})


@transaction.atomic
def accept_reconsideration(
    case: ReconsiderationCase, *, actor: Any, accepted_on: date
) -> ReconsiderationCase:
    """受理: within the review period and within the application period (第二十条、第三十条)."""
    return _case_step(
        case, "accept", actor=actor, on=accepted_on, data={"accepted_on": accepted_on}
    )


@transaction.atomic
def deem_accepted(case: ReconsiderationCase, *, actor: Any, on: date) -> ReconsiderationCase:
    """视为受理: the review period ran out without a 不予受理 decision (第三十条)."""
    return _case_step(case, "deem_accepted", actor=actor, on=on)


def apply_deemed_acceptance(today: date | None = None) -> list[ReconsiderationCase]:
    """The daily scan: every case whose review period ended before ``today`` is accepted as of
    its last review day (第三十条), by the system."""
    today = today or timezone.localdate()
    done = []
    for case in ReconsiderationCase.objects.filter(state="received"):
        due = guards.running_due(case, rules.R_ACCEPTANCE)
        if due is not None and due < today:
            done.append(deem_accepted(case, actor=policies.SYSTEM, on=today))
    return done


@transaction.atomic
def reject_reconsideration(
    case: ReconsiderationCase, *, actor: Any, rejected_on: date, rejection_reason: str
) -> ReconsiderationCase:
    return _case_step(
        case, "reject", actor=actor, on=rejected_on, data={"rejection_reason": rejection_reason}
    )


@transaction.atomic
def send_copy(
    case: ReconsiderationCase, *, actor: Any, sent_on: date, delivered_on: date | None = None
) -> ReconsiderationCase:
    """发送申请书副本 within 7 working days (3 in the simplified procedure; 第四十八、五十四条).
    A respondent on the platform gets its answer record at once, its clock running from
    delivery."""
    case = _case_step(
        case, "send_copy", actor=actor, on=sent_on, data={"delivered_on": delivered_on}
    )
    if case.respondent_id and not case.respondences.exists():
        register_respondence(
            agency=case.respondent,
            actor=actor,
            case=case,
            body_name=case.body.name,
            number=case.number,
            applicant_name=case.applicant_name,
            copy_received_on=delivered_on or sent_on,
            procedure=case.procedure,
            category=case.category,
            act_description=case.act_description,
            act=case.act,
        )
    return case


@transaction.atomic
def extend_reconsideration(
    case: ReconsiderationCase,
    *,
    actor: Any,
    extension_days: int | None,
    approver: str,
    notified_on: date | None,
) -> ReconsiderationCase:
    """延长审理期限 (第六十二条): approved by the head of the 复议机构, told to the parties, at
    most 30 days. The kernel clock carries the statutory extension; the approved length is kept
    on the case."""
    on = notified_on or timezone.localdate()
    return _case_step(
        case,
        "extend",
        actor=actor,
        on=on,
        data={"extension_days": extension_days, "approver": approver, "notified_on": notified_on},
    )


@transaction.atomic
def suspend_reconsideration(
    case: ReconsiderationCase,
    *,
    actor: Any,
    suspended_on: date,
    reason: str,
    notified_on: date | None,
) -> ReconsiderationCase:
    """中止 (第三十九条): the decision period stops counting until 恢复."""
    return _case_step(
        case,
        "suspend",
        actor=actor,
        on=suspended_on,
        data={"reason": reason, "notified_on": notified_on},
    )


@transaction.atomic
def resume_reconsideration(
    case: ReconsiderationCase, *, actor: Any, resumed_on: date, notified_on: date | None
) -> ReconsiderationCase:
    return _case_step(case, "resume", actor=actor, on=resumed_on, data={"notified_on": notified_on})


@transaction.atomic
def hold_hearing(
    case: ReconsiderationCase,
    *,
    actor: Any,
    held_on: date,
    notice_on: date,
    chair: str,
    members: Any,
    recorder: str,
    head_attended: bool = False,
    head_name: str = "",
    absence_reason: str = "",
    delegate: str = "",
) -> ReconsiderationCase:
    """听证 (第五十条、第五十一条): panel 1 + ≥2 + 1, notice 5 working days before, the
    respondent's head attends or gives a reason and a delegate."""
    data = {
        "held_on": held_on,
        "notice_on": notice_on,
        "chair": chair,
        "members": members,
        "recorder": recorder,
        "head_attended": head_attended,
        "head_name": head_name,
        "absence_reason": absence_reason,
        "delegate": delegate,
    }
    return _case_step(case, "hold_hearing", actor=actor, on=held_on, data=data)


@transaction.atomic
def consult_committee(
    case: ReconsiderationCase, *, actor: Any, consulted_on: date, committee_opinion: str
) -> ReconsiderationCase:
    return _case_step(
        case,
        "consult_committee",
        actor=actor,
        on=consulted_on,
        data={"committee_opinion": committee_opinion},
    )


@transaction.atomic
def decide_reconsideration(
    case: ReconsiderationCase,
    *,
    actor: Any,
    decision_type: str,
    decided_on: date,
    approval: str,
    decision_summary: str = "",
    opinion_letter: bool = False,
) -> ReconsiderationCase:
    """作出行政复议决定 (第六十一条 approval; types 第六十三条—第六十九条). The respondent's
    record on the platform gets the decision (and the 意见书, whose 60-day report clock starts)."""
    data = {
        "decision_type": decision_type,
        "approval": approval,
        "decision_summary": decision_summary,
        "opinion_letter": opinion_letter,
    }
    case = _case_step(case, "decide", actor=actor, on=decided_on, data=data)
    for resp in case.respondences.exclude(state__in=("decided", "closed")):
        record_respondence_decision(
            resp,
            actor=actor,
            decision_type=decision_type,
            decided_on=decided_on,
            decision_summary=decision_summary,
        )
    if opinion_letter:
        for resp in case.respondences.filter(state="decided", opinion_received_on__isnull=True):
            receive_opinion(resp, actor=actor, received_on=decided_on)
    return case


@transaction.atomic
def terminate_reconsideration(
    case: ReconsiderationCase, *, actor: Any, closed_on: date, reason: str
) -> ReconsiderationCase:
    return _case_step(case, "terminate", actor=actor, on=closed_on, data={"reason": reason})


@transaction.atomic
def publish_decision(case: ReconsiderationCase, *, actor: Any) -> Any:
    """Publish the decision through the publication door (第七十九条); the applicant's name and
    contact are masked before anything is stored."""
    from fazhi.core.publication.models import PublishedItem
    from fazhi.core.publication.services import publish

    if not policies.can_handle(actor, case):
        raise PermissionDenied("您无权公开该行政复议决定。")
    if case.state != "decided" or case.published_item_id:
        raise ValidationError("只有已作出且尚未公开的行政复议决定才能公开。")
    outcome = rules.RECONSIDERATION_DECISIONS[case.decision_type]
    item = publish(
        kind=PublishedItem.Kind.RECONSIDERATION,
        title=f"{case.body.name}行政复议决定书（{case.number}）",
        body=f"申请人不服{case.respondent_label}{case.act_description}，申请行政复议。\n{case.decision_summary}",
        fields={
            "决定类型": outcome.label,
            "依据": outcome.citation,
            "决定日期": case.decided_on.isoformat(),
            "被申请人": case.respondent_label,
        },
        agency=case.body,
        source=case,
        decided_on=case.decided_on,
        rule_id="",
        names=[case.applicant_name] if case.applicant_kind == "person" else [],
        actor=actor,
    )
    case.published_item_id = item.pk
    case.save(update_fields=["published_item_id"])
    ledger.record(
        CASE_WORKFLOW.subject(case),
        DECISION_PUBLISHED,
        {"published_item": item.pk, "basis": rules.PUBLICATION.citation},
        actor=actor,
    )
    return item


# -- 行政复议 (被申请人) -------------------------------------------------------------------------


def _resp_step(
    resp: Respondence, name: str, *, actor: Any, on: date, data: dict | None = None
) -> Respondence:
    no_future(on=on)
    return perform(RESPONDENCE_WORKFLOW, resp, name, actor=actor, data=data or {}, on_date=on)


@transaction.atomic
def register_respondence(
    *,
    agency: Agency,
    actor: Any,
    body_name: str,
    number: str,
    applicant_name: str,
    copy_received_on: date,
    act_description: str,
    procedure: str = rules.ORDINARY,
    category: str = "other",
    act: Any = None,
    case: ReconsiderationCase | None = None,
) -> Respondence:
    """收到行政复议申请书副本: the written answer with its evidence is due in 10 working days
    (5 in the simplified procedure; 第四十八条、第五十四条; late = no evidence, 第七十条)."""
    check_choice("procedure", procedure, rules.PROCEDURES)
    check_choice("category", category, rules.CATEGORIES)
    resp = Respondence.objects.create(
        agency=agency,
        case=case,
        body_name=body_name,
        number=number,
        applicant_name=applicant_name,
        copy_received_on=copy_received_on,
        procedure=procedure,
        category=category,
        act_description=act_description,
        act_agency=agency,
        **act_link(act),
    )
    return _resp_step(resp, "register", actor=actor, on=copy_received_on)


@transaction.atomic
def submit_answer(
    resp: Respondence, *, actor: Any, answered_on: date, answer_summary: str, evidence: str
) -> Respondence:
    return _resp_step(
        resp,
        "submit_answer",
        actor=actor,
        on=answered_on,
        data={"answer_summary": answer_summary, "evidence": evidence},
    )


@transaction.atomic
def attend_hearing(
    resp: Respondence,
    *,
    actor: Any,
    held_on: date,
    head_attended: bool = False,
    head_name: str = "",
    absence_reason: str = "",
    delegate: str = "",
) -> Respondence:
    data = {
        "head_attended": head_attended,
        "head_name": head_name,
        "absence_reason": absence_reason,
        "delegate": delegate,
    }
    return _resp_step(resp, "attend_hearing", actor=actor, on=held_on, data=data)


@transaction.atomic
def record_respondence_decision(
    resp: Respondence,
    *,
    actor: Any,
    decision_type: str,
    decided_on: date,
    decision_summary: str = "",
) -> Respondence:
    data = {
        "decision_type": decision_type,
        "decided_on": decided_on,
        "decision_summary": decision_summary,
    }
    return _resp_step(resp, "record_decision", actor=actor, on=decided_on, data=data)


@transaction.atomic
def receive_opinion(resp: Respondence, *, actor: Any, received_on: date) -> Respondence:
    """收到行政复议意见书: the correction report is due in 60 days (第七十六条)."""
    return _resp_step(resp, "receive_opinion", actor=actor, on=received_on)


@transaction.atomic
def report_correction(
    resp: Respondence, *, actor: Any, reported_on: date, correction_report: str
) -> Respondence:
    return _resp_step(
        resp,
        "report_correction",
        actor=actor,
        on=reported_on,
        data={"correction_report": correction_report},
    )


@transaction.atomic
def close_respondence(resp: Respondence, *, actor: Any, closed_on: date) -> Respondence:
    return _resp_step(resp, "close", actor=actor, on=closed_on)
