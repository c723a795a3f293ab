"""Who may see and change matter lists, benchmarks and the four lists.

- Read: business users, for the agencies visible to them (own; a 司法局 supervisor: every agency
  beneath its government). The same rules are public once published (第三十四条, 第三十九条).
- Change (import, edit, publish): the agency's own 法制审核人员 or 机关负责人 — the 法制机构
  keeps the agency's lists (27号 五（十三）: benchmarks are filed like normative documents).
"""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core.accounts.policies import can_act_for, principal
from fazhi.core.orgs.models import Agency

from .models import BenchmarkVersion, LenientListItem, Matter
from .roles import Role

MANAGING_ROLES = (Role.LEGAL_REVIEWER, Role.AGENCY_HEAD)


def visible_agency_ids(user) -> frozenset[int]:
    return principal(user).visible_agency_ids


def can_open(user) -> bool:
    """Business users whose lists are not always empty: those who keep or supervise lists, and
    anyone reading a 行政执法主体 (a 信访 or 公开 clerk of a government office is not offered
    three empty pages)."""
    p = principal(user)
    return p.is_business_user and (
        any(p.has(r) for r in (*MANAGING_ROLES, Role.SUPERVISOR)) or p.sees_enforcement_subject
    )


def can_view(user, agency_id: int) -> bool:
    return agency_id in visible_agency_ids(user)


def can_manage(user, agency_id: int) -> bool:
    return can_act_for(user, agency_id, *MANAGING_ROLES)


def can_manage_any(user) -> bool:
    """Holds a managing role somewhere (the import and 事前公示 pages)."""
    return any(r in MANAGING_ROLES for r, _ in principal(user).grants)


def manageable_agencies(user) -> QuerySet[Agency]:
    ids = {a for r, a in principal(user).grants if r in MANAGING_ROLES}
    return Agency.objects.filter(pk__in=ids, active=True).order_by("order", "name")


def matters_scope(user) -> QuerySet[Matter]:
    return Matter.objects.filter(agency_id__in=visible_agency_ids(user)).select_related(
        "agency", "unit"
    )


def benchmark_versions_scope(user) -> QuerySet[BenchmarkVersion]:
    return BenchmarkVersion.objects.filter(
        benchmark__matter__agency_id__in=visible_agency_ids(user)
    ).select_related("benchmark", "benchmark__matter", "benchmark__matter__agency")


def lenient_items_scope(user) -> QuerySet[LenientListItem]:
    return LenientListItem.objects.filter(
        lenient_list__agency_id__in=visible_agency_ids(user)
    ).select_related("lenient_list", "lenient_list__agency", "matter")
