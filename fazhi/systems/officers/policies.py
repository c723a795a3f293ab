"""Who may see and change personnel records.

- Read: business users see the staff of the agencies visible to them (their own, and for a
  司法局 supervisor every agency beneath its government).
- Certificates (发证、换证、暂扣、注销) and the reviewer roster: the supervisor (司法局), for the
  agencies it supervises — 纲要 （十五） puts 证件制发 with the government, not the department.
- Training records and exam results: the supervisor, or the agency's own head (机关负责人).
"""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core.accounts.policies import can_act_for, principal
from fazhi.core.orgs.models import Agency
from fazhi.core.orgs.selectors import supervised_agency_ids

from .models import Certificate, TrainingRecord
from .roles import Role


def visible_agency_ids(user) -> frozenset[int]:
    return principal(user).visible_agency_ids


def supervised_ids(user) -> frozenset[int]:
    """Agencies this user supervises as 法治监督人员 (empty for everyone else)."""
    p = principal(user)
    cached = getattr(p, "_officers_supervised", None)
    if cached is None:
        ids: set[int] = set()
        for agency in Agency.objects.filter(
            pk__in=[a for r, a in p.grants if r == Role.SUPERVISOR]
        ):
            ids |= supervised_agency_ids(agency)
        cached = frozenset(ids)
        p._officers_supervised = cached
    return cached


def can_view(user, agency_id: int) -> bool:
    return agency_id in visible_agency_ids(user)


def can_manage_certificates(user, agency_id: int) -> bool:
    return agency_id in supervised_ids(user)


def can_change_certificate(user, cert: Certificate) -> bool:
    """A step of the certificate workflow: the supervisor of the holder's agency, or a process
    the platform runs under a name rather than a login (the daily expiry scan, the demo loader);
    pages and the API always pass the logged-in user."""
    return isinstance(user, str) or can_manage_certificates(user, cert.staff.agency_id)


def can_record_training(user, agency_id: int) -> bool:
    return can_manage_certificates(user, agency_id) or can_act_for(
        user, agency_id, Role.AGENCY_HEAD
    )


def can_manage_any_certificates(user) -> bool:
    """The 发放证件 and 批量导入 buttons, their pages and the certificate importer."""
    return bool(supervised_ids(user))


def training_agency_ids(user) -> frozenset[int]:
    """The agencies whose training hours ``user`` may record."""
    return frozenset(a for a in visible_agency_ids(user) if can_record_training(user, a))


def can_record_any_training(user) -> bool:
    """The 登记学时 and 批量导入 buttons, their pages and the training importer."""
    return bool(training_agency_ids(user))


def can_open_officers(user) -> bool:
    """Business users who may find certificates: officers, heads and supervisors, and anyone
    reading a 行政执法主体 (only its staff hold 执法证件)."""
    p = principal(user)
    return p.is_business_user and (
        any(p.has(r) for r in (Role.OFFICER, Role.AGENCY_HEAD, Role.SUPERVISOR))
        or p.sees_enforcement_subject
    )


EXPIRING_REFUSED = "即将到期的执法证由法治监督机构（司法局）和机关负责人查看。"


def can_open_expiring(user) -> bool:
    """The 待办 of certificates to renew (entry, button and page): supervisors and agency heads."""
    p = principal(user)
    return p.has(Role.SUPERVISOR) or p.has(Role.AGENCY_HEAD)


def certificates_scope(user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(staff__agency_id__in=visible_agency_ids(user)).select_related(
        "staff", "staff__agency"
    )


def training_scope(user) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.filter(
        staff__agency_id__in=visible_agency_ids(user)
    ).select_related("staff", "staff__agency")
