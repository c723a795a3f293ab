"""The handling of a 建议/提案 through the workflow: 交办 with a date set by the office (on the lead
unit's 待办 with its explanation), 协办意见, 答复 with its A/B/C category, 满意 or 不满意 and
重新办理. No statute in docs/statutes.md sets these steps or dates; the refusals say so by citing
none."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from fazhi.core.deadlines import selectors as dl
from fazhi.core.deadlines.services import explain, find
from fazhi.core.ledger import tracking
from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow.engine import InvalidTransition, Refused
from fazhi.systems.proposals import rules, services
from fazhi.systems.proposals.workflow import PROPOSAL_WORKFLOW

pytestmark = pytest.mark.django_db


def _actions(p) -> list[str]:
    return list(
        sealed()
        .filter(subject=PROPOSAL_WORKFLOW.subject(p))
        .exclude(action__in=tuple(tracking.ACTIONS))  # the states of the record's row
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_the_whole_handling_is_ledgered_and_the_date_set_at_assignment_is_on_the_leads_todo(
    assigned, office, lead_staff, co_staff, co, lead
):
    # a 提案: a Saturday set date is not rolled forward
    p = assigned(due=date(2026, 5, 30), kind="proposal")
    assert p.state == "assigned" and p.lead_unit == lead and list(p.co_units.all()) == [co]
    d = find(p, rules.RULE_CPPCC_ANSWER)
    assert (
        d is not None
        and d.due == date(2026, 5, 30)
        and d.agency_id == lead.pk
        and d.role == "proposal_staff"
    )
    assert d in dl.todo(lead_staff) and d not in dl.todo(co_staff)
    lines = "\n".join(explain(d))
    assert "不是法定期间" in lines and "交办单位在交办时确定的答复期限" in lines
    assert dl.flag(d).level == "red"  # 2026-11-20 is past the date
    p = services.submit_opinion(
        p, actor=co_staff, opinion="同意列入计划。", submitted_on=date(2026, 3, 1)
    )
    p = services.answer(
        p, actor=lead_staff, result="B", answer="已列入2027年计划。", answered_on=date(2026, 5, 29)
    )
    assert p.state == "answered" and p.on_time is True
    d.refresh_from_db()
    assert d.status == "met" and d.on_time is True and d not in dl.todo(lead_staff)
    p = services.record_satisfaction(
        p, actor=office, satisfaction=rules.BASIC, feedback_on=date(2026, 6, 5)
    )
    assert p.state == "closed" and p.concluded_on == date(2026, 6, 5)
    assert _actions(p) == [
        "proposals.registered",
        "proposals.proposal.assign",
        "proposals.proposal.submit_opinion",
        "proposals.proposal.answer",
        "proposals.proposal.conclude",
    ]


def test_unsatisfied_sends_it_back_with_a_new_date_and_a_second_clock(
    assigned, office, lead_staff, co_staff
):
    p = assigned(co_units=[])
    p = services.answer(
        p, actor=lead_staff, result="C", answer="留作参考。", answered_on=date(2026, 6, 2)
    )
    assert p.on_time is False  # answered after the statutory 05-06
    p = services.record_satisfaction(
        p,
        actor=office,
        satisfaction=rules.UNSATISFIED,
        feedback_on=date(2026, 6, 10),
        feedback_note="未说明时间安排。",
        answer_due=date(2026, 7, 10),
    )
    assert p.state == "rehandling" and p.rehandle_count == 1 and p.answer_due == date(2026, 7, 10)
    again = find(p, rules.RULE_REANSWER, rules.REHANDLE)
    assert again is not None and again.due == date(2026, 7, 10) and again in dl.todo(lead_staff)
    p = services.answer(
        p, actor=lead_staff, result="B", answer="列入计划。", answered_on=date(2026, 7, 1)
    )
    assert p.on_time is True and p.satisfaction == ""
    again.refresh_from_db()
    assert again.status == "met"
    p = services.record_satisfaction(
        p, actor=office, satisfaction=rules.SATISFIED, feedback_on=date(2026, 7, 5)
    )
    assert p.state == "closed"


def test_refusals_name_what_is_missing_and_save_nothing(
    make_proposal, assigned, office, lead, co, lead_staff
):
    p = make_proposal()
    with pytest.raises(Refused) as exc:
        services.assign(
            p,
            actor=office,
            lead_unit=lead,
            co_units=[lead],
            answer_due=date(2026, 1, 1),
            assigned_on=date(2026, 2, 2),
        )
    assert {g.code for g in exc.value.failed} == {"lead_not_co", "due_after_assignment"}
    assert all(g.citation == "" for g in exc.value.failed)  # no statute is invented
    p.refresh_from_db()
    assert p.state == "registered" and find(p, rules.RULE_ANSWER) is None

    q = assigned()
    with pytest.raises(Refused) as exc:
        services.answer(q, actor=lead_staff, result="", answer="", answered_on=date(2026, 3, 1))
    assert {g.code for g in exc.value.failed} == {"result_known", "answer_given", "opinions_in"}
    assert "协办单位的意见尚未全部送达主办单位" in str(exc.value)
    with pytest.raises(InvalidTransition):  # no feedback before the answer
        services.record_satisfaction(q, actor=office, satisfaction=rules.SATISFIED)


def test_unsatisfied_needs_a_new_date_set_by_the_office(assigned, office, lead_staff):
    p = assigned(co_units=[])
    p = services.answer(
        p, actor=lead_staff, result="A", answer="已解决。", answered_on=date(2026, 3, 1)
    )
    with pytest.raises(Refused) as exc:
        services.record_satisfaction(p, actor=office, satisfaction=rules.UNSATISFIED)
    assert [g.code for g in exc.value.failed] == ["rehandle_due"]
    p.refresh_from_db()
    assert p.state == "answered" and p.satisfaction == ""


def test_who_may_do_what(assigned, office, lead_staff, co_staff, outsider, supervisor, co):
    from django.http import Http404

    from fazhi.systems.proposals import policies

    p = assigned()
    with pytest.raises(PermissionDenied):
        services.answer(p, actor=co_staff, result="A", answer="x", answered_on=date(2026, 3, 1))
    with pytest.raises(PermissionDenied):
        services.submit_opinion(p, actor=lead_staff, opinion="x", unit=co)
    with pytest.raises(PermissionDenied):
        services.register_proposal(
            agency=p.agency,
            actor=lead_staff,
            kind="suggestion",
            number="x",
            session="s",
            year=2026,
            author="a",
            title="t",
            content="c",
            received_on=date(2026, 1, 1),
        )
    for user in (office, lead_staff, co_staff, supervisor):
        assert policies.get_visible(user, p.pk) == p
    with pytest.raises(Http404):
        policies.get_visible(outsider, p.pk)


def test_a_number_is_registered_once_per_kind_and_year(make_proposal):
    from django.core.exceptions import ValidationError

    make_proposal(number="第1号")
    make_proposal(number="第1号", kind="proposal")
    with pytest.raises(ValidationError) as exc:
        make_proposal(number="第1号")
    assert "已登记" in str(exc.value)


def test_suggestion_answered_within_three_months_or_six_with_ground_deputies_law_article_51(
    make_proposal, office, lead, lead_staff
):
    """代表法 第五十一条第二款: 「自交办之日起三个月内答复。涉及面广、处理难度大的…应当自交办之日起
    六个月内答复。」 交办 2026-02-02: three months end on 05-02 (劳动节 05-01..05) → 05-06; six on
    08-02 (a Sunday) → 08-03. A date set later than the statute allows is refused and nothing is
    saved; the ground for six months is recorded with the item."""
    p = make_proposal()
    before = sealed().count()
    with pytest.raises(Refused) as exc:
        services.assign(
            p, actor=office, lead_unit=lead, assigned_on=date(2026, 2, 2),
            answer_due=date(2026, 7, 1),
        )  # fmt: skip
    assert {g.code for g in exc.value.failed} == {"suggestion_in_period"}
    assert "第五十一条第二款" in str(exc.value)
    p.refresh_from_db()
    assert p.state == "registered" and find(p, rules.RULE_ANSWER) is None
    assert sealed().count() == before

    p = services.assign(
        p, actor=office, lead_unit=lead, assigned_on=date(2026, 2, 2), answer_due=None
    )
    d = find(p, rules.RULE_ANSWER)
    assert d is not None
    assert d.trigger == date(2026, 2, 2) and p.answer_due == d.due == date(2026, 5, 6)
    assert "第五十一条第二款" in "\n".join(explain(d))

    broad = make_proposal()
    broad = services.assign(
        broad, actor=office, lead_unit=lead, assigned_on=date(2026, 2, 2),
        answer_due=date(2026, 7, 1), broad_ground="涉及三个乡镇的道路改造，需跨年度统筹资金。",
    )  # fmt: skip
    d = find(broad, rules.RULE_ANSWER)
    assert d is not None and d.extended and broad.answer_due == d.due == date(2026, 8, 3)
    assert broad.broad_ground.startswith("涉及三个乡镇")
    client = Client()
    client.force_login(office)
    page = client.get(reverse("proposals:detail", args=[broad.pk])).content.decode()
    assert "六个月，涉及面广、处理难度大：涉及三个乡镇" in page and "代表法第五十一条第二款" in page
