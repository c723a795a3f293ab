"""Each step a petition or a 12345 ticket waits for is a task in the queue of the petition staff
of the body that bears it now, dated by the clock that times it (《信访工作条例》; the 12345
limits are local settings); the step done, the task moves on with the record."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.tasks import selectors as task_selectors
from fazhi.core.tasks.services import NO_DUE
from fazhi.systems.petitions import rules, services

pytestmark = pytest.mark.django_db


def _queue(user) -> list[tuple[str, int, date | None]]:
    return [(t.title, t.subject_id, t.due) for t in task_selectors.mine(user).order_by("due", "id")]


def test_a_petition_moves_from_the_office_to_the_department_and_the_review_body(
    make_petition, clerk, dept_clerk, department, government, gov_clerk
):
    """Received by the 信访局 Tue 2025-09-16: 分类处理 by 10-09 (第二十二条, 15 days rolled past
    国庆). Transferred Fri 09-26: the department may object until 10-10 (第二十三条第三款, 5
    working days) and tells the petitioner by 10-11 (15 days). Accepted 10-09: 办结 by Mon
    12-08 (第三十四条, 60 days). A 复查 requested 12-05 is due 2026-01-04 (第三十五条)."""
    p = make_petition(received=date(2025, 9, 16))
    assert _queue(clerk) == [("待分类处理", p.pk, date(2025, 10, 9))]
    assert _queue(dept_clerk) == []
    p = services.route(
        p, actor=clerk, route=rules.TRANSFER, handler_agency=department, routed_on=date(2025, 9, 26)
    )
    assert _queue(clerk) == []
    assert _queue(dept_clerk) == [
        ("待受理", p.pk, date(2025, 10, 10)),
        ("待书面告知", p.pk, date(2025, 10, 11)),
    ]
    p = services.notify(p, actor=dept_clerk, notice_on=date(2025, 9, 29))
    assert _queue(dept_clerk) == [("待受理", p.pk, date(2025, 10, 10))]
    p = services.accept(p, actor=dept_clerk, accepted_on=date(2025, 10, 9))
    assert _queue(dept_clerk) == [("待办结", p.pk, date(2025, 12, 8))]
    p = services.decide(
        p, actor=dept_clerk, opinion_on=date(2025, 11, 3), opinion="维持",
        legal_basis="《中华人民共和国行政处罚法》", served_on=date(2025, 11, 5),
    )  # fmt: skip
    assert _queue(dept_clerk) == []  # the petitioner's 30 days to ask for a 复查 are not a task
    p = services.request_review(p, actor=gov_clerk, body=government, requested_on=date(2025, 12, 5))
    assert _queue(gov_clerk) == [("待复查", p.pk, date(2026, 1, 4))]
    assert _queue(dept_clerk) == []


def test_an_objection_sends_the_task_back_to_the_office(
    make_petition, clerk, dept_clerk, department
):
    p = make_petition(received=date(2025, 9, 16))
    p = services.route(
        p, actor=clerk, route=rules.TRANSFER, handler_agency=department, routed_on=date(2025, 9, 26)
    )
    p = services.object_to_routing(
        p, actor=dept_clerk, objection_on=date(2025, 10, 10), reason="属住建职责"
    )
    assert _queue(dept_clerk) == []
    # the office's 15 days to route ran out at the first routing: the task has no clock now
    assert _queue(clerk) == [("待分类处理", p.pk, NO_DUE)]


def test_a_petition_made_to_a_department_waits_for_its_acceptance_notice_article_23(
    make_petition, department, dept_clerk
):
    """第二十三条第二款: another body than a 信访部门 tells the petitioner within 15 days whether it
    accepts: received 2025-09-16, by 10-09."""
    p = make_petition(agency=department, actor=dept_clerk, received=date(2025, 9, 16))
    assert _queue(dept_clerk) == [("待受理", p.pk, date(2025, 10, 9))]


def test_a_ticket_waits_for_dispatch_then_for_the_unit_to_sign_and_reply(
    make_ticket, clerk, dept_clerk, department
):
    """Local settings (hotline.*): sign within 1 working day of 派单 (Tue 2025-09-30 → 10-09
    after 国庆), reply within 5 working days of signing (10-09 → 10-15)."""
    t = make_ticket(unit=None, dispatched_on=None)
    assert _queue(clerk) == [("待派单", t.pk, NO_DUE)]
    t = services.dispatch(t, actor=clerk, unit=department, dispatched_on=date(2025, 9, 30))
    assert _queue(clerk) == []
    assert _queue(dept_clerk) == [("待签收", t.pk, date(2025, 10, 9))]
    t = services.sign(t, actor=dept_clerk, signed_on=date(2025, 10, 9))
    assert _queue(dept_clerk) == [("待办结回复", t.pk, date(2025, 10, 15))]
    services.reply(t, actor=dept_clerk, replied_on=date(2025, 10, 14), reply="已清理占道摊点")
    assert _queue(dept_clerk) == []
