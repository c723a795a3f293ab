"""12345 tickets: dispatch, sign-for, return with arbitration (each bounce counted against the
unit), reply and callback with reopening. The time limits are LOCAL CONFIGURABLE SETTINGS
(``hotline.*`` in the kernel catalogue, verified = false), not statute."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.workflow.engine import Refused
from fazhi.systems.petitions import rules, selectors, services

pytestmark = pytest.mark.django_db


def clocks(t, rule_id):
    return [d for d in deadlines_of(t) if d.rule_id == rule_id]


def test_sign_clock_skips_national_day(make_ticket, dept_clerk):
    """Local setting: sign within 1 working day; dispatched Tue 2025-09-30 → 10-09."""
    t = make_ticket()
    assert t.state == "dispatched" and clocks(t, rules.RULE_SIGN)[0].due == date(2025, 10, 9)
    t = services.sign(t, actor=dept_clerk, signed_on=date(2025, 10, 9))
    # 5 WD from Thu 10-09: 10-10, Sat 10-11 (调休), 10-13, 10-14, 10-15
    assert t.signed_on_time is True and t.reply_due == date(2025, 10, 15)


def test_late_return_is_refused_citing_the_local_setting(make_ticket, dept_clerk):
    t = make_ticket()
    with pytest.raises(Refused) as exc:
        services.return_ticket(
            t, actor=dept_clerk, returned_on=date(2025, 10, 10), reason="非本单位"
        )
    assert exc.value.failed[0].citation == rules.HOTLINE_SETTING
    t.refresh_from_db()
    assert t.state == "dispatched" and t.bounce_count == 0 and not t.bounces.exists()


def test_bounces_are_counted_against_the_unit_and_arbitrated(
    make_ticket, clerk, dept_clerk, department, other_department, other_clerk
):
    """Return → reject (back to the same unit, its sign clock runs again) → return again →
    accept and redispatch: both returns count against the first unit."""
    t = make_ticket()
    with pytest.raises(Refused) as exc:
        services.return_ticket(t, actor=dept_clerk, returned_on=date(2025, 10, 9), reason="")
    assert [g.code for g in exc.value.failed] == ["return_reason"]
    t = services.return_ticket(t, actor=dept_clerk, returned_on=date(2025, 10, 9), reason="属住建")
    assert t.state == "returned" and t.bounce_count == 1
    assert clocks(t, rules.RULE_SIGN)[0].status == Deadline.Status.CANCELLED
    t = services.arbitrate(
        t, actor=clerk, decision=rules.REJECT_RETURN, decided_on=date(2025, 10, 10)
    )
    assert t.state == "dispatched" and t.unit_id == department.pk
    assert clocks(t, rules.RULE_SIGN)[-1].due == date(2025, 10, 11)  # Sat 调休 working day
    t = services.return_ticket(
        t, actor=dept_clerk, returned_on=date(2025, 10, 11), reason="仍属住建"
    )
    with pytest.raises(Refused):
        services.arbitrate(
            t, actor=clerk, decision=rules.ACCEPT_RETURN, decided_on=date(2025, 10, 13)
        )
    t = services.arbitrate(
        t, actor=clerk, decision=rules.ACCEPT_RETURN, decided_on=date(2025, 10, 13),
        unit=other_department,
    )  # fmt: skip
    assert t.unit_id == other_department.pk and t.bounce_count == 2
    by_unit = selectors.bounces_by_unit(
        {department.pk, other_department.pk}, date(2025, 1, 1), date(2025, 12, 31)
    )
    assert by_unit == [(department.name, 2, 1)]
    services.sign(t, actor=other_clerk, signed_on=date(2025, 10, 14))


def test_unsatisfied_callback_reopens_with_a_fresh_period(make_ticket, clerk, dept_clerk):
    t = make_ticket()
    t = services.sign(t, actor=dept_clerk, signed_on=date(2025, 10, 9))
    t = services.reply(t, actor=dept_clerk, replied_on=date(2025, 10, 20), reply="已劝离")
    assert t.replied_on_time is False  # due 10-15
    t = services.callback(
        t, actor=clerk, callback_on=date(2025, 10, 21), satisfaction="unsatisfied"
    )
    assert t.state == "unsatisfied"
    t = services.reopen(t, actor=clerk, reopened_on=date(2025, 10, 22))
    assert t.state == "signed" and t.reopened == 1 and t.reply_due == date(2025, 10, 29)
    assert len(clocks(t, rules.RULE_REPLY)) == 2
    t = services.reply(t, actor=dept_clerk, replied_on=date(2025, 10, 27), reply="已取缔")
    t = services.callback(t, actor=clerk, callback_on=date(2025, 10, 28), satisfaction="basic")
    assert t.state == "closed" and t.closed_on == date(2025, 10, 28)


def test_the_unit_cannot_arbitrate_its_own_return(make_ticket, dept_clerk):
    from django.core.exceptions import PermissionDenied

    t = make_ticket()
    t = services.return_ticket(t, actor=dept_clerk, returned_on=date(2025, 10, 9), reason="属住建")
    with pytest.raises(PermissionDenied):
        services.arbitrate(
            t, actor=dept_clerk, decision=rules.REJECT_RETURN, decided_on=date(2025, 10, 9)
        )
