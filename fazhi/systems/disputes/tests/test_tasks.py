"""Each step a 复议 case, a respondent's answer or a suit waits for is a task in the queue of
the agency's 复议应诉工作人员 (or of the 主办 the head names), dated by the statutory clock that
times it; the step done, the task is gone and the next one appears."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.tasks import selectors as task_selectors
from fazhi.core.tasks import services as task_services
from fazhi.systems.disputes import services
from fazhi.systems.disputes.models import Respondence
from tests import factories

pytestmark = pytest.mark.django_db


def _queue(user) -> list[tuple[str, int, date | None]]:
    return [(t.title, t.subject_id, t.due) for t in task_selectors.mine(user).order_by("due", "id")]


def test_the_office_reviews_then_sends_the_copy_and_decides_articles_30_48_62(
    make_case, office_staff, dept_staff
):
    """Received Thu 2025-09-25: 受理审查 by 10-09 (第三十条, 5 working days across 国庆); accepted
    10-09: the copy by 10-17 (第四十八条, 7 working days), the decision by 12-08 (第六十二条,
    60 days)."""
    case = make_case()
    assert _queue(office_staff) == [("待受理审查", case.pk, date(2025, 10, 9))]
    assert _queue(dept_staff) == []
    case = services.accept_reconsideration(case, actor=office_staff, accepted_on=date(2025, 10, 9))
    assert _queue(office_staff) == [
        ("待发送申请书副本", case.pk, date(2025, 10, 17)),
        ("待作出复议决定", case.pk, date(2025, 12, 8)),
    ]
    case = services.send_copy(case, actor=office_staff, sent_on=date(2025, 10, 10))
    assert _queue(office_staff) == [("待作出复议决定", case.pk, date(2025, 12, 8))]
    # 第四十八条: 10 working days from the copy (Fri 10-10; Sat 10-11 is worked): Thu 10-23
    resp = Respondence.objects.get(case=case)
    assert _queue(dept_staff) == [("待答复", resp.pk, date(2025, 10, 23))]
    services.submit_answer(
        resp,
        actor=dept_staff,
        answered_on=date(2025, 10, 15),
        answer_summary="合法",
        evidence="笔录",
    )
    assert _queue(dept_staff) == []
    services.decide_reconsideration(
        case,
        actor=office_staff,
        decision_type="revoke",
        decided_on=date(2025, 11, 20),
        approval="集体讨论通过",
        decision_summary="撤销原处罚决定，责令重新作出",
        opinion_letter=True,
    )
    assert _queue(office_staff) == []
    # 第七十六条: the opinion letter goes with the decision (11-20); the corrections are reported
    # within 60 days, by Mon 2026-01-19
    resp.refresh_from_db()
    assert _queue(dept_staff) == [("待报送纠正情况", resp.pk, date(2026, 1, 19))]
    services.report_correction(
        resp, actor=dept_staff, reported_on=date(2025, 12, 1), correction_report="已重新作出"
    )
    assert _queue(dept_staff) == []


def test_a_correction_notice_leaves_nobody_a_task_until_the_material_comes_back(
    make_case, office_staff
):
    case = make_case()
    case = services.request_reconsideration_correction(
        case,
        actor=office_staff,
        notice_on=date(2025, 9, 26),
        correction_items="补充身份证明",
        delivered_on=date(2025, 9, 26),
    )
    assert _queue(office_staff) == []
    case = services.receive_reconsideration_correction(
        case, actor=office_staff, received_on=date(2025, 10, 9)
    )
    assert [t for t, _, _ in _queue(office_staff)] == ["待受理审查"]


def test_the_head_names_a_lead_who_gets_the_task_and_its_clock(make_case, office_staff, justice):
    colleague = factories.user("fuyi2", ("litigation_staff", justice))
    head = factories.user("fuyi_head", ("agency_head", justice))
    case = make_case()
    assert [t for t, _, _ in _queue(colleague)] == ["待受理审查"]
    task_services.reassign(case, actor=head, lead=colleague)
    assert _queue(colleague) == [("待受理审查", case.pk, date(2025, 10, 9))]
    assert _queue(office_staff) == []


def test_a_suit_waits_for_the_defence_then_for_the_appeal_decision_articles_67_85(
    make_suit, dept_staff
):
    """Complaint received Thu 2025-09-25: defence by Fri 10-10 (第六十七条, 15 days); a judgment
    served Mon 2026-02-02 may be appealed until Tue 02-24 (第八十五条, rolled past 春节)."""
    suit = make_suit()
    assert _queue(dept_staff) == [("待答辩举证", suit.pk, date(2025, 10, 10))]
    suit = services.submit_defence(
        suit, actor=dept_staff, submitted_on=date(2025, 10, 9), evidence="证据目录及证据12份"
    )
    assert _queue(dept_staff) == []
    suit = services.record_judgment(
        suit,
        actor=dept_staff,
        document_kind="judgment",
        outcome="dismiss_claim",
        served_on=date(2026, 2, 2),
    )
    assert _queue(dept_staff) == [("待决定是否上诉", suit.pk, date(2026, 2, 24))]
    suit = services.appeal(suit, actor=dept_staff, appealed_on=date(2026, 2, 10))
    assert _queue(dept_staff) == []
