"""The only write path of 行政复议 and 行政应诉. Each function is one step of a declared workflow,
performed through :func:`fazhi.core.workflow.engine.perform` (guards with their articles, ledger
entry, history row, kernel clocks) in one transaction; refusals come back as ``Refused`` (a
guard with its article) or a Chinese ``ValidationError`` naming the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.deadlines import services as deadlines
from fazhi.core.ledger import services as ledger
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.engine import perform, register_action

from . import guards, policies, rules
from .models import LitigationCase, Recommendation, ReconsiderationCase, Respondence
from .workflow import CASE_WORKFLOW, LITIGATION_WORKFLOW, RESPONDENCE_WORKFLOW

DECISION_PUBLISHED = register_action("disputes.decision_published", "行政复议·决定书公开")
RECOMMENDATION_RECEIVED = register_action(
    "disputes.recommendation_received", "行政应诉·收到司法（检察）建议"
)
RECOMMENDATION_ANSWERED = register_action(
    "disputes.recommendation_answered", "行政应诉·书面回复司法（检察）建议"
)


#: The clocks whose due date and result each record shows in its lists.
DECISION_RULES = (rules.R_DECISION, rules.R_SIMPLE_DECISION)
ANSWER_RULES = (rules.R_ANSWER, rules.R_SIMPLE_ANSWER)
DEFENCE_RULES = (rules.L_DEFENCE,)


def _no_future(**dates: date | None) -> None:
    today = timezone.localdate()
    errors = {
        k: f"日期（{v:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）。"
        for k, v in dates.items()
        if v and v > today
    }
    if errors:
        raise ValidationError(errors)


def _act(act: Any) -> dict[str, Any]:
    """The generic link to the act a matter is about (an enforcement case, a disclosure answer)."""
    if act is None:
        return {}
    if getattr(act, "pk", None) is None:
        raise ValidationError({"act": "关联的行政行为记录尚未保存。"})
    return {"act_type": ContentType.objects.get_for_model(type(act)), "act_id": act.pk}


def _choice(field: str, value: str, options: Mapping[str, Any]) -> None:
    if value not in options:
        raise ValidationError({field: f"“{value}”不是可选值。"})


def _sync(obj: Any, pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> Any:
    """Copy due dates and on-time results from the clocks onto the record (lists, indicators)."""
    fields = []
    for attr, rule_ids in pairs:
        found = [d for r in rule_ids if (d := deadlines.find(obj, r, running=False)) is not None]
        if not found:
            continue
        d = found[0]
        setattr(obj, attr, d.due)
        fields.append(attr)
        if d.status == d.Status.MET:
            obj.on_time = d.on_time
            fields.append("on_time")
    if fields:
        obj.save(update_fields=sorted(set(fields)))
    return obj


def _case_step(
    case: ReconsiderationCase, name: str, *, actor: Any, on: date, data: dict | None = None
) -> ReconsiderationCase:
    _no_future(on=on)
    obj = perform(CASE_WORKFLOW, case, name, actor=actor, data=data or {}, on_date=on)
    return _sync(obj, (("decision_due", DECISION_RULES),))


def _next_number(model: Any, agency: Agency, prefix: str, year: int) -> str:
    head = f"{agency.short_name or agency.name}{prefix}〔{year}〕"
    n = model.objects.filter(agency=agency, number__startswith=head).count() + 1
    while model.objects.filter(agency=agency, number=f"{head}{n}号").exists():
        n += 1
    return f"{head}{n}号"


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
) -> ReconsiderationCase:
    """登记行政复议申请: the 5-working-day review (第三十条) and the 5-working-day 补正 notice
    (第三十一条) start on the day of receipt; the application period (第二十条) is computed."""
    if (
        office.kind != Agency.Kind.JUSTICE
        or office.government_id is None
        or not policies.can_handle_in(actor, office.pk)
    ):
        raise PermissionDenied("只有行政复议机构（司法局）的复议应诉工作人员可以登记行政复议申请。")
    _no_future(received_on=received_on, known_on=known_on)
    _choice("procedure", procedure, rules.PROCEDURES)
    _choice("category", category, rules.CATEGORIES)
    if known_on > received_on:
        raise ValidationError({"known_on": "知道行政行为之日不能晚于收到申请之日。"})
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
        rights_notified=rights_notified,
        rights_known_on=rights_known_on,
        received_on=received_on,
        request_text=request_text,
        major=major,
        delay_reason=delay_reason,
        number=number or _next_number(ReconsiderationCase, office, "复", received_on.year),
        **_act(act),
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
) -> ReconsiderationCase:
    """书面通知补正 (第三十一条): the applicant's 10 working days run from receipt of the notice."""
    return _case_step(
        case,
        "request_correction",
        actor=actor,
        on=notice_on,
        data={"correction_items": correction_items, "delivered_on": delivered_on or notice_on},
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
    case = _case_step(case, "send_copy", actor=actor, on=sent_on)
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
    _no_future(on=on)
    obj = perform(RESPONDENCE_WORKFLOW, resp, name, actor=actor, data=data or {}, on_date=on)
    return _sync(obj, (("answer_due", ANSWER_RULES),))


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
    _choice("procedure", procedure, rules.PROCEDURES)
    _choice("category", category, rules.CATEGORIES)
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
        **_act(act),
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


# -- 行政应诉 --------------------------------------------------------------------------------------


def _lit_step(
    case: LitigationCase, name: str, *, actor: Any, on: date, data: dict | None = None
) -> LitigationCase:
    _no_future(on=on)
    obj = perform(LITIGATION_WORKFLOW, case, name, actor=actor, data=data or {}, on_date=on)
    return _sync(obj, (("defence_due", DEFENCE_RULES),))


@transaction.atomic
def register_litigation(
    *,
    agency: Agency,
    actor: Any,
    court: str,
    number: str,
    plaintiff_name: str,
    complaint_received_on: date,
    act_description: str,
    category: str = "other",
    after_reconsideration: bool = False,
    act: Any = None,
) -> LitigationCase:
    """收到起诉状副本: evidence and defence are due in 15 days (行政诉讼法 第六十七条; late
    evidence counts as none, 第三十四条第二款), and so is a request to extend (解释 第三十四条)."""
    if not policies.can_handle_in(actor, agency.pk):
        raise PermissionDenied(f"您不是{agency.name}的复议应诉工作人员。")
    _choice("category", category, rules.CATEGORIES)
    if LitigationCase.objects.filter(agency=agency, number=number).exists():
        raise ValidationError({"number": f"案号“{number}”已登记。"})
    case = LitigationCase.objects.create(
        agency=agency,
        court=court,
        number=number,
        plaintiff_name=plaintiff_name,
        complaint_received_on=complaint_received_on,
        act_description=act_description,
        category=category,
        after_reconsideration=after_reconsideration,
        act_agency=agency,
        **_act(act),
    )
    return _lit_step(case, "register", actor=actor, on=complaint_received_on)


@transaction.atomic
def request_evidence_extension(
    case: LitigationCase, *, actor: Any, requested_on: date
) -> LitigationCase:
    return _lit_step(case, "request_evidence_extension", actor=actor, on=requested_on)


@transaction.atomic
def submit_defence(
    case: LitigationCase, *, actor: Any, submitted_on: date, evidence: str
) -> LitigationCase:
    return _lit_step(
        case, "submit_defence", actor=actor, on=submitted_on, data={"evidence": evidence}
    )


@transaction.atomic
def record_court_hearing(
    case: LitigationCase,
    *,
    actor: Any,
    held_on: date,
    head_appeared: bool,
    head_name: str = "",
    head_position: str = "",
    spoke_on_resolution: bool = False,
    absence_reason: str = "",
    absence_proof: str = "",
    delegate: str = "",
    summons_received_on: date | None = None,
) -> LitigationCase:
    """开庭: the head appears and speaks on resolving the dispute, or a valid reason and a
    delegate are recorded (行诉法 第三条第三款; 法释〔2020〕3号 第二条、第八条、第十一条)."""
    data = {
        "head_appeared": head_appeared,
        "head_name": head_name,
        "head_position": head_position,
        "spoke_on_resolution": spoke_on_resolution,
        "absence_reason": absence_reason,
        "absence_proof": absence_proof,
        "delegate": delegate,
        "summons_received_on": summons_received_on,
    }
    return _lit_step(case, "record_hearing", actor=actor, on=held_on, data=data)


@transaction.atomic
def record_judgment(
    case: LitigationCase,
    *,
    actor: Any,
    document_kind: str,
    outcome: str,
    served_on: date,
    lost: bool | None = None,
    loss_reason: str = "",
    responsible_unit: str = "",
    responsible_officer: str = "",
) -> LitigationCase:
    """裁判送达: the appeal period runs from service — 15 days for a judgment, 10 for a ruling
    (第八十五条)."""
    data = {
        "document_kind": document_kind,
        "outcome": outcome,
        "lost": lost,
        "loss_reason": loss_reason,
        "responsible_unit": responsible_unit,
        "responsible_officer": responsible_officer,
    }
    return _lit_step(case, "record_judgment", actor=actor, on=served_on, data=data)


@transaction.atomic
def appeal(
    case: LitigationCase,
    *,
    actor: Any,
    appealed_on: date,
    appeal_by: str = "agency",
    second_instance_heard: bool = True,
) -> LitigationCase:
    return _lit_step(
        case,
        "appeal",
        actor=actor,
        on=appealed_on,
        data={"appeal_by": appeal_by, "second_instance_heard": second_instance_heard},
    )


@transaction.atomic
def record_performance(
    case: LitigationCase, *, actor: Any, performed_on: date, performance: str
) -> LitigationCase:
    return _lit_step(
        case, "record_performance", actor=actor, on=performed_on, data={"performance": performance}
    )


@transaction.atomic
def close_litigation(
    case: LitigationCase, *, actor: Any, closed_on: date, no_hearing_reason: str = ""
) -> LitigationCase:
    """结案: the judgment is final, the head's appearance (or the reason and delegate) is on
    record for every instance tried in court, and a lost case has its loss analysed."""
    if case.lost and not (case.loss_reason.strip() and case.responsible_unit.strip()):
        raise ValidationError(
            {"loss_reason": "败诉案件结案前须登记败诉原因和责任单位（败诉分析）。"}
        )
    return _lit_step(
        case, "close", actor=actor, on=closed_on, data={"no_hearing_reason": no_hearing_reason}
    )


# -- 司法建议、检察建议 -----------------------------------------------------------------------------


@transaction.atomic
def receive_recommendation(
    *,
    agency: Agency,
    actor: Any,
    kind: str,
    issuer: str,
    received_on: date,
    content: str,
    feedback_due: date,
    number: str = "",
    case: LitigationCase | None = None,
) -> Recommendation:
    """Register a 司法建议 or 检察建议 with the reply date it sets (no kernel rule fixes one)."""
    if not policies.can_handle_in(actor, agency.pk):
        raise PermissionDenied(f"您不是{agency.name}的复议应诉工作人员。")
    _choice("kind", kind, rules.RECOMMENDATION_KINDS)
    _no_future(received_on=received_on)
    if feedback_due < received_on:
        raise ValidationError({"feedback_due": "书面回复期限不能早于收到日。"})
    rec = Recommendation.objects.create(
        agency=agency,
        case=case,
        kind=kind,
        issuer=issuer,
        number=number,
        received_on=received_on,
        content=content,
        feedback_due=feedback_due,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    ledger.record(
        f"disputes.recommendation:{rec.pk}",
        RECOMMENDATION_RECEIVED,
        {
            "kind": kind,
            "issuer": issuer,
            "number": number,
            "received_on": received_on,
            "feedback_due": feedback_due,
        },
        actor=actor,
    )
    return rec


@transaction.atomic
def record_feedback(
    rec: Recommendation, *, actor: Any, feedback_on: date, feedback: str
) -> Recommendation:
    if not policies.can_handle(actor, rec):
        raise PermissionDenied("您无权回复该建议。")
    _no_future(feedback_on=feedback_on)
    if not feedback.strip():
        raise ValidationError({"feedback": "请填写书面回复的内容。"})
    rec.feedback_on, rec.feedback = feedback_on, feedback.strip()
    rec.save(update_fields=["feedback_on", "feedback"])
    ledger.record(
        f"disputes.recommendation:{rec.pk}",
        RECOMMENDATION_ANSWERED,
        {"feedback_on": feedback_on, "on_time": feedback_on <= rec.feedback_due},
        actor=actor,
    )
    return rec


#: The steps a user can take, per kind of record: views and the API dispatch through this.
STEPS: dict[str, dict[str, Callable[..., Any]]] = {
    "reconsideration": {
        "request_correction": request_reconsideration_correction,
        "receive_correction": receive_reconsideration_correction,
        "abandon": abandon_reconsideration,
        "accept": accept_reconsideration,
        "deem_accepted": deem_accepted,
        "reject": reject_reconsideration,
        "send_copy": send_copy,
        "extend": extend_reconsideration,
        "suspend": suspend_reconsideration,
        "resume": resume_reconsideration,
        "hold_hearing": hold_hearing,
        "consult_committee": consult_committee,
        "decide": decide_reconsideration,
        "terminate": terminate_reconsideration,
    },
    "respondence": {
        "submit_answer": submit_answer,
        "attend_hearing": attend_hearing,
        "record_decision": record_respondence_decision,
        "receive_opinion": receive_opinion,
        "report_correction": report_correction,
        "close": close_respondence,
    },
    "litigation": {
        "request_evidence_extension": request_evidence_extension,
        "submit_defence": submit_defence,
        "record_hearing": record_court_hearing,
        "record_judgment": record_judgment,
        "appeal": appeal,
        "record_performance": record_performance,
        "close": close_litigation,
    },
}


def perform_step(kind: str, obj: Any, step: str, *, actor: Any, data: Mapping[str, Any]) -> Any:
    service = STEPS.get(kind, {}).get(step)
    if service is None:
        raise ValidationError(f"没有名为 {step} 的办理步骤。")
    return service(obj, actor=actor, **dict(data))
