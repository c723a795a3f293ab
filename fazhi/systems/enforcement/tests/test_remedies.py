"""Court enforcement waits for the party's remedy periods and runs in its own window
(行政强制法 第五十三条、第五十四条; 行政处罚法 第七十二条第二款), and a hearing requested in time is
recorded whatever step the case has reached (行政处罚法 第六十四条第一项).

Each refusal names its article and saves nothing: no state change, no ledger entry, no history
row. The case of the conftest is served on Wednesday 26 March 2025: its 复议 period (60 日) ends
on Monday 26 May (25 May is a Sunday), its 诉讼 period (6 个月) on Friday 26 September, and the
three months to apply to the court on Friday 26 December 2025.
"""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest

from fazhi.core.deadlines.models import Deadline
from fazhi.core.tasks.models import Task
from fazhi.core.workflow.engine import Refused
from fazhi.systems.enforcement import rules, services
from fazhi.systems.enforcement.models import Case

from .conftest import counts
from .test_full_case import CHECKLIST

COURT = "海安市人民法院"


def refused(call, *args, **kwargs) -> Refused:
    with pytest.raises(Refused) as info:
        call(*args, **kwargs)
    return info.value


def assert_nothing_saved(case: Case, state: str, before: tuple[int, int]) -> None:
    case.refresh_from_db()
    assert case.state == state
    assert counts() == before


def _window(case) -> Deadline | None:
    return (
        Deadline.objects.filter(subject_id=case.pk, rule_id=rules.RULE_COURT_APPLICATION)
        .order_by("-id")
        .first()
    )


def _open_tasks(case) -> set[str]:
    return set(
        Task.objects.filter(subject_id=case.pk, status="open").values_list("title", flat=True)
    )


def _apply(case, world, on, demand, **kw):
    return services.apply_court_enforcement(
        case, actor=world.officer, court=COURT, demand_served_on=demand, applied_on=on, **kw
    )


# -- hole 1: 申请人民法院强制执行 -----------------------------------------------------------------


def test_court_application_waits_for_remedy_periods_xzqz_article_53(flow, world):
    case = flow.served()
    # The window is a clock from the end of the remedy periods, on the 主办's 待办 from service.
    window = _window(case)
    assert (window.trigger, window.due, window.status) == (D(2025, 9, 26), D(2025, 12, 26), "open")
    assert "待申请人民法院强制执行" in _open_tasks(case)
    task = Task.objects.get(subject_id=case.pk, title="待申请人民法院强制执行", status="open")
    assert task.due == D(2025, 12, 26) and task.assignee == world.officer

    # What passed until now: payment overdue, 催告 on 14 April, application ten working days
    # later — while the party could still apply for 复议 (to 26 May) and sue (to 26 September).
    before = counts()
    exc = refused(_apply, case, world, D(2025, 4, 29), D(2025, 4, 14))
    assert any("第五十三条" in m for m in exc.messages)
    assert "2025年09月26日" in str(exc)
    assert_nothing_saved(case, "executing", before)
    assert case.court_applied_on is None and case.demand_served_on is None

    # The last day of the 诉讼 period still belongs to the party.
    exc = refused(_apply, case, world, D(2025, 9, 26), D(2025, 9, 10))
    assert [g.code for g in exc.failed] == ["remedy_periods_over"]
    assert_nothing_saved(case, "executing", before)

    # The day after, within the three months: lawful; the window's clock is met on time.
    case = _apply(case, world, D(2025, 9, 29), D(2025, 9, 10))
    assert case.court_applied_on == D(2025, 9, 29)
    window.refresh_from_db()
    assert (window.status, window.on_time) == ("met", True)
    assert "待申请人民法院强制执行" not in _open_tasks(case)


def test_court_application_refused_while_remedy_pending_xzqz_article_53(flow, world):
    case = flow.served()
    remedy = services.record_reconsideration_or_suit(
        case, actor=world.officer, kind="reconsideration", filed_on=D(2025, 5, 6)
    )
    # A remedy pending: the window does not run and no task asks for an application.
    assert _window(case).status == "cancelled"
    assert "待申请人民法院强制执行" not in _open_tasks(case)
    before = counts()
    exc = refused(_apply, case, world, D(2025, 10, 10), D(2025, 9, 15))
    assert [g.code for g in exc.failed] == ["no_remedy_pending"]
    assert "第五十三条" in exc.messages[0]
    assert_nothing_saved(case, "executing", before)

    # The 复议 upholds the decision on 20 September: the party has 15 days to sue on it
    # (行政诉讼法 第四十五条), to 5 October, a holiday, so to Thursday 9 October (国庆 1–8 October).
    services.conclude_reconsideration_or_suit(
        remedy, actor=world.officer, result="maintained", ended_on=D(2025, 9, 20)
    )
    window = _window(case)
    assert (window.trigger, window.status) == (D(2025, 10, 9), "open")
    assert "待申请人民法院强制执行" in _open_tasks(case)
    before = counts()
    exc = refused(_apply, case, world, D(2025, 10, 9), D(2025, 9, 15))
    assert [g.code for g in exc.failed] == ["remedy_periods_over"]
    assert_nothing_saved(case, "executing", before)
    assert _apply(case, world, D(2025, 10, 10), D(2025, 9, 15)).court_applied_on == D(2025, 10, 10)


def test_court_application_after_demand_waits_ten_working_days_xzqz_article_54(flow, world):
    # 催告书送达十日后 (ten days being working days, 第六十九条): served Monday 3 November, the
    # party has to Monday 17 November; the agency may apply from Tuesday 18 November.
    case = flow.served()
    before = counts()
    exc = refused(_apply, case, world, D(2025, 11, 17), D(2025, 11, 3))
    assert [g.code for g in exc.failed] == ["demand_served"]
    assert "第五十四条" in exc.messages[0]
    assert_nothing_saved(case, "executing", before)
    assert _apply(case, world, D(2025, 11, 18), D(2025, 11, 3)).state == "executing"


def test_court_window_closes_three_months_after_xzss_js_article_156(flow, world):
    case = flow.served()
    before = counts()
    exc = refused(_apply, case, world, D(2025, 12, 29), D(2025, 11, 3))
    assert [g.code for g in exc.failed] == ["late_application_reason"]
    assert "第一百五十六条" in exc.messages[0] and "2025年12月26日" in str(exc)
    assert_nothing_saved(case, "executing", before)
    case = _apply(case, world, D(2025, 12, 29), D(2025, 11, 3), late_reason="当事人承诺履行后反悔")
    window = _window(case)
    assert (window.status, window.on_time) == ("met", False)


def test_court_window_counts_from_end_of_deferral_xzcf_article_72(flow, world):
    case = flow.served()
    services.approve_deferral(
        case,
        actor=world.head,
        kind="defer",
        until=D(2025, 12, 31),
        reason="经营困难",
        approved_on=D(2025, 4, 7),
    )
    window = _window(case)
    assert (window.trigger, window.due) == (D(2025, 12, 31), D(2026, 3, 31))
    assert Deadline.objects.filter(
        subject_id=case.pk, rule_id=rules.RULE_COURT_APPLICATION, status="cancelled"
    ).exists()
    before = counts()
    exc = refused(_apply, case, world, D(2025, 12, 31), D(2025, 11, 3))
    assert "remedy_periods_over" in [g.code for g in exc.failed]
    assert any("第七十二条第二款" in m for m in exc.messages)
    assert_nothing_saved(case, "executing", before)
    assert _apply(case, world, D(2026, 1, 5), D(2025, 11, 3)).court_applied_on == D(2026, 1, 5)


def test_on_the_spot_decision_window_counts_from_reconsideration_period_xzfy_article_23(world):
    # An on-the-spot decision goes to 复议 first (行政复议法 第二十三条): no direct suit, so the
    # remedy periods end with the 60 days: 4 March 2025 + 60 = 3 May (劳动节 1–5 May) → 6 May.
    from fazhi.systems.matters.models import LegalBasis

    LegalBasis.objects.filter(matter=world.matter).update(fine_min=Decimal("50"))
    case = services.summary_penalty(
        agency=world.bureau,
        actor=world.officer,
        officers=world.officers,
        matter=world.matter,
        party_kind="person",
        party_name="吴某",
        party_id_number=world.id_number(D(1990, 5, 5), "301"),
        types=["fine"],
        fine=Decimal("100"),
        reasons="当场查实",
        decided_on=D(2025, 3, 4),
        id_shown=True,
        notified=True,
        statement="当事人称不知道该规定，执法人员复核后认为不影响处罚",
    )
    window = _window(case)
    assert (window.trigger, window.due) == (D(2025, 5, 6), D(2025, 8, 6))


def test_paying_in_full_ends_the_court_window(flow, world):
    case = flow.served()
    services.record_payment(
        case, actor=world.officer, amount=Decimal("5000"), paid_on=D(2025, 4, 1)
    )
    assert _window(case).status == "cancelled"
    assert "待申请人民法院强制执行" not in _open_tasks(case)


# -- hole 5: a hearing requested in time, whatever the case's step ----------------------------


def _hearing_case(flow):
    # A revocation gives the right to a hearing (第六十三条); served Tuesday 11 March, the five
    # working days end on Tuesday 18 March.
    return flow.notified(
        fine=Decimal("10000"), types=("fine", "revoke_licence"), served_on=D(2025, 3, 11)
    )


def test_hearing_request_in_time_accepted_during_legal_review_xzcf_article_64(flow, world):
    case = services.submit_legal_review(
        _hearing_case(flow), actor=world.officer, submitted_on=D(2025, 3, 12)
    )
    assert case.state == "in_review"
    assert "待法制审核" in _open_tasks(case)

    # Day 3 of the window: the request is the party's right; the case goes back to the hearing.
    hearing = services.request_hearing(case, actor=world.officer, requested_on=D(2025, 3, 14))
    case.refresh_from_db()
    assert case.state == "hearing" and hearing.requested_on == D(2025, 3, 14)
    assert _open_tasks(case) == {"待组织听证"}
    review_clock = Deadline.objects.get(subject_id=case.pk, rule_id=rules.RULE_LEGAL_REVIEW)
    assert review_clock.status == "cancelled"
    decision_clock = Deadline.objects.get(subject_id=case.pk, rule_id=rules.RULE_DECISION_SCJG)
    assert decision_clock.status == "suspended"  # 中止 from the request to the hearing record

    # After the hearing the interrupted review round (never concluded) does not count: the
    # decision needs a review that saw the hearing (第五十八条第一款第二项).
    services.schedule_hearing(
        case,
        actor=world.officer,
        scheduled_for=D(2025, 3, 31),
        chair=world.chair,
        notified_on=D(2025, 3, 19),
        location="本局听证室",
    )
    services.record_hearing(case, actor=world.officer, held_on=D(2025, 3, 31), record="听证笔录")
    decision = {
        "types": ["fine", "revoke_licence"],
        "fine": Decimal("10000"),
        "reasons": "事实清楚",
        "deviation_reason": "货值较大",
    }
    exc = refused(
        services.decide_case, case, actor=world.head, decided_on=D(2025, 4, 2), **decision
    )
    assert "legal_review_passed" in [g.code for g in exc.failed]
    case = services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 4, 1))
    case = services.complete_legal_review(
        case, actor=world.reviewer, result="passed", checklist=CHECKLIST, completed_on=D(2025, 4, 2)
    )
    assert case.reviews.count() == 2
    case = services.decide_case(case, actor=world.head, decided_on=D(2025, 4, 3), **decision)
    assert case.state == "decided"


def test_hearing_request_in_time_accepted_after_review_passed_xzcf_article_64(flow, world):
    case = services.submit_legal_review(
        _hearing_case(flow), actor=world.officer, submitted_on=D(2025, 3, 12)
    )
    case = services.complete_legal_review(
        case,
        actor=world.reviewer,
        result="passed",
        checklist=CHECKLIST,
        completed_on=D(2025, 3, 13),
    )
    assert case.state == "ready"
    services.request_hearing(case, actor=world.officer, requested_on=D(2025, 3, 18))
    case.refresh_from_db()
    assert case.state == "hearing"
    # The hearing path goes on as usual.
    services.schedule_hearing(
        case,
        actor=world.officer,
        scheduled_for=D(2025, 3, 31),
        chair=world.chair,
        notified_on=D(2025, 3, 19),
        location="本局听证室",
    )
    services.record_hearing(case, actor=world.officer, held_on=D(2025, 3, 31), record="听证笔录")
    case.refresh_from_db()
    assert case.state == "ready"


def test_hearing_request_after_window_refused_in_review_xzcf_article_64(flow, world):
    case = services.submit_legal_review(
        _hearing_case(flow), actor=world.officer, submitted_on=D(2025, 3, 12)
    )
    before = counts()
    exc = refused(services.request_hearing, case, actor=world.officer, requested_on=D(2025, 3, 19))
    assert [g.code for g in exc.failed] == ["hearing_request_in_time"]
    assert "第六十四条" in exc.messages[0]
    assert_nothing_saved(case, "in_review", before)
    assert not case.hearings.exists()
