"""Who may see and do what on the platform layer. Each system app has its own ``policies.py``
built on these helpers; templates and views only ask, they never decide."""

from __future__ import annotations

from functools import cached_property

from django.core.exceptions import PermissionDenied

from fazhi.core.orgs.selectors import supervised_agency_ids

from . import roles
from .roles import Role


class Principal:
    """A user's roles, computed once per request."""

    def __init__(self, user) -> None:
        self.user = user

    @cached_property
    def grants(self) -> frozenset[tuple[str, int]]:
        if not getattr(self.user, "is_authenticated", False):
            return frozenset()
        return frozenset(self.user.role_assignments.values_list("role", "agency_id"))

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(r for r, _ in self.grants)

    def has(self, role: str, agency_id: int | None = None) -> bool:
        if agency_id is None:
            return role in self.roles
        return (role, agency_id) in self.grants

    @cached_property
    def own_agency_ids(self) -> frozenset[int]:
        return frozenset(a for r, a in self.grants if roles.is_business(r))

    @cached_property
    def visible_agency_ids(self) -> frozenset[int]:
        """Agencies whose business data this user may read."""
        from fazhi.core.orgs.models import Agency

        ids = set(self.own_agency_ids)
        supervising = [a for r, a in self.grants if r == Role.SUPERVISOR]
        for agency in Agency.objects.filter(pk__in=supervising).select_related("government"):
            ids |= supervised_agency_ids(agency)
        return frozenset(ids)

    @cached_property
    def sees_enforcement_subject(self) -> bool:
        """Whether an agency this user reads is a 行政执法主体: only those have 执法事项, 裁量基准
        and 执法证件, so their entries are not offered to someone who would always find them empty."""
        from fazhi.core.orgs.models import Agency

        return Agency.objects.filter(
            pk__in=self.visible_agency_ids, enforcement_subject=True
        ).exists()

    @property
    def is_business_user(self) -> bool:
        return any(roles.is_business(r) for r in self.roles)


def principal(user) -> Principal:
    cached = getattr(user, "_fazhi_principal", None)
    if cached is None:
        cached = Principal(user)
        if getattr(user, "is_authenticated", False):
            user._fazhi_principal = cached
    return cached


def can_view_business(user, agency_id: int) -> bool:
    return agency_id in principal(user).visible_agency_ids


def can_act_for(user, agency_id: int, *roles: str) -> bool:
    """A business action: the user holds one of ``roles`` in that very agency."""
    p = principal(user)
    return any(p.has(role, agency_id) for role in roles)


def can_view_audit_trail(user) -> bool:
    """Only the audit administrator reads the security audit trail (三员分立)."""
    return principal(user).has(Role.AUDIT_ADMIN)


def can_manage_accounts(user) -> bool:
    return principal(user).has(Role.SYSTEM_ADMIN)


def can_manage_security(user) -> bool:
    """Granting roles and unlocking accounts belong to the security administrator."""
    return principal(user).has(Role.SECURITY_ADMIN)


def can_manage_calendar(user) -> bool:
    return principal(user).has(Role.SUPERVISOR)


def require(allowed: bool, message: str = "您没有执行此操作的权限。") -> None:
    if not allowed:
        raise PermissionDenied(message)
