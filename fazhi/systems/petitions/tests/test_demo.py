"""The demo loader: deterministic, idempotent, every state reached, some overdue."""

from __future__ import annotations

import pytest

from fazhi.core.deadlines.models import Deadline
from fazhi.systems.petitions import demo
from fazhi.systems.petitions.models import HotlineTicket, Petition, TicketBounce

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_reaches_the_states(monkeypatch):
    from fazhi.core.demo.generator import load

    county = load(run_registered=False)
    monkeypatch.setattr(
        demo, "DEPARTMENTS", {k: v for k, v in demo.DEPARTMENTS.items() if k in ("market", "nrp")}
    )
    monkeypatch.setattr(demo, "TICKETS_PER_YEAR", 25)
    first = demo.load_demo(county)
    assert first["petitions"] > 30 and first["tickets"] > 60
    snapshot = (
        sorted(Petition.objects.values_list("number", "state")),
        sorted(HotlineTicket.objects.values_list("number", "state")),
    )
    assert demo.load_demo(county) == {"petitions": 0, "tickets": 0}
    assert snapshot == (
        sorted(Petition.objects.values_list("number", "state")),
        sorted(HotlineTicket.objects.values_list("number", "state")),
    )
    states = set(Petition.objects.values_list("state", flat=True))
    assert {"transferred", "accepted", "closed", "final"} <= states
    assert TicketBounce.objects.exists()
    tickets = set(HotlineTicket.objects.values_list("state", flat=True))
    assert {"signed", "closed"} <= tickets and len(tickets) >= 3
    assert Petition.objects.filter(handled_on_time=False).exists()
    assert Deadline.objects.filter(rule_id="petition.resolution", status="open").exists()
