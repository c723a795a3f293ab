"""The demo loader: deterministic, idempotent, with running and overdue matters."""

from __future__ import annotations

import pytest

from fazhi.core.deadlines.models import Deadline
from fazhi.systems.disputes import demo
from fazhi.systems.disputes.models import LitigationCase, ReconsiderationCase, Respondence

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(monkeypatch):
    from fazhi.core.demo.generator import load

    county = load(run_registered=False)
    monkeypatch.setattr(demo, "RESPONDENTS", {"market": (3, 2), "nrp": (2, 1)})
    first = demo.load_demo(county)
    assert first["reconsideration"] > 0 and first["litigation"] > 0
    snapshot = (
        sorted(ReconsiderationCase.objects.values_list("number", "state")),
        sorted(LitigationCase.objects.values_list("number", "state")),
        Respondence.objects.count(),
    )
    again = demo.load_demo(county)
    assert again == {"reconsideration": 0, "litigation": 0, "recommendations": 0}
    assert snapshot == (
        sorted(ReconsiderationCase.objects.values_list("number", "state")),
        sorted(LitigationCase.objects.values_list("number", "state")),
        Respondence.objects.count(),
    )
    assert ReconsiderationCase.objects.filter(state="decided").exists()
    assert Deadline.objects.filter(rule_id__startswith="reconsideration.").exists()
