"""The demo loader: deterministic, idempotent, with overdue requests among the open ones."""

from __future__ import annotations

import pytest

from fazhi.core.deadlines.models import Deadline
from fazhi.systems.disclosure import demo, report
from fazhi.systems.disclosure.models import DisclosureRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def county():
    from fazhi.core.demo.generator import load

    return load(run_registered=False)


def test_demo_is_idempotent_and_has_overdue_requests(county, monkeypatch):
    # one agency at a reduced volume keep the test fast; the loader is the same
    monkeypatch.setattr(
        demo, "AGENCIES", {k: (6, v[1]) for k, v in list(demo.AGENCIES.items())[:1]}
    )
    first = demo.load_demo(county)
    assert first["requests"] == first["total"] > 0
    numbers = set(DisclosureRequest.objects.values_list("number", "state"))
    again = demo.load_demo(county)
    assert again["requests"] == 0
    assert set(DisclosureRequest.objects.values_list("number", "state")) == numbers
    assert DisclosureRequest.objects.filter(state="answered").exists()
    overdue = Deadline.objects.filter(
        rule_id="disclosure.answer", status="open", due__lt=demo.ANCHOR
    )
    assert overdue.exists()
    ids = set(DisclosureRequest.objects.values_list("agency_id", flat=True))
    for year in (2024, 2025):
        assert report.annual_figures(ids, year).consistent
