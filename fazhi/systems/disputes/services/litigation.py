"""行政应诉 (行政诉讼法, 行诉法解释, 法释〔2020〕3号) and 司法建议、检察建议."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.deadlines import services as deadlines
from fazhi.core.ledger import services as ledger
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.dates import no_future
from fazhi.core.workflow.engine import perform
from fazhi.kernel.formatting import zh_date
from fazhi.kernel.timelimits import compute_due, get_rule

from .. import policies, rules
from ..models import LitigationCase, Recommendation
from ..roles import Role
from ..workflow import LITIGATION_WORKFLOW
from .common import (
    RECOMMENDATION_ANSWERED,
    RECOMMENDATION_RECEIVED,
    act_link,
    check_choice,
)

# -- 行政应诉 --------------------------------------------------------------------------------------


def _lit_step(
    case: LitigationCase, name: str, *, actor: Any, on: date, data: dict | None = None
) -> LitigationCase:
    no_future(on=on)
    return perform(LITIGATION_WORKFLOW, case, name, actor=actor, data=data or {}, on_date=on)


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
    acted_on: date | None = None,
    real_property: bool = False,
    filed_on: date | None = None,
) -> LitigationCase:
    """收到起诉状副本: evidence and defence are due in 15 days (行政诉讼法 第六十七条; late
    evidence counts as none, 第三十四条第二款), and so is a request to extend (解释 第三十四条).

    With the act's date and the filing date, the case records whether the suit came after the
    absolute limit of 第四十六条第二款 (five years, twenty about real property): the court, not
    the defendant, decides to accept a suit, so the agency still answers in time, and its
    defence raises the bar."""
    if not policies.can_handle_in(actor, agency.pk):
        raise PermissionDenied(f"您不是{agency.name}的复议应诉工作人员。")
    check_choice("category", category, rules.CATEGORIES)
    if LitigationCase.objects.filter(agency=agency, number=number).exists():
        raise ValidationError({"number": f"案号“{number}”已登记。"})
    no_future(acted_on=acted_on, filed_on=filed_on)
    if acted_on and filed_on and filed_on < acted_on:
        raise ValidationError({"filed_on": "起诉日不能早于行政行为作出之日。"})
    barred = None
    if acted_on and filed_on:
        rule = rules.L_ABSOLUTE_PROPERTY if real_property else rules.L_ABSOLUTE
        barred = filed_on > compute_due(rule, acted_on, calendar=deadlines.calendar()).due
    case = LitigationCase.objects.create(
        agency=agency,
        court=court,
        number=number,
        plaintiff_name=plaintiff_name,
        complaint_received_on=complaint_received_on,
        act_description=act_description,
        category=category,
        after_reconsideration=after_reconsideration,
        acted_on=acted_on,
        real_property=real_property,
        filed_on=filed_on,
        filing_barred=barred,
        act_agency=agency,
        **act_link(act),
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


def recommendation_rule(kind: str, public_interest: bool, urgent_ground: str) -> str:
    """The clock of a 建议: a 诉前检察建议 of a 行政公益诉讼 runs two months from receipt, fifteen
    days where the harm keeps spreading (检察公益诉讼解释 第二十一条第二款); any other runs to the
    date the 建议书 states."""
    if kind == "procuratorial" and public_interest:
        return (
            rules.RULE_PROCURATORIAL_URGENT if urgent_ground else rules.RULE_PROCURATORIAL_FEEDBACK
        )
    return rules.RULE_RECOMMENDATION_FEEDBACK


@transaction.atomic
def receive_recommendation(
    *,
    agency: Agency,
    actor: Any,
    kind: str,
    issuer: str,
    received_on: date,
    content: str,
    feedback_due: date | None = None,
    number: str = "",
    case: LitigationCase | None = None,
    public_interest: bool = False,
    urgent_ground: str = "",
) -> Recommendation:
    """Register a 司法建议 or 检察建议 and start its reply clock on 我的待办 of the agency's
    复议应诉工作人员. A 诉前检察建议 of a 行政公益诉讼 (``public_interest``) is answered within two
    months of receipt, fifteen days with ``urgent_ground`` (检察公益诉讼解释 第二十一条第二款): a
    stated date may be earlier, never later. Any other 建议 runs to the date it states (kernel rule
    ``litigation.recommendation_feedback``, a set date)."""
    if not policies.can_handle_in(actor, agency.pk):
        raise PermissionDenied(f"您不是{agency.name}的复议应诉工作人员。")
    check_choice("kind", kind, rules.RECOMMENDATION_KINDS)
    no_future(received_on=received_on)
    urgent_ground = urgent_ground.strip()
    if (public_interest or urgent_ground) and kind != "procuratorial":
        raise ValidationError({"public_interest": "只有检察建议可以是行政公益诉讼诉前检察建议。"})
    if urgent_ground and not public_interest:
        raise ValidationError({"urgent_ground": "紧急情形的十五日期限只适用于诉前检察建议。"})
    rule_id = recommendation_rule(kind, public_interest, urgent_ground)
    if rule_id == rules.RULE_RECOMMENDATION_FEEDBACK:
        if feedback_due is None:
            raise ValidationError({"feedback_due": "请填写建议书载明的书面回复期限。"})
        trigger = feedback_due
    else:
        trigger = received_on
        rule = get_rule(rule_id)
        due = compute_due(rule, received_on, calendar=deadlines.calendar()).due
        if feedback_due is not None and feedback_due > due:
            raise ValidationError(
                {
                    "feedback_due": f"诉前检察建议应当在收到之日起{rule.period_label}内书面回复，"
                    f"即{zh_date(due)}前，书面回复期限不得晚于法定期限（依据：{rule.citation}）。"
                }
            )
    if feedback_due is not None and feedback_due < received_on:
        raise ValidationError({"feedback_due": "书面回复期限不能早于收到日。"})
    rec = Recommendation.objects.create(
        agency=agency,
        case=case,
        kind=kind,
        issuer=issuer,
        number=number,
        received_on=received_on,
        content=content,
        # the clock's date; the mirror keeps it equal to the deadline from here on
        feedback_due=compute_due(rule_id, trigger, calendar=deadlines.calendar()).due,
        public_interest=public_interest,
        urgent_ground=urgent_ground,
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
            "feedback_due": rec.feedback_due,
            "public_interest": public_interest,
            "urgent_ground": urgent_ground,
            "rule": rule_id,
        },
        actor=actor,
    )
    deadlines.start(
        rec,
        rule_id,
        trigger,
        agency_id=agency.pk,
        assignee=actor,
        role=Role.LITIGATION_STAFF,
        label=str(rec),
    )
    return rec


@transaction.atomic
def record_feedback(
    rec: Recommendation, *, actor: Any, feedback_on: date, feedback: str
) -> Recommendation:
    if not policies.can_handle(actor, rec):
        raise PermissionDenied("您无权回复该建议。")
    no_future(feedback_on=feedback_on)
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
    rule_id = recommendation_rule(rec.kind, rec.public_interest, rec.urgent_ground)
    deadlines.stop(rec, rule_id, feedback_on)
    return rec
