"""Who may see and manage organisation data (agencies, units, staff, accounts).

- A business user reads the agencies in ``principal(user).visible_agency_ids``: its own agencies,
  and, for a supervisor (司法局 / 依法治县办), every agency beneath its government.
- The system administrator (系统管理员) reads and manages all organisation data: agencies,
  units, staff and their login accounts, including imports from Excel.
- The security administrator (安全保密管理员) reads the organisation directory, because granting
  roles requires knowing who works where, and may import staff files carrying roles; it
  changes nothing else.
- The audit administrator (安全审计员) sees none of it: under 三员分立 it reads only the
  security audit trail.

Views, the API and templates only ask these functions; they never decide.
"""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core.accounts.policies import principal
from fazhi.core.accounts.roles import Role

from .models import Agency, Division, Unit


def manages_all_orgs(user) -> bool:
    """The system administrator: reads and changes every agency, unit, staff member, account."""
    return principal(user).has(Role.SYSTEM_ADMIN)


def reads_all_orgs(user) -> bool:
    """The two administrators who need the whole directory (system and security)."""
    p = principal(user)
    return p.has(Role.SYSTEM_ADMIN) or p.has(Role.SECURITY_ADMIN)


def can_view_orgs(user) -> bool:
    """Whether the organisation pages open at all for this user (never for the audit admin)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return reads_all_orgs(user) or principal(user).is_business_user


def can_import(user, kind: str | None = None) -> bool:
    """Bulk import from Excel: the system administrator imports agencies, units and staff; the
    security administrator imports staff files only, for the 角色 column it alone may fill
    (三员分立). ``kind=None`` asks whether the import page opens at all."""
    p = principal(user)
    if p.has(Role.SYSTEM_ADMIN):
        return True
    return p.has(Role.SECURITY_ADMIN) and kind in (None, "staff")


def can_import_roles(user) -> bool:
    """A 角色 column is applied only when the importer is the security administrator."""
    return principal(user).has(Role.SECURITY_ADMIN)


def can_see_id_numbers(user) -> bool:
    """Full 公民身份号码 are personal information: only the administrator who keeps the
    staff register sees them; everyone else sees them masked."""
    return manages_all_orgs(user)


def visible_agency_ids(user) -> frozenset[int] | None:
    """Agency ids this user may read, or ``None`` meaning "all of them"."""
    if reads_all_orgs(user):
        return None
    return principal(user).visible_agency_ids


def can_view_agency(user, agency_id: int) -> bool:
    """Whether the agency's page opens for this user (and so whether a page may link to it)."""
    if not can_view_orgs(user):
        return False
    ids = visible_agency_ids(user)
    return ids is None or agency_id in ids


def visible_agencies(user) -> QuerySet[Agency]:
    qs = Agency.objects.select_related("division", "government")
    if not can_view_orgs(user):
        return qs.none()
    ids = visible_agency_ids(user)
    return qs if ids is None else qs.filter(pk__in=ids)


def visible_units(user) -> QuerySet[Unit]:
    qs = Unit.objects.select_related("agency", "parent")
    if not can_view_orgs(user):
        return qs.none()
    ids = visible_agency_ids(user)
    return qs if ids is None else qs.filter(agency_id__in=ids)


def visible_divisions(user) -> QuerySet[Division]:
    """Divisions are public reference data; anyone who may open the organisation pages reads
    them all."""
    qs = Division.objects.select_related("parent")
    return qs if can_view_orgs(user) else qs.none()


def visible_staff(user) -> QuerySet:
    from fazhi.core.accounts.models import StaffMember

    qs = StaffMember.objects.select_related("agency", "unit", "user")
    if not can_view_orgs(user):
        return qs.none()
    ids = visible_agency_ids(user)
    return qs if ids is None else qs.filter(agency_id__in=ids)


def mask_id_number(value: str) -> str:
    """Show the region and the last four characters only: 331225**********1234."""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def shown_id_number(user, value: str) -> str:
    return value if can_see_id_numbers(user) else mask_id_number(value)
