"""Helpers shared by the 行政处罚 services: the step data as the ledger stores it, the one call
that performs a declared transition (a refusal comes back explained in the facts of the case),
the Chinese field errors, the party's identity checks and the legal basis of 第三十七条."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.ledger.files import upload_type
from fazhi.core.ledger.services import jsonable, store_file
from fazhi.core.orgs.validators import validate_id_number, validate_uscc
from fazhi.core.workflow.engine import Context, Refused, Workflow, perform
from fazhi.systems.matters import selectors as matter_selectors

from ..effects import FACT_FIELDS
from ..guards import CaseGuard
from ..models import Case
from ..workflow import CASE_WORKFLOW


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


def store_upload(
    file: BinaryIO | bytes | None, name: str, content_type: str, actor: Any, case: Case
):
    """Keep an uploaded file by digest; its arrival is ledgered under the case."""
    if file is None:
        return None
    data = file if isinstance(file, bytes) else file.read()
    name = name or "附件"
    return store_file(
        data,
        name=name,
        content_type=upload_type(data, content_type, name),
        actor=actor,
        subject=case.subject,
    )


def birth_date_from_id(id_number: str) -> date | None:
    """The birth date encoded in a 公民身份号码 (GB 11643-1999, digits 7–14)."""
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except (ValueError, IndexError):
        return None


def check_party(errors: dict[str, str], kind: str, id_number: str, uscc: str) -> None:
    """The party's kind, 公民身份号码 and 统一社会信用代码 checked, each failure into ``errors``."""
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


def case_facts(values: Mapping[str, Any]) -> dict[str, Any]:
    """The case facts a step may fix (violation dates, amount, circumstances, flags)."""
    unknown = set(values) - set(FACT_FIELDS)
    if unknown:
        raise ValidationError({k: "不是可以登记的案件事实。" for k in sorted(unknown)})
    out = dict(values)
    if out.get("party_id_number") and not out.get("party_birth_date"):
        out["party_birth_date"] = birth_date_from_id(out["party_id_number"])
    return out


def basis_data(case: Case, on: date) -> dict[str, Any]:
    """The legal basis applicable under 第三十七条 (从旧兼从轻), as step data."""
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
