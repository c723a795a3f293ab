"""A period that binds the party (or the court) is a window, not the agency's task.

行政处罚法 第六十四条第一项: "当事人要求听证的，应当在行政机关告知后五日内提出". When those five
working days pass without a request, the party has waived the hearing and the officer may go on:
nothing is late. So such a clock is never flagged yellow or red, is never counted among the
agency's overdue deadlines, and reads "期限届满" once it has passed.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.deadlines import selectors
from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.recompute import update_levels
from fazhi.core.indicators.registry import Period, compute

from .conftest import at

TODAY = date(2026, 12, 28)  # a Monday


@pytest.fixture
def clocks(start, officer):
    """Told of the hearing right on 12-14: the 5 working days ended 12-21, a week ago. The
    agency's own 7-working-day 送达 (第六十一条) from 12-15 ended 12-24: overdue."""
    window = start("penalty.hearing_request", date(2026, 12, 14), assignee=officer)
    late = start("penalty.service", date(2026, 12, 15), assignee=officer)
    assert window.binds == "citizen" and window.due == date(2026, 12, 21)
    return window, late


@pytest.mark.django_db
def test_a_passed_party_window_is_not_flagged_and_says_the_next_step_may_be_taken(clocks):
    window, late = clocks
    flag = selectors.flag(window, today=TODAY)
    assert flag.level == Deadline.Level.NORMAL and flag.window
    assert flag.label == "期限届满"
    assert flag.text == "已届满 5 个工作日（7 天），可办理下一步"
    assert selectors.flag(late, today=TODAY).level == Deadline.Level.RED


@pytest.mark.django_db
def test_a_running_party_window_is_not_yellow(start, officer):
    window = start("penalty.hearing_request", date(2026, 12, 24), assignee=officer)
    flag = selectors.flag(window, today=TODAY)
    assert flag.level == Deadline.Level.NORMAL and flag.label == "对方期限"
    assert flag.text.startswith("剩余 ")


@pytest.mark.django_db
def test_scan_never_marks_a_window_red(clocks):
    window, late = clocks
    Deadline.objects.filter(pk=window.pk).update(level=Deadline.Level.RED)  # a stale flag
    scan = update_levels(TODAY)
    assert Deadline.objects.get(pk=window.pk).level == Deadline.Level.NORMAL
    assert Deadline.objects.get(pk=late.pk).level == Deadline.Level.RED
    assert scan.red == 1


@pytest.mark.django_db
def test_todo_shows_the_window_as_lapsed_and_counts_only_the_agencys_delay(clocks, officer, login):
    window, late = clocks
    with at(TODAY):
        client = login(officer)
        html = client.get(reverse("deadlines:todo")).content.decode()
        only_red = client.get(reverse("deadlines:todo"), {"level": "red"}).content.decode()
    row = re.search(rf'<tr class="[a-z]*" data-deadline="{window.pk}">(.*?)</tr>', html, re.S)
    assert row is not None, "the window is still on the officer's list"
    assert "期限届满" in row.group(1) and "tag red" not in row.group(1)
    assert "已逾期" not in row.group(1)
    assert "《中华人民共和国行政处罚法》第六十四条" in row.group(1)
    assert f'<tr class="red" data-deadline="{late.pk}">' in html
    assert set(map(int, re.findall(r'data-deadline="(\d+)"', only_red))) == {late.pk}


@pytest.mark.django_db
def test_the_overdue_indicator_counts_only_the_agencys_own_periods(clocks, county):
    with at(TODAY):
        value = compute("deadlines.overdue_open", [county.department.pk], Period.year(2026))
    assert value.value == 1
