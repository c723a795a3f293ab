"""A hearing notice served on a weekend (行政处罚法 第六十四条第一款第二项, 第八十五条).

「行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点」, and 第八十五条 makes
the 七日 working days: seven full working days must lie between the notice day and the hearing
day, both excluded. For a hearing on Wednesday 2025-04-23 they are 04-14..04-22 (14, 15, 16, 17,
18, 21, 22), so a notice on Sunday 04-13 or Saturday 04-12 is lawful; the agency's latest working
day to send it is Friday 04-11, but a notice actually served on the weekend after it must not be
refused. A notice on Monday 04-14 leaves only six working days and is refused.
"""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest

from fazhi.core.workflow.engine import Refused
from fazhi.systems.enforcement import services

from .conftest import counts

HEARING = D(2025, 4, 23)


def _schedule(case, world, notified_on):
    return services.schedule_hearing(
        case,
        actor=world.officer,
        scheduled_for=HEARING,
        chair=world.chair,
        notified_on=notified_on,
        location="本局听证室",
    )


def _requested(flow, world):
    case = flow.notified(fine=Decimal("10000"), types=("fine", "revoke_licence"))
    services.request_hearing(case, actor=world.officer, requested_on=D(2025, 3, 13))
    return case


def test_a_notice_served_on_sunday_seven_working_days_before_is_lawful_article_64_and_85(
    flow, world
):
    case = _requested(flow, world)

    hearing = _schedule(case, world, D(2025, 4, 13))

    assert hearing.scheduled_for == HEARING and hearing.chair == world.chair


def test_a_notice_on_saturday_is_lawful_too_article_64(flow, world):
    case = _requested(flow, world)
    assert _schedule(case, world, D(2025, 4, 12)).scheduled_for == HEARING


def test_a_notice_leaving_six_working_days_is_refused_article_64(flow, world):
    case = _requested(flow, world)
    before = counts()

    with pytest.raises(Refused) as exc:
        _schedule(case, world, D(2025, 4, 14))

    assert "第六十四条第一款第二项" in str(exc.value) and "2025年04月13日" in str(exc.value)
    assert counts() == before and not case.hearings.exclude(scheduled_for=None).exists()
