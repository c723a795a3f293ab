"""The handling date on the petition list follows the official calendar.

信访工作条例 第三十四条: 「信访事项应当自受理之日起60日内办结」. A petition accepted on 2026-12-08 is due on
the 60th day, 2027-02-06, which falls in the 2027 Spring Festival and rolls to the next working
day (民事诉讼法 第八十五条). Before the 2027 holiday notice that is 2027-02-11 (statutory holidays
only, provisional); the notice closes 02-05..02-13 and makes Sunday 02-14 a working day. Entering
the notice must change the list at once, with no step taken on the petition.
"""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.core.deadlines.models import Deadline
from fazhi.core.workflow.models import TransitionLog
from fazhi.systems.petitions import rules, services
from tests.notices import enter_notice

pytestmark = pytest.mark.django_db


def _list(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("petitions:list"))
    assert response.status_code == 200
    return response.content.decode()


def test_entering_the_2027_notice_moves_the_handling_date_on_the_list_article_34(
    client, time_machine, make_petition, clerk, dept_clerk, department, supervisor
):
    time_machine.move_to(datetime(2026, 12, 8, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    p = make_petition(received=date(2026, 12, 7))
    p = services.route(
        p, actor=clerk, route=rules.TRANSFER, handler_agency=department, routed_on=date(2026, 12, 8)
    )
    p = services.accept(p, actor=dept_clerk, accepted_on=date(2026, 12, 8))
    assert "2027年2月11日" in _list(client, supervisor)
    steps = TransitionLog.objects.count()

    enter_notice(client, supervisor)

    page = _list(client, supervisor)
    assert "2027年2月14日" in page and "2027年2月11日" not in page
    assert TransitionLog.objects.count() == steps, "no step was taken on the petition"
    clock = Deadline.objects.get(subject_id=p.pk, rule_id=rules.RULE_RESOLUTION)
    p.refresh_from_db()
    assert p.resolution_due == clock.due == date(2027, 2, 14)


def test_the_recompute_command_repairs_copies_written_before_the_mirror_article_34(
    time_machine, make_petition, clerk, dept_clerk, department
):
    """``fazhi deadlines recompute`` rewrites every mirrored column from the clocks: a date
    copied wrongly in the past, and an on-time result no closed clock supports."""
    time_machine.move_to(datetime(2026, 12, 8, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    p = make_petition(received=date(2026, 12, 7))
    p = services.route(
        p, actor=clerk, route=rules.TRANSFER, handler_agency=department, routed_on=date(2026, 12, 8)
    )
    p = services.accept(p, actor=dept_clerk, accepted_on=date(2026, 12, 8))
    type(p).objects.filter(pk=p.pk).update(
        resolution_due=date(2027, 1, 1), handled_on_time=False, notified_on_time=False
    )

    call_command("deadlines", "recompute", stdout=StringIO())

    p.refresh_from_db()
    assert p.resolution_due == date(2027, 2, 11)  # the open clock's (第三十四条, 60 days)
    assert p.handled_on_time is None, "the handling clock is still running"
    assert p.notified_on_time is None, "no notice clock (第二十三条) has closed"
