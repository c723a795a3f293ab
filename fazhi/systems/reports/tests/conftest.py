"""Fixtures: a county (government + departments), staff with roles, and test indicators
registered through the registry's own ``registered`` helper — proving that a new indicator
appears in the composer, the bulletin and the assessment without this app changing."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from fazhi.core.deadlines.models import Deadline
from fazhi.core.indicators.registry import Indicator, Value, registered
from fazhi.core.orgs.models import Agency
from fazhi.core.publication.tests.factories import Role, county, user


@pytest.fixture
def east(db):
    return county("330101", "东城县")


@pytest.fixture
def drafter(east):
    return user(
        "drafter", (Role.LEGAL_REVIEWER, east.market), (Role.LEGAL_REVIEWER, east.government)
    )


@pytest.fixture
def reviewer(east):
    return user("reviewer", (Role.LEGAL_REVIEWER, east.market))


@pytest.fixture
def head(east):
    return user("head", (Role.AGENCY_HEAD, east.market))


@pytest.fixture
def sup(east):
    return user("sup", (Role.SUPERVISOR, east.justice))


#: Figures the test indicators return: {(agency name suffix, year or quarter code): n}.
CASES: dict[tuple[str, str], tuple[int, int]] = {}


def _key(agency_id: int, period) -> list[tuple[int, int]]:
    return CASES.get((agency_id, period.code), (0, 0))


@pytest.fixture
def test_indicators(db):
    """Two indicators a new app would register: a count (lower is better) and a rate."""
    CASES.clear()

    def losses(ids, period):
        return Value.count(sum(_key(a, period)[0] for a in ids), "件")

    def rate(ids, period):
        num = sum(_key(a, period)[0] for a in ids)
        den = sum(_key(a, period)[1] for a in ids)
        return Value.ratio(num, den)

    def rows(ids, period):
        return Agency.objects.filter(pk__in=ids)

    lost = Indicator(
        code="testapp.lost_cases",
        name="败诉案件",
        unit="件",
        area="测试领域",
        compute=losses,
        records=rows,
        higher_is_better=False,
    )
    solved = Indicator(
        code="testapp.solved_rate",
        name="测试办结率",
        unit="%",
        area="测试领域",
        compute=rate,
        records=rows,
        higher_is_better=True,
        aggregate="ratio",
    )
    with registered(lost, solved):
        yield CASES


@pytest.fixture
def make_deadline(db):
    """A deadline row as the deadlines service leaves it (fixture setup, not a state change)."""
    ct = ContentType.objects.get_for_model(Agency)
    counter = iter(range(1, 10_000))

    def make(agency, *, due: date, closed_on: date):
        n = next(counter)
        return Deadline.objects.create(
            subject_type=ct,
            subject_id=n,
            subject_label=f"案件{n}",
            agency=agency,
            rule_id="penalty.decision",
            title="作出行政处罚决定",
            trigger=date(due.year, 1, 1),
            due=due,
            status=Deadline.Status.MET,
            closed_on=closed_on,
            on_time=closed_on <= due,
        )

    return make
