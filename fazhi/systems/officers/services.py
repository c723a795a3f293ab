"""The only write path of the officers app.

Every function is atomic, takes ``actor`` keyword-only, validates its input with Chinese
messages naming the field, and writes one ledger entry per change. A certificate's changes are
steps of :data:`.workflow.CERTIFICATE_WORKFLOW`, done by
:func:`fazhi.core.workflow.engine.perform` (guards with their basis, the ledger entry, the
history row); a refused step raises ``Refused`` and saves nothing. Access is decided by
:mod:`.policies` in the views and API before these are called, and again by the workflow's
``allowed``; importers, the demo loader and the expiry scan call them directly.

Public API:

- ``issue_certificate(staff, *, kind, number, fields, issued_on, expires_on, issuer="", actor)``
- ``register_certificate(...)`` — the same, for a certificate issued before the platform (import)
- ``renew_certificate(certificate, *, on, expires_on, fields=None, reason="", actor)``
- ``suspend_certificate(certificate, *, on, reason, actor)``
- ``reinstate_certificate(certificate, *, on, reason="", actor)``
- ``revoke_certificate(certificate, *, on, reason, actor)``
- ``expire_certificate(certificate, *, actor=SYSTEM)``; ``expire_certificates(*, actor=SYSTEM)``,
  the daily scan (``fazhi officers expire``)
- ``record_training(staff, *, category, title, date, hours, year=None, provider="", actor)``
- ``record_training_batch(staff, entries, *, actor)`` — several of one person's, one ledger entry
- ``record_exam(staff, *, kind, name, date, score, passed, actor)``
- ``record_legal_qualification(staff, *, number, obtained_on, actor)``
- ``register_reviewer(staff, *, first_reviewed_on, active=True, actor)``

Expiry reminder: the kernel's time-limit catalogue has no rule for certificate renewal (it is a
management requirement, not a statute), so no Deadline row is started; the supervisor's 待办
page lists :func:`.selectors.expiring_certificates` within the policy window of
:func:`.rules.expiry_notice`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date as date_type
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.accounts.models import StaffMember
from fazhi.core.ledger import tracking
from fazhi.core.ledger.services import record
from fazhi.core.workflow.engine import InvalidTransition, Refused, perform, register_action
from fazhi.core.workflow.models import TransitionLog

from .models import (
    Certificate,
    CertificateEvent,
    ExamResult,
    LegalQualification,
    ReviewerProfile,
    TrainingRecord,
)
from .workflow import CERTIFICATE_WORKFLOW

#: The actor of the daily expiry scan.
SYSTEM = "system:officers-expire"

#: The certificate codes are those of ledger entries written before the certificate workflow
#: (its steps are ``officers.certificate.issue`` …); kept so that those entries keep their labels.
ACTIONS = {
    "officers.certificate.issued": "执法证件·发证",
    "officers.certificate.renewed": "执法证件·换证",
    "officers.certificate.suspended": "执法证件·暂扣",
    "officers.certificate.reinstated": "执法证件·恢复使用",
    "officers.certificate.revoked": "执法证件·注销",
    "officers.training.recorded": "培训学时·登记",
    "officers.training.batch_recorded": "培训学时·批量登记",
    "officers.exam.recorded": "考试成绩·登记",
    "officers.qualification.recorded": "法律职业资格·登记",
    "officers.reviewer.registered": "法制审核人员·登记",
}
for _code, _label in ACTIONS.items():
    register_action(_code, _label)


def _subject(obj: Any) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def split_fields(text: str) -> list[str]:
    """``"市场监管、食品安全"`` → ``["市场监管", "食品安全"]`` (also splits on commas and semicolons)."""
    return [p for p in re.split(r"[、,，;；/\s]+", text or "") if p]


def _clean_fields(fields: Iterable[str] | str) -> list[str]:
    if isinstance(fields, str):
        fields = split_fields(fields)
    out: list[str] = []
    for f in fields:
        f = str(f).strip()
        if f and f not in out:
            out.append(f)
    return out


def _step(
    cert: Certificate,
    name: str,
    *,
    actor: Any,
    on: date_type,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> Certificate:
    """Perform step ``name`` of the certificate workflow; the step's dated event (the last one,
    written by its effect) is given the sequence number of the ledger entry :func:`perform` wrote."""
    reason = (reason or "").strip()
    done = perform(
        CERTIFICATE_WORKFLOW,
        cert,
        name,
        actor=actor,
        data={**(data or {}), "reason": reason},
        on_date=on,
        comment=reason,
    )
    seq = (
        TransitionLog.objects.filter(
            subject_type=ContentType.objects.get_for_model(Certificate), subject_id=done.pk
        )
        .order_by("-pk")
        .values_list("ledger_leaf", flat=True)
        .first()
    )
    event = CertificateEvent.objects.filter(certificate=done).order_by("-pk").first()
    if event is not None:
        event.ledger_leaf = seq
        event.save(update_fields=["ledger_leaf"])
    return done


def _new_certificate(
    staff: StaffMember,
    step: str,
    *,
    kind: str,
    number: str,
    fields: Iterable[str],
    issued_on: date_type,
    expires_on: date_type,
    issuer: str,
    actor: Any,
) -> Certificate:
    number = (number or "").strip()
    clean_fields = _clean_fields(fields)
    errors: dict[str, str] = {}
    if kind not in Certificate.Kind.values:
        errors["kind"] = f"证件类别“{kind}”无效，应为：{'、'.join(Certificate.Kind.labels)}。"
    if not number:
        errors["number"] = "请填写证件编号。"
    elif Certificate.objects.filter(number=number).exists():
        errors["number"] = f"证件编号“{number}”已存在，证件编号不得重复。"
    if kind == Certificate.Kind.ENFORCEMENT and not clean_fields:
        errors["fields"] = "行政执法证应载明至少一个执法领域。"
    if expires_on <= issued_on:
        errors["expires_on"] = "有效期至应晚于发证日期。"
    if errors:
        raise ValidationError(errors)
    cert = Certificate.objects.create(
        staff=staff,
        kind=kind,
        number=number,
        fields=clean_fields,
        issued_on=issued_on,
        expires_on=expires_on,
        issuer=issuer.strip(),
        status=Certificate.Status.NEW,
        status_changed_on=issued_on,
    )
    return _step(
        cert,
        step,
        actor=actor,
        on=issued_on,
        data={"kind": kind, "staff": staff.name, "issuer": cert.issuer, "issued_on": issued_on},
    )


@transaction.atomic
def issue_certificate(
    staff: StaffMember,
    *,
    kind: str = Certificate.Kind.ENFORCEMENT,
    number: str,
    fields: Iterable[str],
    issued_on: date_type,
    expires_on: date_type,
    issuer: str = "",
    actor: Any,
) -> Certificate:
    """发证: a new certificate, valid from ``issued_on`` to ``expires_on`` inclusive, to a holder
    who passed the 执法资格考试 (refused otherwise, with its basis; nothing is saved)."""
    return _new_certificate(
        staff,
        "issue",
        kind=kind,
        number=number,
        fields=fields,
        issued_on=issued_on,
        expires_on=expires_on,
        issuer=issuer,
        actor=actor,
    )


@transaction.atomic
def register_certificate(
    staff: StaffMember,
    *,
    kind: str = Certificate.Kind.ENFORCEMENT,
    number: str,
    fields: Iterable[str],
    issued_on: date_type,
    expires_on: date_type,
    issuer: str = "",
    actor: Any,
) -> Certificate:
    """登记已发证件: a certificate issued before the platform, entered from a register (the
    import). Its exam is not on the platform, so it is not checked; the history says so."""
    return _new_certificate(
        staff,
        "register",
        kind=kind,
        number=number,
        fields=fields,
        issued_on=issued_on,
        expires_on=expires_on,
        issuer=issuer,
        actor=actor,
    )


@transaction.atomic
def renew_certificate(
    certificate: Certificate,
    *,
    on: date_type,
    expires_on: date_type,
    fields: Iterable[str] | None = None,
    reason: str = "",
    actor: Any,
) -> Certificate:
    """换证: the certificate is valid again from ``on`` to ``expires_on`` — within the renewal
    window before expiry, or after it has expired.

    A lapse between the old expiry and ``on`` stays a lapse in the history: acts on those days
    fail :func:`.selectors.certificate_check`.
    """
    current = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if expires_on <= max(on, current.expires_on):
        raise ValidationError({"expires_on": "新的有效期应晚于原有效期和换证日期。"})
    clean = None
    if fields is not None:
        clean = _clean_fields(fields)
        if current.kind == Certificate.Kind.ENFORCEMENT and not clean:
            raise ValidationError({"fields": "行政执法证应载明至少一个执法领域。"})
    return _step(
        current,
        "renew",
        actor=actor,
        on=on,
        reason=reason,
        data={"new_expires_on": expires_on, "new_fields": clean},
    )


@transaction.atomic
def suspend_certificate(
    certificate: Certificate, *, on: date_type, reason: str, actor: Any
) -> Certificate:
    """暂扣: from ``on`` the holder may not act as an officer until reinstated."""
    return _step(certificate, "suspend", actor=actor, on=on, reason=reason)


@transaction.atomic
def reinstate_certificate(
    certificate: Certificate, *, on: date_type, reason: str = "", actor: Any
) -> Certificate:
    """恢复使用 after a suspension, within the validity."""
    return _step(certificate, "reinstate", actor=actor, on=on, reason=reason)


@transaction.atomic
def revoke_certificate(
    certificate: Certificate, *, on: date_type, reason: str, actor: Any
) -> Certificate:
    """注销 (or 吊销): final; a new certificate must be issued."""
    return _step(certificate, "revoke", actor=actor, on=on, reason=reason)


@transaction.atomic
def expire_certificate(certificate: Certificate, *, actor: Any = SYSTEM) -> Certificate:
    """有效期届满: the certificate is marked expired as of the day after its last valid day."""
    cert = Certificate.objects.get(pk=certificate.pk)
    return _step(cert, "expire", actor=actor, on=cert.expires_on + timedelta(days=1))


def expire_certificates(*, actor: Any = SYSTEM) -> list[str]:
    """The daily scan: every valid or suspended certificate whose validity ended before today is
    marked expired, one transaction each. Returns the numbers it expired."""
    today = timezone.localdate()
    due = Certificate.objects.filter(
        status__in=(Certificate.Status.VALID, Certificate.Status.SUSPENDED), expires_on__lt=today
    ).order_by("expires_on", "pk")
    done: list[str] = []
    for cert in due.iterator():
        try:
            expire_certificate(cert, actor=actor)
        except (Refused, InvalidTransition):  # renewed or revoked since the query: nothing to do
            continue
        done.append(cert.number)
    return done


def _decimal(value: Any, field: str, label: str) -> Decimal:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: f"{label}应为数字。"}) from exc
    if not d.is_finite():
        raise ValidationError({field: f"{label}应为数字。"})
    return d


def _training_row(
    staff: StaffMember,
    *,
    category: str,
    title: str,
    date: date_type,
    hours: Any,
    year: int | None = None,
    provider: str = "",
) -> TrainingRecord:
    """A validated, unsaved training record."""
    h = _decimal(hours, "hours", "学时")
    errors: dict[str, str] = {}
    if category not in TrainingRecord.Category.values:
        errors["category"] = (
            f"培训类别“{category}”无效，应为：{'、'.join(TrainingRecord.Category.labels)}。"
        )
    if not title.strip():
        errors["title"] = "请填写培训名称。"
    if h <= 0 or h > 1000:
        errors["hours"] = "学时应大于0且不超过1000。"
    if TrainingRecord.objects.filter(staff=staff, date=date, title=title.strip()).exists():
        errors["title"] = f"{staff.name}在{date}已有同名培训记录“{title.strip()}”。"
    if errors:
        raise ValidationError(errors)
    return TrainingRecord(
        staff=staff,
        year=year or date.year,
        category=category,
        title=title.strip(),
        date=date,
        hours=h,
        provider=provider.strip(),
    )


def _training_payload(rec: TrainingRecord) -> dict[str, Any]:
    return {
        "year": rec.year,
        "category": rec.category,
        "title": rec.title,
        "date": rec.date.isoformat(),
        "hours": str(rec.hours),
    }


@transaction.atomic
def record_training(
    staff: StaffMember,
    *,
    category: str,
    title: str,
    date: date_type,
    hours: Decimal | float | str,
    year: int | None = None,
    provider: str = "",
    actor: Any,
) -> TrainingRecord:
    """登记培训学时. The year defaults to the training date's year."""
    rec = _training_row(
        staff, category=category, title=title, date=date, hours=hours, year=year, provider=provider
    )
    rec.save()
    record(
        _subject(rec),
        "officers.training.recorded",
        {"staff_id": staff.pk, "staff": staff.name, **_training_payload(rec)},
        actor=actor,
    )
    return rec


@transaction.atomic
def record_training_batch(
    staff: StaffMember, entries: Iterable[dict[str, Any]], *, actor: Any
) -> list[TrainingRecord]:
    """登记 one person's several trainings at once (a year's certificate of hours, a roster):
    each validated as in :func:`record_training`, all ledgered in one entry on the person."""
    rows: list[TrainingRecord] = []
    seen: set[tuple] = set()
    for n, entry in enumerate(entries, start=1):
        try:
            rec = _training_row(staff, **entry)
        except ValidationError as exc:
            raise ValidationError(
                {k: [f"第{n}条：{m}" for m in v] for k, v in exc.message_dict.items()}
            ) from exc
        if (rec.date, rec.title) in seen:
            raise ValidationError(
                {"title": f"第{n}条：与前面的记录重复（{rec.date} {rec.title}）。"}
            )
        seen.add((rec.date, rec.title))
        rows.append(rec)
    if not rows:
        return []
    TrainingRecord.objects.bulk_create(rows)
    tracking.snapshot_many(rows, actor=actor)  # bulk_create sends no signal
    record(
        _subject(staff),
        "officers.training.batch_recorded",
        {
            "staff_id": staff.pk,
            "staff": staff.name,
            "records": [_training_payload(r) for r in rows],
        },
        actor=actor,
    )
    return rows


@transaction.atomic
def record_exam(
    staff: StaffMember,
    *,
    kind: str,
    name: str,
    date: date_type,
    score: Decimal | float | str,
    passed: bool,
    actor: Any,
) -> ExamResult:
    """登记考试成绩."""
    s = _decimal(score, "score", "成绩")
    if kind not in ExamResult.Kind.values:
        raise ValidationError({"kind": f"考试类别“{kind}”无效。"})
    if s < 0:
        raise ValidationError({"score": "成绩不能为负数。"})
    exam = ExamResult.objects.create(
        staff=staff, kind=kind, name=name.strip(), date=date, score=s, passed=passed
    )
    record(
        _subject(exam),
        "officers.exam.recorded",
        {
            "staff_id": staff.pk,
            "staff": staff.name,
            "kind": kind,
            "name": exam.name,
            "date": date.isoformat(),
            "score": str(s),
            "passed": passed,
        },
        actor=actor,
    )
    return exam


@transaction.atomic
def record_legal_qualification(
    staff: StaffMember, *, number: str, obtained_on: date_type, actor: Any
) -> LegalQualification:
    """登记法律职业资格证书 (行政处罚法 第五十八条第二款)."""
    number = (number or "").strip()
    if not number:
        raise ValidationError({"number": "请填写法律职业资格证书编号。"})
    if LegalQualification.objects.filter(number=number).exists():
        raise ValidationError({"number": f"法律职业资格证书编号“{number}”已登记。"})
    qual = LegalQualification.objects.create(staff=staff, number=number, obtained_on=obtained_on)
    record(
        _subject(qual),
        "officers.qualification.recorded",
        {
            "staff_id": staff.pk,
            "staff": staff.name,
            "number": number,
            "obtained_on": obtained_on.isoformat(),
        },
        actor=actor,
    )
    return qual


@transaction.atomic
def register_reviewer(
    staff: StaffMember, *, first_reviewed_on: date_type, active: bool = True, actor: Any
) -> ReviewerProfile:
    """Put ``staff`` on (or take off) the 法制审核人员 roster."""
    profile, created = ReviewerProfile.objects.update_or_create(
        staff=staff, defaults={"first_reviewed_on": first_reviewed_on, "active": active}
    )
    record(
        _subject(profile),
        "officers.reviewer.registered",
        {
            "staff_id": staff.pk,
            "staff": staff.name,
            "first_reviewed_on": first_reviewed_on.isoformat(),
            "active": active,
            "created": created,
        },
        actor=actor,
    )
    return profile
