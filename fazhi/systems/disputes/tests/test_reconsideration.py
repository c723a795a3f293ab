"""行政复议 (行政复议法 2023): intake, deemed acceptance, the respondent's answer, extension,
hearing, decision. Dates worked out by hand on the official calendar (2025 国庆节·中秋节:
10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.tasks.selectors import mine
from fazhi.core.workflow.engine import Refused
from fazhi.systems.disputes import rules, services
from fazhi.systems.disputes.models import Respondence

pytestmark = pytest.mark.django_db


def clock(obj, rule_id: str) -> Deadline:
    return [d for d in deadlines_of(obj) if d.rule_id == rule_id][-1]


def test_acceptance_is_deemed_on_the_fifth_working_day_article_30(make_case):
    """Received Thu 2025-09-25: 09-26(1), Sun 09-28 调休(2), 09-29(3), 09-30(4), [10-01..08 off],
    10-09(5). No 不予受理 decision by then: accepted as of 2025-10-09, and the 60-day decision
    period runs from it to 12-08; the copy to the respondent is due in 7 working days, 10-17."""
    case = make_case()
    assert clock(case, rules.R_ACCEPTANCE).due == date(2025, 10, 9)
    assert services.apply_deemed_acceptance(today=date(2025, 10, 9)) == []  # still within review
    [case] = services.apply_deemed_acceptance(today=date(2025, 10, 10))
    assert case.state == "accepted" and case.acceptance == "deemed"
    assert case.accepted_on == date(2025, 10, 9)
    assert clock(case, rules.R_DECISION).trigger == date(2025, 10, 9)
    assert case.decision_due == date(2025, 12, 8)
    assert clock(case, rules.R_COPY).due == date(2025, 10, 17)


def test_no_rejection_or_acceptance_after_the_review_period_article_30(make_case, office_staff):
    case = make_case()
    with pytest.raises(Refused) as exc:
        services.reject_reconsideration(
            case, actor=office_staff, rejected_on=date(2025, 10, 10), rejection_reason="超期"
        )
    assert "视为受理" in str(exc.value) and "第三十条" in str(exc.value)
    with pytest.raises(Refused):
        services.accept_reconsideration(case, actor=office_staff, accepted_on=date(2025, 10, 10))


def test_application_period_of_60_days_article_20(make_case, office_staff):
    """Known Sun 2025-07-20; 60 days end Thu 2025-09-18; received 09-25 is late."""
    case = make_case(known_on=date(2025, 7, 20))
    assert case.application_due == date(2025, 9, 18)
    with pytest.raises(Refused) as exc:
        services.accept_reconsideration(case, actor=office_staff, accepted_on=date(2025, 9, 26))
    assert "第二十条" in str(exc.value)
    late_but_excused = make_case(
        known_on=date(2025, 7, 20), delay_reason="申请人住院治疗（附证明）", applicant_name="李九"
    )
    assert (
        services.accept_reconsideration(
            late_but_excused, actor=office_staff, accepted_on=date(2025, 9, 26)
        ).state
        == "accepted"
    )


def test_one_year_cap_when_rights_were_not_notified_article_20_3(make_case, office_staff):
    """Act known 2024-10-08 without notice of the right to 复议: at most one year, to 2025-10-08,
    a 国庆 holiday, so the period ends on the next working day, 2025-10-09."""
    case = make_case(known_on=date(2024, 10, 8), rights_notified=False)
    assert case.application_due == date(2025, 10, 9)
    assert (
        services.accept_reconsideration(
            case, actor=office_staff, accepted_on=date(2025, 9, 26)
        ).state
        == "accepted"
    )
    # had the rights been notified, 60 days from 2024-10-08 were long over
    notified = make_case(known_on=date(2024, 10, 8), applicant_name="周十")
    assert notified.application_due == date(2024, 12, 9)


def test_correction_notice_and_the_review_running_again_article_31(make_case, office_staff):
    case = make_case()
    assert clock(case, rules.R_CORRECTION_NOTICE).due == date(2025, 10, 9)
    with pytest.raises(Refused) as exc:
        services.request_reconsideration_correction(
            case, actor=office_staff, notice_on=date(2025, 9, 29), correction_items=""
        )
    assert "一次性载明" in str(exc.value)
    case = services.request_reconsideration_correction(
        case,
        actor=office_staff,
        notice_on=date(2025, 9, 29),
        correction_items="请提交处罚决定书复印件",
    )
    # the applicant's 10 working days from 09-29: 09-30(1), 10-09(2), 10-10(3), Sat 10-11(4), 10-13..17(5-9), 10-20(10)
    assert clock(case, rules.R_CORRECTION_REPLY).due == date(2025, 10, 20)
    case = services.receive_reconsideration_correction(
        case, actor=office_staff, received_on=date(2025, 10, 15)
    )
    # a fresh 5-working-day review: 10-16, 10-17, 10-20, 10-21, 10-22
    assert clock(case, rules.R_ACCEPTANCE).due == date(2025, 10, 22)


def test_correction_notice_served_by_public_notice_civil_procedure_law_article_95(
    make_case, office_staff
):
    """行政复议法 第八十八条第一款 applies 民事诉讼法 to service: a 补正通知 posted by 公告 on
    2025-09-29 is served on 10-29 (第九十五条), and the applicant's 10 working days run from then:
    10-30, 10-31, 11-03..07, 11-10, 11-11, 11-12 — not to 10-20 as counted from the 公告."""
    case = services.request_reconsideration_correction(
        make_case(),
        actor=office_staff,
        notice_on=date(2025, 9, 29),
        correction_items="请提交处罚决定书复印件",
        mode="public_notice",
    )
    reply = clock(case, rules.R_CORRECTION_REPLY)
    assert reply.trigger == date(2025, 10, 29) and reply.due == date(2025, 11, 12)


def test_respondent_answers_in_10_working_days_article_48(make_case, office_staff, dept_staff):
    case = make_case()
    case = services.accept_reconsideration(case, actor=office_staff, accepted_on=date(2025, 10, 9))
    case = services.send_copy(
        case, actor=office_staff, sent_on=date(2025, 10, 10), delivered_on=date(2025, 10, 13)
    )
    resp = Respondence.objects.get(case=case)
    assert resp.agency_id == case.respondent_id and resp.state == "answering"
    # 10 working days from Mon 10-13: 10-14..17(4), 10-20..24(9), 10-27(10)
    assert resp.answer_due == date(2025, 10, 27)
    assert clock(case, rules.R_COPY).on_time is True
    with pytest.raises(Refused) as exc:
        services.submit_answer(
            resp,
            actor=dept_staff,
            answered_on=date(2025, 10, 20),
            answer_summary="事实清楚",
            evidence="",
        )
    assert "第四十八条" in str(exc.value) and "证据" in str(exc.value)
    resp = services.submit_answer(
        resp,
        actor=dept_staff,
        answered_on=date(2025, 10, 20),
        answer_summary="事实清楚，程序合法",
        evidence="现场检查笔录、询问笔录、抽检报告",
    )
    assert resp.on_time is True


def test_extension_beyond_30_days_is_refused_article_62(make_case, office_staff):
    case = services.accept_reconsideration(
        make_case(), actor=office_staff, accepted_on=date(2025, 10, 9)
    )
    with pytest.raises(Refused) as exc:
        services.extend_reconsideration(
            case,
            actor=office_staff,
            extension_days=45,
            approver="复议科科长",
            notified_on=date(2025, 12, 1),
        )
    assert "最多不得超过30日" in str(exc.value) and "第六十二条" in str(exc.value)
    with pytest.raises(Refused) as exc:
        services.extend_reconsideration(
            case, actor=office_staff, extension_days=30, approver="", notified_on=date(2025, 12, 1)
        )
    assert "负责人批准" in str(exc.value)
    case = services.extend_reconsideration(
        case,
        actor=office_staff,
        extension_days=30,
        approver="司法局副局长",
        notified_on=date(2025, 12, 1),
    )
    assert case.decision_due == date(2026, 1, 7)  # 90 days from 10-09
    with pytest.raises(Refused):
        services.extend_reconsideration(
            case,
            actor=office_staff,
            extension_days=10,
            approver="司法局副局长",
            notified_on=date(2025, 12, 2),
        )


def test_simplified_procedure_decides_in_30_days_without_extension_article_62_2(
    make_case, office_staff
):
    case = make_case(procedure="simplified")
    case = services.accept_reconsideration(case, actor=office_staff, accepted_on=date(2025, 10, 9))
    assert case.decision_due == date(2025, 11, 10)  # 30 days end Sat 11-08, rolled to Mon 11-10
    # 3 working days for the copy (第五十四条): 10-10, Sat 10-11 (调休), Mon 10-13
    assert clock(case, rules.R_SIMPLE_COPY).due == date(2025, 10, 13)
    with pytest.raises(Refused) as exc:
        services.extend_reconsideration(
            case,
            actor=office_staff,
            extension_days=10,
            approver="科长",
            notified_on=date(2025, 10, 20),
        )
    assert "第六十二条第二款" in str(exc.value)


def test_suspension_stops_the_decision_period_article_39(make_case, office_staff):
    case = services.accept_reconsideration(
        make_case(), actor=office_staff, accepted_on=date(2025, 10, 9)
    )
    case = services.suspend_reconsideration(
        case,
        actor=office_staff,
        suspended_on=date(2025, 11, 3),
        reason="申请人死亡，等待近亲属参加",
        notified_on=date(2025, 11, 3),
    )
    case = services.resume_reconsideration(
        case, actor=office_staff, resumed_on=date(2025, 11, 12), notified_on=date(2025, 11, 12)
    )
    # 10 days (11-03..11-12) not counted: 12-08 + 10 = 12-18
    assert case.decision_due == date(2025, 12, 18)


def test_hearing_panel_notice_and_the_respondents_head_articles_50_51(make_case, office_staff):
    case = services.accept_reconsideration(
        make_case(major=True), actor=office_staff, accepted_on=date(2025, 10, 9)
    )
    base = {"held_on": date(2025, 11, 14), "chair": "王复议", "recorder": "李记录"}
    with pytest.raises(Refused) as exc:
        services.hold_hearing(
            case,
            actor=office_staff,
            notice_on=date(2025, 11, 10),
            members=["甲"],
            head_attended=True,
            head_name="局长",
            **base,
        )
    codes = {gd.code for gd in exc.value.failed}
    assert codes == {"hearing_panel", "hearing_notice"}
    with pytest.raises(Refused) as exc:
        services.hold_hearing(
            case, actor=office_staff, notice_on=date(2025, 11, 6), members=["甲", "乙"], **base
        )
    assert "第五十一条" in str(exc.value)
    # notice Thu 11-06 leaves 11-07, 11-10, 11-11, 11-12, 11-13 (5 working days) before Fri 11-14
    services.hold_hearing(
        case,
        actor=office_staff,
        notice_on=date(2025, 11, 6),
        members=["甲", "乙"],
        absence_reason="参加省政府会议",
        delegate="法规科科长",
        **base,
    )
    with pytest.raises(Refused) as exc:  # a major case also goes to the committee (第五十二条)
        services.decide_reconsideration(
            case,
            actor=office_staff,
            decision_type="uphold",
            decided_on=date(2025, 11, 20),
            approval="局长办公会",
        )
    assert "第五十二条第二款" in str(exc.value)
    services.consult_committee(
        case, actor=office_staff, consulted_on=date(2025, 11, 18), committee_opinion="建议维持"
    )
    case = services.decide_reconsideration(
        case,
        actor=office_staff,
        decision_type="uphold",
        decided_on=date(2025, 11, 20),
        approval="县政府负责人同意",
    )
    assert case.state == "decided" and case.on_time is True


def test_decision_reaches_the_respondent_and_the_opinion_report_is_due_in_60_days_article_76(
    make_case, office_staff, dept_staff
):
    case = services.accept_reconsideration(
        make_case(), actor=office_staff, accepted_on=date(2025, 10, 9)
    )
    case = services.send_copy(case, actor=office_staff, sent_on=date(2025, 10, 10))
    resp = Respondence.objects.get(case=case)
    services.submit_answer(
        resp,
        actor=dept_staff,
        answered_on=date(2025, 10, 15),
        answer_summary="合法",
        evidence="笔录",
    )
    case = services.decide_reconsideration(
        case,
        actor=office_staff,
        decision_type="revoke",
        decided_on=date(2025, 11, 20),
        approval="集体讨论通过",
        decision_summary="撤销原处罚决定，责令重新作出",
        opinion_letter=True,
    )
    resp.refresh_from_db()
    assert resp.state == "decided" and resp.decision_type == "revoke"
    assert clock(resp, rules.R_OPINION_REPORT).due == date(
        2026, 1, 19
    )  # 60 days from 11-20: Mon 2026-01-19
    with pytest.raises(Refused) as exc:
        services.close_respondence(resp, actor=dept_staff, closed_on=date(2025, 12, 1))
    assert "第七十六条" in str(exc.value)


def test_the_answer_clock_lands_on_the_respondents_todo(make_case, office_staff, dept_staff):
    case = services.accept_reconsideration(
        make_case(), actor=office_staff, accepted_on=date(2025, 10, 9)
    )
    case = services.send_copy(case, actor=office_staff, sent_on=date(2025, 10, 10))
    resp = case.respondences.get()
    answer = clock(resp, rules.R_ANSWER)
    # nobody at the respondent is named yet: the clock and its task are in the queue of the
    # respondent's 复议应诉工作人员 (dept_staff holds that role there)
    assert answer.agency_id == case.respondent_id
    assert answer.assignee is None and answer.role == "litigation_staff"
    assert [(t.title, t.subject_id) for t in mine(dept_staff)] == [("待答复", resp.pk)]
    assert not mine(office_staff).filter(subject_id=resp.pk, title="待答复").exists()


def test_deem_command_article_30(make_case):
    from io import StringIO

    from django.core.management import call_command

    case = make_case()
    out = StringIO()
    call_command("disputes", "deem", "--today", "2025-10-10", stdout=out)
    case.refresh_from_db()
    assert case.acceptance == "deemed" and "2025-10-09" in out.getvalue()


def test_an_application_five_years_after_the_act_is_not_accepted_reconsideration_law_article_21(
    make_case, office_staff
):
    """第二十一条: 「因不动产提出的行政复议申请自行政行为作出之日起超过二十年，其他行政复议申请
    自行政行为作出之日起超过五年的，行政复议机关不予受理。」 An act of 2020-03-02 learnt of only on
    2025-09-01: the application of 2025-09-25 is within 60 days of knowing (第二十条) and a delay
    reason is given, but five years ran out on 2025-03-02; it cannot be accepted. About real
    property the limit is twenty years, and the same application is accepted."""
    from fazhi.core.workflow.models import TransitionLog

    late = make_case(acted_on=date(2020, 3, 2), delay_reason="长期在外务工，不知道该行为")
    steps = TransitionLog.objects.count()
    with pytest.raises(Refused) as exc:
        services.accept_reconsideration(late, actor=office_staff, accepted_on=date(2025, 9, 26))
    assert [g.code for g in exc.value.failed] == ["application_not_barred"]
    assert "《中华人民共和国行政复议法》第二十一条" in str(exc.value)
    late.refresh_from_db()
    assert late.state == "received" and late.accepted_on is None
    assert TransitionLog.objects.count() == steps
    # 不予受理 remains open to the office.
    rejected = services.reject_reconsideration(
        late, actor=office_staff, rejected_on=date(2025, 9, 26), rejection_reason="超过五年"
    )
    assert rejected.state == "rejected"

    land = make_case(acted_on=date(2020, 3, 2), real_property=True, applicant_name="吴九")
    land = services.accept_reconsideration(land, actor=office_staff, accepted_on=date(2025, 9, 26))
    assert land.state == "accepted"
