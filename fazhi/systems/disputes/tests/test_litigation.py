"""行政应诉 (行政诉讼法, 行诉法解释, 法释〔2020〕3号): defence in 15 days, the head's appearance,
appeal periods, closing, the loss analysis, recommendations, the indicators and the links."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.indicators.registry import Period, compute
from fazhi.core.workflow.engine import Refused
from fazhi.systems.disputes import rules, selectors, services

pytestmark = pytest.mark.django_db


def clock(obj, rule_id: str):
    return [d for d in deadlines_of(obj) if d.rule_id == rule_id][-1]


def test_defence_is_due_in_15_days_article_67(make_suit):
    """Received Thu 2025-09-25: 15 days end Fri 10-10."""
    suit = make_suit()
    assert suit.defence_due == date(2025, 10, 10)
    assert clock(suit, rules.L_EVIDENCE_EXTENSION).due == date(2025, 10, 10)


def test_defence_period_ending_in_the_national_day_holiday_rolls_forward_article_67(make_suit):
    """Received Sat 2025-09-20: 15 days end Sun 10-05, inside 国庆; the period ends on the first
    working day after the holiday, Thu 2025-10-09 (民事诉讼法 第八十五条第三款)."""
    suit = make_suit(complaint_received_on=date(2025, 9, 20))
    assert suit.defence_due == date(2025, 10, 9)


def test_late_defence_is_recorded_late_and_extension_requests_are_timed(make_suit, dept_staff):
    suit = make_suit()
    with pytest.raises(Refused) as exc:
        services.request_evidence_extension(suit, actor=dept_staff, requested_on=date(2025, 10, 11))
    assert "第三十四条" in str(exc.value)
    suit = services.submit_defence(
        suit, actor=dept_staff, submitted_on=date(2025, 10, 13), evidence="处罚决定书、调查笔录"
    )
    assert suit.on_time is False


def _defended(make_suit, dept_staff, **kw):
    suit = make_suit(**kw)
    return services.submit_defence(
        suit, actor=dept_staff, submitted_on=date(2025, 10, 9), evidence="证据目录及证据12份"
    )


def test_hearing_needs_the_head_or_a_valid_reason_and_delegate_article_3(make_suit, dept_staff):
    suit = _defended(make_suit, dept_staff)
    with pytest.raises(Refused) as exc:
        services.record_court_hearing(
            suit,
            actor=dept_staff,
            held_on=date(2025, 11, 5),
            head_appeared=False,
            delegate="法规科科长",
        )
    assert "第三条第三款" in str(exc.value)
    with pytest.raises(
        Refused
    ) as exc:  # 法释〔2020〕3号 第二条: who counts as 负责人; 第十一条: speak
        services.record_court_hearing(
            suit,
            actor=dept_staff,
            held_on=date(2025, 11, 5),
            head_appeared=True,
            head_name="张局长",
        )
    assert {g.code for g in exc.value.failed} == {"head_is_head", "head_spoke"}
    assert "法释〔2020〕3号" in str(exc.value)
    services.record_court_hearing(
        suit,
        actor=dept_staff,
        held_on=date(2025, 11, 5),
        head_appeared=True,
        head_name="张局长",
        head_position="deputy",
        spoke_on_resolution=True,
    )
    assert suit.hearings.get().counts_as_appearance


def test_appeal_periods_15_days_for_a_judgment_10_for_a_ruling_article_85(make_suit, dept_staff):
    """Served Mon 2026-02-02: a judgment's 15 days end 02-17 in the Spring Festival holiday and roll
    to Tue 02-24; a ruling's 10 days end Thu 02-12."""
    judgment = _defended(make_suit, dept_staff)
    judgment = services.record_judgment(
        judgment,
        actor=dept_staff,
        document_kind="judgment",
        outcome="dismiss_claim",
        served_on=date(2026, 2, 2),
    )
    assert clock(judgment, rules.L_APPEAL_JUDGMENT).due == date(2026, 2, 24)
    ruling = _defended(make_suit, dept_staff, number="（2025）浙1225行初13号")
    ruling = services.record_judgment(
        ruling,
        actor=dept_staff,
        document_kind="ruling",
        outcome="dismiss_suit",
        served_on=date(2026, 2, 2),
    )
    assert clock(ruling, rules.L_APPEAL_RULING).due == date(2026, 2, 12)
    with pytest.raises(Refused) as exc:
        services.appeal(ruling, actor=dept_staff, appealed_on=date(2026, 2, 13))
    assert "第八十五条" in str(exc.value)
    assert (
        services.appeal(judgment, actor=dept_staff, appealed_on=date(2026, 2, 24)).state
        == "appealed"
    )


def test_closing_without_the_heads_appearance_or_delegation_is_refused(make_suit, dept_staff):
    """行政诉讼法 第三条第三款 and 法释〔2020〕3号 第七条: no case closes without the head's
    appearance, or the reason and the delegate, on record for the instance tried."""
    suit = _defended(make_suit, dept_staff)
    suit = services.record_judgment(
        suit,
        actor=dept_staff,
        document_kind="judgment",
        outcome="dismiss_claim",
        served_on=date(2026, 2, 2),
    )
    with pytest.raises(Refused) as exc:
        services.close_litigation(suit, actor=dept_staff, closed_on=date(2026, 2, 24))
    assert {g.code for g in exc.value.failed} == {"appeal_period_over", "head_recorded"}
    assert "第三条第三款" in str(exc.value) and "法释〔2020〕3号" in str(exc.value)
    services.record_court_hearing(
        suit,
        actor=dept_staff,
        held_on=date(2026, 1, 10),
        head_appeared=False,
        absence_reason="irreplaceable_duty",
        absence_proof="县委常委会议通知（加盖公章）",
        delegate="法规科科长",
    )
    assert (
        services.close_litigation(suit, actor=dept_staff, closed_on=date(2026, 2, 25)).state
        == "closed"
    )


def test_second_instance_needs_its_own_appearance_record_article_7(make_suit, dept_staff):
    suit = _defended(make_suit, dept_staff)
    services.record_court_hearing(
        suit,
        actor=dept_staff,
        held_on=date(2025, 12, 1),
        head_appeared=True,
        head_name="局长",
        head_position="principal",
        spoke_on_resolution=True,
    )
    suit = services.record_judgment(
        suit,
        actor=dept_staff,
        document_kind="judgment",
        outcome="revoke",
        served_on=date(2026, 1, 5),
        loss_reason="认定事实证据不足",
        responsible_unit="执法一中队",
        responsible_officer="某某",
    )
    suit = services.appeal(
        suit, actor=dept_staff, appealed_on=date(2026, 1, 15), second_instance_heard=True
    )
    suit = services.record_judgment(
        suit,
        actor=dept_staff,
        document_kind="judgment",
        outcome="appeal_upheld",
        served_on=date(2026, 4, 1),
        lost=True,
    )
    with pytest.raises(Refused):
        services.close_litigation(suit, actor=dept_staff, closed_on=date(2026, 4, 2))
    services.record_court_hearing(
        suit,
        actor=dept_staff,
        held_on=date(2026, 3, 10),
        head_appeared=True,
        head_name="副局长",
        head_position="deputy",
        spoke_on_resolution=True,
    )
    assert (
        services.close_litigation(suit, actor=dept_staff, closed_on=date(2026, 4, 2)).state
        == "closed"
    )


def test_a_lost_case_closes_only_with_its_loss_analysis(make_suit, dept_staff):
    suit = _defended(make_suit, dept_staff)
    services.record_court_hearing(
        suit,
        actor=dept_staff,
        held_on=date(2025, 12, 1),
        head_appeared=True,
        head_name="局长",
        head_position="principal",
        spoke_on_resolution=True,
    )
    suit = services.record_judgment(
        suit,
        actor=dept_staff,
        document_kind="judgment",
        outcome="unlawful",
        served_on=date(2026, 1, 5),
    )
    assert suit.lost is True
    with pytest.raises(ValidationError) as exc:
        services.close_litigation(suit, actor=dept_staff, closed_on=date(2026, 1, 21))
    assert "loss_reason" in exc.value.message_dict


def test_indicators_appearance_and_loss_rates(make_suit, dept_staff, department):
    a = _defended(make_suit, dept_staff)
    services.record_court_hearing(
        a,
        actor=dept_staff,
        held_on=date(2025, 11, 5),
        head_appeared=True,
        head_name="局长",
        head_position="principal",
        spoke_on_resolution=True,
    )
    services.record_judgment(
        a, actor=dept_staff, document_kind="judgment", outcome="revoke", served_on=date(2025, 12, 1)
    )
    b = _defended(make_suit, dept_staff, number="（2025）浙1225行初14号")
    services.record_court_hearing(
        b,
        actor=dept_staff,
        held_on=date(2025, 11, 6),
        head_appeared=False,
        absence_reason="force_majeure",
        delegate="科长",
    )
    services.record_judgment(
        b,
        actor=dept_staff,
        document_kind="judgment",
        outcome="dismiss_claim",
        served_on=date(2025, 12, 2),
    )
    year = Period.year(2025)
    appearance = compute("disputes.head_appearance_rate", {department.pk}, year)
    assert (appearance.numerator, appearance.denominator) == (1, 2)
    loss = compute("disputes.loss_rate", {department.pk}, year)
    assert (loss.numerator, loss.denominator) == (1, 2)


def test_recommendation_feedback_rate(department, dept_staff):
    rec = services.receive_recommendation(
        agency=department,
        actor=dept_staff,
        kind="judicial",
        issuer="示范县人民法院",
        number="（2025）浙1225司建1号",
        received_on=date(2025, 10, 10),
        content="规范送达程序",
        feedback_due=date(2025, 12, 10),
    )
    services.receive_recommendation(
        agency=department,
        actor=dept_staff,
        kind="procuratorial",
        issuer="示范县人民检察院",
        received_on=date(2025, 10, 12),
        content="加强食品安全监管",
        feedback_due=date(2025, 12, 12),
    )
    services.record_feedback(
        rec, actor=dept_staff, feedback_on=date(2025, 12, 1), feedback="已整改"
    )
    rate = compute("disputes.recommendation_feedback_rate", {department.pk}, Period.year(2025))
    assert (rate.numerator, rate.denominator) == (1, 2)


def test_matters_link_to_the_act_they_are_about(make_suit, make_case, department, dept_staff):
    """Any record can be the act: here a disclosure request answered by the department."""
    from fazhi.systems.disclosure import services as disclosure
    from tests import factories

    staff = factories.user("gk", ("disclosure_staff", department))
    req = disclosure.register_request(
        agency=department,
        actor=staff,
        applicant_name="孙八",
        content="抽检报告",
        channel="in_person",
        submitted_on=date(2025, 8, 1),
    )
    req = disclosure.answer_request(
        req,
        actor=staff,
        answer_type="refused",
        refusal_ground="process",
        reason="过程性信息",
        answered_on=date(2025, 8, 10),
    )
    suit = make_suit(act=req, category="disclosure", act_description=f"{req.letter_number}答复")
    case = make_case(act=req, category="disclosure", applicant_name="孙八")
    linked = selectors.matters_about(req)
    assert list(linked["litigation"]) == [suit] and list(linked["reconsideration"]) == [case]
    assert suit.act == req


def test_recommendation_feedback_date_is_a_deadline_on_the_todo(department, dept_staff):
    """The written feedback date the 建议书 states is a kernel deadline (rule
    litigation.recommendation_feedback, a set date: no statute in docs/statutes.md fixes it), on the
    agency's 复议应诉 staff's 待办 with its explanation, and met by the feedback."""
    from fazhi.core.deadlines import selectors as dl
    from fazhi.core.deadlines.services import explain, find

    rec = services.receive_recommendation(
        agency=department,
        actor=dept_staff,
        kind="procuratorial",
        issuer="示范县人民检察院",
        received_on=date(2025, 10, 12),
        content="加强食品安全监管",
        feedback_due=date(2025, 12, 12),
    )
    d = find(rec, rules.RULE_RECOMMENDATION_FEEDBACK)
    assert d.due == date(2025, 12, 12) and d.role == "litigation_staff"
    assert d in dl.todo(dept_staff)
    assert "建议书载明的书面回复期限" in "\n".join(explain(d))
    services.record_feedback(
        rec, actor=dept_staff, feedback_on=date(2025, 12, 15), feedback="已整改"
    )
    d.refresh_from_db()
    assert d.status == "met" and d.on_time is False and d not in dl.todo(dept_staff)


def test_public_interest_procuratorial_recommendation_two_months_or_fifteen_days_article_21(
    department, dept_staff
):
    """检察公益诉讼解释 第二十一条第二款: 「行政机关应当在收到检察建议书之日起两个月内依法履行职责，
    并书面回复人民检察院。出现国家利益或者社会公共利益损害继续扩大等紧急情形的，行政机关应当在
    十五日内书面回复。」 Received 2025-10-12: two months → 12-12; urgent → 10-27. A later date
    written on the form is refused with the article and nothing is saved."""
    from fazhi.core.deadlines.services import find
    from fazhi.core.ledger.selectors import sealed
    from fazhi.systems.disputes.models import Recommendation

    base = dict(
        agency=department,
        actor=dept_staff,
        kind="procuratorial",
        issuer="示范县人民检察院",
        received_on=date(2025, 10, 12),
        content="督促依法履行食品安全监管职责",
        public_interest=True,
    )
    before = (sealed().count(), Recommendation.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.receive_recommendation(**base, feedback_due=date(2026, 1, 12))
    assert "第二十一条第二款" in str(exc.value) and "2025年12月12日" in str(exc.value)
    assert (sealed().count(), Recommendation.objects.count()) == before

    rec = services.receive_recommendation(**base)
    d = find(rec, rules.RULE_PROCURATORIAL_FEEDBACK)
    assert d.trigger == date(2025, 10, 12) and rec.feedback_due == d.due == date(2025, 12, 12)

    urgent = services.receive_recommendation(**base, urgent_ground="污染持续扩散")
    d = find(urgent, rules.RULE_PROCURATORIAL_URGENT)
    assert urgent.feedback_due == d.due == date(2025, 10, 27)
    services.record_feedback(
        urgent, actor=dept_staff, feedback_on=date(2025, 10, 24), feedback="已责令停产整改"
    )
    d.refresh_from_db()
    assert d.status == "met" and d.on_time is True


def test_a_suit_five_years_after_the_act_is_flagged_litigation_law_article_46_paragraph_2(
    client, make_suit, dept_staff
):
    """行政诉讼法 第四十六条第二款: 「因不动产提起诉讼的案件自行政行为作出之日起超过二十年，其他
    案件自行政行为作出之日起超过五年提起诉讼的，人民法院不予受理。」 An act of 2020-03-02 sued on
    2025-08-20 (five years ran out on 2025-03-02, a Sunday, so 03-03): the case records that the
    suit is barred, for the defence to raise; the court, not the agency, decides to accept it,
    so the agency's 15 days to answer still run. About real property the limit is twenty years."""
    late = make_suit(acted_on=date(2020, 3, 2), filed_on=date(2025, 8, 20))
    assert late.filing_barred is True and late.state == "defending"
    assert {d.rule_id for d in deadlines_of(late)} >= {rules.L_DEFENCE}
    client.force_login(dept_staff)
    page = client.get(f"/disputes/litigation/{late.pk}/").content.decode()
    assert "超过最长起诉期限" in page and "第四十六条第二款" in page

    land = make_suit(
        number="（2025）浙1225行初13号",
        acted_on=date(2020, 3, 2),
        filed_on=date(2025, 8, 20),
        real_property=True,
    )
    assert land.filing_barred is False
    assert make_suit(number="（2025）浙1225行初14号").filing_barred is None  # dates not given
