"""The due dates on the 复议 and 应诉 lists follow the official calendar.

Natural-day periods ending on a closed day roll to the next working day (民事诉讼法 第八十五条,
applied by 行政复议法 第八十八条第一款 and 行政诉讼法 第一百零一条); working-day periods skip closed
days. Each record below is due on 2027-02-11 while 2027 is counted on the statutory holidays
alone (provisional), and on 2027-02-14 once the 2027 notice closes 02-05..02-13 and makes Sunday
02-14 a working day:

* 行政复议 accepted 2026-12-08: 60 days to decide (行政复议法 第六十二条第一款);
* 复议答复 on a copy received 2027-01-22: 10 working days to answer (行政复议法 第四十八条);
* 行政应诉 on a complaint received 2027-01-22: 15 days to file the defence (行政诉讼法 第六十七条).

Entering the notice must change the three lists at once, with no step taken on the records.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from fazhi.core.deadlines.models import Deadline
from fazhi.core.workflow.models import TransitionLog
from fazhi.systems.disputes import services
from tests import factories
from tests.notices import enter_notice

pytestmark = pytest.mark.django_db


def _list(client, user, kind: str) -> str:
    client.force_login(user)
    response = client.get(reverse(f"disputes:{kind}"))
    assert response.status_code == 200
    return response.content.decode()


def test_entering_the_2027_notice_moves_the_due_dates_on_the_three_lists(
    client, time_machine, make_case, make_suit, office_staff, dept_staff, department, justice
):
    time_machine.move_to(datetime(2027, 1, 22, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    case = make_case(known_on=date(2026, 11, 20), received_on=date(2026, 12, 7))
    case = services.accept_reconsideration(case, actor=office_staff, accepted_on=date(2026, 12, 8))
    resp = services.register_respondence(
        agency=department,
        actor=dept_staff,
        body_name="示范县人民政府",
        number="示政复〔2027〕3号",
        applicant_name="钱七",
        copy_received_on=date(2027, 1, 22),
        act_description="示市监罚〔2026〕40号行政处罚决定",
    )
    suit = make_suit(number="（2027）浙1225行初3号", complaint_received_on=date(2027, 1, 22))
    pages = {
        "reconsideration": (office_staff, case, "reconsideration.decision"),
        "respondence": (dept_staff, resp, "reconsideration.answer"),
        "litigation": (dept_staff, suit, "litigation.defence"),
    }
    for kind, (user, _, _) in pages.items():
        assert "2027年2月11日" in _list(client, user, kind), kind
    steps = TransitionLog.objects.count()

    enter_notice(client, factories.user("sifaju", ("supervisor", justice)))

    for kind, (user, record, rule) in pages.items():
        page = _list(client, user, kind)
        assert "2027年2月14日" in page and "2027年2月11日" not in page, kind
        clock = Deadline.objects.get(subject_id=record.pk, rule_id=rule)
        assert clock.due == date(2027, 2, 14) and not clock.provisional, kind
    assert TransitionLog.objects.count() == steps, "no step was taken on the records"
