"""The demo loaders: realistic mix of certificates, idempotent on a second run."""

from __future__ import annotations

import random
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
import time_machine

from fazhi.core.accounts.models import StaffMember
from fazhi.core.orgs.models import Division, Unit
from fazhi.systems.officers import selectors
from fazhi.systems.officers.demo import load_demo as load_officers
from fazhi.systems.officers.models import Certificate, ReviewerProfile, TrainingRecord
from tests import factories

TODAY = date(2025, 6, 2)


@pytest.fixture
def county(db):
    market = factories.agency("示范县市场监督管理局")
    market.enforcement_subject = True
    market.save()
    team = Unit.objects.create(agency=market, name="市场监管综合行政执法队", kind=Unit.Kind.TEAM)
    law = Unit.objects.create(agency=market, name="政策法规科")
    office = Unit.objects.create(agency=market, name="办公室")
    for n in range(12):
        StaffMember.objects.create(
            agency=market, unit=team, name=f"队员{n}", id_number=factories.id_number()
        )
    for n in range(2):
        StaffMember.objects.create(
            agency=market, unit=law, name=f"法制{n}", id_number=factories.id_number()
        )
    StaffMember.objects.create(
        agency=market, unit=office, name="文员", id_number=factories.id_number()
    )
    return SimpleNamespace(
        agencies={"market": market},
        logins=[],
        county=Division.objects.get(code="339001"),
        rng=lambda name: random.Random(f"7:{name}"),
    )


@pytest.mark.django_db
def test_officers_demo_mix_and_idempotence(county):
    with time_machine.travel(TODAY, tick=False):
        first = load_officers(county)
        again = load_officers(county)
    assert first["certificates"] == 14  # the team and the 政策法规科, not the 办公室
    assert first["expired"] == 2
    assert again == {"certificates": 0, "training": 0, "reviewers": 0, "expired": 0}
    ids = [county.agencies["market"].pk]
    expired = selectors.lapsed_certificates(ids, TODAY).count()
    expiring = selectors.expiring_certificates(ids, TODAY).count()
    suspended = Certificate.objects.filter(status=Certificate.Status.SUSPENDED).count()
    assert (expired, suspended) == (2, 1) and 1 <= expiring <= 5
    valid = sum(
        selectors.is_valid_on(c, TODAY) for c in Certificate.objects.prefetch_related("events")
    )
    assert valid == 14 - expired - suspended
    hours = selectors.training_hours(
        Certificate.objects.values_list("staff_id", flat=True), TODAY.year - 1
    )
    assert all(30 <= float(h) <= 94 for h in hours.values())  # about 40–90 学时 a year
    assert ReviewerProfile.objects.count() == 2
    assert TrainingRecord.objects.filter(date__gte=TODAY).count() == 0
    assert not Certificate.objects.filter(expires_on__lt=TODAY - timedelta(days=120)).exists()
