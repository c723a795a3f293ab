"""Properties every statutory period must have, whatever the rule and the date.

Triggers range over 2004–2028, so the official years (chinesecalendar's notices) and the
provisional fallback years (全国年节及纪念日放假办法 第二条、第六条) are both exercised.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.kernel.calendar import WorkCalendar
from fazhi.kernel.timelimits import (
    RULES,
    DeadlineInput,
    compute_due,
    compute_many,
    working_days_between,
)

CAL = WorkCalendar.default()
ALL_RULES = sorted(RULES)
AFTER_RULES = sorted(r for r, rule in RULES.items() if rule.direction == "after")
WD_RULES = sorted(r for r, rule in RULES.items() if rule.unit == "working_days")
EXTENSIBLE = sorted(r for r, rule in RULES.items() if rule.extension is not None)

dates = st.dates(min_value=date(2004, 1, 1), max_value=date(2028, 12, 31))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.sampled_from(ALL_RULES), dates, st.integers(min_value=0, max_value=40))
def test_a_later_trigger_never_gives_an_earlier_date(rule_id, trigger, shift) -> None:
    early = compute_due(rule_id, trigger, calendar=CAL).due
    late = compute_due(rule_id, trigger + timedelta(days=shift), calendar=CAL).due
    assert late >= early


@SETTINGS
@given(st.sampled_from(WD_RULES), dates)
def test_a_working_day_period_ends_on_a_working_day_after_exactly_n_of_them(
    rule_id, trigger
) -> None:
    rule = RULES[rule_id]
    due = compute_due(rule_id, trigger, calendar=CAL).due
    assert CAL.is_workday(due)
    if rule.direction == "after":
        assert working_days_between(trigger, due, CAL) == rule.length
    else:  # N full working days strictly between the notice day and the event day
        assert working_days_between(due, trigger - timedelta(days=1), CAL) >= rule.length


@SETTINGS
@given(st.sampled_from(AFTER_RULES), dates)
def test_a_rolled_period_ends_on_a_working_day(rule_id, trigger) -> None:
    result = compute_due(rule_id, trigger, calendar=CAL)
    if RULES[rule_id].roll_forward:
        assert CAL.is_workday(result.due)
        assert result.trace.natural_end <= result.due
    else:
        assert result.due == result.trace.natural_end


@SETTINGS
@given(
    st.sampled_from(AFTER_RULES),
    dates,
    st.floats(min_value=0, max_value=1),
    st.integers(min_value=0, max_value=60),
)
def test_a_suspension_never_makes_the_date_earlier(rule_id, trigger, where, length) -> None:
    plain_due = compute_due(rule_id, trigger, calendar=CAL)
    plain = plain_due.due
    first = trigger + timedelta(days=int(where * (plain - trigger).days))
    spans = [(first, first + timedelta(days=length))]
    suspended = compute_due(rule_id, trigger, suspensions=spans, calendar=CAL)
    assert suspended.due >= plain
    if RULES[rule_id].unit == "calendar_days" and first > trigger:
        # each suspended day inside the running period pushes the end by one day
        # (compare unrolled end with unrolled end: the plain date may have rolled over a holiday)
        assert suspended.trace.natural_end >= plain_due.trace.natural_end
        assert suspended.trace.suspended_days == length + 1


@SETTINGS
@given(st.sampled_from(EXTENSIBLE), dates)
def test_an_extension_never_makes_the_date_earlier(rule_id, trigger) -> None:
    plain = compute_due(rule_id, trigger, calendar=CAL).due
    assert compute_due(rule_id, trigger, extended=True, calendar=CAL).due > plain


inputs = st.builds(
    lambda rule_id, trigger, susp, ext: (rule_id, trigger, susp, ext),
    st.sampled_from(ALL_RULES),
    dates,
    st.one_of(st.none(), st.tuples(st.integers(0, 20), st.integers(0, 10))),
    st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(inputs, min_size=1, max_size=40))
def test_compute_many_agrees_with_compute_due(raw) -> None:
    items: list = []
    expected = []
    for rule_id, trigger, susp, ext in raw:
        rule = RULES[rule_id]
        if susp is None and not ext:
            items.append((rule_id, trigger))
            result = compute_due(rule_id, trigger, calendar=CAL)
        else:
            spans: tuple = ()
            if susp is not None and rule.direction == "after":
                plain = compute_due(rule_id, trigger, calendar=CAL).due
                first = min(trigger + timedelta(days=susp[0]), plain)
                spans = ((first, first + timedelta(days=susp[1])),)
            extended = ext and rule.extension is not None
            items.append(DeadlineInput(rule_id, trigger, suspensions=spans, extended=extended))
            result = compute_due(
                rule_id, trigger, suspensions=spans, extended=extended, calendar=CAL
            )
        expected.append((result.due, result.provisional))
    assert compute_many(items, calendar=CAL) == expected
