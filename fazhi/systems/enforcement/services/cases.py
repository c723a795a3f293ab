"""案源登记, 立案 and 调查取证: the verbs from the first lead to 调查终结, with the investigation's
own steps (evidence, 先行登记保存, 回避) and the 办案期限's extension and suspension."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .. import policies
from ..models import Case, Evidence, Preservation, Recusal
from .common import (
    birth_date_from_id,
    case_facts,
    check_party,
    fail_if,
    require,
    run,
    store_upload,
    today,
)

# -- 案源与立案 ------------------------------------------------------------------------------------


def register_source(
    *,
    agency: Any,
    actor: Any,
    party_kind: str,
    party_name: str,
    registered_on: date | None = None,
    source_kind: str = "inspection",
    source_summary: str = "",
    party_id_number: str = "",
    party_uscc: str = "",
    party_birth_date: date | None = None,
    party_address: str = "",
    party_phone: str = "",
    matter: Any = None,
    violation_date: date | None = None,
    violation_end_date: date | None = None,
    discovered_on: date | None = None,
    facts: str = "",
    amount_involved: Decimal | None = None,
) -> Case:
    """案源登记: record a lead (inspection finding, complaint, referral…) as a case in 案源."""
    if not policies.can_register(actor, agency.pk):
        raise PermissionDenied("您不是该机关的行政执法人员，不能登记案源。")
    errors: dict[str, str] = {}
    require(errors, party_name=(party_name, "当事人"), source_summary=(source_summary, "案源情况"))
    check_party(errors, party_kind, party_id_number, party_uscc)
    fail_if(errors)
    registered_on = registered_on or today()
    with transaction.atomic():
        case = Case(
            agency=agency,
            matter=matter,
            state="draft",
            registered_on=registered_on,
            source_kind=source_kind,
            source_summary=source_summary,
            party_kind=party_kind,
            party_name=party_name,
            party_id_number=party_id_number,
            party_uscc=party_uscc,
            party_birth_date=party_birth_date or birth_date_from_id(party_id_number),
            party_address=party_address,
            party_phone=party_phone,
            violation_date=violation_date,
            violation_end_date=violation_end_date,
            discovered_on=discovered_on or registered_on,
            facts=facts,
            amount_involved=amount_involved,
            harms_life_health_finance=bool(getattr(matter, "life_health_finance", False)),
        )
        case.party_key = case.compute_party_key()
        case.save()
        return run(
            case,
            "register_source",
            actor=actor,
            on_date=registered_on,
            data={
                "source_kind": source_kind,
                "party_kind": party_kind,
                "party_name": party_name,
                "matter": matter,
            },
        )


def decline_case(case: Case, *, actor: Any, reason: str, on: date | None = None) -> Case:
    """不予立案, with the reason (e.g. 不属于本机关管辖, 超过追责时效, 依法不予处罚)."""
    fail_if({"reason": "请填写不予立案的理由。"} if not reason else {})
    return run(case, "decline_case", actor=actor, on_date=on, data={"reason": reason})


def open_case(
    case: Case,
    *,
    actor: Any,
    matter: Any,
    officers: Iterable[Any],
    opened_on: date | None = None,
    officer_exception_basis: str = "",
    lead: Any = None,
    assistant: Any = None,
    **facts: Any,
) -> Case:
    """立案, approved by the agency head: the matter, at least two certified officers
    (第四十二条), within the limitation period (第三十六条); starts the 90-day clock (第六十条)."""
    errors: dict[str, str] = {}
    officers = list(officers)
    require(errors, matter=(matter, "执法事项"), officers=(officers, "承办执法人员"))
    if matter is not None:
        if matter.agency_id != case.agency_id:
            errors["matter"] = "该执法事项不属于本机关的行政执法事项清单。"
        elif matter.kind != "penalty":
            errors["matter"] = "该事项不是行政处罚事项。"
    for s in officers:
        if s.agency_id != case.agency_id:
            errors["officers"] = f"{s.name}不是本机关的执法人员。"
    fail_if(errors)
    data = {
        "matter": matter,
        "officers": [s.pk for s in officers],
        "lead": getattr(lead, "pk", None),
        "assistant": getattr(assistant, "pk", None),
        "officer_exception_basis": officer_exception_basis,
        **case_facts(facts),
    }
    if "harms_life_health_finance" not in data:
        data["harms_life_health_finance"] = (
            case.harms_life_health_finance or matter.life_health_finance
        )
    return run(case, "open_case", actor=actor, on_date=opened_on, data=data)


def record_findings(case: Case, *, actor: Any, on: date | None = None, **facts: Any) -> Case:
    """Fix the facts the investigation established (dates, amount involved, circumstances…).

    Crossing the matter's criminal threshold raises the 移送 task by itself (两法衔接).
    """
    return run(case, "record_findings", actor=actor, on_date=on, data=case_facts(facts))


# -- 调查取证 -------------------------------------------------------------------------------------


def add_evidence(
    case: Case,
    *,
    actor: Any,
    kind: str,
    title: str,
    collected_on: date | None = None,
    description: str = "",
    file: BinaryIO | bytes | None = None,
    file_name: str = "",
    content_type: str = "",
    collected_by: str = "",
    id_shown: bool | None = None,
    electronic_monitoring: bool = False,
    monitoring_audited: bool = False,
) -> Evidence:
    """Register one item of evidence; its file is kept by digest and ledgered under the case."""
    errors: dict[str, str] = {}
    require(errors, kind=(kind, "证据种类"), title=(title, "证据名称"))
    if kind and kind not in Evidence.Kind.values:
        errors["kind"] = (
            "证据种类应为书证、物证、视听资料、电子数据、证人证言、当事人的陈述、鉴定意见或笔录。"
        )
    fail_if(errors)
    collected_on = collected_on or today()
    with transaction.atomic():
        stored = store_upload(file, file_name, content_type, actor, case)
        run(
            case,
            "add_evidence",
            actor=actor,
            on_date=collected_on,
            data={
                "kind": kind,
                "title": title,
                "description": description,
                "collected_on": collected_on,
                "collected_by": collected_by,
                "id_shown": id_shown,
                "file_digest": stored.pk if stored else None,
                "electronic_monitoring": electronic_monitoring,
                "monitoring_audited": monitoring_audited,
            },
        )
        return case.evidence.order_by("-id").first()


def preserve_evidence(
    case: Case,
    *,
    actor: Any,
    items: str,
    approved_by: Any,
    preserved_on: date | None = None,
    reason: str = "",
) -> Preservation:
    """先行登记保存 approved by the head (第五十六条); starts its 7-working-day clock."""
    fail_if({"items": "请填写先行登记保存的物品。"} if not items else {})
    with transaction.atomic():
        run(
            case,
            "preserve_evidence",
            actor=actor,
            on_date=preserved_on,
            data={
                "items": items,
                "reason": reason,
                "approved_by": approved_by,
            },
        )
        return case.preservations.order_by("-id").first()


def decide_preservation(
    preservation: Preservation,
    *,
    actor: Any,
    decision: str,
    decided_on: date | None = None,
    detail: str = "",
) -> Preservation:
    """The 处理决定 on preserved evidence, which stops its 7-working-day clock."""
    if decision not in Preservation.Decision.values:
        raise ValidationError({"decision": "请选择处理决定。"})
    run(
        preservation.case,
        "decide_preservation",
        actor=actor,
        on_date=decided_on,
        data={
            "preservation": preservation.pk,
            "decision": decision,
            "detail": detail,
        },
    )
    preservation.refresh_from_db()
    return preservation


def request_recusal(
    case: Case,
    *,
    actor: Any,
    applicant: str,
    target: Any,
    reason: str,
    requested_on: date | None = None,
) -> Recusal:
    """回避申请 (第四十三条): recorded; the investigation goes on until the head decides."""
    errors: dict[str, str] = {}
    require(
        errors,
        applicant=(applicant, "申请人"),
        target=(target, "被申请回避人员"),
        reason=(reason, "申请理由"),
    )
    fail_if(errors)
    with transaction.atomic():
        run(
            case,
            "request_recusal",
            actor=actor,
            on_date=requested_on,
            data={
                "applicant": applicant,
                "target": target,
                "reason": reason,
            },
        )
        return case.recusals.order_by("-id").first()


def decide_recusal(
    recusal: Recusal,
    *,
    actor: Any,
    decision: str,
    decided_on: date | None = None,
    replacements: Iterable[Any] = (),
) -> Recusal:
    """The head's 回避决定; a granted recusal takes the officer off the case (replacements join)."""
    if decision not in Recusal.Decision.values:
        raise ValidationError({"decision": "请选择“决定回避”或“驳回申请”。"})
    case = recusal.case
    officers = [s.pk for s in case.officers.all()]
    if decision == Recusal.Decision.GRANTED:
        officers = [pk for pk in officers if pk != recusal.target_id] + [s.pk for s in replacements]
    run(
        case,
        "decide_recusal",
        actor=actor,
        on_date=decided_on,
        data={
            "recusal": recusal.pk,
            "decision": decision,
            "officers": officers,
        },
    )
    recusal.refresh_from_db()
    return recusal


def extend_decision_period(
    case: Case, *, actor: Any, reason: str, on: date | None = None, days: int | None = None
) -> Case:
    """延长办案期限 with the approval the case's sector rule names: all of its extension, or
    ``days`` of it; refused where the sector rule has none or allows fewer days."""
    data: dict[str, Any] = {"reason": reason}
    if days is not None:
        data["days"] = days
    return run(case, "extend_decision_period", actor=actor, on_date=on, data=data)


def suspend_decision_period(
    case: Case, *, actor: Any, reason: str, on: date | None = None, ground: str = ""
) -> Case:
    """A period the sector rule does not count (检测、检验、鉴定、公告…) begins; ``ground``, if
    given, must be one of the grounds the case's sector rule lists (its ``suspension``)."""
    data: dict[str, Any] = {"reason": reason}
    if ground:
        data["ground"] = ground
    return run(case, "suspend_decision_period", actor=actor, on_date=on, data=data)


def resume_decision_period(case: Case, *, actor: Any, on: date | None = None) -> Case:
    """The uncounted period ends; the 90-day clock counts again from the next day."""
    return run(case, "resume_decision_period", actor=actor, on_date=on)


def conclude_investigation(case: Case, *, actor: Any, on: date | None = None) -> Case:
    """调查终结: the case goes to 审查."""
    return run(case, "conclude_investigation", actor=actor, on_date=on)
