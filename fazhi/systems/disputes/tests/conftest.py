"""Fixtures for 行政复议与应诉: the county, its 司法局 (复议机构), a department, their staff."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories

TODAY = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _frozen_today(time_machine):
    """Steps may not be dated after today; flags count from today."""
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def justice(db):
    return factories.agency("示范县司法局", kind="justice", supervisor=True)


@pytest.fixture
def department(db):
    return factories.agency("示范县市场监督管理局")


@pytest.fixture
def office_staff(justice):
    return factories.user("fuyi", ("litigation_staff", justice))


@pytest.fixture
def dept_staff(department):
    return factories.user("yingsu", ("litigation_staff", department))


@pytest.fixture
def make_case(justice, office_staff, department):
    from fazhi.systems.disputes import services

    def make(**kw):
        values = {
            "office": justice,
            "actor": office_staff,
            "applicant_name": "钱七",
            "respondent": department,
            "act_description": "示市监罚〔2025〕12号行政处罚决定",
            "category": "penalty",
            "known_on": date(2025, 9, 1),
            "received_on": date(2025, 9, 25),
        }
        values.update(kw)
        return services.register_reconsideration(**values)

    return make


@pytest.fixture
def make_suit(department, dept_staff):
    from fazhi.systems.disputes import services

    def make(**kw):
        values = {
            "agency": department,
            "actor": dept_staff,
            "court": "示范县人民法院",
            "number": "（2025）浙1225行初12号",
            "plaintiff_name": "孙八",
            "complaint_received_on": date(2025, 9, 25),
            "act_description": "示市监罚〔2025〕20号行政处罚决定",
            "category": "penalty",
        }
        values.update(kw)
        return services.register_litigation(**values)

    return make
