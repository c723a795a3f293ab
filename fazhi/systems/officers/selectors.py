"""Queries about enforcement personnel, and the checks other apps call before an officer acts.

Public API (the case app and others code against these names):

- ``certificate_check(staff, on, field) -> CertCheck``: does ``staff`` hold a 行政执法证 that was
  valid on the day ``on`` (issued, within its validity, not suspended or revoked on that day) and
  covers the 执法领域 ``field`` (``None``: any field)? 行政处罚法 第四十二条.
- ``officers_check(staff_list, on, field) -> CertCheck``: at least two distinct officers, each
  passing ``certificate_check``; the reason names every officer who fails (第四十二条
  「执法人员不得少于两人」).
- ``is_qualified_reviewer(staff, on) -> CertCheck``: 法律职业资格 for legal reviewers
  (第五十八条第二款; a reviewer who already reviewed before the law took effect on 2021-07-15
  is not "初次从事").
- ``expiring_certificates(agency_ids, on, days=None)``, ``lapsed_certificates(agency_ids, on)``:
  the supervisor's 待办 list of certificates to renew.
- ``certificate_history(cert)``: the steps of the certificate workflow, for its page.
- ``enforcement_staff``, ``certified_staff_ids``, ``training_hours``, ``training_summary``,
  ``reviewers``: what the indicators and pages count.

Each check returns a reason in Chinese that names the officer and the rule, ready to show.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import DecimalField, Exists, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from fazhi.core.accounts.models import RoleAssignment, StaffMember
from fazhi.core.workflow.engine import labelled_history
from fazhi.core.workflow.models import TransitionLog
from fazhi.kernel.formatting import zh_date

from .models import (
    COUNTED_CATEGORIES,
    Certificate,
    CertificateEvent,
    LegalQualification,
    ReviewerProfile,
)
from .roles import Role
from .rules import ANNUAL_TRAINING_HOURS, REVIEWER_QUALIFICATION, TWO_OFFICERS, expiry_notice_days

_QUALIFICATION_QUOTE = "行政处罚应当由具有行政执法资格的执法人员实施。"


@dataclass(frozen=True)
class CertCheck:
    """Result of a qualification check. ``reason`` is Chinese and cites the rule."""

    ok: bool
    reason: str
    certificate_id: int | None = None
    certificate_ids: tuple[int, ...] = ()
    failed_staff_ids: tuple[int, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return self.ok


# --- a certificate's state on a given day --------------------------------------------------


VALID, NOT_ISSUED, EXPIRED = "valid", "not_issued", "expired"
#: Statuses of a certificate somebody must renew (or revoke) once its validity runs out.
TO_RENEW = (Certificate.Status.VALID, Certificate.Status.EXPIRED)


def state_on(cert: Certificate, on: date) -> tuple[str, date | None]:
    """The certificate's state on ``on`` and the date that state began.

    Read from the events, so that a certificate suspended today was still valid last month and
    a renewal after a lapse does not make the lapse valid. States: ``valid``, ``not_issued``,
    ``expired``, ``suspended``, ``revoked``.
    """
    if on < cert.issued_on:
        return NOT_ISSUED, cert.issued_on
    events = sorted(cert.events.all(), key=lambda e: (e.on, e.pk or 0))
    if not events:  # defensive: every certificate is created with its issue event
        periods = [(cert.issued_on, cert.expires_on)]
        changed = cert.status_changed_on
        status = cert.status if changed <= on else Certificate.Status.VALID
        since = changed if changed <= on else cert.issued_on
    else:
        periods, status, since = [], Certificate.Status.VALID, cert.issued_on
        for e in events:
            if e.kind == CertificateEvent.Kind.ISSUED and e.valid_until:
                periods.append((cert.issued_on, e.valid_until))
            elif e.kind == CertificateEvent.Kind.RENEWED and e.valid_until:
                periods.append((e.on, e.valid_until))
            if e.on > on:
                continue
            if e.kind == CertificateEvent.Kind.SUSPENDED:
                status, since = Certificate.Status.SUSPENDED, e.on
            elif e.kind == CertificateEvent.Kind.REVOKED:
                status, since = Certificate.Status.REVOKED, e.on
            elif e.kind in (CertificateEvent.Kind.REINSTATED, CertificateEvent.Kind.EXPIRED):
                # 有效期届满 ends a suspension too: from then on the validity periods decide.
                status, since = Certificate.Status.VALID, e.on
    if status != Certificate.Status.VALID:
        return status, since
    if not any(start <= on <= end for start, end in periods):
        ended = max((end for _, end in periods if end < on), default=cert.expires_on)
        return EXPIRED, ended
    return VALID, None


def is_valid_on(cert: Certificate, on: date, field: str | None = None) -> bool:
    return state_on(cert, on)[0] == VALID and (field is None or field in (cert.fields or []))


def _problem(cert: Certificate, state: str, since: date | None, on: date, field: str | None) -> str:
    who = f"{cert.staff.name}的{cert.get_kind_display()}（编号{cert.number}）"
    if state == EXPIRED:
        return f"{who}已于{zh_date(since or cert.expires_on)}到期"
    if state == NOT_ISSUED:
        return f"{who}于{zh_date(cert.issued_on)}方才发证，{zh_date(on)}尚未取得"
    if state == Certificate.Status.SUSPENDED:
        return f"{who}已于{zh_date(since or on)}被暂扣"
    if state == Certificate.Status.REVOKED:
        return f"{who}已于{zh_date(since or on)}注销"
    return f"{who}载明的执法领域为“{cert.fields_display or '无'}”，不含“{field}”"


def _certificates_by_staff(staff_ids: Iterable[int], kind: str) -> dict[int, list[Certificate]]:
    out: dict[int, list[Certificate]] = defaultdict(list)
    qs = (
        Certificate.objects.filter(staff_id__in=list(staff_ids), kind=kind)
        .select_related("staff")
        .prefetch_related("events")
        .order_by("-expires_on", "-id")
    )
    for cert in qs:
        out[cert.staff_id].append(cert)
    return out


def _check_one(
    staff: StaffMember, certs: list[Certificate], on: date, field: str | None, kind: str
) -> CertCheck:
    label = Certificate.Kind(kind).label
    citation = f"依据：{TWO_OFFICERS.citation}：「{_QUALIFICATION_QUOTE}」"
    if not certs:
        return CertCheck(False, f"{staff.name}未取得{label}，不具有行政执法资格（{citation}）")
    problems: list[tuple[int, str]] = []
    for cert in certs:
        state, since = state_on(cert, on)
        if state == VALID and (field is None or field in (cert.fields or [])):
            return CertCheck(
                True,
                f"{staff.name}持有{zh_date(on)}有效的{label}（编号{cert.number}）",
                certificate_id=cert.pk,
                certificate_ids=(cert.pk,),
            )
        # The most telling problem first: a field mismatch on a valid certificate, then the rest.
        rank = 0 if state == VALID else 1
        problems.append((rank, _problem(cert, state, since, on, field)))
    problems.sort(key=lambda p: p[0])
    return CertCheck(
        False,
        f"{problems[0][1]}，{zh_date(on)}不具有实施该执法行为的资格（{citation}）",
        certificate_id=certs[0].pk,
        failed_staff_ids=(staff.pk,),
    )


def certificate_check(
    staff: StaffMember,
    on: date,
    field: str | None = None,
    *,
    kind: str = Certificate.Kind.ENFORCEMENT,
) -> CertCheck:
    """Whether ``staff`` held a valid certificate of ``kind`` covering ``field`` on ``on``.

    行政处罚法 第四十二条: 「行政处罚应当由具有行政执法资格的执法人员实施。」 A certificate
    counts when, on that very day, it had been issued, was within its validity, was neither
    suspended nor revoked, and lists ``field`` among its 执法领域 (``field=None``: any).
    """
    certs = _certificates_by_staff([staff.pk], kind).get(staff.pk, [])
    return _check_one(staff, certs, on, field, kind)


def officers_check(
    staff_list: Iterable[StaffMember], on: date, field: str | None = None
) -> CertCheck:
    """At least two distinct officers, each with a valid 执法证 in ``field`` on ``on``.

    行政处罚法 第四十二条: 「执法人员不得少于两人，法律另有规定的除外。」 The exception "法律另有
    规定" (e.g. 简易程序 by special law) is the caller's to record with its legal basis; this check
    applies the general rule. The reason names each officer who fails.
    """
    unique: dict[int, StaffMember] = {}
    for s in staff_list:
        unique.setdefault(s.pk, s)
    people = list(unique.values())
    by_staff = _certificates_by_staff(unique, Certificate.Kind.ENFORCEMENT)
    checks = [
        _check_one(s, by_staff.get(s.pk, []), on, field, Certificate.Kind.ENFORCEMENT)
        for s in people
    ]
    failed = [c for c in checks if not c.ok]
    reasons: list[str] = []
    minimum = int(TWO_OFFICERS.value)
    if len(people) < minimum:
        names = "、".join(s.name for s in people) or "无"
        reasons.append(
            f"执法人员不得少于两人，本次仅有{len(people)}人（{names}）"
            f"（依据：{TWO_OFFICERS.citation}：「执法人员不得少于两人，法律另有规定的除外。」）"
        )
    reasons.extend(c.reason for c in failed)
    ids = tuple(c.certificate_id for c in checks if c.ok and c.certificate_id)
    if reasons:
        return CertCheck(
            False,
            "；".join(reasons),
            certificate_ids=ids,
            failed_staff_ids=tuple(sid for c in failed for sid in c.failed_staff_ids),
        )
    numbers = {c.pk: c.number for certs in by_staff.values() for c in certs}
    names = "、".join(
        f"{s.name}（证号{numbers[c.certificate_id]}）" for s, c in zip(people, checks, strict=True)
    )
    return CertCheck(
        True,
        f"执法人员{names}均持有{zh_date(on)}有效的行政执法证"
        + (f"，执法领域含“{field}”" if field else ""),
        certificate_id=ids[0] if ids else None,
        certificate_ids=ids,
    )


def is_qualified_reviewer(staff: StaffMember, on: date) -> CertCheck:
    """Whether ``staff`` may review penalty decisions on ``on`` (行政处罚法 第五十八条第二款).

    Qualified: a 法律职业资格 obtained on or before ``on``; or a reviewer whose first review
    predates the law's entry into force (2021-07-15), who is not "初次从事".
    """
    rule = REVIEWER_QUALIFICATION
    qual = (
        LegalQualification.objects.filter(staff=staff, obtained_on__lte=on)
        .order_by("obtained_on")
        .first()
    )
    if qual is not None:
        return CertCheck(
            True,
            f"{staff.name}持有法律职业资格证书（编号{qual.number}，{zh_date(qual.obtained_on)}取得）",
            certificate_id=qual.pk,
        )
    profile = ReviewerProfile.objects.filter(staff=staff).first()
    in_force: date = rule.value  # type: ignore[assignment]
    if profile is not None and profile.first_reviewed_on < in_force:
        return CertCheck(
            True,
            f"{staff.name}自{zh_date(profile.first_reviewed_on)}起从事法制审核，早于{zh_date(in_force)}"
            f"本法施行，不属于{rule.article}所称“初次从事”的人员",
        )
    return CertCheck(
        False,
        f"{staff.name}未取得法律职业资格，不得初次从事行政处罚决定法制审核（依据：{rule.cite()}）",
        failed_staff_ids=(staff.pk,),
    )


# --- lists for pages and indicators ------------------------------------------------------


def certificate_history(cert: Certificate) -> list[TransitionLog]:
    """The certificate's workflow steps in the order they were done (the ledger's), labelled for
    the page (发证, 换证, 暂扣…)."""
    return sorted(labelled_history(cert), key=lambda h: h.ledger_leaf)


def certificates_in(agency_ids: Iterable[int]) -> QuerySet[Certificate]:
    return Certificate.objects.filter(staff__agency_id__in=list(agency_ids)).select_related(
        "staff", "staff__agency"
    )


def expiring_certificates(
    agency_ids: Iterable[int], on: date, days: int | None = None
) -> QuerySet[Certificate]:
    """Valid certificates whose validity ends within ``days`` (default: the policy setting)."""
    days = expiry_notice_days() if days is None else days
    return certificates_in(agency_ids).filter(
        status=Certificate.Status.VALID,
        expires_on__gte=on,
        expires_on__lte=on + timedelta(days=days),
    )


def lapsed_certificates(agency_ids: Iterable[int], on: date) -> QuerySet[Certificate]:
    """Certificates whose validity has run out (marked expired by the daily scan, or not yet):
    renew or revoke them."""
    return certificates_in(agency_ids).filter(status__in=TO_RENEW, expires_on__lt=on)


def enforcement_staff(agency_ids: Iterable[int]) -> QuerySet[StaffMember]:
    """在岗 staff of these agencies who are enforcement officers.

    An officer is a staff member holding the 行政执法人员 role in the agency or having ever held a
    行政执法证 there: an officer whose certificate lapsed still counts (and lowers 持证率).
    """
    ids = list(agency_ids)
    officer_role = RoleAssignment.objects.filter(
        user_id=OuterRef("user_id"), agency_id=OuterRef("agency_id"), role=Role.OFFICER
    )
    has_cert = Certificate.objects.filter(
        staff_id=OuterRef("pk"), kind=Certificate.Kind.ENFORCEMENT
    )
    return (
        StaffMember.objects.filter(agency_id__in=ids, active=True)
        .filter(Q(Exists(officer_role)) | Q(Exists(has_cert)))
        .select_related("agency", "unit")
    )


def certified_staff_ids(agency_ids: Iterable[int], on: date, field: str | None = None) -> set[int]:
    """Active staff with an enforcement certificate valid on ``on`` (history-aware)."""
    qs = (
        Certificate.objects.filter(
            staff__agency_id__in=list(agency_ids),
            staff__active=True,
            kind=Certificate.Kind.ENFORCEMENT,
            issued_on__lte=on,
        )
        .exclude(status=Certificate.Status.REVOKED, status_changed_on__lte=on)
        .prefetch_related("events")
    )
    return {c.staff_id for c in qs if is_valid_on(c, on, field)}


def _counted_hours(year: int):
    return Coalesce(
        Sum(
            "training_records__hours",
            filter=Q(
                training_records__year=year, training_records__category__in=COUNTED_CATEGORIES
            ),
        ),
        Value(Decimal("0")),
        output_field=DecimalField(max_digits=7, decimal_places=1),
    )


def training_summary(agency_ids: Iterable[int], year: int) -> QuerySet[StaffMember]:
    """Enforcement staff annotated with ``counted_hours`` (纲要-countable 学时 in ``year``)."""
    return enforcement_staff(agency_ids).annotate(counted_hours=_counted_hours(year))


def training_hours(staff_ids: Iterable[int], year: int) -> dict[int, Decimal]:
    rows = (
        StaffMember.objects.filter(pk__in=list(staff_ids))
        .annotate(counted_hours=_counted_hours(year))
        .values_list("pk", "counted_hours")
    )
    return dict(rows)


def below_training_minimum(agency_ids: Iterable[int], year: int) -> QuerySet[StaffMember]:
    """Officers under the 纲要's 60 学时 in ``year`` (纲要 （三十四）)."""
    return training_summary(agency_ids, year).filter(counted_hours__lt=ANNUAL_TRAINING_HOURS.value)


def reviewers(agency_ids: Iterable[int]) -> QuerySet[ReviewerProfile]:
    """法制审核人员 on the roster of these agencies."""
    return ReviewerProfile.objects.filter(
        staff__agency_id__in=list(agency_ids), active=True, staff__active=True
    ).select_related("staff", "staff__agency")


def certified_officers(agency_id: int, on: date) -> list[tuple[StaffMember, Certificate]]:
    """Each officer of the agency with the enforcement certificate valid on ``on`` (事前公示)."""
    qs = (
        Certificate.objects.filter(
            staff__agency_id=agency_id, staff__active=True, kind=Certificate.Kind.ENFORCEMENT
        )
        .select_related("staff", "staff__unit")
        .prefetch_related("events")
        .order_by("staff__name", "-expires_on")
    )
    seen: dict[int, tuple[StaffMember, Certificate]] = {}
    for cert in qs:
        if cert.staff_id not in seen and is_valid_on(cert, on):
            seen[cert.staff_id] = (cert.staff, cert)
    return list(seen.values())
