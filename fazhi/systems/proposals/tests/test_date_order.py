"""The order of a proposal's dates (issue 15): an answer or an opinion dated before the proposal
was assigned is refused naming both dates, with nothing saved."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow.engine import Refused
from fazhi.systems.proposals import services
from fazhi.systems.proposals.models import CoOpinion

pytestmark = pytest.mark.django_db


def _saved(p):
    p.refresh_from_db()
    return p.state, p.answered_on, sealed().count()


def test_answer_before_assignment_is_refused(assigned, lead_staff):
    p = assigned(co_units=[])  # assigned 2026-02-02
    before = _saved(p)
    with pytest.raises(Refused) as exc:
        services.answer(
            p, actor=lead_staff, result="A", answer="已解决。", answered_on=date(2026, 1, 30)
        )
    assert "答复日（2026年1月30日）不能早于交办日（2026年2月2日）。" in str(exc.value)
    assert _saved(p) == before


def test_opinion_before_assignment_is_refused(assigned, co_staff):
    p = assigned()
    before = _saved(p)
    with pytest.raises(Refused) as exc:
        services.submit_opinion(
            p, actor=co_staff, opinion="同意主办单位意见。", submitted_on=date(2026, 2, 1)
        )
    assert "协办意见送达主办单位日（2026年2月1日）不能早于交办日（2026年2月2日）。" in str(
        exc.value
    )
    assert _saved(p) == before and not CoOpinion.objects.filter(proposal=p).exists()


def test_assignment_before_receipt_is_refused(make_proposal, office, lead):
    p = make_proposal(received=date(2026, 1, 15))
    before = _saved(p)
    with pytest.raises(Refused) as exc:
        services.assign(
            p,
            actor=office,
            lead_unit=lead,
            assigned_on=date(2026, 1, 14),
            answer_due=date(2026, 5, 30),
        )
    assert "交办日（2026年1月14日）不能早于收到日（2026年1月15日）。" in str(exc.value)
    assert _saved(p) == before
