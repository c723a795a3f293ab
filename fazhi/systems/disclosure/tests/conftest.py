"""Fixtures for 依申请公开: a county, a department with its disclosure officer, a supervisor."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories

#: "Today" in every test of this app: the demo county's anchor date (a Friday).
TODAY = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _frozen_today(time_machine):
    """Freeze the clock: steps may not be dated after today, and flags count from today."""
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def department(db):
    return factories.agency("示范县自然资源局")


@pytest.fixture
def other_department(db):
    return factories.agency("示范县住房和城乡建设局")


@pytest.fixture
def justice(db):
    return factories.agency("示范县司法局", kind="justice", supervisor=True)


@pytest.fixture
def staff(department):
    return factories.user("gongkai", ("disclosure_staff", department), staff_agency=department)


@pytest.fixture
def supervisor(justice):
    return factories.user("sifaju", ("supervisor", justice))


@pytest.fixture
def outsider(other_department):
    return factories.user("waibu", ("disclosure_staff", other_department))


@pytest.fixture
def make_request(department, staff):
    """Register a request (in person unless told otherwise) through the service."""
    from fazhi.systems.disclosure import services

    def make(received: date = date(2025, 9, 25), **kw):
        values = {
            "agency": department,
            "actor": staff,
            "applicant_name": "张三",
            "content": "2024年度本县耕地保护补偿资金发放明细",
            "channel": "in_person",
            "submitted_on": received,
            "applicant_address": "示范县城关镇人民路1号",
            "applicant_contact": "13800000000",
        }
        values.update(kw)
        return services.register_request(**values)

    return make
