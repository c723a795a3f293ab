"""Time-limit engine: recompute 1,000,000 open deadlines (rule, trigger) in one batch.

Compared, in the same run, with the obvious implementation: step day by day and ask
``chinese_calendar.is_workday`` about each day. The baseline is timed on a sample (stepping
a million deadlines takes many minutes) and scaled linearly; the output says so. Triggers
fall in 2008–2020 so that the dates the baseline touches lie inside chinesecalendar's years
(it raises outside them); the few pairs whose period ends past them (the five- and twenty-year
limits) are left out of the comparison and counted, and the two must agree on every other
sampled pair.

Run: ``python -m benchmarks.bench_timelimits`` (or ``make bench``).
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

import chinese_calendar

from fazhi.kernel.calendar import WorkCalendar
from fazhi.kernel.timelimits import RULES, Rule, add_months, compute_due, compute_many

PAIRS = 1_000_000
SAMPLE = 20_000
FIRST = date(2008, 1, 1)
LAST = date(2020, 12, 31)
ONE_DAY = timedelta(days=1)


def make_pairs(n: int, seed: int = 20260105) -> list[tuple[str, date]]:
    """``n`` random (rule id, trigger) pairs over the whole catalogue."""
    rng = random.Random(seed)
    rule_ids = sorted(RULES)
    lo, hi = FIRST.toordinal(), LAST.toordinal()
    return [(rng.choice(rule_ids), date.fromordinal(rng.randint(lo, hi))) for _ in range(n)]


def baseline_due(rule: Rule, trigger: date) -> tuple[date, bool]:
    """The due date computed naively, one day at a time, on chinese_calendar."""
    is_workday = chinese_calendar.is_workday
    if rule.direction == "before":
        d = trigger
        if rule.unit == "working_days":
            counted = 0
            while counted < rule.length:
                d -= ONE_DAY
                counted += is_workday(d)
            d -= ONE_DAY
        else:
            for _ in range(rule.length + 1):
                d -= ONE_DAY
        while not is_workday(d):
            d -= ONE_DAY
        return d, False
    if rule.unit == "working_days":
        d, counted = trigger, 0
        while counted < rule.length:
            d += ONE_DAY
            counted += is_workday(d)
        return d, False
    if rule.unit == "calendar_days":
        d = trigger
        for _ in range(rule.length):
            d += ONE_DAY
    elif rule.unit in ("months", "years"):
        d = add_months(trigger, rule.length * (12 if rule.unit == "years" else 1))
    elif rule.unit == "set_date":
        d = trigger  # the date an office set (e.g. 建议提案 答复期限) is the trigger itself
    else:
        assert rule.month is not None and rule.day is not None
        d = date(trigger.year + 1, rule.month, rule.day)
    if rule.roll_forward:
        while not is_workday(d):
            d += ONE_DAY
    return d, False


def run() -> list[str]:
    """Measure and return the lines to print."""
    pairs = make_pairs(PAIRS)
    cal = WorkCalendar.default()
    compute_many(pairs[:1000], calendar=cal)  # load the catalogue and build the day table

    started = time.perf_counter()
    results = compute_many(pairs, calendar=cal)
    batch = time.perf_counter() - started

    sample = pairs[:SAMPLE]
    rules = [RULES[rule_id] for rule_id, _ in sample]
    # A long period (a five- or twenty-year limit) can end past chinesecalendar's last year,
    # where the baseline cannot answer: such pairs are left out of the comparison, and counted.
    started = time.perf_counter()
    expected: dict[int, tuple[date, bool]] = {}
    for i, (rule, (_, trigger)) in enumerate(zip(rules, sample, strict=True)):
        try:
            expected[i] = baseline_due(rule, trigger)
        except NotImplementedError:
            continue
    base = time.perf_counter() - started

    started = time.perf_counter()
    for rule, (_, trigger) in zip(rules, sample, strict=True):
        compute_due(rule, trigger, calendar=cal)
    single = time.perf_counter() - started

    agree = sum(results[i] == due for i, due in expected.items())
    batch_us = batch / PAIRS * 1e6
    base_us = base / len(expected) * 1e6
    ratio = base_us / batch_us
    return [
        f"{PAIRS:,} (rule, trigger) pairs over {len(RULES)} rules, triggers "
        f"{FIRST.year}–{LAST.year}",
        f"compute_many (batch):        {batch:6.2f} s for {PAIRS:,} = {batch_us:7.2f} µs/pair",
        f"baseline (day-by-day stepping with chinese_calendar.is_workday): "
        f"{base:.2f} s on a {len(expected):,}-pair sample = {base_us:.2f} µs/pair, "
        f"scaled ×{PAIRS // SAMPLE} ≈ {base_us * PAIRS / 1e6:,.0f} s for {PAIRS:,}",
        f"compute_due (one at a time, with trace) on the sample: {single / SAMPLE * 1e6:.2f} µs/pair",
        f"speed-up batch vs baseline: {ratio:,.0f}× (goal ≥ 100×: {'met' if ratio >= 100 else 'NOT met'}); "
        f"batch under 5 s: {'met' if batch < 5 else 'NOT met'}",
        f"batch and baseline agree on {agree:,} of the {len(expected):,} sampled pairs the baseline "
        f"can compute ({SAMPLE - len(expected):,} end past chinesecalendar's years)",
    ]


if __name__ == "__main__":
    for line in run():
        print(line)
