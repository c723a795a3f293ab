"""The 信访 clocks and refusals, worked out by hand on the official calendar.

Calendar: 2025 国庆节·中秋节 10-01..10-08 off, Sunday 09-28 and Saturday 10-11 are 调休 working
days. The 条例 has no counting clause: 15/30/60日 are natural days, the start day not counted and
a last day on a holiday moved to the next working day; 「5个工作日」 counts working days only.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow.engine import Refused
from fazhi.systems.petitions import rules, services
from fazhi.systems.petitions.models import Petition

pytestmark = pytest.mark.django_db


def clock(obj, rule_id: str, key: str = "") -> Deadline:
    return [d for d in deadlines_of(obj) if d.rule_id == rule_id and d.key == key][-1]


def routed(make_petition, clerk, department, received=date(2025, 9, 16), on=date(2025, 9, 26)):
    p = make_petition(received=received)
    return services.route(
        p, actor=clerk, route=rules.TRANSFER, handler_agency=department, routed_on=on
    )


def accepted(make_petition, clerk, department, dept_clerk, on=date(2025, 8, 4)):
    p = routed(make_petition, clerk, department, received=date(2025, 7, 28), on=date(2025, 8, 1))
    return services.accept(p, actor=dept_clerk, accepted_on=on)


def test_routing_clock_rolls_over_national_day_article_22(make_petition):
    """第二十二条: received 2025-09-16, 15 days end on 10-01 (国庆节), so 10-09 after the
    holiday (民法典 第二百零三条)."""
    p = make_petition(received=date(2025, 9, 16))
    d = clock(p, rules.RULE_ROUTING)
    assert p.state == "registered" and d.due == date(2025, 10, 9)
    assert not [x for x in deadlines_of(p) if x.rule_id == rules.RULE_NOTICE]


def test_direct_petition_to_an_agency_starts_the_notice_clock_article_23(
    make_petition, department, dept_clerk
):
    """第二十三条第二款: another body than a 信访部门 notifies within 15 days, except when the
    petitioner's name and address are unclear."""
    p = make_petition(agency=department, actor=dept_clerk, received=date(2025, 9, 16))
    assert not p.received_by_office
    assert clock(p, rules.RULE_NOTICE).due == date(2025, 10, 9)
    q = make_petition(
        agency=department, actor=dept_clerk, identity_unclear=True, content="匿名反映"
    )
    assert not [x for x in deadlines_of(q) if x.rule_id == rules.RULE_NOTICE]


def test_late_routing_is_flagged_not_refused_article_22(make_petition, clerk, department):
    """第二十二条 sets a duty, not a bar: routing on day 19 is recorded and flagged late."""
    p = routed(make_petition, clerk, department, received=date(2025, 9, 1), on=date(2025, 9, 20))
    assert p.state == "transferred" and p.routed_on_time is False
    d = clock(p, rules.RULE_ROUTING)
    assert d.status == Deadline.Status.MET and d.on_time is False
    entry = sealed().filter(action="petitions.petition.route").get()
    assert "第二十二条" in entry.payload["comment"]


def test_objection_within_five_working_days_article_23(
    make_petition, clerk, department, dept_clerk
):
    """第二十三条第三款: delivered Fri 2025-09-26 → WD Sun 09-28 (调休), 09-29, 09-30, 10-09,
    10-10: due 10-10. An objection on Sat 10-11 (a 调休 working day, but the 6th) is refused,
    nothing saved; one on 10-10 sends the matter back to the office."""
    p = routed(make_petition, clerk, department)
    assert clock(p, rules.RULE_OBJECTION).due == date(2025, 10, 10)
    assert clock(p, rules.RULE_NOTICE, rules.KEY_TRANSFERRED).due == date(2025, 10, 11)
    with pytest.raises(Refused) as exc:
        services.object_to_routing(
            p, actor=dept_clerk, objection_on=date(2025, 10, 11), reason="属住建职责"
        )
    assert exc.value.failed[0].citation == "《信访工作条例》第二十三条第三款"
    p.refresh_from_db()
    assert p.state == "transferred" and p.objections == 0
    p = services.object_to_routing(
        p, actor=dept_clerk, objection_on=date(2025, 10, 10), reason="属住建职责"
    )
    assert p.state == "registered" and p.objections == 1 and p.responsible_id == p.agency_id
    assert clock(p, rules.RULE_NOTICE, rules.KEY_TRANSFERRED).status == Deadline.Status.CANCELLED


def test_resolution_sixty_days_and_extension_article_34(
    make_petition, clerk, department, dept_clerk
):
    """第三十四条: accepted 2025-08-02 (Sat) → 60 days end 10-01 (holiday) → 10-09; extended
    with approval and notice → 90 days, 10-31."""
    p = accepted(make_petition, clerk, department, dept_clerk, on=date(2025, 8, 2))
    assert p.resolution_due == date(2025, 10, 9)
    with pytest.raises(Refused) as exc:
        services.extend(
            p, actor=dept_clerk, days=20, approver="", approved_on=None,
            notified_on=date(2025, 9, 30), reason="涉及多部门",
        )  # fmt: skip
    assert {g.code for g in exc.value.failed} == {"extension_approved"}
    assert exc.value.failed[0].citation == "《信访工作条例》第三十四条"
    with pytest.raises(Refused) as exc:
        services.extend(
            p, actor=dept_clerk, days=31, approver="局长", approved_on=date(2025, 9, 29),
            notified_on=date(2025, 9, 30), reason="涉及多部门",
        )  # fmt: skip
    assert [g.code for g in exc.value.failed] == ["extension_days"]
    p.refresh_from_db()
    assert not p.extended
    p = services.extend(
        p, actor=dept_clerk, days=30, approver="局长", approved_on=date(2025, 9, 29),
        notified_on=date(2025, 9, 30), reason="涉及多部门",
    )  # fmt: skip
    assert p.extended and p.resolution_due == date(2025, 10, 31)
    assert any(
        "延长" in line
        for line in __import__("fazhi.core.deadlines.services", fromlist=["explain"]).explain(
            clock(p, rules.RULE_RESOLUTION)
        )
    )


def test_a_partial_extension_moves_the_clock_by_the_approved_days_article_34(
    make_petition, clerk, department, dept_clerk
):
    """第三十四条 allows "不得超过30日": accepted 2025-06-12 → 60 days end 08-11 (Mon); an
    extension of 15 approved days moves the due date by exactly 15 days, to 08-26 (Tue), not by
    the 30 the article allows at most."""
    p = routed(make_petition, clerk, department, received=date(2025, 6, 2), on=date(2025, 6, 6))
    p = services.accept(p, actor=dept_clerk, accepted_on=date(2025, 6, 12))
    assert p.resolution_due == date(2025, 8, 11)
    p = services.extend(
        p, actor=dept_clerk, days=15, approver="局长", approved_on=date(2025, 8, 1),
        notified_on=date(2025, 8, 1), reason="需多部门会商",
    )  # fmt: skip
    assert p.extended and p.extension_days == 15
    assert p.resolution_due == date(2025, 8, 26)
    assert clock(p, rules.RULE_RESOLUTION).due == date(2025, 8, 11) + timedelta(days=15)


def test_an_extension_without_its_days_is_refused_with_the_article_34(
    make_petition, clerk, department, dept_clerk, client
):
    p = accepted(make_petition, clerk, department, dept_clerk)
    with pytest.raises(Refused) as exc:
        services.extend(
            p, actor=dept_clerk, days=None, approver="局长", approved_on=date(2025, 9, 29),
            notified_on=date(2025, 9, 30), reason="涉及多部门",
        )  # fmt: skip
    assert [(g.code, g.citation) for g in exc.value.failed] == [
        ("extension_days", "《信访工作条例》第三十四条")
    ]
    client.force_login(dept_clerk)
    page = client.post(
        f"/petitions/{p.pk}/step/extend/",
        {"days": "45", "approver": "局长", "approved_on": "2025-09-29",
         "notified_on": "2025-09-30", "reason": "涉及多部门"},
    )  # fmt: skip
    assert "延长期限不得超过30日" in page.content.decode()
    assert "第三十四条" in page.content.decode()
    p.refresh_from_db()
    assert not p.extended and p.resolution_due == date(2025, 10, 9)


def test_opinion_must_state_its_legal_basis_article_32(
    make_petition, clerk, department, dept_clerk
):
    p = accepted(make_petition, clerk, department, dept_clerk)
    with pytest.raises(Refused) as exc:
        services.decide(
            p, actor=dept_clerk, opinion_on=date(2025, 9, 1), opinion="维持处罚", legal_basis=""
        )
    assert exc.value.failed[0].citation == "《信访工作条例》第三十二条"
    p.refresh_from_db()
    assert p.state == "accepted" and p.opinion_file is None


def test_opinion_is_issued_as_docx_and_stops_the_clock(
    make_petition, clerk, department, dept_clerk
):
    p = accepted(make_petition, clerk, department, dept_clerk)
    p = services.decide(
        p, actor=dept_clerk, opinion_on=date(2025, 9, 1), opinion="维持处罚",
        legal_basis="《中华人民共和国行政处罚法》第三十二条", served_on=date(2025, 9, 3),
    )  # fmt: skip
    assert p.state == "answered" and p.handled_on_time is True
    assert p.opinion_file is not None and p.opinion_file.name.endswith(".docx")
    assert clock(p, rules.RULE_REVIEW_REQUEST).due == date(2025, 10, 9)  # 10-03 rolled


def _answered(make_petition, clerk, department, dept_clerk):
    p = accepted(make_petition, clerk, department, dept_clerk)
    return services.decide(
        p, actor=dept_clerk, opinion_on=date(2025, 11, 3), opinion="维持",
        legal_basis="《中华人民共和国行政处罚法》", served_on=date(2025, 11, 5),
    )  # fmt: skip


def test_review_request_after_thirty_days_is_refused_article_35(
    make_petition, clerk, department, dept_clerk, government, gov_clerk
):
    """第三十五条: served 2025-11-05 → request by 12-05; a request on 12-08 is refused."""
    p = _answered(make_petition, clerk, department, dept_clerk)
    with pytest.raises(Refused) as exc:
        services.request_review(p, actor=gov_clerk, body=government, requested_on=date(2025, 12, 8))
    assert exc.value.failed[0].citation == "《信访工作条例》第三十五条"
    p = services.request_review(p, actor=gov_clerk, body=government, requested_on=date(2025, 12, 5))
    assert p.state == "reviewing" and clock(p, rules.RULE_REVIEW).due == date(2026, 1, 4)


def _rechecking(
    make_petition, clerk, department, dept_clerk, government, gov_clerk, city, city_clerk
):
    p = _answered(make_petition, clerk, department, dept_clerk)
    p = services.request_review(
        p, actor=gov_clerk, body=government, requested_on=date(2025, 11, 20)
    )
    p = services.decide_review(
        p,
        actor=gov_clerk,
        decided_on=date(2025, 12, 15),
        opinion="维持",
        served_on=date(2025, 12, 16),
    )
    return services.request_recheck(p, actor=city_clerk, body=city, requested_on=date(2026, 1, 5))


def test_hearing_time_is_not_counted_article_36(
    make_petition, clerk, department, dept_clerk, government, gov_clerk, city, city_clerk
):
    """第三十六条第二款: requested 2026-01-05 → 02-04; a hearing 01-10..01-14 (5 days) is not
    counted → 02-09. The opinion cannot be given while the hearing is open."""
    p = _rechecking(
        make_petition, clerk, department, dept_clerk, government, gov_clerk, city, city_clerk
    )
    assert clock(p, rules.RULE_RECHECK).due == date(2026, 2, 4)
    p = services.start_hearing(p, actor=city_clerk, started_on=date(2026, 1, 10))
    assert clock(p, rules.RULE_RECHECK).status == Deadline.Status.SUSPENDED
    with pytest.raises(Refused) as exc:
        services.decide_recheck(p, actor=city_clerk, decided_on=date(2026, 1, 12), opinion="维持")
    assert exc.value.failed[0].citation == "《信访工作条例》第三十六条第二款"
    p = services.end_hearing(p, actor=city_clerk, ended_on=date(2026, 1, 14))
    d = clock(p, rules.RULE_RECHECK)
    assert d.suspensions == [["2026-01-10", "2026-01-14"]] and d.due == date(2026, 2, 9)
    p = services.decide_recheck(p, actor=city_clerk, decided_on=date(2026, 2, 6), opinion="维持")
    assert p.state == "final" and clock(p, rules.RULE_RECHECK).on_time is True


def test_after_recheck_the_same_matter_is_not_registered_again_article_36(
    make_petition, clerk, department, dept_clerk, government, gov_clerk, city, city_clerk
):
    """第三十六条第三款: the same petitioner about the same act after 复核 is refused, nothing
    saved; with new facts and reasons recorded it is registered and linked to the earlier one."""
    p = _rechecking(
        make_petition, clerk, department, dept_clerk, government, gov_clerk, city, city_clerk
    )
    p = services.decide_recheck(p, actor=city_clerk, decided_on=date(2026, 2, 1), opinion="维持")
    before = Petition.objects.count()
    with pytest.raises(Refused) as exc:
        make_petition(received=date(2026, 3, 2), content="再次要求撤销罚款")
    assert exc.value.failed[0].citation == "《信访工作条例》第三十六条第三款"
    assert Petition.objects.count() == before
    again = make_petition(received=date(2026, 3, 2), new_facts="取得了新的证人证言")
    assert again.previous_id == p.pk and again.state == "registered"
    other = make_petition(received=date(2026, 3, 2), act_description="另一处罚决定")
    assert other.previous_id is None


def test_conclude_only_after_the_request_period(make_petition, clerk, department, dept_clerk):
    """第三十五条: the matter is closed without 复查 only once the 30 days have run out."""
    p = _answered(make_petition, clerk, department, dept_clerk)
    with pytest.raises(Refused) as exc:
        services.conclude(p, actor=dept_clerk, closed_on=date(2025, 12, 1))
    assert exc.value.failed[0].citation == "《信访工作条例》第三十五条"
    p = services.conclude(p, actor=dept_clerk, closed_on=date(2025, 12, 8))
    assert p.state == "closed"


def test_no_step_may_be_dated_in_the_future(make_petition, clerk, department):
    p = make_petition()
    with pytest.raises(ValidationError):
        services.route(
            p, actor=clerk, route=rules.TRANSFER, handler_agency=department,
            routed_on=date(2026, 12, 1),
        )  # fmt: skip


def test_opinion_served_by_public_notice_counts_from_the_deemed_date_civil_procedure_law_article_95(
    make_petition, clerk, department, dept_clerk, government, gov_clerk
):
    """民事诉讼法 第九十五条: an answer posted by 公告 on 2025-10-20 is served on 11-19; the 30 days
    to ask for 复查 (第三十五条) run to 12-19, not to 11-19 as counted from the 公告."""
    p = accepted(make_petition, clerk, department, dept_clerk)
    p = services.decide(
        p, actor=dept_clerk, opinion_on=date(2025, 10, 17), opinion="维持",
        legal_basis="《中华人民共和国行政处罚法》", served_on=date(2025, 10, 20),
        mode="public_notice",
    )  # fmt: skip
    p.refresh_from_db()
    assert p.served_notice_on == date(2025, 10, 20) and p.served_on == date(2025, 11, 19)
    d = clock(p, rules.RULE_REVIEW_REQUEST)
    assert d.trigger == date(2025, 11, 19) and d.due == date(2025, 12, 19)

    before = sealed().count()
    with pytest.raises(Refused) as exc:
        services.request_review(
            p, actor=gov_clerk, body=government, requested_on=date(2025, 12, 22)
        )
    assert exc.value.failed[0].citation == "《信访工作条例》第三十五条"
    assert sealed().count() == before

    p = services.request_review(
        p, actor=gov_clerk, body=government, requested_on=date(2025, 12, 10)
    )
    assert p.state == "reviewing"
