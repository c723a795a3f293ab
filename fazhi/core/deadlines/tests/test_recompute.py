"""``recompute_open``: the set-based recomputation gives exactly the engine's per-row dates."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType

from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.recompute import recompute_open
from fazhi.kernel.calendar import WorkCalendar
from fazhi.kernel.timelimits import RULES, TimeLimitError, compute_due

from .test_calendar_page import NOTICE_2027

RULE_IDS = [
    "disclosure.answer",
    "penalty.service",
    "penalty.decision",
    "reconsideration.decision",
    "litigation.defence",
    "petition.resolution",
    "licence.joint_decision",
    "penalty.hearing_notice",
    "report.annual_submission",
    "litigation.first_instance",
]


def notice_calendar() -> WorkCalendar:
    from fazhi.core.deadlines.forms import CalendarNoticeForm

    form = CalendarNoticeForm(NOTICE_2027)
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    return WorkCalendar.default().with_notice(
        2027, [d for d, _ in data["holidays"]], data["workdays"]
    )


def random_rows(county, n: int, seed: int) -> list[Deadline]:
    rng = random.Random(seed)
    ct = ContentType.objects.get_for_model(type(county.department))
    rows = []
    for i in range(n):
        rule = RULES[rng.choice(RULE_IDS)]
        trigger = date(2026, 9, 1) + timedelta(days=rng.randrange(150))
        suspensions, restart = [], None
        if rule.direction == "after" and rng.random() < 0.3:
            a = trigger + timedelta(days=rng.randrange(1, 10))
            suspensions = [[a.isoformat(), (a + timedelta(days=rng.randrange(0, 20))).isoformat()]]
        if rule.restart and rng.random() < 0.2:
            restart = trigger + timedelta(days=rng.randrange(1, 15))
            suspensions = []
        rows.append(
            Deadline(
                subject_type=ct,
                subject_id=county.department.pk,
                subject_label=f"事项{i}",
                agency=county.department,
                rule_id=rule.id,
                key=str(i),
                title=rule.title,
                trigger=trigger,
                restart=restart,
                suspensions=suspensions,
                extended=bool(rule.extension) and rng.random() < 0.3,
                due=date(2026, 1, 1),
                provisional=rng.random() < 0.5,
                status=rng.choice(
                    [
                        Deadline.Status.OPEN,
                        Deadline.Status.OPEN,
                        Deadline.Status.SUSPENDED,
                        Deadline.Status.MET,
                    ]
                ),
            )
        )
    # Twenty duplicates of the first row: the memo must give each the same answer.
    rows += [Deadline(**{**_fields(rows[0]), "key": f"dup{j}"}) for j in range(20)]
    return Deadline.objects.bulk_create(rows)


def _fields(d: Deadline) -> dict:
    return {
        f.attname: getattr(d, f.attname)
        for f in Deadline._meta.concrete_fields
        if f.attname != "id"
    }


def engine(d: Deadline, cal: WorkCalendar) -> tuple[date, bool] | None:
    try:
        due = compute_due(
            d.rule_id,
            d.trigger,
            restart=d.restart,
            extended=d.extended,
            calendar=cal,
            suspensions=[(date.fromisoformat(a), date.fromisoformat(b)) for a, b in d.suspensions],
        )
    except TimeLimitError:
        return None
    return due.due, due.provisional


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2])
def test_recompute_open_agrees_with_compute_due_row_by_row(county, seed):
    rows = random_rows(county, 400, seed)
    for cal in (WorkCalendar.default(), notice_calendar()):
        before = {d.pk: (d.due, d.provisional) for d in Deadline.objects.all()}
        changed = recompute_open(cal, batch=57)  # odd batch: chunk boundaries are exercised
        after = {d.pk: d for d in Deadline.objects.all()}
        expected_changes = 0
        for d in rows:
            now = after[d.pk]
            if d.status == Deadline.Status.MET:
                assert (now.due, now.provisional) == before[d.pk], "finished rows are history"
                continue
            want = engine(now, cal)
            if want is None:  # the engine refuses these inputs: left as they were
                assert (now.due, now.provisional) == before[d.pk]
                continue
            assert (now.due, now.provisional) == want, (d.rule_id, d.trigger, d.suspensions)
            expected_changes += want != before[d.pk]
        assert changed == expected_changes
    assert recompute_open(notice_calendar()) == 0, (
        "a second run on the same calendar changes nothing"
    )


@pytest.mark.django_db
def test_recompute_skips_rows_of_an_unknown_rule(county):
    rows = random_rows(county, 5, 3)
    Deadline.objects.update(status=Deadline.Status.OPEN, restart=None, suspensions=[])
    Deadline.objects.filter(pk=rows[0].pk).update(rule_id="no.such.rule")
    recompute_open(WorkCalendar.default())
    assert Deadline.objects.get(pk=rows[0].pk).due == date(2026, 1, 1)
    assert (
        Deadline.objects.exclude(pk=rows[0].pk)
        .filter(status=Deadline.Status.OPEN)
        .exclude(due=date(2026, 1, 1))
        .exists()
    )
