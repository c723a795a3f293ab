from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from fazhi.core.deadlines.models import Deadline
from fazhi.core.orgs.models import Agency
from fazhi.core.publication.tests.factories import Role, county, supervisor, user


@pytest.fixture
def east(db):
    return county("330101", "东城县")


@pytest.fixture
def west(db):
    return county("330102", "西城县")


@pytest.fixture
def east_supervisor(east):
    return supervisor("east_sup", east)


@pytest.fixture
def market_officer(east):
    return user("market_officer", (Role.OFFICER, east.market))


@pytest.fixture
def west_officer(west):
    return user("west_officer", (Role.OFFICER, west.market))


@pytest.fixture
def make_deadline(db):
    """A deadline row as the deadlines service leaves it (fixture setup, not a state change)."""
    ct = ContentType.objects.get_for_model(Agency)
    counter = iter(range(1, 10_000))

    def make(agency, *, due, closed_on=None, on_time=None, status=None, trigger=None):
        if status is None:
            status = Deadline.Status.MET if closed_on else Deadline.Status.OPEN
        if status == Deadline.Status.MET and on_time is None:
            on_time = closed_on <= due
        n = next(counter)
        return Deadline.objects.create(
            subject_type=ct,
            subject_id=n,
            subject_label=f"案件{n}",
            agency=agency,
            rule_id="penalty.decision",
            title="作出行政处罚决定",
            trigger=trigger or date(due.year, 1, 1),
            due=due,
            status=status,
            closed_on=closed_on,
            on_time=on_time,
        )

    return make
