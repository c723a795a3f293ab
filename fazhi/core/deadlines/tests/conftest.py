"""Fixtures for the deadlines app: a county with a government, its 司法局 (the supervisor) and a
department, a neighbouring county, users holding roles, and helpers to sign in and to start
deadlines. Identifiers are valid (统一社会信用代码 check characters computed by the kernel)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from fazhi.core.accounts.models import RoleAssignment, User
from fazhi.core.accounts.roles import Role
from fazhi.core.deadlines import services
from fazhi.core.deadlines.models import Deadline
from fazhi.core.orgs.models import Agency, Division
from fazhi.kernel.ids import uscc_check_character

SHANGHAI = ZoneInfo("Asia/Shanghai")


def uscc(division: str, serial: int) -> str:
    """A valid code of a government body: 1 (机构编制) 1 (机关) + division + 9-digit body."""
    first17 = f"11{division}{serial:09d}"
    return first17 + uscc_check_character(first17)


@dataclass
class County:
    division: Division
    government: Agency
    justice: Agency
    department: Agency


def _county(code: str, name: str, serial: int) -> County:
    division = Division.objects.create(code=code, name=name, level=Division.Level.COUNTY)
    gov = Agency.objects.create(
        name=f"{name}人民政府",
        uscc=uscc(code, serial),
        kind=Agency.Kind.GOVERNMENT,
        division=division,
    )
    justice = Agency.objects.create(
        name=f"{name}司法局",
        short_name="司法局",
        uscc=uscc(code, serial + 1),
        kind=Agency.Kind.JUSTICE,
        division=division,
        government=gov,
        is_supervisor=True,
    )
    dept = Agency.objects.create(
        name=f"{name}市场监督管理局",
        short_name="市场监管局",
        uscc=uscc(code, serial + 2),
        kind=Agency.Kind.DEPARTMENT,
        division=division,
        government=gov,
        enforcement_subject=True,
    )
    for agency in (gov, justice, dept):
        agency.full_clean()  # the codes pass the GB 32100-2015 check
    return County(division, gov, justice, dept)


@pytest.fixture(autouse=True)
def _fresh_calendar() -> Iterator[None]:
    """Entered notices live in each test's database: never reuse a calendar built in another."""
    services.calendar_changed()
    yield
    services.calendar_changed()


@pytest.fixture
def county(db: Any) -> County:
    return _county("330782", "义乌市", 1001)


@pytest.fixture
def other_county(db: Any) -> County:
    return _county("330783", "东阳市", 2001)


def _user(username: str, *grants: tuple[str, Agency]) -> User:
    user = User.objects.create_user(
        username=username, password="Fazhi@Test2026", display_name=username
    )
    for role, agency in grants:
        RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user


@pytest.fixture
def supervisor(county: County) -> User:
    return _user("sifaju", (Role.SUPERVISOR, county.justice))


@pytest.fixture
def officer(county: County) -> User:
    return _user("zhifa", (Role.OFFICER, county.department))


@pytest.fixture
def clerk(county: County) -> User:
    """Holds the disclosure role in the department: sees its deadlines of that role."""
    return _user("gongkai", (Role.DISCLOSURE_STAFF, county.department))


@pytest.fixture
def outsider(other_county: County) -> User:
    return _user("dongyang", (Role.OFFICER, other_county.department))


@pytest.fixture
def login(client: Any) -> Callable[[User], Any]:
    """Sign a user in with a current password (the expiry policy is measured from now)."""

    def do(user: User) -> Any:
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password_changed_at"])
        client.force_login(user)
        return client

    return do


@pytest.fixture
def start(county: County) -> Callable[..., Deadline]:
    """Start a deadline in the department through the service, one subject per call."""
    counter = iter(range(1, 10_000))

    def do(rule_id: str, trigger: date, *, agency: Agency | None = None, **kwargs: Any) -> Deadline:
        n = next(counter)
        kwargs.setdefault("label", f"测试事项{n}")
        return services.start(
            agency or county.department,
            rule_id,
            trigger,
            agency_id=(agency or county.department).pk,
            key=f"k{n}",
            **kwargs,
        )

    return do


def at(day: date, hour: int = 10) -> Any:
    """Freeze the clock at ``hour`` o'clock in Asia/Shanghai on ``day``."""
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False
    )
