"""The order of a case's dates: a step dated before the step it follows, or a violation dated
in the future, is refused in Chinese naming both dates, with nothing saved (issue 15)."""

from __future__ import annotations

from datetime import date as D
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from fazhi.core.workflow.engine import Refused
from fazhi.systems.enforcement import services
from fazhi.systems.enforcement.models import Case

from .conftest import DECIDED, counts

#: "Today" in these tests: after every date of the conftest flow (2025-03).
TODAY = datetime(2025, 4, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _state(case):
    case.refresh_from_db()
    return case.state


# -- 送达 before the decision (第六十一条) -------------------------------------------------------


def test_service_before_the_decision_is_refused_article_61(flow, world):
    case = flow.decided()
    before = counts()
    with pytest.raises(Refused) as exc:
        services.serve_decision(case, actor=world.officer, served_on=D(2025, 3, 20), mode="direct")
    assert "送达日（2025年3月20日）不能早于决定日（2025年3月25日）" in str(exc.value)
    assert "第六十一条" in str(exc.value)
    assert counts() == before
    case.refresh_from_db()
    assert case.state == "decided" and case.decision_served_on is None
    assert case.payment_due is None  # no 15-day clock started from the wrong day


def test_service_before_the_decision_through_the_page_article_61(flow, world):
    case = flow.decided()
    officer = login(world.officer)
    before = counts()
    r = officer.post(
        f"/enforcement/cases/{case.pk}/step/serve_decision/",
        {"served_on": "2025-03-20", "mode": "direct"},
    )
    assert r.status_code == 409
    body = r.content.decode()
    assert "送达日（2025年3月20日）不能早于决定日（2025年3月25日）" in body
    assert 'value="2025-03-20"' in body  # the form is kept as it was sent
    assert counts() == before and _state(case) == "decided"


def test_service_on_the_day_of_the_decision_is_allowed(flow, world):
    case = flow.decided()
    services.serve_decision(case, actor=world.officer, served_on=DECIDED, mode="direct")
    assert _state(case) == "executing"


def test_payment_before_service_is_refused_article_67(flow, world):
    case = flow.served()
    before = counts()
    with pytest.raises(Refused) as exc:
        services.record_payment(case, actor=world.officer, amount=5000, paid_on=D(2025, 3, 24))
    assert "缴款日（2025年3月24日）不能早于决定书送达日（2025年3月26日）" in str(exc.value)
    assert "第六十七条第三款" in str(exc.value)
    assert counts() == before and case.payments.count() == 0


# -- the violation date: not in the future, not after the 案源 and 立案 ---------------------------


def test_future_violation_date_at_source_is_refused(world):
    before = counts(), Case.objects.count()
    with pytest.raises(Refused) as exc:
        services.register_source(
            agency=world.bureau,
            actor=world.officer,
            party_kind="organisation",
            party_name="海安某某贸易有限公司",
            source_summary="群众举报",
            registered_on=D(2025, 4, 15),
            violation_date=D(2025, 5, 1),
        )
    text = str(exc.value)
    assert "违法行为发生日（2025年5月1日）不能晚于今天（2025年4月15日）" in text
    assert "案源登记日（2025年4月15日）不能早于违法行为发生日（2025年5月1日）" in text
    assert (counts(), Case.objects.count()) == before


def test_future_violation_date_at_source_through_the_page(world):
    officer = login(world.officer)
    before = counts(), Case.objects.count()
    r = officer.post(
        "/enforcement/cases/new/",
        {
            "agency": world.bureau.pk,
            "source_kind": "complaint",
            "source_summary": "群众举报",
            "registered_on": "2025-04-15",
            "party_kind": "organisation",
            "party_name": "海安某某贸易有限公司",
            "violation_date": "2025-05-01",
        },
    )
    assert r.status_code == 409
    body = r.content.decode()
    assert "违法行为发生日（2025年5月1日）不能晚于今天（2025年4月15日）" in body
    assert 'value="2025-05-01"' in body
    assert (counts(), Case.objects.count()) == before


def test_future_registration_date_is_refused(world):
    with pytest.raises(Refused) as exc:
        services.register_source(
            agency=world.bureau,
            actor=world.officer,
            party_kind="organisation",
            party_name="海安某某贸易有限公司",
            source_summary="群众举报",
            registered_on=D(2025, 4, 20),
            violation_date=D(2025, 4, 1),
        )
    assert "案源登记日（2025年4月20日）不能晚于今天（2025年4月15日）" in str(exc.value)
    assert not Case.objects.exists()


def test_future_violation_date_at_opening_is_refused(flow, world):
    case = flow.source()
    before = counts()
    with pytest.raises(Refused) as exc:
        flow.opened(case, opened_on=D(2025, 3, 4), violation_date=D(2025, 5, 1))
    text = str(exc.value)
    assert "违法行为发生日（2025年5月1日）不能晚于今天（2025年4月15日）" in text
    assert "立案日（2025年3月4日）不能早于违法行为发生日（2025年5月1日）" in text
    assert counts() == before
    case.refresh_from_db()
    assert case.state == "source" and case.violation_date == D(2025, 2, 20)
    assert case.number == "" and case.opened_on is None


def test_future_violation_date_at_opening_through_the_page(flow, world):
    case = flow.source()
    head = login(world.head)
    before = counts()
    r = head.post(
        f"/enforcement/cases/{case.pk}/step/open_case/",
        {
            "matter": world.matter.pk,
            "officers": [s.pk for s in world.officers],
            "opened_on": "2025-03-04",
            "violation_date": "2025-05-01",
        },
    )
    assert r.status_code == 409
    body = r.content.decode()
    assert "违法行为发生日（2025年5月1日）不能晚于今天（2025年4月15日）" in body
    assert counts() == before and _state(case) == "source"


def test_opening_before_the_source_is_refused_article_54(flow, world):
    case = flow.source()  # registered 2025-03-03
    before = counts()
    with pytest.raises(Refused) as exc:
        flow.opened(case, opened_on=D(2025, 3, 1))
    assert "立案日（2025年3月1日）不能早于案源登记日（2025年3月3日）" in str(exc.value)
    assert "第五十四条" in str(exc.value)
    assert counts() == before and _state(case) == "source"


def test_violation_ending_before_it_began_is_refused(flow, world):
    case = flow.opened()
    before = counts()
    with pytest.raises(Refused) as exc:
        services.record_findings(
            case, actor=world.officer, on=D(2025, 3, 6), violation_end_date=D(2025, 2, 1)
        )
    assert "违法行为终了日（2025年2月1日）不能早于违法行为发生日（2025年2月20日）。" in str(
        exc.value
    )
    assert counts() == before


# -- the steps up to the decision ---------------------------------------------------------------


def test_notice_before_opening_is_refused_article_44(flow, world):
    case = flow.examined()
    before = counts()
    with pytest.raises(Refused) as exc:
        flow.notified(case, served_on=D(2025, 3, 2))
    assert "告知书送达日（2025年3月2日）不能早于立案日（2025年3月4日）" in str(exc.value)
    assert counts() == before and _state(case) == "examining"


def test_decision_before_the_notice_is_refused_article_62(flow, world):
    case = flow.notified()  # served 2025-03-11
    before = counts()
    with pytest.raises(Refused) as exc:
        flow.decided(case, decided_on=D(2025, 3, 10))
    assert "决定日（2025年3月10日）不能早于告知书送达日（2025年3月11日）" in str(exc.value)
    assert counts() == before and _state(case) == "notified"


def test_future_decision_is_refused(flow, world):
    case = flow.notified()
    with pytest.raises(Refused) as exc:
        flow.decided(case, decided_on=D(2025, 4, 30))
    assert "决定日（2025年4月30日）不能晚于今天（2025年4月15日）" in str(exc.value)
    assert _state(case) == "notified"


def test_statement_before_the_notice_is_refused_article_45(flow, world):
    case = flow.notified()
    before = counts()
    with pytest.raises(Refused) as exc:
        services.record_statement(
            case, actor=world.officer, received_on=D(2025, 3, 10), content="罚款过重"
        )
    assert "不能早于告知书送达日（2025年3月11日）" in str(exc.value)
    assert counts() == before and case.statements.count() == 0


# -- after the decision --------------------------------------------------------------------------


def test_closing_before_the_decision_is_refused(flow, world):
    case = flow.served()
    before = counts()
    with pytest.raises(Refused) as exc:
        services.close_case(case, actor=world.head, closed_on=D(2025, 3, 20), reason="已执行")
    assert "结案日（2025年3月20日）不能早于决定日（2025年3月25日）。" in str(exc.value)
    assert counts() == before and _state(case) == "executing"


def test_evidence_collected_in_the_future_is_refused(flow, world):
    case = flow.opened()
    before = counts()
    with pytest.raises(Refused) as exc:
        services.add_evidence(
            case,
            actor=world.officer,
            kind="record",
            id_shown=True,
            title="现场检查笔录",
            collected_on=D(2025, 5, 1),
        )
    assert "取证日（2025年5月1日）不能晚于今天（2025年4月15日）" in str(exc.value)
    assert counts() == before and case.evidence.count() == 0
