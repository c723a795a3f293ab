"""送达, 执行, 结案, 归档, 公示, 移送 and the summary procedure: the verbs after the decision."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.deadlines.service import SERVICE_MODES

from .. import policies
from ..documents import generate_transfer_letter
from ..models import Case, Deferral, Remedy, ServiceMode, Transfer
from ..workflow import TRANSFER_WORKFLOW
from .common import (
    PARTY_FIELDS,
    basis_data,
    birth_date_from_id,
    check_party,
    fail_if,
    require,
    run,
    today,
)


def serve_decision(
    case: Case,
    *,
    actor: Any,
    served_on: date | None = None,
    mode: str = "direct",
    consent: bool = False,
) -> Case:
    """送达 of the decision (第六十一条, modes per 民事诉讼法); the 15-day payment period runs
    from the day of receipt (第六十七条第三款)."""
    if mode not in ServiceMode.values:
        raise ValidationError({"mode": "请选择送达方式。"})
    return run(
        case,
        "serve_decision",
        actor=actor,
        on_date=served_on,
        data={"mode": mode, "consent": consent},
    )


def summary_penalty(
    *,
    agency: Any,
    actor: Any,
    officers: Iterable[Any],
    matter: Any,
    party_kind: str,
    party_name: str,
    types: Iterable[str],
    reasons: str,
    decided_on: date | None = None,
    fine: Decimal | None = None,
    detail: str = "",
    violation_date: date | None = None,
    officer_exception_basis: str = "",
    facts: str = "",
    id_shown: bool | None = None,
    notified: bool = False,
    statement: str = "",
    statement_waived: bool = False,
    **party: Any,
) -> Case:
    """当场作出行政处罚决定 (简易程序, 第五十一条): a warning, or a fine up to 200 元 for a person /
    3,000 元 for an organisation; handed over on the spot; the 备案 task starts (第五十二条).

    The officers affirm that they showed their certificates (``id_shown``, 第五十二条第一款: not
    assumed when omitted) and told the party the facts, reasons, basis and rights (``notified``,
    第四十四条); the party's ``statement`` is recorded, or ``statement_waived`` (第四十五条,
    第六十二条). The 公示 clock starts unless the deployment exempts on-the-spot decisions."""
    if not policies.can_register(actor, agency.pk):
        raise PermissionDenied("您不是该机关的行政执法人员，不能当场作出处罚决定。")
    unknown = set(party) - set(PARTY_FIELDS)
    if unknown:
        raise ValidationError({k: "不是当事人信息的字段。" for k in sorted(unknown)})
    errors: dict[str, str] = {}
    officers = list(officers)
    types = sorted(set(types))
    require(
        errors,
        party_name=(party_name, "当事人"),
        types=(types, "处罚种类"),
        reasons=(reasons, "决定理由"),
        matter=(matter, "执法事项"),
        officers=(officers, "执法人员"),
    )
    check_party(errors, party_kind, party.get("party_id_number", ""), party.get("party_uscc", ""))
    if "fine" in types and fine is None:
        errors["fine"] = "处罚种类包括罚款，请填写罚款数额。"
    if matter is not None and matter.agency_id != agency.pk:
        errors["matter"] = "该执法事项不属于本机关的行政执法事项清单。"
    fail_if(errors)
    decided_on = decided_on or today()
    id_number = party.get("party_id_number", "")
    with transaction.atomic():
        case = Case(
            agency=agency,
            matter=matter,
            state="draft",
            procedure="summary",
            registered_on=decided_on,
            source_kind="inspection",
            source_summary="执法检查中当场发现",
            party_kind=party_kind,
            party_name=party_name,
            violation_date=violation_date or decided_on,
            discovered_on=decided_on,
            opened_on=decided_on,
            facts=facts,
            party_birth_date=party.pop("party_birth_date", None) or birth_date_from_id(id_number),
            officer_exception_basis=officer_exception_basis,
            harms_life_health_finance=bool(matter.life_health_finance),
            **party,
        )
        case.party_key = case.compute_party_key()
        case.save()
        return run(
            case,
            "summary_penalty",
            actor=actor,
            on_date=decided_on,
            data={
                "outcome": "penalty",
                "types": types,
                "fine": fine,
                "detail": detail,
                "decision_reasons": reasons,
                "officers": [s.pk for s in officers],
                "matter": matter,
                "basis": basis_data(case, decided_on),
                "tier": "",
                "tier_label": "",
                "id_shown": id_shown,
                "notified": notified,
                "statement": (statement or "").strip(),
                "statement_waived": statement_waived,
            },
        )


def file_summary_penalty(case: Case, *, actor: Any, on: date | None = None) -> Case:
    """备案 of an on-the-spot decision with the officers' agency (第五十二条第三款), ``on``."""
    return run(case, "file_summary_penalty", actor=actor, on_date=on)


def record_payment(
    case: Case,
    *,
    actor: Any,
    amount: Decimal,
    paid_on: date | None = None,
    surcharge: Decimal = Decimal(0),
    receipt_number: str = "",
    on_spot: bool = False,
    on_spot_ground: str = "",
    on_spot_reason: str = "",
    on_water: bool = False,
    landed_on: date | None = None,
) -> Case:
    """A payment of the fine (and of the 加处罚款 owed); paying in full stops the clock.

    ``on_spot``: the officer collected it on the spot after a summary decision (第六十八条: a
    fine of 100 元 or less, ``on_spot_ground="small"``, or one hard to collect afterwards,
    ``"hard"`` with ``on_spot_reason``), against a 专用票据 (第七十条); the officer's two working
    days to hand it in start (第七十一条; on water from ``landed_on``)."""
    if amount is None or Decimal(str(amount)) < 0 or Decimal(str(surcharge or 0)) < 0:
        raise ValidationError({"amount": "缴款金额不能为负数。"})
    if Decimal(str(amount)) == 0 and Decimal(str(surcharge or 0)) == 0:
        raise ValidationError({"amount": "请填写缴款金额。"})
    return run(
        case,
        "record_payment",
        actor=actor,
        on_date=paid_on,
        data={
            "amount": Decimal(str(amount)),
            "surcharge": Decimal(str(surcharge or 0)),
            "receipt_number": receipt_number,
            "on_spot": on_spot,
            "on_spot_ground": on_spot_ground,
            "on_spot_reason": on_spot_reason,
            "on_water": on_water,
            "landed_on": landed_on,
        },
    )


def hand_in_cash(case: Case, *, actor: Any, on: date | None = None) -> Case:
    """The officer hands the cash collected on the spot to the agency (第七十一条), ``on``; the
    agency's two working days to pay it into the designated bank start."""
    return run(case, "hand_in_cash", actor=actor, on_date=on)


def deposit_cash(case: Case, *, actor: Any, on: date | None = None) -> Case:
    """The agency pays the cash collected on the spot into the designated bank (第七十一条)."""
    return run(case, "deposit_cash", actor=actor, on_date=on)


def approve_deferral(
    case: Case,
    *,
    actor: Any,
    kind: str,
    until: date,
    reason: str,
    approved_on: date | None = None,
    instalments: Iterable[dict[str, Any]] = (),
) -> Case:
    """暂缓或者分期缴纳, on the party's application and the agency's approval (第六十六条第二款)."""
    errors: dict[str, str] = {}
    if kind not in Deferral.Kind.values:
        errors["kind"] = "请选择暂缓缴纳或分期缴纳。"
    require(errors, until=(until, "缴纳期限"), reason=(reason, "当事人申请理由"))
    fail_if(errors)
    return run(
        case,
        "approve_deferral",
        actor=actor,
        on_date=approved_on,
        data={
            "kind": kind,
            "until": until,
            "reason": reason,
            "instalments": list(instalments),
        },
    )


def record_reconsideration_or_suit(
    case: Case, *, actor: Any, kind: str, filed_on: date | None = None, body: str = ""
) -> Remedy:
    """行政复议 applied for or 行政诉讼 filed: the surcharge stops accruing (第七十三条第三款)."""
    if kind not in Remedy.Kind.values:
        raise ValidationError({"kind": "请选择行政复议或行政诉讼。"})
    with transaction.atomic():
        run(
            case,
            "record_reconsideration_or_suit",
            actor=actor,
            on_date=filed_on,
            data={"kind": kind, "body": body},
        )
        return case.remedies.order_by("-id").first()


def conclude_reconsideration_or_suit(
    remedy: Remedy, *, actor: Any, result: str, ended_on: date | None = None
) -> Remedy:
    """The 复议/诉讼 ends; a change, revocation or finding of unlawfulness starts the 3-working-day
    withdrawal of the published decision (第四十八条)."""
    if result not in Remedy.Result.values:
        raise ValidationError({"result": "请选择复议或诉讼结果。"})
    run(
        remedy.case,
        "conclude_reconsideration_or_suit",
        actor=actor,
        on_date=ended_on,
        data={"remedy": remedy.pk, "result": result},
    )
    remedy.refresh_from_db()
    return remedy


def apply_court_enforcement(
    case: Case,
    *,
    actor: Any,
    court: str,
    demand_served_on: date,
    applied_on: date | None = None,
    late_reason: str = "",
    demand_mode: str = "direct",
) -> Case:
    """申请人民法院强制执行: the payment overdue, the party's 复议 and 诉讼 periods run out with no
    remedy pending, within the three months after (行政强制法 第五十三条; later only with a
    正当理由, 行诉法解释 第一百五十六条), and more than ten working days after a 催告 (第五十四条).
    A 催告书 served by 公告 (``demand_mode``; ``demand_served_on`` the 公告) counts as served
    thirty days after it (民事诉讼法 第九十五条): the ten days run from then."""
    errors = {"court": "请填写受理法院。"} if not court else {}
    demand_mode = demand_mode or "direct"
    if demand_mode not in dict(SERVICE_MODES):
        errors["demand_mode"] = "请选择催告书送达方式。"
    fail_if(errors)
    data: dict[str, Any] = {
        "court": court,
        "demand_served_on": demand_served_on,
        "demand_mode": demand_mode,
    }
    if late_reason:
        data["late_reason"] = late_reason
    return run(case, "apply_court_enforcement", actor=actor, on_date=applied_on, data=data)


def close_case(
    case: Case, *, actor: Any, closed_on: date | None = None, reason: str = "", outcome: str = ""
) -> Case:
    """结案 (after execution), or 撤销立案 of a case still under investigation (with a reason:
    违法事实不能成立, 移送司法机关…)."""
    if case.state == "executing":
        return run(case, "close_case", actor=actor, on_date=closed_on, data={"reason": reason})
    errors: dict[str, str] = {}
    require(errors, reason=(reason, "撤销立案的理由"))
    if outcome and outcome not in ("dropped", "transferred"):
        errors["outcome"] = "撤销立案的结果应为“撤销立案”或“移送司法机关”。"
    fail_if(errors)
    return run(
        case,
        "drop_case",
        actor=actor,
        on_date=closed_on,
        data={"reason": reason, "outcome": outcome or "dropped"},
    )


def archive_case(case: Case, *, actor: Any, archived_on: date | None = None) -> Case:
    """归档 of the closed case (第四十七条: the whole-process record kept on file)."""
    return run(case, "archive_case", actor=actor, on_date=archived_on)


def publish_decision(case: Case, *, actor: Any, on: date | None = None) -> Case:
    """事后公示 of the decision through the publication door (118号 二（六）: 7 working days).

    The door stamps the day it publishes (today); ``on``, when given, must be today.
    """
    if on is not None and on != today():
        raise ValidationError({"on": f"公开日期即公开当日（{today():%Y-%m-%d}），不能补登或预填。"})
    return run(case, "publish_decision", actor=actor, on_date=today())


def withdraw_publication(
    case: Case, *, actor: Any, reason: str, on: date | None = None, changed_on: date | None = None
) -> Case:
    """撤回 of the published decision with a public reason, within 3 working days (第四十八条)."""
    if changed_on is None:
        last = case.remedies.filter(result__in=Remedy.UNDOING).order_by("-ended_on").first()
        changed_on = last.ended_on if last else None
    return run(
        case,
        "withdraw_publication",
        actor=actor,
        on_date=on,
        data={"reason": reason, "changed_on": changed_on},
    )


def raise_transfer(case: Case, *, actor: Any, reason: str, on: date | None = None) -> Transfer:
    """提出移送: the case is suspected of a crime (两法衔接); the transfer is tracked from here."""
    fail_if({"reason": "请填写涉嫌犯罪的理由。"} if not reason else {})
    with transaction.atomic():
        run(case, "raise_transfer", actor=actor, on_date=on, data={"reason": reason})
        return case.transfers.order_by("-id").first()


TRANSFER_STEPS = {"transfer", "receive", "accept", "return", "conclude", "dismiss"}


def record_transfer_outcome(
    transfer: Transfer,
    *,
    actor: Any,
    step: str,
    on: date | None = None,
    receiver: str = "",
    documents: Iterable[str] = (),
    reason: str = "",
    outcome: str = "",
) -> Transfer:
    """One step of the transfer: 移送 (to 公安, with documents), 接收, 立案 or 退回, 处理结果;
    or 经审查不涉嫌犯罪 for a task raised in error."""
    if step not in TRANSFER_STEPS:
        raise ValidationError({"step": "未知的移送步骤。"})
    data: dict[str, Any] = {}
    if step == "transfer":
        data = {"receiver": receiver, "documents": list(documents)}
    elif step == "return":
        data = {"reason": reason, "return_reason": reason}
    elif step in ("conclude", "dismiss"):
        data = {"outcome": outcome or reason, "reason": reason or outcome}
    if step != "transfer":
        return run(transfer, step, actor=actor, on_date=on, data=data, workflow=TRANSFER_WORKFLOW)
    with transaction.atomic():
        transfer = run(
            transfer, step, actor=actor, on_date=on, data=data, workflow=TRANSFER_WORKFLOW
        )
        # 第六条（一）: the 涉嫌犯罪案件移送书 heads the materials; it is generated from the
        # transfer just recorded, stored by digest and ledgered with the transfer's id.
        letter = generate_transfer_letter(transfer, actor=actor)
        transfer.documents = [letter.file_id, *transfer.documents]
        transfer.save(update_fields=["documents"])
    return transfer
