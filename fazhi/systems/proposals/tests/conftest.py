"""Fixtures for 建议提案办理: a county government (its 政府办 staff), two units, a supervisor."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from tests import factories

TODAY = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _frozen_today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def government(db):
    return factories.county()[1]


@pytest.fixture
def lead(government):
    return factories.agency("示范县住房和城乡建设局")


@pytest.fixture
def co(government):
    return factories.agency("示范县交通运输局")


@pytest.fixture
def other(government):
    return factories.agency("示范县林业局")


@pytest.fixture
def justice(government):
    return factories.agency("示范县司法局", kind="justice", supervisor=True)


@pytest.fixture
def office(government):
    return factories.user("jianyi", ("proposal_staff", government))


@pytest.fixture
def lead_staff(lead):
    return factories.user("zhuban", ("proposal_staff", lead))


@pytest.fixture
def co_staff(co):
    return factories.user("xieban", ("proposal_staff", co))


@pytest.fixture
def outsider(other):
    return factories.user("waibu", ("proposal_staff", other))


@pytest.fixture
def supervisor(justice):
    return factories.user("sifaju", ("supervisor", justice))


@pytest.fixture
def make_proposal(government, office):
    from fazhi.systems.proposals import services

    counter = iter(range(1, 1000))

    def make(kind: str = "suggestion", received: date = date(2026, 1, 15), **kw):
        values = {
            "agency": government,
            "actor": office,
            "kind": kind,
            "number": f"第{next(counter)}号",
            "session": "县十八届人大五次会议",
            "year": received.year,
            "author": "李代表",
            "title": "关于加快农村公路提档升级的建议",
            "content": "建议加大投入。",
            "received_on": received,
        }
        values.update(kw)
        return services.register_proposal(**values)

    return make


@pytest.fixture
def assigned(make_proposal, office, lead, co):
    from fazhi.systems.proposals import services

    def make(due: date | None = None, co_units=None, **kw):
        """Assigned on 2026-02-02: a 建议 (default) runs its statutory three months (代表法
        第五十一条第二款: 05-02 in the 劳动节 holiday, so 05-06); a 提案 gets ``due`` (default
        2026-05-30), the date the office sets."""
        p = make_proposal(**kw)
        if due is None and p.kind == "proposal":
            due = date(2026, 5, 30)
        return services.assign(
            p,
            actor=office,
            lead_unit=lead,
            co_units=[co] if co_units is None else co_units,
            assigned_on=date(2026, 2, 2),
            answer_due=due,
        )

    return make
