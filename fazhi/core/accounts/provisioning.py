"""Accounts and roles created in bulk: by an Excel import, by the demo county, or by the system
administrator resetting a forgotten password.

Each function writes the same rows as :mod:`services` (the account or role row, and a
:class:`SecurityEvent` sealed into the ledger through ``services.log_event``) and keeps the three
administrator roles apart (三员分立: GB/T 22239-2019 8.1.4.2 d, 应授予管理用户所需的最小权限，
实现管理用户的权限分离).
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core.orgs.models import Agency

from . import roles as registry
from .models import RoleAssignment, SecurityEvent, User
from .policies import can_manage_accounts, can_manage_security, principal
from .roles import ADMIN_ROLES
from .services import log_event

BOOTSTRAP = "system:bootstrap"
"""The actor of installation-time provisioning from the command line (``fazhi demo load``): the
operator who holds the machine. Recorded under this name in the audit trail."""

SEPARATION_ADMIN_ALONE = "三员分立：管理员角色不得与其他角色兼任。"
SEPARATION_NO_BUSINESS = "三员分立：管理员不得兼任业务角色。"


def separation_problem(roles: Iterable[str]) -> str | None:
    """Why this set of roles may not be held by one user, or ``None`` if it may.

    An administrator role stands alone: no second administrator role, no business role.
    """
    held = set(roles)
    admin = held & ADMIN_ROLES
    if not admin:
        return None
    if len(admin) > 1:
        return SEPARATION_ADMIN_ALONE
    if held - admin:
        return SEPARATION_NO_BUSINESS
    return None


def _actor_name(actor: User | str) -> str:
    return actor if isinstance(actor, str) else actor.username


def provision_roles(
    user: User, roles: Iterable[str], agency: Agency, *, actor: User | str, source: str = "import"
) -> list[RoleAssignment]:
    """Grant ``roles`` to ``user`` within ``agency`` at once, all or none.

    ``actor`` is a security administrator, or :data:`BOOTSTRAP` for installation-time setup from
    the command line. The roles already held and the new ones are checked together against
    三员分立 before anything is written; each new grant writes a ``role_granted`` audit event
    sealed into the ledger, exactly as ``services.assign_role`` does.
    """
    if actor != BOOTSTRAP and (isinstance(actor, str) or not can_manage_security(actor)):
        raise PermissionDenied("只有安全保密管理员可以授予角色。")
    wanted = list(dict.fromkeys(roles))
    unknown = [r for r in wanted if not registry.is_registered(r)]
    if unknown:
        raise ValidationError(
            f"未知角色：{'、'.join(unknown)}（没有已安装的制度登记此角色）", code="unknown_role"
        )
    held = set(user.role_assignments.values_list("role", flat=True))
    problem = separation_problem(held | set(wanted))
    if problem:
        raise ValidationError(problem, code="separation")
    granted_by = None if isinstance(actor, str) else actor
    grants: list[RoleAssignment] = []
    with transaction.atomic():
        for role in wanted:
            grant, created = RoleAssignment.objects.get_or_create(
                user=user, role=role, agency=agency, defaults={"granted_by": granted_by}
            )
            grants.append(grant)
            if created:
                log_event(
                    SecurityEvent.Kind.ROLE_GRANTED,
                    user.username,
                    actor=_actor_name(actor),
                    role=role,
                    agency=agency.pk,
                    source=source,
                )
    user.__dict__.pop("_fazhi_principal", None)
    return grants


def create_account(
    username: str,
    *,
    display_name: str = "",
    actor: User | str,
    source: str = "import",
    password_hash: str | None = None,
) -> User:
    """Create a login. Without ``password_hash`` the account has no usable password until the
    system administrator issues one (:func:`reset_password`); the first login then forces a
    change, because ``password_changed_at`` stays empty.

    ``actor`` is the system administrator (or the security administrator importing a staff file
    with roles), or a string naming a command-line operator (``"cli"``, :data:`BOOTSTRAP`), who
    holds the machine and is recorded under that name.
    """
    if not isinstance(actor, str) and not _may_create_accounts(actor):
        raise PermissionDenied("只有系统管理员可以创建账号。")
    with transaction.atomic():
        user = User(username=username, display_name=display_name)
        if password_hash:
            user.password = password_hash
        else:
            user.set_unusable_password()
        user.save()
        log_event(
            SecurityEvent.Kind.ACCOUNT,
            username,
            actor=_actor_name(actor),
            change="created",
            source=source,
        )
    return user


def _may_create_accounts(actor: User) -> bool:
    # The security administrator may create the accounts of a staff file it imports with roles.
    return can_manage_accounts(actor) or can_manage_security(actor)


_PASSWORD_ALPHABETS = (
    string.ascii_uppercase.replace("O", "").replace("I", ""),
    string.ascii_lowercase.replace("l", "").replace("o", ""),
    "23456789",
    "@#%+=?",
)


def one_time_password(length: int = 12) -> str:
    """A random password with all four character classes (the complexity rule needs three)."""
    chars = [secrets.choice(alphabet) for alphabet in _PASSWORD_ALPHABETS]
    pool = "".join(_PASSWORD_ALPHABETS)
    chars += [secrets.choice(pool) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


def reset_password(user: User, *, actor: User) -> str:
    """The system administrator issues a one-time password; the holder must change it at the
    next login (``password_changed_at`` is cleared, so the expiry middleware insists). A lock
    stays: unlocking belongs to the security administrator.

    An administrator account is refused: if the system administrator could set the audit
    administrator's password it could act as the auditor (三员分立).
    """
    if not can_manage_accounts(actor):
        raise PermissionDenied("只有系统管理员可以重置密码。")
    if principal(user).roles & ADMIN_ROLES:
        raise PermissionDenied("三员分立：管理员账号的密码不能由系统管理员重置，请本人修改。")
    password = one_time_password()
    with transaction.atomic():
        user.set_password(password)
        user.password_changed_at = None
        user.save(update_fields=["password", "password_changed_at"])
        log_event(SecurityEvent.Kind.PASSWORD, user.username, actor=actor, change="reset")
    return password
