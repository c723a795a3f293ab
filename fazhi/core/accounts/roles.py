"""The registry of roles. Core owns only the roles its own policies rely on; every system
registers the roles it acts with (a ``roles.py`` in the app, found when the accounts app is
ready), so that adding a system never edits core nor needs a migration: the role field's
choices are read from this registry (:func:`choices`).

Core's roles: the three administrator roles (三员分立), kept apart from every business role and
from each other; the supervisor (法治监督人员, the 司法局), who sees everything beneath its
government (:func:`fazhi.core.accounts.policies.Principal.visible_agency_ids`); and the agency
head (机关负责人), the one business role every agency has whatever its systems, on whom core's
publication door also relies.

A role used by several systems (e.g. 法制审核人员) is registered by each of them with the same
code and label; the registry refuses two labels for one code. A grant of a code nobody
registered is refused (:func:`is_registered`).

This module imports nothing of Django's models or of any system, so that a system's
declaration can import it at any time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


class RoleCode(str):
    """A role's code (what the database stores), carrying its Chinese label."""

    label: str

    def __new__(cls, code: str, label: str) -> RoleCode:
        obj = super().__new__(cls, code)
        obj.label = label
        return obj


@dataclass
class _Entry:
    code: RoleCode
    order: int
    aliases: set[str]
    permissions: set[str]


_ROLES: dict[str, _Entry] = {}
#: What the role field can store (``RoleAssignment.role`` holds 32 characters).
_CODE = re.compile(r"[a-z][a-z0-9_]{0,31}")


def register(
    code: str,
    label: str,
    *,
    order: int = 500,
    aliases: Iterable[str] = (),
    permissions: Iterable[str] = (),
) -> RoleCode:
    """Declare a role and return its code. Registering a code again with the same label is a
    no-op that adds the given aliases and permissions (several systems may declare one role);
    another label for the same code is a configuration error.

    ``order`` places the role in lists (lower first); ``aliases`` are further Chinese names an
    import file may use; ``permissions`` are core capabilities the role carries (e.g.
    ``"publication.withdraw"``), which core's policies ask for by name (:func:`having`).
    """
    if not _CODE.fullmatch(code):
        raise ImproperlyConfigured(
            f"Role code {code!r} is not a lower-case name of 1-32 characters."
        )
    entry = _ROLES.get(code)
    if entry is None:
        entry = _ROLES[code] = _Entry(RoleCode(code, label), order, set(), set())
    elif entry.code.label != label:
        raise ImproperlyConfigured(
            f"Role {code!r} registered twice with different labels: "
            f"{entry.code.label!r} and {label!r}."
        )
    entry.aliases.update(aliases)
    entry.permissions.update(permissions)
    return entry.code


def forget(code: str) -> None:
    """Remove a registered role (for tests that register a role of their own)."""
    _ROLES.pop(code, None)


def is_registered(code: str) -> bool:
    return code in _ROLES


def get(code: str) -> RoleCode | None:
    entry = _ROLES.get(code)
    return entry.code if entry is not None else None


def label(code: str) -> str:
    """The role's Chinese label (the code itself for a role nobody registers any longer)."""
    entry = _ROLES.get(code)
    return entry.code.label if entry is not None else code


def all_roles() -> list[RoleCode]:
    """Every registered role, in list order: business roles first, the administrators last."""
    return [
        e.code
        for e in sorted(_ROLES.values(), key=lambda e: (e.code in ADMIN_ROLES, e.order, e.code))
    ]


def choices() -> list[tuple[str, str]]:
    """``(code, label)`` of every registered role: the role field's and forms' choices."""
    return [(str(r), r.label) for r in all_roles()]


def labels() -> list[str]:
    return [r.label for r in all_roles()]


def is_business(code: str) -> bool:
    """A registered role that is not one of the administrators'."""
    return code in _ROLES and code not in ADMIN_ROLES


def having(permission: str) -> frozenset[RoleCode]:
    """The roles that carry a core ``permission``."""
    return frozenset(e.code for e in _ROLES.values() if permission in e.permissions)


def by_name(name: str) -> RoleCode | None:
    """The role a person names in an import file: its label, its label without the bracketed
    note (法治监督人员), an alias, or its code."""
    name = name.strip()
    for entry in _ROLES.values():
        role = entry.code
        if name in (role, role.label, role.label.split("（")[0]) or name in entry.aliases:
            return role
    return None


#: Capabilities core's own policies grant by role (see :func:`having`).
WITHDRAW_PUBLICATION = "publication.withdraw"
ANALYSE_LOSSES = "acts.analyse_losses"

AGENCY_HEAD = register("agency_head", "机关负责人", order=30, permissions=(WITHDRAW_PUBLICATION,))
SUPERVISOR = register(
    "supervisor", "法治监督人员（司法局）", order=40, permissions=(ANALYSE_LOSSES,)
)
SYSTEM_ADMIN = register("system_admin", "系统管理员", order=10)
SECURITY_ADMIN = register("security_admin", "安全保密管理员", order=20)
AUDIT_ADMIN = register("audit_admin", "安全审计员", order=30)

ADMIN_ROLES = frozenset({SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN})


class _Resolving(type):
    def __getattr__(cls, name: str) -> RoleCode:
        role = get(name.lower()) if name.isupper() else None
        if role is None:
            raise AttributeError(f"No role {name.lower()!r} is registered.")
        return role


class Role(metaclass=_Resolving):
    """Roles by name: core's own as attributes, and any other registered role resolved by its
    code (``Role.OFFICER`` is ``"officer"`` once a system registered it; an unregistered name
    is an ``AttributeError``). A system's ``roles.py`` subclasses this with the roles it
    registers spelled out, so that its modules can name them at import time."""

    AGENCY_HEAD = AGENCY_HEAD
    SUPERVISOR = SUPERVISOR
    SYSTEM_ADMIN = SYSTEM_ADMIN
    SECURITY_ADMIN = SECURITY_ADMIN
    AUDIT_ADMIN = AUDIT_ADMIN
