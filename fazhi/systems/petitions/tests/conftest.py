"""Fixtures for 信访 and 12345: the county's 信访局 (also its 12345 office), two departments,
the county government (复查 body) and a city government (复核 body), each with petition staff."""

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
def office(db):
    return factories.agency("示范县信访局")


@pytest.fixture
def department(db):
    return factories.agency("示范县市场监督管理局")


@pytest.fixture
def other_department(db):
    return factories.agency("示范县住房和城乡建设局")


@pytest.fixture
def government(db):
    return factories.county()[1]


@pytest.fixture
def city(db):
    return factories.agency("示范市人民政府", kind="government", code="339000")


@pytest.fixture
def justice(db):
    return factories.agency("示范县司法局", kind="justice", supervisor=True)


@pytest.fixture
def clerk(office):
    return factories.user("xinfang", ("petition_staff", office))


@pytest.fixture
def dept_clerk(department):
    return factories.user("shijianju", ("petition_staff", department))


@pytest.fixture
def other_clerk(other_department):
    return factories.user("zhujianju", ("petition_staff", other_department))


@pytest.fixture
def gov_clerk(government):
    return factories.user("zhengfu", ("petition_staff", government))


@pytest.fixture
def city_clerk(city):
    return factories.user("shiji", ("petition_staff", city))


@pytest.fixture
def supervisor(justice):
    return factories.user("sifaju", ("supervisor", justice))


@pytest.fixture
def make_petition(office, clerk):
    from fazhi.systems.petitions import services

    def make(received: date = date(2025, 9, 16), **kw):
        values = {
            "agency": office,
            "actor": clerk,
            "channel": "visit",
            "petitioner_name": "赵六",
            "content": "要求撤销对其店铺的罚款",
            "facts_reasons": "认为罚款过重",
            "received_on": received,
            "act_description": "示市监罚〔2025〕12号行政处罚决定",
        }
        values.update(kw)
        return services.register_petition(**values)

    return make


@pytest.fixture
def make_ticket(office, clerk, department):
    from fazhi.systems.petitions import services

    def make(received: date = date(2025, 9, 30), **kw):
        values = {
            "office": office,
            "actor": clerk,
            "category": "complaint",
            "caller_name": "钱七",
            "content": "某小区门口占道经营",
            "received_on": received,
            "unit": department,
            "dispatched_on": received,
        }
        values.update(kw)
        return services.register_ticket(**values)

    return make
