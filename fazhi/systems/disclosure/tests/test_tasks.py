"""A request waits for its 承办人: the 审查 of its content on the 补正 clock (第三十条) and the
answer on the answer clock (第三十三条第二款), each a task in 待我处理 with the clock's date; a
request waiting for the applicant's 补正 is nobody's task until it comes back."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.deadlines.models import Deadline
from fazhi.core.tasks import selectors as task_selectors
from fazhi.core.tasks import services as task_services
from fazhi.systems.disclosure import rules, services
from tests import factories

pytestmark = pytest.mark.django_db


def _queue(user) -> list[tuple[str, int, date | None]]:
    return [(t.title, t.subject_id, t.due) for t in task_selectors.mine(user).order_by("due", "id")]


def _clock(req, rule_id: str) -> Deadline:
    return Deadline.objects.filter(subject_id=req.pk, rule_id=rule_id).latest("id")


def test_the_handler_named_at_registration_reviews_then_answers(make_request, staff):
    """Received Tue 2026-02-10: the 补正 notice is due 7 working days later, Thu 02-26
    (第三十条); the answer 20 working days later (第三十三条第二款)."""
    req = make_request(received=date(2026, 2, 10), handler=staff)
    assert task_services.lead_of(req) == staff
    answer_due = _clock(req, rules.RULE_ANSWER).due
    assert _queue(staff) == [
        ("待审查申请内容", req.pk, date(2026, 2, 26)),
        ("待答复", req.pk, answer_due),
    ]
    assert _clock(req, rules.RULE_ANSWER).assignee == staff
    req = services.review_request(req, actor=staff, reviewed_on=date(2026, 2, 12))
    assert _queue(staff) == [("待答复", req.pk, answer_due)]
    services.answer_request(
        req,
        actor=staff,
        answer_type=rules.DISCLOSED,
        answered_on=date(2026, 2, 27),
        access_way="随本告知书提供",
    )
    assert _queue(staff) == []


def test_without_a_handler_the_staff_queue_holds_it_and_a_correction_pauses_it(
    make_request, staff, department
):
    """第三十条: while the applicant corrects the request nobody owes a step; the answer period
    counts afresh from the corrected request (received Thu 2026-02-26: due 03-25)."""
    colleague = factories.user("gongkai2", ("disclosure_staff", department))
    req = make_request(received=date(2026, 2, 2))
    assert task_services.lead_of(req) is None
    titles = ["待审查申请内容", "待答复"]
    assert [t for t, _, _ in _queue(staff)] == titles == [t for t, _, _ in _queue(colleague)]
    clock = _clock(req, rules.RULE_ANSWER)
    assert clock.assignee is None and clock.role == "disclosure_staff"
    req = services.request_correction(
        req,
        actor=staff,
        notice_on=date(2026, 2, 5),
        correction_items="请写明所需信息的年度和乡镇",
        correction_due=date(2026, 3, 5),
    )
    assert _queue(staff) == [] and _queue(colleague) == []
    req = services.receive_correction(req, actor=staff, received_on=date(2026, 2, 26))
    assert _queue(colleague) == [("待答复", req.pk, date(2026, 3, 25))]


def test_consulting_a_third_party_waits_for_the_opinion_then_the_answer_is_due_again(
    make_request, staff
):
    """第三十三条第三款: the time spent consulting is not counted; the handler's task comes back
    when the opinion is recorded."""
    req = make_request(received=date(2025, 9, 25), handler=staff)
    req = services.consult(
        req,
        actor=staff,
        kind=rules.THIRD_PARTY,
        party="某公司",
        sent_on=date(2025, 9, 26),
    )
    assert _queue(staff) == []
    req = services.record_opinion(
        req, actor=staff, opinion=rules.CONSENT, replied_on=date(2025, 10, 13)
    )
    assert _queue(staff) == [("待答复", req.pk, _clock(req, rules.RULE_ANSWER).due)]


def test_reassigning_changes_the_handler_the_page_and_my_filter_show(
    make_request, staff, department, client
):
    """改派 by the agency head: the tasks, the answer clock and the request's 承办人 (its page and
    the 我承办的 filter) all name the new 主办; the change is ledgered like any write."""
    from fazhi.core.ledger.crosscheck import problems

    head = factories.user("gongkai_head", ("agency_head", department))
    colleague = factories.user("gongkai3", ("disclosure_staff", department))
    req = make_request(received=date(2026, 2, 10), handler=staff)
    task_services.reassign(req, actor=head, lead=colleague)
    req.refresh_from_db()
    assert req.handler == colleague and task_services.lead_of(req) == colleague
    assert _queue(staff) == [] and [t for t, _, _ in _queue(colleague)] == [
        "待审查申请内容",
        "待答复",
    ]
    assert _clock(req, rules.RULE_ANSWER).assignee == colleague
    client.force_login(colleague)
    assert req.number in client.get("/disclosure/?mine=1").content.decode()
    client.force_login(staff)
    assert req.number in client.get("/disclosure/").content.decode()
    assert req.number not in client.get("/disclosure/?mine=1").content.decode()
    assert list(problems()) == []
