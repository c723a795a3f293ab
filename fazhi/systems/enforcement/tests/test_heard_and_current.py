"""The party is heard before the decision, and the decision rests on a current review.

- 第六十二条: a waiver of the hearing is no waiver of 陈述申辩 — the decision waits for a
  statement, a written waiver of 陈述申辩 or the end of its window, whatever the hearing status.
- 第五十八条 and 第五十七条第二款: a 法制审核 or a 集体讨论 made before a 重新告知 or a hearing did
  not see the final proposal or the hearing record; it no longer opens the decision.
"""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest
from django.test import Client

from fazhi.core.workflow.engine import Refused
from fazhi.systems.enforcement import services
from fazhi.systems.enforcement.doc_context import statements_text
from fazhi.systems.enforcement.rules import REVIEW_CHECKLIST

from .conftest import counts

CHECKLIST = {code: {"ok": True} for code, _ in REVIEW_CHECKLIST}


def _refused(call, *args, **kwargs) -> Refused:
    with pytest.raises(Refused) as info:
        call(*args, **kwargs)
    return info.value


def _person_with_hearing_right(flow, world, **notice):
    """刘某, a person fined 10,000 元: the right to a hearing (第六十三条, configured threshold);
    the notice is served Tuesday 11 March 2025, its five working days end on 18 March."""
    case = flow.source(
        party_kind="person",
        party_name="刘某",
        party_id_number=world.id_number(D(1990, 1, 1), "201"),
    )
    flow.notified(flow.examined(flow.opened(case)), fine=Decimal("10000"), **notice)
    case.refresh_from_db()
    assert case.hearing_right
    return case


def _decide(case, world, on, fine="10000"):
    return services.decide_case(
        case,
        actor=world.head,
        decided_on=on,
        types=["fine"],
        fine=Decimal(fine),
        reasons="事实清楚",
        deviation_reason="货值较大",
    )


# -- 第六十二条: 陈述申辩 -------------------------------------------------------------------------


def test_hearing_waiver_is_no_statement_waiver_article_62(flow, world):
    case = _person_with_hearing_right(flow, world)
    # The party signs a waiver of the hearing only, the day after the notice.
    services.record_statement(
        case, actor=world.officer, received_on=D(2025, 3, 12), waive_hearing=True
    )
    case.refresh_from_db()
    assert case.hearing_waived_on == D(2025, 3, 12) and case.statement_waived_on is None
    before = counts()
    exc = _refused(_decide, case, world, D(2025, 3, 13))
    assert any("第六十二条" in m and "放弃听证不等于放弃陈述申辩" in m for m in exc.messages)
    assert "2025年03月18日" in str(exc)  # the window of 陈述申辩 still runs
    case.refresh_from_db()
    assert case.state == "notified" and case.decided_on is None and counts() == before

    # Lawful: a written waiver of 陈述申辩 as well opens the decision; nothing to 复核.
    assert (
        services.record_statement(
            case,
            actor=world.officer,
            received_on=D(2025, 3, 13),
            content="当事人签署《放弃陈述申辩声明书》。",
            waive_statement=True,
        )
        is None
    )
    case = _decide(case, world, D(2025, 3, 14))
    assert case.state == "decided"
    assert statements_text(case) == (
        "本机关于2025年3月11日向当事人送达了行政处罚告知书。"
        "当事人于2025年3月13日书面放弃陈述、申辩权利。"
        "当事人于2025年3月12日书面放弃要求听证的权利。"
    )


def test_after_a_hearing_waiver_the_window_still_opens_the_decision_article_62(flow, world):
    case = _person_with_hearing_right(flow, world)
    services.record_statement(
        case, actor=world.officer, received_on=D(2025, 3, 12), waive_hearing=True
    )
    _refused(_decide, case, world, D(2025, 3, 18))  # the last day of the window
    case = _decide(case, world, D(2025, 3, 19))
    assert case.state == "decided"
    assert statements_text(case).endswith("当事人在规定期限内未提出陈述、申辩。")


def test_a_statement_after_a_hearing_waiver_is_reviewed_then_decides_article_45(flow, world):
    case = _person_with_hearing_right(flow, world)
    statement = services.record_statement(
        case,
        actor=world.officer,
        received_on=D(2025, 3, 12),
        content="初次违法，已经整改",
        waive_hearing=True,
    )
    exc = _refused(_decide, case, world, D(2025, 3, 13))
    assert any("第四十五条第一款" in m for m in exc.messages)
    services.review_statement(
        statement,
        actor=world.officer,
        result="rejected",
        opinion="货值较大",
        reviewed_on=D(2025, 3, 13),
    )
    assert _decide(case, world, D(2025, 3, 14)).state == "decided"


def test_a_waiver_of_an_earlier_notice_does_not_answer_a_new_one_article_62(flow, world):
    case = flow.notified(fine=Decimal("5000"))  # no hearing right; served 11 March
    services.record_statement(
        case, actor=world.officer, received_on=D(2025, 3, 12), waive_statement=True
    )
    # A heavier penalty is proposed: a new notice on 14 March, a new window to 21 March.
    case = flow.notified(case, fine=Decimal("8000"), served_on=D(2025, 3, 14))
    assert case.statement_waived_on is None
    before = counts()
    exc = _refused(_decide, case, world, D(2025, 3, 17), fine="8000")
    assert any("第六十二条" in m for m in exc.messages)
    assert counts() == before
    assert _decide(case, world, D(2025, 3, 24), fine="8000").state == "decided"


# -- 第五十八条 and 第五十七条第二款: a review or discussion must be current -----------------------


def _queue(user):
    from fazhi.core.tasks import selectors as task_selectors

    return [(t.title, t.subject_id) for t in task_selectors.mine(user).order_by("due", "id")]


def _review(case, world, submitted_on, completed_on):
    services.submit_legal_review(case, actor=world.officer, submitted_on=submitted_on)
    return services.complete_legal_review(
        case, actor=world.reviewer, result="passed", checklist=CHECKLIST, completed_on=completed_on
    )


def test_review_before_hearing_is_stale_article_58(flow, world):
    # A 法制审核目录 matter: notified 11 March, the party waives 陈述申辩, the review passes.
    case = flow.notified(flow.examined(flow.opened(flow.source(matter=world.catalogue_matter))))
    services.record_statement(
        case, actor=world.officer, received_on=D(2025, 3, 12), waive_statement=True
    )
    case = _review(case, world, D(2025, 3, 19), D(2025, 3, 20))
    assert case.state == "ready"
    # Then a heavier penalty with the right to a hearing is notified again, and a hearing held.
    case = flow.notified(case, types=("fine", "revoke_licence"), served_on=D(2025, 3, 21))
    assert case.state == "notified" and case.hearing_right
    services.request_hearing(case, actor=world.officer, requested_on=D(2025, 3, 24))
    services.schedule_hearing(
        case,
        actor=world.officer,
        scheduled_for=D(2025, 4, 3),
        chair=world.chair,
        notified_on=D(2025, 3, 24),
        location="本局听证室",
    )
    services.record_hearing(
        case, actor=world.chair_user, held_on=D(2025, 4, 3), record="听证笔录全文"
    )
    case.refresh_from_db()
    assert case.state == "ready"
    # The old review never saw the new proposal or the hearing record: the officer must send
    # the case again, and the head has nothing to decide yet.
    assert ("待提交法制审核", case.pk) in _queue(world.officer)
    assert ("待决定", case.pk) not in _queue(world.head)
    before = counts()
    decide = {
        "actor": world.head,
        "types": ["fine", "revoke_licence"],
        "fine": Decimal("5000"),
        "reasons": "事实清楚",
    }
    exc = _refused(services.decide_case, case, decided_on=D(2025, 4, 7), **decide)
    assert any("第五十八条" in m and "重新提交法制审核" in m for m in exc.messages)
    case.refresh_from_db()
    assert case.state == "ready" and case.decided_on is None and counts() == before
    # The case page says the review is stale and offers the officer to send the case again.
    client = Client()
    client.force_login(world.officer)
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "已失效" in page and 'id="step-submit_legal_review"' in page

    # Lawful: a fresh review of the final proposal and the hearing record opens the decision.
    case = _review(case, world, D(2025, 4, 7), D(2025, 4, 8))
    assert ("待决定", case.pk) in _queue(world.head)
    case = services.decide_case(case, decided_on=D(2025, 4, 9), **decide)
    assert case.state == "decided"


def test_discussion_before_renotice_is_stale_article_57(flow, world):
    case = flow.notified(complex_or_major=True)  # served 11 March, 5,000 元
    services.record_statement(
        case, actor=world.officer, received_on=D(2025, 3, 12), waive_statement=True
    )
    services.record_collective_discussion(
        case,
        actor=world.head,
        held_on=D(2025, 3, 14),
        chair="赵局长",
        attendees=["赵局长", "钱副局长", "孙副局长"],
        minutes="讨论认为应处罚款五千元",
        result="同意罚款5000元",
    )
    # The heads' view changes the proposal: a new notice of 6,000 元, waived again.
    case = flow.notified(case, fine=Decimal("6000"), served_on=D(2025, 3, 17))
    services.record_statement(
        case, actor=world.officer, received_on=D(2025, 3, 17), waive_statement=True
    )
    before = counts()
    exc = _refused(_decide, case, world, D(2025, 3, 18), fine="6000")
    assert any("第五十七条第二款" in m and "重新集体讨论" in m for m in exc.messages)
    case.refresh_from_db()
    assert case.state == "notified" and case.decided_on is None and counts() == before

    services.record_collective_discussion(
        case,
        actor=world.head,
        held_on=D(2025, 3, 18),
        chair="赵局长",
        attendees=["赵局长", "钱副局长", "孙副局长"],
        minutes="讨论认为应处罚款六千元",
        result="同意罚款6000元",
    )
    assert _decide(case, world, D(2025, 3, 19), fine="6000").state == "decided"
