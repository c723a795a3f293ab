"""The answer date on the request list follows the official calendar.

政府信息公开条例 第三十三条第二款: 「应当自收到申请之日起20个工作日内予以答复」. A request received on
2027-01-08 is due on the 20th working day; before the 2027 holiday notice is published that day
is counted on the statutory holidays alone (2027-02-11, provisional); the notice closes
02-05..02-13 and makes Sunday 02-14 a working day, so the answer is due on 2027-02-14. Entering
the notice must change the list and the figures at once, with no step taken on the request.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from fazhi.core.deadlines.models import Deadline
from fazhi.core.indicators.registry import Period, compute
from fazhi.core.workflow.models import TransitionLog
from fazhi.systems.disclosure import rules, services
from tests.notices import enter_notice

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR_2027 = Period(date(2027, 1, 1), date(2027, 12, 31))


def _on(time_machine, day: date) -> None:
    time_machine.move_to(datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI), tick=False)


def _list(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("disclosure:list"))
    assert response.status_code == 200
    return response.content.decode()


def test_entering_the_2027_notice_moves_the_answer_date_on_the_list_article_33(
    client, time_machine, make_request, supervisor
):
    _on(time_machine, date(2027, 1, 8))
    req = make_request(received=date(2027, 1, 8))
    assert "2027-02-11（暂定）" in _list(client, supervisor)
    steps = TransitionLog.objects.count()

    enter_notice(client, supervisor)

    page = _list(client, supervisor)
    assert "2027-02-14" in page
    assert "2027-02-11" not in page and "（暂定）" not in page
    assert TransitionLog.objects.count() == steps, "no step was taken on the request"
    clock = Deadline.objects.get(subject_id=req.pk, rule_id=rules.RULE_ANSWER)
    req.refresh_from_db()
    assert (req.answer_due, req.answer_due_provisional) == (clock.due, clock.provisional)
    assert (clock.due, clock.provisional) == (date(2027, 2, 14), False)


def test_overdue_and_on_time_figures_read_the_recomputed_deadline_article_33(
    client, time_machine, make_request, supervisor, staff, department
):
    """On 2027-02-12 the request is overdue on the provisional date (02-11) and not on the
    notice's (02-14); answered on 02-13 it is answered on time."""
    _on(time_machine, date(2027, 1, 8))
    req = make_request(received=date(2027, 1, 8))
    _on(time_machine, date(2027, 2, 12))
    ids = frozenset({department.pk})
    assert compute("disclosure.overdue", ids, YEAR_2027).value == 1

    enter_notice(client, supervisor)

    assert compute("disclosure.overdue", ids, YEAR_2027).value == 0
    _on(time_machine, date(2027, 2, 13))
    services.answer_request(
        req,
        actor=staff,
        answer_type="public_already",
        answered_on=date(2027, 2, 13),
        access_way="示范县人民政府门户网站“政府信息公开”栏目",
    )
    rate = compute("disclosure.on_time_rate", ids, YEAR_2027)
    assert (rate.numerator, rate.denominator) == (1, 1)
