"""The order of the dates of 行政复议 and 行政应诉 records (issue 15): a step dated before the
step it follows is refused naming both dates, with nothing saved."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow.engine import Refused
from fazhi.systems.disputes import services
from fazhi.systems.disputes.models import Respondence

pytestmark = pytest.mark.django_db


def _saved(obj):
    obj.refresh_from_db()
    return obj.state, sealed().count()


def test_acceptance_before_receipt_is_refused_article_30(make_case, office_staff):
    case = make_case(received_on=date(2025, 9, 25))
    before = _saved(case)
    with pytest.raises(Refused) as exc:
        services.accept_reconsideration(case, actor=office_staff, accepted_on=date(2025, 9, 24))
    assert "受理日（2025年9月24日）不能早于收到申请（补正材料）之日（2025年9月25日）" in str(
        exc.value
    )
    assert _saved(case) == before and case.accepted_on is None


def test_decision_before_acceptance_is_refused_article_62(make_case, office_staff):
    case = make_case()
    case = services.accept_reconsideration(case, actor=office_staff, accepted_on=date(2025, 10, 9))
    before = _saved(case)
    with pytest.raises(Refused) as exc:
        services.decide_reconsideration(
            case,
            actor=office_staff,
            decision_type="uphold",
            decided_on=date(2025, 10, 8),
            approval="局长办公会",
        )
    text = str(exc.value)
    assert "行政复议决定日（2025年10月8日）不能早于受理日（2025年10月9日）" in text
    assert "第六十二条" in text
    assert _saved(case) == before and case.decided_on is None


def test_answer_before_the_copy_came_in_is_refused_article_48(make_case, office_staff, dept_staff):
    case = make_case()
    case = services.accept_reconsideration(case, actor=office_staff, accepted_on=date(2025, 10, 9))
    case = services.send_copy(
        case, actor=office_staff, sent_on=date(2025, 10, 10), delivered_on=date(2025, 10, 13)
    )
    resp = Respondence.objects.get(case=case)
    before = _saved(resp)
    with pytest.raises(Refused) as exc:
        services.submit_answer(
            resp,
            actor=dept_staff,
            answered_on=date(2025, 10, 12),
            answer_summary="事实清楚，程序合法",
            evidence="现场检查笔录",
        )
    assert "提交书面答复日（2025年10月12日）不能早于收到申请书副本之日（2025年10月13日）" in str(
        exc.value
    )
    assert _saved(resp) == before and resp.answered_on is None


def test_defence_before_the_complaint_came_in_is_refused_article_67(make_suit, dept_staff):
    suit = make_suit(complaint_received_on=date(2025, 9, 25))
    before = _saved(suit)
    with pytest.raises(Refused) as exc:
        services.submit_defence(
            suit, actor=dept_staff, submitted_on=date(2025, 9, 20), evidence="证据目录"
        )
    text = str(exc.value)
    assert "提交答辩状和证据日（2025年9月20日）不能早于收到起诉状副本之日（2025年9月25日）" in text
    assert "第六十七条" in text
    assert _saved(suit) == before


def test_appeal_before_the_judgment_was_served_is_refused_article_85(make_suit, dept_staff):
    suit = make_suit()
    suit = services.submit_defence(
        suit, actor=dept_staff, submitted_on=date(2025, 10, 9), evidence="证据目录及证据12份"
    )
    suit = services.record_judgment(
        suit,
        actor=dept_staff,
        document_kind="judgment",
        outcome="dismiss_claim",
        served_on=date(2026, 2, 2),
    )
    before = _saved(suit)
    with pytest.raises(Refused) as exc:
        services.appeal(suit, actor=dept_staff, appealed_on=date(2026, 1, 30))
    assert "提起上诉日（2026年1月30日）不能早于裁判文书送达日（2026年2月2日）" in str(exc.value)
    assert _saved(suit) == before


def test_copy_delivered_before_it_was_sent_is_refused(make_case, office_staff):
    case = make_case()
    case = services.accept_reconsideration(case, actor=office_staff, accepted_on=date(2025, 10, 9))
    before = _saved(case)
    with pytest.raises(Refused) as exc:
        services.send_copy(
            case, actor=office_staff, sent_on=date(2025, 10, 10), delivered_on=date(2025, 10, 8)
        )
    assert "被申请人收到申请书副本日（2025年10月8日）不能早于发送日（2025年10月10日）。" in str(
        exc.value
    )
    assert _saved(case) == before and not Respondence.objects.filter(case=case).exists()
