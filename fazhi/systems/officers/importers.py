""".xlsx import and export of certificates and training records (all rows or none).

``import_certificates`` reconciles each row with the register through the services: a new
number is registered (登记已发证件); a later 有效期至 is a renewal; a changed 状态 is a suspension,
reinstatement, revocation or expiry; an identical row changes nothing (so an exported file
imports back unchanged). ``import_training`` adds training records; a row already recorded is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from fazhi.core.accounts.models import StaffMember
from fazhi.core.importing import Column, Importer, ImportResult
from fazhi.core.importing.checks import Checker
from fazhi.core.importing.export import export_bytes
from fazhi.core.importing.reader import Row
from fazhi.core.importing.run import commit, start
from fazhi.core.workflow.engine import InvalidTransition, Refused, register_action

from . import policies, services
from .models import Certificate, TrainingRecord

IMPORTED = register_action("officers.import", "执法人员·批量导入")

KIND_LABELS = {label: code for code, label in Certificate.Kind.choices}
STATUS_LABELS = {
    label: code for code, label in Certificate.Status.choices if code != Certificate.Status.NEW
}
CATEGORY_LABELS = {label: code for code, label in TrainingRecord.Category.choices}


CERTIFICATE_COLUMNS = (
    Column("name", "姓名", True, "持证人姓名，须与公民身份号码登记的人员一致。", "张三"),
    Column("id_number", "公民身份号码", True, "平台已登记的工作人员。", "", text=True, width=22),
    Column("kind", "证件类别", False, "空白为行政执法证。", "行政执法证", tuple(KIND_LABELS)),
    Column("number", "证件编号", True, "全平台唯一。", "33000123456", text=True),
    Column(
        "fields",
        "执法领域",
        False,
        "多个用顿号“、”分隔；行政执法证必填。",
        "市场监管、食品安全",
    ),
    Column("issuer", "发证机关", False, "", "示例省人民政府"),
    Column("issued_on", "发证日期", True, "如 2024-01-31。换证时填写换证日期。", "2024-01-31"),
    Column("expires_on", "有效期至", True, "不得早于已登记的有效期。", "2029-01-30"),
    Column("status", "状态", False, "空白为有效。", "有效", tuple(STATUS_LABELS)),
    Column(
        "status_changed_on",
        "状态变更日期",
        False,
        "暂扣、恢复、注销的生效日期；空白为导入当日。",
        "",
    ),
    Column("reason", "变更原因", False, "暂扣、注销必填。", "", width=30),
)

TRAINING_COLUMNS = (
    Column("name", "姓名", True, "参训人员姓名，须与公民身份号码登记的人员一致。", "张三"),
    Column("id_number", "公民身份号码", True, "平台已登记的工作人员。", "", text=True, width=22),
    Column("year", "年度", False, "空白为培训日期所在年度。", "2024"),
    Column("date", "培训日期", True, "", "2024-03-15"),
    Column(
        "category",
        "类别",
        True,
        "政治理论和党性教育学时不计入纲要规定的60学时。",
        "专业法律知识",
        tuple(CATEGORY_LABELS),
    ),
    Column("title", "培训名称", True, "", "新修订行政处罚法专题培训", width=30),
    Column("hours", "学时", True, "大于0的数字。", "8"),
    Column("provider", "主办单位", False, "", "县司法局"),
)

# The declarations the platform's import page draws from: a file is reconciled as a whole
# (certificates) or checked against what is recorded (training), so each gives its own ``run``.
CERTIFICATES = Importer(
    name="officers.certificates",
    label="执法证件",
    columns=CERTIFICATE_COLUMNS,
    run=lambda source, *, actor, **kw: import_certificates(
        source, agency_ids=policies.supervised_ids(actor), actor=actor, **kw
    ),
    allowed=policies.can_manage_any_certificates,
    refused="您没有导入执法证件的权限。",
    verbatim=True,
    export=lambda user: reverse("officers:export", args=["certificates"]),
    description="已导出的文件可直接修改后导入：新编号为发证，有效期延后为换证，状态变更为暂扣、恢复或注销，相同的行不作变更。",
)
TRAINING = Importer(
    name="officers.training",
    label="培训记录",
    columns=TRAINING_COLUMNS,
    run=lambda source, *, actor, **kw: import_training(
        source, agency_ids=policies.training_agency_ids(actor), actor=actor, **kw
    ),
    allowed=policies.can_record_any_training,
    refused="您没有导入培训记录的权限。",
    verbatim=True,
    export=lambda user: reverse("officers:export", args=["training"]),
    description="每行一条培训记录；已登记的培训（同一人员、日期和名称）跳过。",
)


@dataclass
class _Plan:
    row: int
    staff: StaffMember
    data: dict[str, Any] = field(default_factory=dict)
    existing: Certificate | None = None


def _staff_index(agency_ids: frozenset[int]) -> dict[str, StaffMember]:
    return {
        s.id_number: s
        for s in StaffMember.objects.filter(agency_id__in=agency_ids).select_related("agency")
    }


def _staff(check: Checker, row: Row, index: dict[str, StaffMember]) -> StaffMember | None:
    id_number = check.required(row, "id_number")
    name = check.required(row, "name")
    if not id_number:
        return None
    staff = index.get(id_number.upper())
    if staff is None:
        check.error(
            row, "id_number", "平台中没有该公民身份号码的工作人员，或其不在您有权管理的机关。"
        )
        return None
    if name and name != staff.name:
        check.error(row, "name", f"与公民身份号码登记的人员姓名“{staff.name}”不一致。")
        return None
    return staff


def import_certificates(
    source: bytes | BinaryIO | Path | str,
    *,
    agency_ids: frozenset[int],
    actor: Any,
    dry_run: bool = False,
    filename: str = "执法证件.xlsx",
) -> ImportResult:
    """Reconcile the certificate register with a file (staff limited to ``agency_ids``)."""
    result, data, rows = start(CERTIFICATES, source, dry_run=dry_run)
    if rows is None:
        return result
    check = Checker(CERTIFICATES)
    index = _staff_index(agency_ids)
    existing = {
        c.number: c for c in Certificate.objects.filter(number__in=[r["number"] for r in rows])
    }
    seen: dict[str, int] = {}
    today = timezone.localdate()
    plans: list[_Plan] = []
    for row in rows:
        staff = _staff(check, row, index)
        kind = check.choice(row, "kind", KIND_LABELS, Certificate.Kind.ENFORCEMENT)
        number = check.required(row, "number")
        if number:
            check.unique(row, "number", number, seen)
        fields = check.items(row, "fields")
        if kind == Certificate.Kind.ENFORCEMENT and not fields:
            check.error(row, "fields", "行政执法证应载明至少一个执法领域。")
        issued_on = check.day(row, "issued_on", required=True)
        expires_on = check.day(row, "expires_on", required=True)
        if issued_on and expires_on and expires_on <= issued_on:
            check.error(row, "expires_on", "有效期至应晚于发证日期。")
        status = check.choice(row, "status", STATUS_LABELS, Certificate.Status.VALID)
        changed_on = check.day(row, "status_changed_on") or today
        reason = check.text(row, "reason", 300)
        cert = existing.get(number or "")
        if cert is not None and staff is not None and cert.staff_id != staff.pk:
            check.error(row, "number", f"证件编号已登记在“{cert.staff.name}”名下。")
        if cert is not None and expires_on and expires_on < cert.expires_on:
            check.error(row, "expires_on", f"不得早于已登记的有效期（{cert.expires_on}）。")
        if cert is not None and expires_on == cert.expires_on and fields and fields != cert.fields:
            check.error(row, "fields", "执法领域变更须随换证（延长有效期）办理。")
        changes_to_unusable = status in (
            Certificate.Status.SUSPENDED,
            Certificate.Status.REVOKED,
        ) and (cert is None or cert.status != status)
        if changes_to_unusable and not reason:
            check.error(row, "reason", "暂扣、注销须填写变更原因。")
        if staff and number and issued_on and expires_on and status and kind:
            plans.append(
                _Plan(
                    row.number,
                    staff,
                    {
                        "kind": kind,
                        "number": number,
                        "fields": fields,
                        "issuer": row["issuer"],
                        "issued_on": issued_on,
                        "expires_on": expires_on,
                        "status": status,
                        "changed_on": changed_on,
                        "reason": reason,
                    },
                    cert,
                )
            )
    result.errors = check.sorted_errors()

    def write(plan: _Plan) -> str:
        try:
            return _write(plan)
        except (Refused, InvalidTransition) as exc:  # reported against the row, as input errors
            raise ValidationError(str(exc)) from exc

    def _write(plan: _Plan) -> str:
        d, cert = plan.data, plan.existing
        outcome = "未变更"
        if cert is None:
            cert = services.register_certificate(
                plan.staff,
                kind=d["kind"],
                number=d["number"],
                fields=d["fields"],
                issued_on=d["issued_on"],
                expires_on=d["expires_on"],
                issuer=d["issuer"],
                actor=actor,
            )
            outcome = "新发证件"
        elif d["expires_on"] > cert.expires_on:
            renew_on = d["issued_on"] if d["issued_on"] > cert.issued_on else today
            cert = services.renew_certificate(
                cert,
                on=renew_on,
                expires_on=d["expires_on"],
                fields=d["fields"] or None,
                actor=actor,
            )
            outcome = "换证"
        if d["status"] != cert.status:
            on, reason = d["changed_on"], d["reason"]
            if d["status"] == Certificate.Status.SUSPENDED:
                services.suspend_certificate(cert, on=on, reason=reason, actor=actor)
            elif d["status"] == Certificate.Status.REVOKED:
                services.revoke_certificate(cert, on=on, reason=reason, actor=actor)
            elif d["status"] == Certificate.Status.EXPIRED:
                services.expire_certificate(cert, actor=actor)
            else:
                services.reinstate_certificate(cert, on=on, reason=reason, actor=actor)
            outcome = "状态变更" if outcome == "未变更" else outcome
        return outcome

    return commit(
        result,
        data,
        plans,
        write,
        filename=filename,
        subject="officers:import:certificates",
        action=IMPORTED,
        actor=actor,
    )


def import_training(
    source: bytes | BinaryIO | Path | str,
    *,
    agency_ids: frozenset[int],
    actor: Any,
    dry_run: bool = False,
    filename: str = "培训记录.xlsx",
) -> ImportResult:
    """Add training records from a file (staff limited to ``agency_ids``)."""
    result, data, rows = start(TRAINING, source, dry_run=dry_run)
    if rows is None:
        return result
    check = Checker(TRAINING)
    index = _staff_index(agency_ids)
    recorded = {
        (s, d, t): h
        for s, d, t, h in TrainingRecord.objects.filter(
            staff__agency_id__in=agency_ids
        ).values_list("staff_id", "date", "title", "hours")
    }
    seen: dict[str, int] = {}
    plans: list[_Plan] = []
    for row in rows:
        staff = _staff(check, row, index)
        day = check.day(row, "date", required=True)
        year = check.integer(row, "year", day.year if day else 0)
        category = check.choice(row, "category", CATEGORY_LABELS, None)
        title = check.text(row, "title", 200, required=True)
        hours = check.amount(row, "hours", required=True)
        if hours is not None and hours <= 0:
            check.error(row, "hours", "学时应大于0。")
            hours = None
        if not (staff and day and category and title and hours is not None):
            continue
        if not check.unique(row, "title", f"{staff.pk}|{day}|{title}", seen):
            continue
        before = recorded.get((staff.pk, day, title))
        if before is not None:
            if Decimal(before) != hours:
                check.error(
                    row,
                    "hours",
                    f"该培训已登记为 {before} 学时，与本行不一致；如需更正请联系管理员。",
                )
            continue
        plans.append(
            _Plan(
                row.number,
                staff,
                {
                    "year": year,
                    "date": day,
                    "category": category,
                    "title": title,
                    "hours": hours,
                    "provider": row["provider"],
                },
            )
        )
    result.errors = check.sorted_errors()

    def write(plan: _Plan) -> str:
        services.record_training(plan.staff, actor=actor, **plan.data)
        return "培训记录"

    return commit(
        result,
        data,
        plans,
        write,
        filename=filename,
        subject="officers:import:training",
        action=IMPORTED,
        actor=actor,
    )


_STATUS_EVENTS = frozenset({"suspended", "revoked", "reinstated"})


def certificates_xlsx(qs: QuerySet[Certificate]) -> bytes:
    """The register as a file :func:`import_certificates` reads back unchanged."""

    def values(c: Certificate) -> dict[str, Any]:
        changes = [e for e in c.events.all() if e.kind in _STATUS_EVENTS]
        last = max(changes, key=lambda e: (e.on, e.pk)) if changes else None
        return {
            "name": c.staff.name,
            "id_number": c.staff.id_number,
            "kind": c.get_kind_display(),
            "number": c.number,
            "fields": c.fields_display,
            "issuer": c.issuer,
            "issued_on": c.issued_on,
            "expires_on": c.expires_on,
            "status": c.get_status_display(),
            "status_changed_on": c.status_changed_on if last else None,
            "reason": last.reason if last else "",
        }

    ordered = (
        qs.select_related("staff").prefetch_related("events").order_by("staff__name", "number")
    )
    return export_bytes(CERTIFICATES, ordered, values)


def training_xlsx(qs: QuerySet[TrainingRecord]) -> bytes:
    def values(t: TrainingRecord) -> dict[str, Any]:
        return {
            "name": t.staff.name,
            "id_number": t.staff.id_number,
            "year": t.year,
            "date": t.date,
            "category": t.get_category_display(),
            "title": t.title,
            "hours": t.hours,
            "provider": t.provider,
        }

    return export_bytes(TRAINING, qs.select_related("staff").order_by("date", "id"), values)
