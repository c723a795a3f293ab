"""法制审核, 集体讨论 and the decision: the verbs between 告知 and 决定.

At decision time the platform recommends the tier and range from the recorded circumstances
(the matters app's benchmark), applies 第三十七条 to choose the legal basis, matches the four
lists, and records all of it on the case with the benchmark version applied.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.systems.matters import services as matter_services

from .. import rules
from ..models import Case
from .common import basis_data, fail_if, require, run, today


def submit_legal_review(
    case: Case, *, actor: Any, submitted_on: date | None = None, materials: str = ""
) -> Case:
    """送审: the case goes to the agency's 法制审核 staff (第五十八条; 118号 四)."""
    return run(
        case,
        "submit_legal_review",
        actor=actor,
        on_date=submitted_on,
        data={"materials": materials},
    )


def _checklist(raw: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Normalise the 118号 checklist: ``{code: {"ok": bool, "note": str}}`` (or ``(ok, note)``)."""
    known = dict(rules.REVIEW_CHECKLIST)
    out: dict[str, dict[str, Any]] = {}
    for code, value in (raw or {}).items():
        if code not in known:
            raise ValidationError({"checklist": f"未知的审核事项“{code}”。"})
        if isinstance(value, Mapping):
            ok, note = bool(value.get("ok")), str(value.get("note", ""))
        elif isinstance(value, list | tuple):
            ok, note = bool(value[0]), str(value[1] if len(value) > 1 else "")
        else:
            ok, note = bool(value), ""
        out[code] = {"ok": ok, "note": note, "label": known[code]}
    return out


def complete_legal_review(
    case: Case,
    *,
    actor: Any,
    result: str,
    checklist: Mapping[str, Any],
    opinion: str = "",
    completed_on: date | None = None,
) -> Case:
    """The reviewer's conclusion: 同意 (every item sound) or 存在问题, returned with written
    opinions (118号 四（十三））; the reviewer must be qualified (第五十八条第二款)."""
    if result not in ("passed", "returned"):
        raise ValidationError({"result": "审核结论应为“同意”或“存在问题（退回）”。"})
    return run(
        case,
        "complete_legal_review",
        actor=actor,
        on_date=completed_on,
        data={
            "result": result,
            "checklist": _checklist(checklist),
            "opinion": opinion,
        },
    )


def record_collective_discussion(
    case: Case,
    *,
    actor: Any,
    held_on: date | None = None,
    chair: str = "",
    attendees: Iterable[str] = (),
    minutes: str = "",
    result: str = "",
) -> Case:
    """集体讨论 by the agency's heads (第五十七条第二款): attendees, minutes and result."""
    errors: dict[str, str] = {}
    require(errors, minutes=(minutes, "讨论记录"), result=(result, "讨论决定"))
    fail_if(errors)
    return run(
        case,
        "record_collective_discussion",
        actor=actor,
        on_date=held_on,
        data={
            "chair": chair,
            "attendees": [a for a in attendees if a],
            "minutes": minutes,
            "result": result,
        },
    )


def circumstances_for(case: Case) -> list[str]:
    """The recorded 情节, with the party's age on the day of the act added (第三十条)."""
    codes = [c for c in (case.circumstances or []) if c]
    if case.is_person and case.party_birth_date and case.violation_date:
        age = rules.age_on(case.party_birth_date, case.violation_date)
        if age < rules.AGE_NO_PENALTY.value:
            codes.append("under_14")
        elif age < rules.AGE_LENIENT.value:
            codes.append("minor_14_17")
    return sorted(set(codes))


def recommend_for(case: Case, on: date | None = None):
    """The benchmark's recommendation for this case on ``on`` (None without a matter)."""
    if not case.matter_id:
        return None
    return matter_services.recommend(case.matter, circumstances_for(case), on or today())


def lenient_for(case: Case, on: date) -> list[dict[str, Any]]:
    """四张清单 items whose conditions the case meets."""
    matches = matter_services.match_lenient(
        case.agency_id, case.matter, circumstances_for(case), on
    )
    return [
        {"list_kind": m.list_kind, "item_id": m.item_id, "version": m.version, "label": m.label}
        for m in matches
    ]


def lenient_kind(outcome: str, tier: str, matches: list[dict[str, Any]]) -> str:
    """How the case counts in the four-list breakdown (seed 001: 不予处罚 / 从轻 / 减轻 / 不予强制
    / 清单外其他柔性执法举措)."""
    kinds = {m["list_kind"] for m in matches}
    wanted = {"no_penalty": "no_penalty", "lenient": "lighter", "mitigated": "mitigated"}
    key = "no_penalty" if outcome == "no_penalty" else wanted.get(tier, "")
    if key and key in kinds:
        return key
    if "no_coercion" in kinds:
        return "no_coercion"
    if outcome == "no_penalty" or tier in ("lenient", "mitigated"):
        return "other" if not kinds else sorted(kinds)[0]
    return ""


def decide_case(
    case: Case,
    *,
    actor: Any,
    decided_on: date | None = None,
    outcome: str = "penalty",
    types: Iterable[str] = (),
    fine: Decimal | None = None,
    confiscation: Decimal | None = None,
    detail: str = "",
    reasons: str = "",
    deviation_reason: str = "",
    education: str = "",
    tier: str | None = None,
    no_penalty_reason: str = "",
    no_fault_exception: str = "",
) -> Case:
    """作出处理决定 (approved by the head): 给予行政处罚 or 不予行政处罚.

    Every guard of the decision applies: 告知 and hearing the party (第六十二条, 第六十四条,
    第六十五条), no heavier after a statement (第四十五条), the statutory range (第三十七条),
    the benchmark (a written reason outside it, 27号), 法制审核 (第五十八条), 集体讨论
    (第五十七条), officers (第四十二条), limitation (第三十六条), minors (第三十条), one fine
    per act (第二十九条), 不予处罚 where the recorded circumstances require it (第三十条,
    第三十一条, 第三十三条; ``no_fault_exception`` names the law that overrides 第三十三条第二款)
    and a written ``no_penalty_reason`` where they only allow it (首违不罚, flagged to the
    reviewer). The benchmark version and the four-list items applied are recorded.
    """
    decided_on = decided_on or today()
    errors: dict[str, str] = {}
    if outcome not in ("penalty", "no_penalty"):
        errors["outcome"] = "处理结果应为“给予行政处罚”或“不予行政处罚”。"
    types = sorted(set(types))
    if outcome == "penalty":
        require(errors, types=(types, "处罚种类"))
        if "fine" in types and fine is None:
            errors["fine"] = "处罚种类包括罚款，请填写罚款数额。"
    else:
        types, fine, confiscation = [], None, None
    require(errors, reasons=(reasons, "决定理由"))
    fail_if(errors)
    rec = recommend_for(case, decided_on)
    matches = lenient_for(case, decided_on) if case.matter_id else []
    chosen = tier or (rec.tier if rec else "")
    # A recommendation of 不予处罚 offers no band for a penalty (lawful only where another law
    # says so, 第三十三条第二款): the guards decide, no 阶次 is recorded for it.
    no_band = outcome == "penalty" and rec is not None and rec.tier == "no_penalty"
    if no_band and chosen == "no_penalty":
        chosen = ""
    if outcome == "no_penalty":
        chosen = "no_penalty"
    data = {
        "outcome": outcome,
        "types": types,
        "fine": fine,
        "confiscation": confiscation,
        "detail": detail,
        "decision_reasons": reasons,
        "deviation_reason": deviation_reason,
        "education": education,
        "no_penalty_reason": no_penalty_reason if outcome == "penalty" else "",
        "no_fault_exception": no_fault_exception if outcome == "penalty" else "",
        "tier": chosen,
        "tier_label": rules.TIER_LABELS.get(chosen, chosen),
        "recommended_min": rec.min_amount if rec and not no_band else None,
        "recommended_max": rec.max_amount if rec and not no_band else None,
        "benchmark_version_id": rec.benchmark_version_id if rec else None,
        "mandatory_lenient": bool(rec and rec.mandatory_lenient),
        "recommendation": list(rec.reasons) if rec else [],
        "basis": basis_data(case, decided_on),
        "lenient_items": matches,
        "lenient_kind": lenient_kind(outcome, chosen, matches),
    }
    return run(case, "decide_case", actor=actor, on_date=decided_on, data=data)
