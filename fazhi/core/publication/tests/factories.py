"""Test data for the publication and indicator tests: two counties, their departments, users."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.utils import timezone

from fazhi.core.accounts.models import RoleAssignment, User
from fazhi.core.accounts.roles import Role
from fazhi.core.orgs.models import Agency, Division
from fazhi.kernel.ids import uscc_check_character

_serial = itertools.count(1)


def uscc(prefix: str = "11") -> str:
    """A valid, unique 统一社会信用代码 (GB 32100-2015). ``prefix`` is the registering authority
    and kind: "11" a government organ, "91" an enterprise."""
    first17 = f"{prefix}{330100:06d}{next(_serial):09d}"
    return first17 + uscc_check_character(first17)


def agency(
    name: str, division: Division, *, kind: str = Agency.Kind.DEPARTMENT, government=None, **kw
) -> Agency:
    return Agency.objects.create(
        name=name, uscc=uscc(), kind=kind, division=division, government=government, **kw
    )


def user(username: str, *grants: tuple[str, Agency]) -> User:
    u = User.objects.create_user(
        username=username,
        password="x-Strong-Pass-2025!",
        display_name=username,
        password_changed_at=timezone.now(),  # a fresh password: no forced change
    )
    for role, ag in grants:
        RoleAssignment.objects.create(user=u, role=role, agency=ag)
    return u


@dataclass
class County:
    division: Division
    government: Agency
    market: Agency
    transport: Agency
    justice: Agency


def county(code: str, name: str) -> County:
    division = Division.objects.create(code=code, name=name, level=Division.Level.COUNTY)
    gov = agency(f"{name}人民政府", division, kind=Agency.Kind.GOVERNMENT)
    return County(
        division=division,
        government=gov,
        market=agency(
            f"{name}市场监督管理局", division, government=gov, short_name=f"{name}市场监管局"
        ),
        transport=agency(f"{name}交通运输局", division, government=gov),
        justice=agency(
            f"{name}司法局", division, kind=Agency.Kind.JUSTICE, government=gov, is_supervisor=True
        ),
    )


def supervisor(username: str, c: County) -> User:
    return user(username, (Role.SUPERVISOR, c.justice))


__all__ = ["County", "agency", "county", "supervisor", "user", "uscc", "Role"]
