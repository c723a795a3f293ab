"""Fixtures: a county with its 司法局 (supervisor) and a market-regulation bureau whose officers
hold certificates issued through the services (so every certificate has its history)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from fazhi.core.accounts.models import RoleAssignment, StaffMember
from fazhi.core.accounts.roles import Role
from tests import factories

D = date
ISSUED, EXPIRES = D(2022, 1, 1), D(2026, 12, 31)


@pytest.fixture
def org(db):
    market = factories.agency("示范县市场监督管理局")
    market.enforcement_subject = True
    market.save()
    eco = factories.agency("示范县生态环境局")
    justice = factories.agency("示范县司法局", kind="justice", supervisor=True)
    supervisor = factories.user("sifaju", (Role.SUPERVISOR, justice), staff_agency=justice)
    head = factories.user("juzhang", (Role.AGENCY_HEAD, market), staff_agency=market)
    officer_user = factories.user("zhifa", (Role.OFFICER, market), staff_agency=market)
    outsider = factories.user("waiju", (Role.OFFICER, eco), staff_agency=eco)
    return SimpleNamespace(
        market=market,
        eco=eco,
        justice=justice,
        supervisor=supervisor,
        head=head,
        officer_user=officer_user,
        outsider=outsider,
    )


_serial = itertools.count(1)


def make_staff(agency, name: str, *, role: str | None = Role.OFFICER) -> StaffMember:
    """A staff member of ``agency``; with ``role``, also a login holding that role there."""
    user = factories.user(f"staff{next(_serial)}", (role, agency)) if role else None
    return StaffMember.objects.create(
        user=user, agency=agency, name=name, id_number=factories.id_number()
    )


def passed_exam(staff, before: date, *, actor="测试"):
    """The passed 执法资格考试 that 发证 requires (纲要 （十五）), a month before ``before``."""
    from fazhi.systems.officers import services
    from fazhi.systems.officers.models import ExamResult

    if not ExamResult.objects.filter(staff=staff, passed=True, date__lte=before).exists():
        services.record_exam(
            staff,
            kind=ExamResult.Kind.QUALIFICATION,
            name="行政执法资格考试",
            date=before - timedelta(days=30),
            score="80",
            passed=True,
            actor=actor,
        )


def issue(
    staff,
    number: str,
    *,
    fields=("市场监管",),
    issued=ISSUED,
    expires=EXPIRES,
    actor="测试",
):
    from fazhi.systems.officers import services

    passed_exam(staff, issued)
    return services.issue_certificate(
        staff, number=number, fields=list(fields), issued_on=issued, expires_on=expires, actor=actor
    )


@pytest.fixture
def officers(org):
    """Two certified market officers (张三, 李四) and an uncertified colleague (王五)."""
    zhang = make_staff(org.market, "张三")
    li = make_staff(org.market, "李四")
    wang = make_staff(org.market, "王五")
    return SimpleNamespace(
        zhang=zhang,
        li=li,
        wang=wang,
        zhang_cert=issue(zhang, "33000001"),
        li_cert=issue(li, "33000002"),
    )


@pytest.fixture
def grants():
    """Role grants in test setup (fixture, not a state change under test)."""

    def grant(user, role, agency):
        RoleAssignment.objects.get_or_create(user=user, role=role, agency=agency)

    return grant
