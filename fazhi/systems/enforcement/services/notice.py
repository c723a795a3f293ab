"""告知, 陈述申辩 with its 复核, and 听证: the verbs between 调查终结 and the decision."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.deadlines.service import SERVICE_MODES

from .. import rules
from ..models import Case, Hearing, Statement
from .common import basis_data, fail_if, require, run, store_upload, today


def serve_notice(
    case: Case,
    *,
    actor: Any,
    types: Iterable[str],
    facts: str,
    reasons: str,
    basis_text: str,
    served_on: date | None = None,
    fine: Decimal | None = None,
    confiscation: Decimal | None = None,
    detail: str = "",
    hearing_basis: str = "",
    grant_hearing: bool = False,
    hearing_right: bool | None = None,
    mode: str = "direct",
) -> Case:
    """行政处罚告知书 served (第四十四条): proposed penalty, facts, reasons, basis and rights.

    Whether the party may ask for a hearing follows the six grounds of 第六十三条第一款 (the
    confiscation amount against the 较大数额 of the matter's field; ``hearing_basis`` names the
    provision of 第六项). The officer may grant the right where no ground applies
    (``grant_hearing``, its reason in ``hearing_basis``), never withhold it where one does: an
    explicit ``hearing_right=False`` then is refused. The 5-working-day window for asking
    (第六十四条) starts on the day of service; served by 公告 (``mode``), ``served_on`` is the
    公告 and the window starts on the deemed 送达日 thirty days later (民事诉讼法 第九十五条).
    """
    mode = mode or "direct"
    if mode not in dict(SERVICE_MODES):
        raise ValidationError({"mode": "请选择送达方式。"})
    served_on = served_on or today()
    types = sorted(set(types))
    sector = case.matter.field if case.matter_id else ""
    grounds = rules.hearing_grounds(
        case.party_kind,
        set(types),
        fine,
        confiscation,
        sector=sector,
        other_basis="" if grant_hearing else hearing_basis,
    )
    # An explicit "yes" where no ground applies is the officer's grant, with its reason.
    grant_hearing = grant_hearing or (hearing_right is True and not grounds)
    if grant_hearing:
        if not hearing_basis.strip():
            raise ValidationError({"hearing_basis": "依职权告知听证权利的，请填写理由。"})
        grounds.append("granted")
    right = bool(grounds) if hearing_right is None else bool(hearing_right) or grant_hearing
    data = {
        "types": types,
        "fine": fine,
        "confiscation": confiscation,
        "detail": detail,
        "facts": facts,
        "reasons": reasons,
        "basis_text": basis_text,
        "basis": basis_data(case, served_on),
        "hearing_right": right,
        "hearing_grounds": grounds,
        "hearing_basis": hearing_basis,
        "mode": mode,
    }
    # A notice served again (e.g. a heavier penalty is now proposed, 第四十四条) restarts the window.
    step = "renotify" if case.state in ("notified", "ready") else "serve_notice"
    return run(case, step, actor=actor, on_date=served_on, data=data)


def record_statement(
    case: Case,
    *,
    actor: Any,
    received_on: date | None = None,
    content: str = "",
    oral: bool = False,
    waive_statement: bool = False,
    waive_hearing: bool = False,
    file: BinaryIO | bytes | None = None,
    file_name: str = "",
) -> Statement | None:
    """A 陈述申辩 received, or the party's written waiver of it (第六十二条) or of a hearing.

    A waiver of the statement is no statement: ``content`` given with it (the waiver's words) is
    kept in the ledger entry only, and there is nothing to 复核."""
    if not (content or waive_statement or waive_hearing):
        raise ValidationError({"content": "请填写陈述申辩内容，或者登记当事人书面放弃的意思表示。"})
    with transaction.atomic():
        stored = store_upload(file, file_name, "", actor, case)
        run(
            case,
            "record_statement",
            actor=actor,
            on_date=received_on,
            data={
                "content": content,
                "oral": oral,
                "waive_statement": waive_statement,
                "waive_hearing": waive_hearing,
                "file_digest": stored.pk if stored else None,
            },
        )
        return case.statements.order_by("-id").first() if content and not waive_statement else None


def review_statement(
    statement: Statement, *, actor: Any, result: str, opinion: str, reviewed_on: date | None = None
) -> Statement:
    """复核 of a statement (第四十五条第一款)."""
    errors: dict[str, str] = {}
    if result not in Statement.Review.values:
        errors["result"] = "请选择复核结果。"
    require(errors, opinion=(opinion, "复核意见"))
    fail_if(errors)
    run(
        statement.case,
        "review_statement",
        actor=actor,
        on_date=reviewed_on,
        data={
            "statement": statement.pk,
            "result": result,
            "opinion": opinion,
        },
    )
    statement.refresh_from_db()
    return statement


def request_hearing(case: Case, *, actor: Any, requested_on: date | None = None) -> Hearing:
    """The party asks for a hearing within 5 working days of 告知 (第六十四条)."""
    with transaction.atomic():
        run(case, "request_hearing", actor=actor, on_date=requested_on)
        return case.hearings.order_by("-id").first()


def schedule_hearing(
    case: Case,
    *,
    actor: Any,
    scheduled_for: date,
    chair: Any,
    notified_on: date | None = None,
    location: str = "",
    public: bool = True,
) -> Hearing:
    """Fix the hearing: chaired by a non-investigator, notified 7 working days before (第六十四条)."""
    errors: dict[str, str] = {}
    require(
        errors,
        scheduled_for=(scheduled_for, "听证日期"),
        chair=(chair, "听证主持人"),
        location=(location, "听证地点"),
    )
    fail_if(errors)
    notified_on = notified_on or today()
    with transaction.atomic():
        run(
            case,
            "schedule_hearing",
            actor=actor,
            on_date=notified_on,
            data={
                "scheduled_for": scheduled_for,
                "chair": chair,
                "notified_on": notified_on,
                "location": location,
                "public": public,
            },
        )
        return case.hearings.order_by("-id").first()


def record_hearing(
    case: Case,
    *,
    actor: Any,
    held_on: date | None = None,
    outcome: str = "held",
    record: str = "",
    file: BinaryIO | bytes | None = None,
    file_name: str = "",
) -> Hearing:
    """听证笔录 (第六十四条), or the party's withdrawal or absence; the decision rests on it (第六十五条)."""
    if outcome not in Hearing.Outcome.values:
        raise ValidationError({"outcome": "请选择听证结果。"})
    with transaction.atomic():
        stored = store_upload(file, file_name, "", actor, case)
        run(
            case,
            "record_hearing",
            actor=actor,
            on_date=held_on,
            data={
                "outcome": outcome,
                "record": record,
                "file_digest": stored.pk if stored else None,
            },
        )
        return case.hearings.order_by("-id").first()
