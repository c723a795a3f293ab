"""公告送达 of the 行政处罚决定书: the decision counts as served thirty days after the 公告.

民事诉讼法 第九十五条 (applied by 行政处罚法 第六十一条): 「自发出公告之日起，经过三十日，即视为送达。」
(kernel rule ``service.public_notice``). The party's 15 days to pay (第六十七条第三款) — and so the
加处罚款, the 催告 and the court application — run from the deemed date, not from the 公告.

A decision of 2025-03-25 posted by 公告 on Wednesday 2025-03-26 is served on Friday 2025-04-25;
15 days later is Saturday 2025-05-10, rolled to Monday 2025-05-12. Counted from the 公告 the
payment would have fallen due on 2025-04-10, and a 催告 on 2025-04-14 with a court application
ten working days later would have passed.
"""

from __future__ import annotations

from datetime import date as D
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from fazhi.core.deadlines.models import Deadline
from fazhi.core.workflow.engine import Refused
from fazhi.kernel.timelimits import get_rule
from fazhi.systems.enforcement import rules, services
from fazhi.systems.enforcement.doc_context import service_text

from .conftest import counts

POSTED = D(2025, 3, 26)
DEEMED = D(2025, 4, 25)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime(2025, 5, 6, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield


def _posted(flow, world):
    case = flow.decided()
    return services.serve_decision(
        case, actor=world.officer, served_on=POSTED, mode="public_notice"
    )


def test_public_notice_is_deemed_served_thirty_days_later_civil_procedure_law_article_95(
    flow, world
):
    rule = get_rule("service.public_notice")
    assert rule.article == "第九十五条" and rule.length == 30

    case = _posted(flow, world)

    case.refresh_from_db()
    assert case.state == "executing"
    assert case.decision_notice_on == POSTED and case.decision_served_on == DEEMED
    clock = Deadline.objects.get(subject_id=case.pk, rule_id=rules.RULE_PAYMENT)
    assert clock.trigger == DEEMED
    assert case.payment_due == clock.due == D(2025, 5, 12), "15 days from the deemed date"
    # The record shows both dates.
    assert service_text(case) == "2025年3月26日发出公告，2025年4月25日视为送达"
    client = Client()
    client.force_login(world.officer)
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "视为送达（民事诉讼法第九十五条）" in page


def test_a_demand_before_the_deemed_service_is_refused_article_95_and_coercion_law_article_54(
    flow, world
):
    case = _posted(flow, world)
    before = counts()

    with pytest.raises(Refused) as exc:
        services.apply_court_enforcement(
            case,
            actor=world.head,
            court="海安市人民法院",
            demand_served_on=D(2025, 4, 14),
            applied_on=D(2025, 5, 6),
        )

    codes = {g.code for g in exc.value.failed}
    assert "demand_after_service" in codes
    assert "催告书送达日（2025年4月14日）不能早于决定书送达日（2025年4月25日）" in str(exc.value)
    assert "第五十四条" in str(exc.value)
    assert counts() == before
    case.refresh_from_db()
    assert case.court_applied_on is None and case.state == "executing"


def test_paying_after_the_notice_but_before_the_deemed_date_is_accepted(flow, world):
    case = _posted(flow, world)

    services.record_payment(case, actor=world.officer, amount=5000, paid_on=D(2025, 4, 1))

    case.refresh_from_db()
    assert case.paid_on == D(2025, 4, 1) and case.payments.count() == 1


def test_other_modes_serve_on_the_day(flow, world):
    case = flow.served()
    case.refresh_from_db()
    assert case.decision_notice_on is None and case.decision_served_on == D(2025, 3, 26)
    assert case.payment_due == D(2025, 4, 10)
