"""A small two-county world: a county government with its 司法局 (supervisor) and two departments,
a neighbouring county with one department, and one user per role that matters here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.utils import timezone

from fazhi.core.accounts.models import RoleAssignment, StaffMember, User
from fazhi.core.accounts.roles import Role
from fazhi.core.orgs.codes import make_id_number, make_uscc
from fazhi.core.orgs.models import Agency, Division, Unit

PASSWORD = "Test@2026pass"


@dataclass
class World:
    county: Division
    other_county: Division
    government: Agency
    justice: Agency
    market: Agency
    eco: Agency
    other_government: Agency
    other_market: Agency
    officer: User
    supervisor: User
    sysadmin: User
    secadmin: User
    auditor: User


def make_user(username: str, role: str | None, agency: Agency | None) -> User:
    user = User.objects.create_user(username, password=PASSWORD, display_name=username)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password_changed_at"])
    if role:
        assert agency is not None, "a role is granted in an agency"
        RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user


def agency(
    name: str, body: str, kind: str, division: Division, government: Agency | None = None, **extra
) -> Agency:
    return Agency.objects.create(
        name=name,
        uscc=make_uscc(division.code[:6], body),
        kind=kind,
        division=division,
        government=government,
        **extra,
    )


@pytest.fixture
def world(db) -> World:
    county = Division.objects.create(code="331225", name="甲县", level="county")
    other = Division.objects.create(code="331226", name="乙县", level="county")
    government = agency("甲县人民政府", "00100001", "government", county)
    justice = agency("甲县司法局", "00100002", "justice", county, government, is_supervisor=True)
    market = agency("甲县市场监督管理局", "00100003", "department", county, government)
    eco = agency("甲县生态环境局", "00100004", "department", county, government)
    other_government = agency("乙县人民政府", "00200001", "government", other)
    other_market = agency("乙县市场监督管理局", "00200002", "department", other, other_government)
    Unit.objects.create(agency=market, name="政策法规科")
    w = World(
        county,
        other,
        government,
        justice,
        market,
        eco,
        other_government,
        other_market,
        officer=make_user("officer", Role.OFFICER, market),
        supervisor=make_user("supervisor", Role.SUPERVISOR, justice),
        sysadmin=make_user("sysadmin", Role.SYSTEM_ADMIN, government),
        secadmin=make_user("secadmin", Role.SECURITY_ADMIN, government),
        auditor=make_user("auditor", Role.AUDIT_ADMIN, government),
    )
    StaffMember.objects.create(
        user=w.officer,
        agency=market,
        name="王伟",
        position="执法队员",
        id_number=make_id_number("331225", date(1985, 3, 4), 11),
    )
    StaffMember.objects.create(
        agency=eco,
        name="李娜",
        position="科员",
        id_number=make_id_number("331225", date(1990, 6, 1), 22),
    )
    StaffMember.objects.create(
        agency=other_market,
        name="赵敏",
        position="科员",
        id_number=make_id_number("331226", date(1988, 2, 2), 24),
    )
    return w
