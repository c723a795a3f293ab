"""公告送达 of the 行政处罚告知书 and of the 催告书: each counts as served thirty days after the 公告.

民事诉讼法 第九十五条: 「自发出公告之日起，经过三十日，即视为送达。」 (kernel rule
``service.public_notice``).

- 告知书: posted on Tuesday 2025-03-11, deemed served on Thursday 2025-04-10; the party's five
  working days to make a statement or ask for a hearing (行政处罚法 第六十四条, rule
  ``penalty.hearing_request``) run to Thursday 2025-04-17 — counted from the 公告 they would
  have ended on 2025-03-18 and a decision on 2025-03-25 would have passed.
- 催告书: posted on Wednesday 2025-09-10, deemed served on Friday 2025-10-10; the ten working days
  of 行政强制法 第五十四条 (rule ``enforcement.demand_wait``) run to Thursday 2025-10-23 (Saturday
  11 October a make-up working day) — counted from the 公告 they would have ended on 2025-09-24.
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
from fazhi.systems.enforcement import rules, services
from fazhi.systems.enforcement.doc_context import statements_text

from .conftest import FINE, counts

POSTED, DEEMED, WINDOW_END = D(2025, 3, 11), D(2025, 4, 10), D(2025, 4, 17)
COURT = "海安市人民法院"


def _at(day: D):
    return time_machine.travel(
        datetime(*day.timetuple()[:3], 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False
    )


def _notice(case, world, *, served_on=POSTED, mode="public_notice", **kw):
    return services.serve_notice(
        case,
        actor=world.officer,
        types=["fine"],
        fine=FINE,
        facts="当事人销售掺杂掺假产品",
        reasons="违反《中华人民共和国产品质量法》第三十九条",
        basis_text="《中华人民共和国产品质量法》第五十条",
        served_on=served_on,
        mode=mode,
        **kw,
    )


def _decide(case, world, on):
    return services.decide_case(
        case,
        actor=world.head,
        decided_on=on,
        types=["fine"],
        fine=FINE,
        reasons="事实清楚，证据确凿",
        detail="",
    )


def _window(case) -> Deadline:
    return (
        Deadline.objects.filter(subject_id=case.pk, rule_id=rules.RULE_HEARING_REQUEST)
        .order_by("-id")
        .first()
    )


def test_notice_served_by_public_notice_starts_the_hearing_window_when_deemed_served_civil_procedure_law_article_95(  # noqa: E501
    flow, world
):
    with _at(D(2025, 4, 18)):
        case = _notice(flow.examined(), world)
        case.refresh_from_db()
        assert case.notice_posted_on == POSTED and case.notice_served_on == DEEMED
        assert case.notice_service_mode == "public_notice"
        window = _window(case)
        assert (window.trigger, window.due) == (DEEMED, WINDOW_END)

        # Counted from the 公告 the window would have ended on 18 March: deciding on 25 March
        # is refused, the party not yet heard (行政处罚法 第六十二条), and nothing is saved.
        before = counts()
        with pytest.raises(Refused) as exc:
            _decide(case, world, D(2025, 3, 25))
        assert "party_heard" in {g.code for g in exc.value.failed}
        assert "2025年04月17日" in str(exc.value)
        assert counts() == before
        case.refresh_from_db()
        assert case.state == "notified" and case.decided_on is None

        # The day after the deemed window: lawful.
        case = _decide(case, world, D(2025, 4, 18))
        case.refresh_from_db()
        assert case.state == "decided" and case.decided_on == D(2025, 4, 18)


def test_hearing_asked_after_the_notice_period_counted_from_the_posting_is_in_time_article_95_and_64(  # noqa: E501
    flow, world
):
    with _at(D(2025, 4, 15)):
        case = _notice(
            flow.examined(), world, grant_hearing=True, hearing_basis="案情复杂，依职权告知听证权利"
        )
        assert case.hearing_right
        hearing = services.request_hearing(case, actor=world.officer, requested_on=D(2025, 4, 15))
        assert hearing is not None
        case.refresh_from_db()
        assert case.hearings.count() == 1


def test_renotice_by_public_notice_restarts_the_window_from_the_deemed_date_article_95(flow, world):
    with _at(D(2025, 3, 20)):
        case = flow.notified()  # direct, 11 March: window to 18 March
        case.refresh_from_db()
        assert case.notice_served_on == POSTED and case.notice_posted_on is None
        assert case.notice_service_mode == "direct"
        case = _notice(case, world, served_on=D(2025, 3, 20))
        case.refresh_from_db()
        assert (case.notice_posted_on, case.notice_served_on) == (D(2025, 3, 20), D(2025, 4, 19))
        assert (_window(case).trigger, _window(case).due) == (D(2025, 4, 19), D(2025, 4, 25))
        assert statements_text(case).startswith(
            "本机关于2025年3月20日公告送达行政处罚告知书，2025年4月19日视为送达。"
        )


def test_notice_form_offers_the_modes_of_service_defaulting_to_direct():
    from fazhi.systems.enforcement.forms import NoticeForm

    field = NoticeForm.base_fields["mode"]
    assert field.label == "送达方式" and field.initial == "direct"
    assert ("public_notice", "公告送达") in list(field.choices)


def test_notice_by_public_notice_through_the_page_shows_both_dates(flow, world):
    with _at(D(2025, 3, 12)):
        case = flow.examined()
        client = Client()
        client.force_login(world.officer)
        r = client.post(
            f"/enforcement/cases/{case.pk}/step/serve_notice/",
            {
                "types": ["fine"],
                "fine": "5000",
                "facts": "销售掺假产品",
                "reasons": "违反产品质量法",
                "basis_text": "产品质量法第五十条",
                "served_on": "2025-03-11",
                "mode": "public_notice",
            },
        )
        assert r.status_code in (200, 302)
        case.refresh_from_db()
        assert (case.notice_posted_on, case.notice_served_on) == (POSTED, DEEMED)
        page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
        assert "视为送达（民事诉讼法第九十五条）" in page


# -- 催告书 ------------------------------------------------------------------------------------------


def _apply(case, world, on, demand, **kw):
    return services.apply_court_enforcement(
        case, actor=world.officer, court=COURT, demand_served_on=demand, applied_on=on, **kw
    )


def test_demand_served_by_public_notice_waits_ten_days_after_deemed_service_article_95_and_coercion_law_article_54(  # noqa: E501
    flow, world
):
    with _at(D(2025, 10, 24)):
        case = flow.served()
        # Counted from the 公告 of 10 September the wait ended on 24 September: an application on
        # 23 October, still within the ten working days after the deemed service, is refused.
        before = counts()
        with pytest.raises(Refused) as exc:
            _apply(case, world, D(2025, 10, 23), D(2025, 9, 10), demand_mode="public_notice")
        assert [g.code for g in exc.value.failed] == ["demand_served"]
        message = str(exc.value)
        assert "第五十四条" in message
        assert "2025年09月10日发出公告，2025年10月10日视为送达" in message
        assert "至2025年10月23日届满" in message
        assert counts() == before
        case.refresh_from_db()
        assert case.court_applied_on is None and case.demand_served_on is None

        # The day after the deemed wait: lawful; both dates are kept.
        case = _apply(case, world, D(2025, 10, 24), D(2025, 9, 10), demand_mode="public_notice")
        case.refresh_from_db()
        assert case.court_applied_on == D(2025, 10, 24)
        assert (case.demand_posted_on, case.demand_served_on) == (D(2025, 9, 10), D(2025, 10, 10))
        assert case.demand_service_mode == "public_notice"


def test_demand_served_directly_waits_ten_days_from_the_day(flow, world):
    with _at(D(2025, 10, 24)):
        case = _apply(flow.served(), world, D(2025, 9, 29), D(2025, 9, 10))
        case.refresh_from_db()
        assert case.demand_served_on == D(2025, 9, 10) and case.demand_posted_on is None
        assert case.demand_service_mode == "direct"
