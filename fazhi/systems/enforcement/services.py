"""The only write path of 行政处罚 cases: one verb per step, as the statute reads.

Each function checks its input (a Chinese :class:`ValidationError` naming the field), turns it
into JSON-safe step data, and performs the declared transition through
:func:`fazhi.core.workflow.engine.perform` — which checks the policy and the statutory guards,
applies the effect, writes the ledger entry and the history row and (re)schedules the clocks,
all in one transaction. A refusal (:class:`Refused`) names each failed guard with its article,
in the words of this very case where the guard can say more; nothing is saved.

The steps after the decision (送达, 执行, 公示, 移送) are in :mod:`.services_execution` and are
re-exported here, so callers import every verb from this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.ledger.services import jsonable
from fazhi.core.workflow.engine import Context, Refused, Workflow, perform

from . import policies
from .guards import CaseGuard
from .models import Case, Evidence, Preservation, Recusal
from .workflow import CASE_WORKFLOW

# -- plumbing -------------------------------------------------------------------------------------


def explain_refusal(
    exc: Refused,
    workflow: Workflow,
    obj: Any,
    actor: Any,
    data: dict[str, Any],
    on_date: date | None,
) -> Refused:
    """The same refusal, each guard's message told in the facts of this case where it can."""
    fresh = workflow.model._default_manager.filter(pk=obj.pk).first() or obj
    ctx = Context(
        obj=fresh,
        actor=actor,
        data=dict(data),
        on_date=on_date or timezone.localdate(),
        transition=exc.transition,
        workflow=workflow,
    )
    failed = []
    for g in exc.failed:
        text = None
        if isinstance(g, CaseGuard) and g.detail is not None:
            try:
                text = g.detail(ctx)
            except Exception:  # noqa: BLE001 - an explanation must never hide the refusal
                text = None
        failed.append(replace(g, message=text) if text else g)
    return Refused(exc.transition, failed)


def run(
    obj: Any,
    transition: str,
    *,
    actor: Any,
    data: Mapping[str, Any] | None = None,
    on_date: date | None = None,
    comment: str = "",
    workflow: Workflow = CASE_WORKFLOW,
) -> Any:
    """Perform one declared transition; a refusal comes back explained."""
    clean = jsonable(dict(data or {}))
    try:
        return perform(
            workflow, obj, transition, actor=actor, data=clean, on_date=on_date, comment=comment
        )
    except Refused as exc:
        raise explain_refusal(exc, workflow, obj, actor, clean, on_date) from None


def require(errors: dict[str, str], **values: tuple[Any, str]) -> None:
    """Record "请填写…" for every empty value (``name=(value, Chinese label)``)."""
    for name, (value, label) in values.items():
        if value in (None, "", [], (), {}):
            errors.setdefault(name, f"请填写{label}。")


def fail_if(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def today() -> date:
    return timezone.localdate()


def _store(file: BinaryIO | bytes | None, name: str, content_type: str, actor: Any, case: Case):
    """Keep an uploaded file by digest; its arrival is ledgered under the case."""
    if file is None:
        return None
    from fazhi.core.ledger.services import store_file

    return store_file(
        file, name=name or "附件", content_type=content_type, actor=actor, subject=case.subject
    )


def birth_date_from_id(id_number: str) -> date | None:
    """The birth date encoded in a 公民身份号码 (GB 11643-1999, digits 7–14)."""
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except (ValueError, IndexError):
        return None


def _party(errors: dict[str, str], kind: str, id_number: str, uscc: str) -> None:
    from fazhi.core.orgs.validators import validate_id_number, validate_uscc

    if kind not in ("person", "organisation"):
        errors["party_kind"] = "当事人类型应为“自然人”或“法人或者其他组织”。"
    for name, value, validate in (
        ("party_id_number", id_number, validate_id_number),
        ("party_uscc", uscc, validate_uscc),
    ):
        if value:
            try:
                validate(value)
            except ValidationError as exc:
                errors[name] = "；".join(exc.messages)


PARTY_FIELDS = (
    "party_kind",
    "party_name",
    "party_id_number",
    "party_uscc",
    "party_birth_date",
    "party_address",
    "party_phone",
)


def _facts(values: Mapping[str, Any]) -> dict[str, Any]:
    """The case facts a step may fix (violation dates, amount, circumstances, flags)."""
    from .effects import FACT_FIELDS

    unknown = set(values) - set(FACT_FIELDS)
    if unknown:
        raise ValidationError({k: "不是可以登记的案件事实。" for k in sorted(unknown)})
    out = dict(values)
    if out.get("party_id_number") and not out.get("party_birth_date"):
        out["party_birth_date"] = birth_date_from_id(out["party_id_number"])
    return out


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
    _party(errors, party_kind, party_id_number, party_uscc)
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
        "officer_exception_basis": officer_exception_basis,
        **_facts(facts),
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
    return run(case, "record_findings", actor=actor, on_date=on, data=_facts(facts))


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
    id_shown: bool = True,
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
        stored = _store(file, file_name, content_type, actor, case)
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


def extend_decision_period(case: Case, *, actor: Any, reason: str, on: date | None = None) -> Case:
    """延长办案期限 with the head's approval (where the sector rule allows one extension)."""
    return run(case, "extend_decision_period", actor=actor, on_date=on, data={"reason": reason})


def suspend_decision_period(case: Case, *, actor: Any, reason: str, on: date | None = None) -> Case:
    """A period the sector rule does not count (检测、检验、鉴定、公告…) begins."""
    return run(case, "suspend_decision_period", actor=actor, on_date=on, data={"reason": reason})


def resume_decision_period(case: Case, *, actor: Any, on: date | None = None) -> Case:
    """The uncounted period ends; the 90-day clock counts again from the next day."""
    return run(case, "resume_decision_period", actor=actor, on_date=on)


def conclude_investigation(case: Case, *, actor: Any, on: date | None = None) -> Case:
    """调查终结: the case goes to 审查."""
    return run(case, "conclude_investigation", actor=actor, on_date=on)


# -- 告知、陈述申辩、听证 ------------------------------------------------------------------------


def basis_data(case: Case, on: date) -> dict[str, Any]:
    """The legal basis applicable under 第三十七条 (从旧兼从轻), as step data."""
    from fazhi.systems.matters import selectors as matter_selectors

    if not case.matter_id:
        return {}
    try:
        basis = matter_selectors.basis_for(case.matter, case.violation_date or on, on)
    except matter_selectors.NoBasis as exc:
        return {"missing": True, "explanation": str(exc)}
    return jsonable(
        {
            "instrument": basis.citation[: -len(basis.article)]
            if basis.article
            else basis.citation,
            "article": basis.article,
            "quote": basis.quote,
            "fine_min": basis.fine_min,
            "fine_max": basis.fine_max,
            "no_longer_punishable": basis.no_longer_punishable,
            "explanation": basis.explanation,
        }
    )


from .services_decision import (  # noqa: E402
    complete_legal_review,
    decide_case,
    recommend_for,
    record_collective_discussion,
    submit_legal_review,
)
from .services_execution import (  # noqa: E402
    apply_court_enforcement,
    approve_deferral,
    archive_case,
    close_case,
    conclude_reconsideration_or_suit,
    file_summary_penalty,
    publish_decision,
    raise_transfer,
    record_payment,
    record_reconsideration_or_suit,
    record_transfer_outcome,
    serve_decision,
    summary_penalty,
    withdraw_publication,
)
from .services_notice import (  # noqa: E402
    record_hearing,
    record_statement,
    request_hearing,
    review_statement,
    schedule_hearing,
    serve_notice,
)

__all__ = [
    "add_evidence",
    "apply_court_enforcement",
    "approve_deferral",
    "archive_case",
    "close_case",
    "complete_legal_review",
    "conclude_investigation",
    "conclude_reconsideration_or_suit",
    "decide_case",
    "decide_preservation",
    "decide_recusal",
    "decline_case",
    "extend_decision_period",
    "file_summary_penalty",
    "open_case",
    "preserve_evidence",
    "publish_decision",
    "raise_transfer",
    "recommend_for",
    "record_collective_discussion",
    "record_findings",
    "record_hearing",
    "record_payment",
    "record_reconsideration_or_suit",
    "record_statement",
    "record_transfer_outcome",
    "register_source",
    "request_hearing",
    "request_recusal",
    "resume_decision_period",
    "review_statement",
    "schedule_hearing",
    "serve_decision",
    "serve_notice",
    "submit_legal_review",
    "summary_penalty",
    "suspend_decision_period",
    "withdraw_publication",
]
