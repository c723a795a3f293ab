"""The decision date on the case list follows the official calendar.

行政处罚法 第六十条: 「行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定」, counted in natural
days; a period ending on a closed day rolls to the next working day (民事诉讼法 第八十五条, which the
kernel applies to this period). A case opened on 2026-11-09 ends on 2027-02-07, in the 2027
Spring Festival: before the 2027 holiday notice that rolls to 2027-02-11 (statutory holidays
only, provisional); the notice closes 02-05..02-13 and makes Sunday 02-14 a working day. Entering
the notice must change the case list at once, with no step taken on the case.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.test import Client

from fazhi.core.deadlines.models import Deadline
from fazhi.core.workflow.models import TransitionLog
from fazhi.systems.enforcement import rules
from tests.notices import enter_notice


def _list(user) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/enforcement/cases/")
    assert response.status_code == 200
    return response.content.decode()


def test_entering_the_2027_notice_moves_the_decision_date_on_the_case_list_article_60(
    world, flow, time_machine
):
    time_machine.move_to(datetime(2026, 11, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    source = flow.source(registered_on=date(2026, 11, 6), violation_date=date(2026, 11, 2))
    case = flow.opened(source, opened_on=date(2026, 11, 9))
    assert "2027年2月11日" in _list(world.supervisor)
    steps = TransitionLog.objects.count()

    enter_notice(Client(), world.supervisor)

    page = _list(world.supervisor)
    assert "2027年2月14日" in page and "2027年2月11日" not in page
    assert TransitionLog.objects.count() == steps, "no step was taken on the case"
    clock = Deadline.objects.get(subject_id=case.pk, rule_id=rules.RULE_DECISION_SCJG)
    case.refresh_from_db()
    assert case.decision_due == clock.due == date(2027, 2, 14)
