"""The annual report waits for the agency's 法制审核人员 (起草、审核、保密审查、报送、公开) and its
head (审批), each step a task dated by the 报送 clock (3月1日, 第二十三条第二款) and, once sent,
by the 公开 clock (4月1日, 第二十四条)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from fazhi.core.tasks import selectors as task_selectors
from fazhi.core.workflow.engine import perform
from fazhi.systems.reports import services
from fazhi.systems.reports.workflow import REPORT_WORKFLOW as WF

pytestmark = pytest.mark.django_db
SUBMIT_BY, PUBLISH_BY = date(2025, 3, 1), date(2025, 4, 1)


def _queue(user) -> list[tuple[str, int, date | None]]:
    return [(t.title, t.subject_id, t.due) for t in task_selectors.mine(user).order_by("due", "id")]


@time_machine.travel(date(2025, 3, 5), tick=False)
def test_each_step_of_the_report_is_the_next_persons_task(east, drafter, reviewer, head):
    r = services.create_report(east.market, 2024, actor=drafter)
    assert _queue(drafter) == [("待起草送审", r.pk, SUBMIT_BY)]
    assert _queue(head) == []
    services.save_draft(r, {"measures": "全面推进依法行政。"}, actor=drafter)
    perform(WF, r, "send_review", actor=drafter, on_date=date(2025, 2, 1))
    assert _queue(reviewer) == [("待单位审核", r.pk, SUBMIT_BY)]
    perform(WF, r, "pass_unit_review", actor=reviewer, on_date=date(2025, 2, 3))
    assert _queue(reviewer) == [("待保密审查", r.pk, SUBMIT_BY)]
    perform(
        WF,
        r,
        "pass_secrecy_review",
        actor=reviewer,
        on_date=date(2025, 2, 5),
        data={"opinion": "经审查，不涉及党和国家秘密，可以公开。"},
    )
    assert _queue(reviewer) == []
    assert _queue(head) == [("待审批", r.pk, SUBMIT_BY)]
    perform(WF, r, "approve", actor=head, on_date=date(2025, 2, 10))
    assert _queue(head) == []
    assert _queue(reviewer) == [("待报送", r.pk, SUBMIT_BY)]
    perform(WF, r, "submit", actor=reviewer, on_date=date(2025, 2, 20))
    assert _queue(reviewer) == [("待公开", r.pk, PUBLISH_BY)]
    perform(WF, r, "release", actor=reviewer, on_date=date(2025, 3, 5))
    assert _queue(reviewer) == [] and _queue(drafter) == []


def test_a_report_sent_back_is_the_drafters_task_again(east, drafter, reviewer):
    with time_machine.travel(date(2025, 1, 10), tick=False):
        r = services.create_report(east.market, 2024, actor=drafter)
        services.save_draft(r, {"measures": "正文"}, actor=drafter)
        perform(WF, r, "send_review", actor=drafter)
        perform(WF, r, "return_draft", actor=reviewer)
    assert _queue(reviewer) == [("待起草送审", r.pk, SUBMIT_BY)]  # a 法制审核人员 drafts too
