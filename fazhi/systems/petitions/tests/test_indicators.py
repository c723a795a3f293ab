"""The indicators count what the records say and open onto those records."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.indicators.registry import Period, compute, records
from fazhi.systems.petitions import rules, services

pytestmark = pytest.mark.django_db
YEAR = Period(date(2025, 1, 1), date(2025, 12, 31))


def test_handled_on_time_routed_on_time_and_repeat_complaints(
    make_petition, clerk, office, department, dept_clerk
):
    ids = frozenset({office.pk, department.pk})
    acts = []
    for received, late in ((date(2025, 3, 3), False), (date(2025, 5, 5), True)):
        p = make_petition(
            received=received, act=office, petitioner_name="钱一"
        )  # same "act" record
        acts.append(p)
        p = services.route(p, actor=clerk, route=rules.TRANSFER, handler_agency=department,
                           routed_on=received.replace(day=received.day + 2))  # fmt: skip
        p = services.accept(p, actor=dept_clerk, accepted_on=p.delivered_on)
        services.decide(
            p, actor=dept_clerk, opinion="维持", legal_basis="《行政处罚法》",
            opinion_on=p.accepted_on.replace(month=p.accepted_on.month + (3 if late else 1)),
        )  # fmt: skip
    make_petition(received=date(2025, 6, 2), petitioner_name="孙二", act_description="别的行为")
    assert compute("petitions.received", ids, YEAR).value == 3
    rate = compute("petitions.handled_on_time", ids, YEAR)
    assert (rate.numerator, rate.denominator) == (1, 2)
    assert compute("petitions.routed_on_time", ids, YEAR).value == 100
    repeat = records("petitions.repeat_act", ids, YEAR)
    assert sorted(repeat.values_list("pk", flat=True)) == sorted(p.pk for p in acts)
    assert compute("petitions.repeat_petitioner", ids, YEAR).value == 2


def test_bounces_signed_on_time_and_satisfaction(
    make_ticket, clerk, dept_clerk, department, office
):
    ids = frozenset({office.pk, department.pk})
    t = make_ticket()
    t = services.return_ticket(
        t, actor=dept_clerk, returned_on=date(2025, 10, 9), reason="非本单位"
    )
    t = services.arbitrate(
        t, actor=clerk, decision=rules.REJECT_RETURN, decided_on=date(2025, 10, 9)
    )
    t = services.sign(t, actor=dept_clerk, signed_on=date(2025, 10, 13))  # due 10-10: late
    t = services.reply(t, actor=dept_clerk, replied_on=date(2025, 10, 14), reply="已处理")
    services.callback(t, actor=clerk, callback_on=date(2025, 10, 15), satisfaction="satisfied")
    u = make_ticket(received=date(2025, 11, 3))
    services.sign(u, actor=dept_clerk, signed_on=date(2025, 11, 3))
    bounces = compute("petitions.bounces", ids, YEAR)
    assert bounces.value == 1 and department.name in bounces.note
    signed = compute("petitions.signed_on_time", ids, YEAR)
    assert (signed.numerator, signed.denominator) == (1, 2)
    assert compute("petitions.satisfaction", ids, YEAR).value == 100
    assert compute("petitions.tickets", ids, YEAR).value == 2
