"""The statutory clocks of a request, worked out by hand on the official calendar.

The calendars used (chinesecalendar 1.11, i.e. the State Council notices):
- 2025 国庆节·中秋节: 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 are 调休 working days.
- 2026 春节: 02-15..02-23 off; Saturday 02-14 and Saturday 02-28 are 调休 working days.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow.engine import Refused
from fazhi.systems.disclosure import rules, services
from fazhi.systems.disclosure.intake import receipt_date

pytestmark = pytest.mark.django_db


def clock(req, rule_id: str = rules.RULE_ANSWER) -> Deadline:
    return [d for d in deadlines_of(req) if d.rule_id == rule_id][-1]


# -- 第三十一条: the receipt date by channel ---------------------------------------------------


def test_receipt_date_by_channel_article_31():
    """第三十一条: in person → the day handed in; registered post → the day signed for;
    ordinary letter, online, fax → the day of confirmation."""
    mon, tue, wed = date(2025, 9, 22), date(2025, 9, 23), date(2025, 9, 24)
    assert receipt_date("in_person", submitted_on=mon).received_on == mon
    assert receipt_date("registered_post", submitted_on=mon, signed_on=tue).received_on == tue
    assert receipt_date("online", submitted_on=mon, confirmed_on=wed).received_on == wed
    assert receipt_date("fax", submitted_on=mon, confirmed_on=tue).received_on == tue
    same_day = receipt_date("ordinary_letter", submitted_on=mon, confirmed_on=mon)
    assert same_day.received_on == mon and same_day.warning == ""
    late = receipt_date("ordinary_letter", submitted_on=mon, confirmed_on=wed)
    assert late.received_on == wed
    assert "当日确认" in late.warning and "第三十一条" in late.warning


def test_receipt_date_requires_the_channels_date_article_31():
    with pytest.raises(ValidationError) as exc:
        receipt_date("registered_post", submitted_on=date(2025, 9, 22))
    assert "签收日" in str(exc.value) and "第三十一条" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        receipt_date("online", submitted_on=date(2025, 9, 22), confirmed_on=date(2025, 9, 21))
    assert "confirmed_on" in exc.value.message_dict


def test_registered_post_starts_the_answer_clock_on_the_day_signed_for(make_request):
    """第三十一条第（二）项 + 第三十三条第二款: received Thursday 2025-09-25 (signed for), not
    the Monday it was posted; 20 working days later is 2025-10-29."""
    req = make_request(
        received=date(2025, 9, 22), channel="registered_post", signed_on=date(2025, 9, 25)
    )
    assert req.received_on == date(2025, 9, 25)
    assert req.state == "processing"
    assert clock(req).trigger == date(2025, 9, 25)
    assert req.answer_due == date(2025, 10, 29)


# -- 第三十三条第二款: 20 working days across holidays and 调休 weekends ------------------------


def test_answer_due_across_2025_national_day_and_mid_autumn_article_33(make_request):
    """Received Thu 2025-09-25. Working days: 09-26(1), Sun 09-28 调休(2), 09-29(3), 09-30(4),
    10-01..10-08 off, 10-09(5), 10-10(6), Sat 10-11 调休(7), 10-13..17(8-12), 10-20..24(13-17),
    10-27(18), 10-28(19), 10-29(20)."""
    req = make_request(received=date(2025, 9, 25))
    assert req.answer_due == date(2025, 10, 29)
    assert clock(req).title == "答复政府信息公开申请"


def test_answer_due_across_2026_spring_festival_article_33(make_request):
    """Received Mon 2026-02-02. 02-03..06(1-4), 02-09..13(5-9), Sat 02-14 调休(10),
    02-15..02-23 off, 02-24..27(11-14), Sat 02-28 调休(15), 03-02..06(16-20)."""
    req = make_request(received=date(2026, 2, 2))
    assert req.answer_due == date(2026, 3, 6)


def test_correction_notice_due_in_7_working_days_across_spring_festival_article_30(make_request):
    """Received Tue 2026-02-10: 02-11(1), 02-12(2), 02-13(3), Sat 02-14 调休(4), 02-24(5),
    02-25(6), 02-26(7)."""
    req = make_request(received=date(2026, 2, 10))
    assert clock(req, rules.RULE_CORRECTION_NOTICE).due == date(2026, 2, 26)


# -- 第三十条: the answer period counts afresh from the corrected request ----------------------


def test_correction_restarts_the_answer_period_article_30(make_request, staff):
    """Received 2026-02-02, 补正 notice 02-05, corrected request received Thu 02-26: 20 working
    days from 02-26 are 02-27(1), Sat 02-28 调休(2), 03-02..06(3-7), 03-09..13(8-12),
    03-16..20(13-17), 03-23(18), 03-24(19), 03-25(20)."""
    req = make_request(received=date(2026, 2, 2))
    req = services.request_correction(
        req,
        actor=staff,
        notice_on=date(2026, 2, 5),
        correction_items="请写明所需信息的年度和乡镇",
        correction_due=date(2026, 3, 5),
    )
    assert req.state == "correction"
    assert clock(req, rules.RULE_CORRECTION_NOTICE).on_time is True
    assert clock(req).status == Deadline.Status.SUSPENDED
    req = services.receive_correction(req, actor=staff, received_on=date(2026, 2, 26))
    d = clock(req)
    assert d.restart == date(2026, 2, 26) and d.status == Deadline.Status.OPEN
    assert req.answer_due == date(2026, 3, 25)
    assert any("2026-02-26" in line for line in services.deadlines.explain(d))


def test_correction_is_told_once_only_article_30(make_request, staff):
    req = make_request(received=date(2026, 2, 2))
    req = services.request_correction(
        req,
        actor=staff,
        notice_on=date(2026, 2, 5),
        correction_items="补充年度",
        correction_due=date(2026, 3, 5),
    )
    req = services.receive_correction(req, actor=staff, received_on=date(2026, 2, 26))
    with pytest.raises(Refused) as exc:
        services.request_correction(
            req,
            actor=staff,
            notice_on=date(2026, 2, 27),
            correction_items="再补充",
            correction_due=date(2026, 3, 10),
        )
    assert "一次性" in str(exc.value) and "第三十条" in str(exc.value)


def test_abandon_only_after_the_correction_period_article_30(make_request, staff):
    req = make_request(received=date(2026, 2, 2))
    req = services.request_correction(
        req,
        actor=staff,
        notice_on=date(2026, 2, 5),
        correction_items="补充年度",
        correction_due=date(2026, 3, 5),
    )
    with pytest.raises(Refused) as exc:
        services.abandon_request(req, actor=staff, closed_on=date(2026, 3, 5))
    assert "第三十条" in str(exc.value)
    req = services.abandon_request(req, actor=staff, closed_on=date(2026, 3, 6))
    assert req.state == "closed" and req.report_row == "other.no_correction"
    assert clock(req).status == Deadline.Status.CANCELLED


# -- 第三十三条第三款: consultation time is not counted -----------------------------------------


def test_third_party_consultation_pauses_the_answer_clock_article_33_3(make_request, staff):
    """Received 2025-09-25 (due 10-29). Consultation sent Thu 10-09, opinion received Fri 10-17:
    the working days 10-09, 10-10, Sat 10-11 (调休), 10-13..10-17 (8 in all) are not counted, so
    4 working days ran before (09-26, 09-28, 09-29, 09-30) and 16 after: 10-20 .. 11-10."""
    req = make_request(received=date(2025, 9, 25))
    req = services.consult(
        req,
        actor=staff,
        kind="third_party",
        party="示范县某某矿业有限公司",
        sent_on=date(2025, 10, 9),
        delivered_on=date(2025, 10, 10),
    )
    assert req.state == "consulting"
    assert clock(req).status == Deadline.Status.SUSPENDED
    third = clock(req, rules.RULE_THIRD_PARTY)
    # 15 working days from delivery Fri 10-10: Sat 10-11(1), 10-13..17(2-6), 10-20..24(7-11), 10-27..30(12-15)
    assert third.due == date(2025, 10, 30)
    assert third.binds == "citizen"
    req = services.record_opinion(
        req, actor=staff, opinion="consent", replied_on=date(2025, 10, 17), opinion_text="同意公开"
    )
    d = clock(req)
    assert d.status == Deadline.Status.OPEN
    assert d.suspensions == [["2025-10-09", "2025-10-17"]]
    assert req.answer_due == date(2025, 11, 10)
    assert clock(req, rules.RULE_THIRD_PARTY).on_time is True
    trace = "\n".join(services.deadlines.explain(d))
    assert "2025-10-09" in trace and "2025-10-17" in trace


def test_deemed_consent_only_after_15_working_days_article_34(make_request, staff):
    req = make_request(received=date(2025, 9, 25))
    req = services.consult(
        req,
        actor=staff,
        kind="other_agency",
        party="示范县农业农村局",
        sent_on=date(2025, 10, 9),
    )
    # 15 working days from 10-09: 10-10(1), Sat 10-11(2), 10-13..17(3-7), 10-20..24(8-12), 10-27..29(13-15)
    assert clock(req, rules.RULE_OTHER_AGENCY).due == date(2025, 10, 29)
    with pytest.raises(Refused) as exc:
        services.record_opinion(
            req, actor=staff, opinion="deemed_consent", replied_on=date(2025, 10, 29)
        )
    assert "第三十四条" in str(exc.value)
    req = services.record_opinion(
        req, actor=staff, opinion="deemed_consent", replied_on=date(2025, 11, 3)
    )
    # the time not counted ends with the other agency's own period (10-29), not the day recorded
    assert clock(req).suspensions == [["2025-10-09", "2025-10-29"]]


# -- 第三十三条第二款: extension only with approval --------------------------------------------


def test_extension_without_approval_is_refused_with_its_article(make_request, staff):
    req = make_request(received=date(2026, 2, 2))
    with pytest.raises(Refused) as exc:
        services.extend_answer_period(
            req, actor=staff, approver="", approved_on=None, notified_on=date(2026, 3, 2)
        )
    assert "第三十三条第二款" in str(exc.value) and "负责人同意" in str(exc.value)
    assert exc.value.failed[0].code == "extension_approval"
    req.refresh_from_db()
    assert req.extended is False and clock(req).extended is False


def test_extension_with_approval_adds_20_working_days_article_33(make_request, staff):
    """Due 2026-03-06; +20 working days: 03-09..13, 03-16..20, 03-23..27, 03-30, 03-31,
    04-01, 04-02, 04-03 (清明 2026 is Sat 04-04..Mon 04-06)."""
    req = make_request(received=date(2026, 2, 2))
    req = services.extend_answer_period(
        req,
        actor=staff,
        approver="李四（办公室主任）",
        approved_on=date(2026, 3, 2),
        notified_on=date(2026, 3, 3),
        reason="涉及多个乡镇的资料汇总",
    )
    assert req.extended is True
    assert req.answer_due == date(2026, 4, 3)
    with pytest.raises(Refused) as exc:
        services.extend_answer_period(
            req,
            actor=staff,
            approver="李四",
            approved_on=date(2026, 3, 20),
            notified_on=date(2026, 3, 20),
        )
    assert "最长不得超过20个工作日" in str(exc.value)


def test_extension_after_the_period_ran_out_is_refused(make_request, staff):
    req = make_request(received=date(2026, 2, 2))
    with pytest.raises(Refused) as exc:
        services.extend_answer_period(
            req,
            actor=staff,
            approver="李四",
            approved_on=date(2026, 3, 9),
            notified_on=date(2026, 3, 9),
        )
    assert "届满前" in str(exc.value)


def test_every_step_is_ledgered(make_request, staff):
    req = make_request(received=date(2025, 9, 25))
    subject = f"disclosure.disclosurerequest:{req.pk}"
    actions = list(sealed().filter(subject=subject).values_list("action", flat=True))
    assert "disclosure.request.register" in actions


def test_a_partial_extension_of_10_working_days_article_33(make_request, staff):
    """政府信息公开条例 第三十三条第二款: 「延长的期限最长不得超过20个工作日」 — so 10 may be approved.
    Due 2026-03-06; +10 working days: 03-09..13, 03-16..20 → 2026-03-20; the trace says 10 of 20."""
    from fazhi.core.deadlines.services import explain

    req = make_request(received=date(2026, 2, 2))
    req = services.extend_answer_period(
        req,
        actor=staff,
        approver="李四（办公室主任）",
        approved_on=date(2026, 3, 2),
        notified_on=date(2026, 3, 3),
        length=10,
    )
    assert req.answer_due == date(2026, 3, 20)
    d = clock(req)
    assert d.extended and d.extension_length == 10
    assert any("延长：10个工作日（可延长至多20个工作日）" in line for line in explain(d))


def test_an_extension_beyond_20_working_days_is_refused_citing_article_33(make_request, staff):
    """政府信息公开条例 第三十三条第二款: more than 20 working days is refused; nothing is saved."""
    req = make_request(received=date(2026, 2, 2))
    with pytest.raises(Refused) as exc:
        services.extend_answer_period(
            req,
            actor=staff,
            approver="李四",
            approved_on=date(2026, 3, 2),
            notified_on=date(2026, 3, 3),
            length=25,
        )
    assert exc.value.failed[0].code == "extension_length"
    assert "第三十三条第二款" in str(exc.value) and "20个工作日" in str(exc.value)
    req.refresh_from_db()
    assert not req.extended and clock(req).due == date(2026, 3, 6)


def test_the_deadline_service_refuses_a_length_beyond_the_rule_in_chinese(make_request):
    """The platform call itself (not only the disclosure guard) cites 条例 第三十三条 when a
    length exceeds the rule's maximum extension."""
    from fazhi.core.deadlines import services as deadlines

    req = make_request(received=date(2026, 2, 2))
    with pytest.raises(ValidationError) as exc:
        deadlines.extend(req, rules.RULE_ANSWER, length=21)
    message = exc.value.message_dict["length"][0]
    assert "延长期限不得超过20个工作日" in message and "第三十三条" in message
    assert clock(req).extended is False
    assert deadlines.extend(req, rules.RULE_ANSWER, length=5).due == date(2026, 3, 13)


def test_recomputing_the_calendar_keeps_a_partial_extension(make_request, staff):
    """The batch recompute (after a calendar notice) counts the 10 approved days, not 20."""
    from fazhi.core.deadlines.recompute import recompute_open
    from fazhi.core.deadlines.services import calendar

    req = make_request(received=date(2026, 2, 2))
    services.extend_answer_period(
        req,
        actor=staff,
        approver="李四",
        approved_on=date(2026, 3, 2),
        notified_on=date(2026, 3, 3),
        length=10,
    )
    Deadline.objects.filter(pk=clock(req).pk).update(due=date(2026, 1, 1))  # stale
    assert recompute_open(calendar()) >= 1
    assert clock(req).due == date(2026, 3, 20)
