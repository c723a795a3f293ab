"""``fazhi deadlines scan``: the daily flag update, set-based and idempotent."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fazhi.core.deadlines import selectors, services
from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.recompute import update_levels
from fazhi.kernel.calendar import WorkCalendar
from fazhi.kernel.timelimits import remaining

from .conftest import at

TODAY = date(2026, 12, 28)  # a Monday


def scan(*args: str) -> str:
    out = StringIO()
    call_command("deadlines", "scan", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def three(start):
    """7 working days (行政处罚法 第六十一条 送达) from 12-15 end 12-24: overdue on 12-28;
    from 12-21 they end 12-30: 2 working days left; 20 working days (政府信息公开条例
    第三十三条第二款) from 12-21 end in January: normal."""
    red = start("penalty.service", date(2026, 12, 15))
    yellow = start("penalty.service", date(2026, 12, 21))
    normal = start("disclosure.answer", date(2026, 12, 21))
    assert (red.due, yellow.due) == (date(2026, 12, 24), date(2026, 12, 30))
    assert normal.due > date(2027, 1, 5)
    return red, yellow, normal


def levels(*rows: Deadline) -> list[str]:
    return [Deadline.objects.get(pk=r.pk).level for r in rows]


@pytest.mark.django_db
def test_scan_sets_red_yellow_normal_and_is_idempotent(three):
    red, yellow, normal = three
    Deadline.objects.filter(pk=normal.pk).update(level=Deadline.Level.RED)  # stale flag
    out = scan("--today", TODAY.isoformat())
    assert levels(red, yellow, normal) == ["red", "yellow", "normal"]
    assert "标为逾期 1 项，标为临期 1 项，恢复正常 1 项" in out
    assert "当前逾期 1 项，临期 1 项" in out
    again = scan("--today", TODAY.isoformat())
    assert "标为逾期 0 项，标为临期 0 项，恢复正常 0 项" in again
    assert levels(red, yellow, normal) == ["red", "yellow", "normal"]


@pytest.mark.django_db
def test_scan_defaults_to_today_in_shanghai(three):
    red, yellow, normal = three
    with at(TODAY, hour=0):  # 00:30 in Shanghai is still 12-27 in UTC
        scan()
    assert levels(red, yellow, normal) == ["red", "yellow", "normal"]
    with at(date(2026, 12, 20)):
        scan()
    assert levels(red, yellow, normal) == ["normal", "normal", "normal"]


@pytest.mark.django_db
def test_suspended_and_finished_deadlines_are_not_flagged(three, county):
    red, yellow, _ = three
    services.suspend(county.department, "penalty.service", date(2026, 12, 22), red.key)
    services.stop(county.department, "penalty.service", date(2026, 12, 23), yellow.key)
    update_levels(TODAY)
    assert levels(red, yellow) == ["normal", "normal"]


@pytest.mark.django_db
def test_bad_date_is_refused_in_both_languages():
    with pytest.raises(CommandError, match="日期格式应为 YYYY-MM-DD.*date must be YYYY-MM-DD"):
        scan("--today", "28/12/2026")


def test_yellow_range_agrees_with_remaining_over_two_years():
    """The scan's due-date range must flag exactly what ``remaining`` flags: at most 3 working
    days in (today, due] and not overdue — including across 春节 and 国庆 blocks."""
    cal = WorkCalendar.default()
    n = selectors.WARNING_WORKING_DAYS
    today = date(2025, 1, 1)
    while today < date(2027, 1, 1):
        th = selectors.thresholds(today, cal)
        for offset in range(-3, 20):
            due = today + timedelta(days=offset)
            r = remaining(today, due, calendar=cal)
            expected_yellow = not r.overdue and r.working_days <= n
            assert (th.today <= due <= th.yellow_until) == expected_yellow, (today, due)
        today += timedelta(days=1)


@pytest.mark.django_db
def test_recompute_command_reports_changes_and_ledgers(three):
    red, _, _ = three
    Deadline.objects.filter(pk=red.pk).update(due=date(2026, 12, 1))
    out = StringIO()
    call_command("deadlines", "recompute", stdout=out)
    assert "1 项的届满日或暂定标记发生变化" in out.getvalue()
    assert Deadline.objects.get(pk=red.pk).due == date(2026, 12, 24)
    from fazhi.core.ledger.selectors import sealed

    assert sealed().get(action="deadlines.recomputed").payload == {
        "changed": 1,
        "mirrored": 0,
    }
