"""An item waits in the proposal staff's queue: the 政府办's for 交办, then the lead unit's for
办复 on the date the office set (no statute sets it: the clock is the office's date), and again
for 重新办复 when the author is not satisfied."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.tasks import selectors as task_selectors
from fazhi.core.tasks.services import NO_DUE
from fazhi.systems.proposals import rules, services

pytestmark = pytest.mark.django_db


def _queue(user) -> list[tuple[str, int, date | None]]:
    return [(t.title, t.subject_id, t.due) for t in task_selectors.mine(user).order_by("due", "id")]


def test_registered_then_assigned_then_sent_back(make_proposal, office, lead, lead_staff):
    p = make_proposal(kind="proposal")  # a 提案: the office sets its date
    assert _queue(office) == [("待交办", p.pk, NO_DUE)]
    assert _queue(lead_staff) == []
    p = services.assign(
        p,
        actor=office,
        lead_unit=lead,
        co_units=[],
        answer_due=date(2026, 5, 30),
        assigned_on=date(2026, 2, 1),
    )
    assert _queue(office) == []
    assert _queue(lead_staff) == [("待办复", p.pk, date(2026, 5, 30))]
    p = services.answer(
        p, actor=lead_staff, result="C", answer="留作参考。", answered_on=date(2026, 5, 29)
    )
    assert _queue(lead_staff) == []
    p = services.record_satisfaction(
        p,
        actor=office,
        satisfaction=rules.UNSATISFIED,
        feedback_on=date(2026, 6, 10),
        feedback_note="未说明时间安排。",
        answer_due=date(2026, 7, 10),
    )
    assert _queue(lead_staff) == [("待重新办复", p.pk, date(2026, 7, 10))]
    services.answer(
        p, actor=lead_staff, result="B", answer="列入计划。", answered_on=date(2026, 7, 1)
    )
    assert _queue(lead_staff) == []
