"""Account state changes: each one writes the security audit trail and the ledger together."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.ledger.services import record

from . import roles
from .models import RoleAssignment, SecurityEvent, User
from .policies import can_manage_security
from .roles import ADMIN_ROLES


def _policy() -> dict[str, int]:
    return settings.FAZHI_SECURITY


def log_event(
    kind: str, username: str, *, actor: Any = None, ip: str | None = None, **detail: Any
) -> SecurityEvent:
    """Write one audit row and seal it into the ledger in the same transaction."""
    with transaction.atomic():
        event = SecurityEvent.objects.create(
            kind=kind,
            username=username,
            actor=getattr(actor, "username", actor) or "",
            ip=ip,
            detail=detail,
        )
        entry = record(
            f"security:{username}",
            f"security.{kind}",
            {"event": event.pk, "ip": ip, **detail},
            actor=actor or username,
        )
        event.ledger_leaf = entry.id
        event.save(update_fields=["ledger_leaf"])
    return event


def is_locked(user: User, now=None) -> bool:
    now = now or timezone.now()
    return bool(user.locked_until and user.locked_until > now)


def register_failure(user: User, *, ip: str | None) -> None:
    """Count a failed login; lock the account at the threshold (GB/T 22239-2019 8.1.4.1 b)."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.failed_logins += 1
        fields = ["failed_logins"]
        until = None
        if user.failed_logins >= _policy()["LOCKOUT_THRESHOLD"]:
            until = timezone.now() + timedelta(minutes=_policy()["LOCKOUT_MINUTES"])
            user.locked_until = until
            fields.append("locked_until")
        user.save(update_fields=fields)
        log_event(SecurityEvent.Kind.FAILURE, user.username, ip=ip, attempts=user.failed_logins)
        if until is not None:
            log_event(
                SecurityEvent.Kind.LOCKOUT,
                user.username,
                ip=ip,
                until=until.isoformat(),
            )


def register_success(user: User) -> None:
    if user.failed_logins or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)


def unlock_account(user: User, *, actor: User) -> None:
    """The security administrator unlocks an account before its lock runs out."""
    if not can_manage_security(actor):
        raise PermissionDenied("只有安全保密管理员可以解锁账号。")
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
        log_event(SecurityEvent.Kind.UNLOCK, user.username, actor=actor)


def password_expired(user: User, now=None) -> bool:
    if user.password_changed_at is None:
        return True
    now = now or timezone.now()
    return now - user.password_changed_at > timedelta(days=_policy()["PASSWORD_MAX_AGE_DAYS"])


def change_password(user: User, new_password: str, *, actor: Any = None) -> None:
    from django.contrib.auth.password_validation import validate_password

    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "password_changed_at"])
        log_event(SecurityEvent.Kind.PASSWORD, user.username, actor=actor or user)


def assign_role(user: User, role: str, agency, *, actor: User) -> RoleAssignment:
    """Grant a role. The three administrator roles are exclusive (三员分立): an administrator holds
    no other role, so the audit administrator can never change business data."""
    if not can_manage_security(actor):
        raise PermissionDenied("只有安全保密管理员可以授予角色。")
    held = set(user.role_assignments.values_list("role", flat=True))
    if role in ADMIN_ROLES and held - {role}:
        raise ValidationError("三员分立：管理员角色不得与其他角色兼任。", code="separation")
    if role not in ADMIN_ROLES and held & ADMIN_ROLES:
        raise ValidationError("三员分立：管理员不得兼任业务角色。", code="separation")
    if not roles.is_registered(role):
        raise ValidationError(
            f"未知角色：{role}（没有已安装的制度登记此角色）", code="unknown_role"
        )
    with transaction.atomic():
        grant, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, agency=agency, defaults={"granted_by": actor}
        )
        if created:
            log_event(
                SecurityEvent.Kind.ROLE_GRANTED,
                user.username,
                actor=actor,
                role=role,
                agency=agency.pk,
            )
    user.__dict__.pop("_fazhi_principal", None)
    return grant


def revoke_role(grant: RoleAssignment, *, actor: User) -> None:
    if not can_manage_security(actor):
        raise PermissionDenied("只有安全保密管理员可以撤销角色。")
    with transaction.atomic():
        log_event(
            SecurityEvent.Kind.ROLE_REVOKED,
            grant.user.username,
            actor=actor,
            role=grant.role,
            agency=grant.agency_id,
        )
        grant.delete()
