"""Each statutory guard refuses with its article in a clear Chinese message, and nothing is saved:
no state change, no ledger entry, no history row."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest

from fazhi.core.workflow.engine import Refused
from fazhi.systems.enforcement import services
from fazhi.systems.enforcement.models import Case

from .conftest import counts


def refused(call, *args, **kwargs) -> Refused:
    with pytest.raises(Refused) as info:
        call(*args, **kwargs)
    return info.value


def assert_nothing_saved(case: Case, state: str, before: tuple[int, int]) -> None:
    case.refresh_from_db()
    assert case.state == state
    assert counts() == before


def test_decision_before_notice_is_refused_article_62(flow, world):
    case = flow.examined()
    before = counts()
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("5000"),
        reasons="事实清楚",
    )
    assert "第六十二条" in str(exc) and "告知" in str(exc)
    assert_nothing_saved(case, "examining", before)
    assert case.decided_on is None


def test_decision_before_hearing_request_period_ends_is_refused_article_64(flow, world):
    # A fine of 10,000 元 on a person gives the right to a hearing (第六十三条, configured threshold).
    case = flow.source(
        party_kind="person",
        party_name="刘某",
        party_id_number=world.id_number(D(1990, 1, 1), "201"),
    )
    flow.notified(flow.examined(flow.opened(case)), fine=Decimal("10000"), served_on=D(2025, 3, 11))
    case.refresh_from_db()
    assert case.hearing_right
    before = counts()
    # Served Tuesday 11 March: five working days end Tuesday 18 March.
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 18),
        types=["fine"],
        fine=Decimal("10000"),
        reasons="事实清楚",
        deviation_reason="货值较大",
    )
    assert "第六十四条" in str(exc) and "2025年03月18日" in str(exc)
    assert_nothing_saved(case, "notified", before)
    decided = services.decide_case(
        case,
        actor=world.head,
        decided_on=D(2025, 3, 19),
        types=["fine"],
        fine=Decimal("10000"),
        reasons="事实清楚",
        deviation_reason="货值较大",
    )
    assert decided.state == "decided"


def test_fine_outside_statutory_range_is_refused_article_37(flow, world):
    case = flow.notified(fine=Decimal("5000"))
    before = counts()
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("20000"),
        reasons="情节严重",
        deviation_reason="情节严重",
    )
    message = str(exc)
    assert "第三十七条" in message and "20,000.00" in message and "10000" in message
    assert_nothing_saved(case, "notified", before)


def test_single_officer_is_refused_article_42(flow, world):
    case = flow.source()
    before = counts()
    exc = refused(
        services.open_case,
        case,
        actor=world.head,
        matter=world.matter,
        officers=[world.officer_staff],
        opened_on=D(2025, 3, 4),
    )
    assert "第四十二条" in str(exc) and "不得少于两人" in str(exc)
    assert_nothing_saved(case, "source", before)
    assert not case.officers.exists()


def test_officer_with_expired_certificate_is_refused_article_42(flow, world):
    from fazhi.systems.officers.models import Certificate

    Certificate.objects.filter(staff=world.officer2_staff).update(expires_on=D(2025, 2, 28))
    case = flow.source()
    before = counts()
    exc = refused(
        services.open_case,
        case,
        actor=world.head,
        matter=world.matter,
        officers=world.officers,
        opened_on=D(2025, 3, 4),
    )
    assert "第四十二条" in str(exc) and "李华" in str(exc) and "到期" in str(exc)
    assert_nothing_saved(case, "source", before)


def test_catalogue_case_without_passed_review_is_refused_article_58(flow, world):
    case = flow.notified(flow.examined(flow.opened(flow.source(matter=world.catalogue_matter))))
    before = counts()
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("5000"),
        reasons="事实清楚",
    )
    assert "第五十八条" in str(exc) and "法制审核" in str(exc)
    assert_nothing_saved(case, "notified", before)
    # A returned review does not open the way either; a passed one does.
    services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 3, 19))
    ok = {
        code: {"ok": True}
        for code, _ in __import__(
            "fazhi.systems.enforcement.rules", fromlist=["REVIEW_CHECKLIST"]
        ).REVIEW_CHECKLIST
    }
    services.complete_legal_review(
        case,
        actor=world.reviewer,
        result="returned",
        checklist={**ok, "facts": {"ok": False, "note": "货值金额证据不足"}},
        opinion="请补充货值金额的证据",
        completed_on=D(2025, 3, 20),
    )
    refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("5000"),
        reasons="事实清楚",
    )
    services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 3, 21))
    services.complete_legal_review(
        case, actor=world.reviewer, result="passed", checklist=ok, completed_on=D(2025, 3, 24)
    )
    assert (
        services.decide_case(
            case,
            actor=world.head,
            decided_on=D(2025, 3, 25),
            types=["fine"],
            fine=Decimal("5000"),
            reasons="事实清楚",
        ).state
        == "decided"
    )


def test_unqualified_reviewer_is_refused_article_58_2(flow, world):
    from fazhi.systems.officers.models import LegalQualification

    LegalQualification.objects.all().delete()
    case = flow.notified()
    services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 3, 19))
    before = counts()
    exc = refused(
        services.complete_legal_review,
        case,
        actor=world.reviewer,
        result="passed",
        checklist={
            c: True
            for c in (
                "subject",
                "qualification",
                "procedure",
                "facts",
                "law",
                "authority",
                "documents",
                "crime",
            )
        },
        completed_on=D(2025, 3, 20),
    )
    assert "第五十八条第二款" in str(exc) and "法律职业资格" in str(exc)
    assert_nothing_saved(case, "in_review", before)


def test_heavier_penalty_after_statement_is_refused_article_45(flow, world):
    case = flow.notified(fine=Decimal("5000"))
    statement = services.record_statement(
        case, actor=world.officer, received_on=D(2025, 3, 12), content="初次违法，已经整改"
    )
    before = counts()
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("5000"),
        reasons="事实清楚",
    )
    assert "第四十五条第一款" in str(exc)  # the statement was not reviewed yet
    services.review_statement(
        statement,
        actor=world.officer,
        result="rejected",
        opinion="整改不影响违法事实认定",
        reviewed_on=D(2025, 3, 13),
    )
    before = counts()
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("6000"),
        reasons="事实清楚",
    )
    assert "第四十五条第二款" in str(exc) and "更重" in str(exc)
    assert_nothing_saved(case, "notified", before)
    assert services.decide_case(
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("5000"),
        reasons="事实清楚",
    ).decided_fine == Decimal("5000")


def test_heavier_than_notified_without_statement_needs_new_notice_article_44(flow, world):
    case = flow.notified(fine=Decimal("5000"))
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine", "confiscate_gains"],
        fine=Decimal("5000"),
        confiscation=Decimal("800"),
        reasons="事实清楚",
    )
    assert "第四十四条" in str(exc) and "重新告知" in str(exc)
    # Served again with the heavier penalty, the window counts afresh from the new notice.
    case = services.serve_notice(
        case,
        actor=world.officer,
        types=["fine", "confiscate_gains"],
        fine=Decimal("5000"),
        confiscation=Decimal("800"),
        facts="销售掺假产品",
        reasons="另查明违法所得",
        basis_text="产品质量法第五十条",
        served_on=D(2025, 3, 20),
    )
    assert case.state == "notified" and case.notice_served_on == D(2025, 3, 20)
    args = dict(
        types=["fine", "confiscate_gains"],
        fine=Decimal("5000"),
        confiscation=Decimal("800"),
        reasons="事实清楚",
    )
    assert "2025年03月27日" in str(
        refused(services.decide_case, case, actor=world.head, decided_on=D(2025, 3, 27), **args)
    )
    assert (
        services.decide_case(case, actor=world.head, decided_on=D(2025, 3, 28), **args).state
        == "decided"
    )


def test_hearing_chair_must_not_be_an_investigator_article_64(flow, world):
    case = flow.notified(fine=Decimal("10000"), types=("fine", "revoke_licence"))
    services.request_hearing(case, actor=world.officer, requested_on=D(2025, 3, 13))
    before = counts()
    exc = refused(
        services.schedule_hearing,
        case,
        actor=world.officer,
        scheduled_for=D(2025, 3, 31),
        chair=world.officer_staff,
        notified_on=D(2025, 3, 14),
        location="本局听证室",
    )
    assert "第六十四条第一款第四项" in str(exc) and "非本案调查人员" in str(exc)
    assert_nothing_saved(case, "hearing", before)
    # Seven full working days must lie between notice and hearing (20–28 March for 31 March),
    # so the notice goes out on 19 March at the latest.
    exc = refused(
        services.schedule_hearing,
        case,
        actor=world.officer,
        scheduled_for=D(2025, 3, 31),
        chair=world.chair,
        notified_on=D(2025, 3, 20),
        location="本局听证室",
    )
    assert "第六十四条第一款第二项" in str(exc) and "2025年03月19日" in str(exc)
    hearing = services.schedule_hearing(
        case,
        actor=world.officer,
        scheduled_for=D(2025, 3, 31),
        chair=world.chair,
        notified_on=D(2025, 3, 19),
        location="本局听证室",
    )
    assert hearing.chair == world.chair


def test_hearing_request_after_five_working_days_is_refused_article_64(flow, world):
    case = flow.notified(
        fine=Decimal("10000"), types=("fine", "revoke_licence"), served_on=D(2025, 3, 11)
    )
    exc = refused(services.request_hearing, case, actor=world.officer, requested_on=D(2025, 3, 19))
    assert "第六十四条" in str(exc)


def test_hearing_requested_but_not_held_blocks_decision_article_65(flow, world):
    case = flow.notified(fine=Decimal("10000"), types=("fine", "revoke_licence"))
    services.request_hearing(case, actor=world.officer, requested_on=D(2025, 3, 13))
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 4, 25),
        types=["fine", "revoke_licence"],
        fine=Decimal("10000"),
        reasons="事实清楚",
    )
    assert "第六十五条" in str(exc)


def test_collective_discussion_required_for_major_cases_article_57(flow, world):
    case = flow.notified(flow.examined(flow.opened(complex_or_major=True)))
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("5000"),
        reasons="事实清楚",
    )
    assert "第五十七条第二款" in str(exc)
    services.record_collective_discussion(
        case,
        actor=world.head,
        held_on=D(2025, 3, 24),
        chair="赵局长",
        attendees=["赵局长", "钱副局长", "孙副局长"],
        minutes="讨论记录",
        result="同意处罚",
    )
    assert (
        services.decide_case(
            case,
            actor=world.head,
            decided_on=D(2025, 3, 25),
            types=["fine"],
            fine=Decimal("5000"),
            reasons="事实清楚",
        ).state
        == "decided"
    )


def test_decision_outside_benchmark_needs_written_reason_and_is_flagged(flow, world):
    case = flow.notified(fine=Decimal("9000"))
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("9000"),
        reasons="事实清楚",
    )
    assert "27号" in str(exc) and "五（十二）" in str(exc)
    case = services.decide_case(
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("9000"),
        reasons="事实清楚",
        deviation_reason="货值较大",
    )
    assert case.flagged_for_review and case.benchmark_version_id
    assert (case.recommended_min, case.recommended_max) == (Decimal("3000"), Decimal("7000"))
    assert case.tier == "ordinary" and case.basis_article == "第五十条"


def test_only_the_head_decides(flow, world):
    from django.core.exceptions import PermissionDenied

    case = flow.notified()
    with pytest.raises(PermissionDenied):
        services.decide_case(
            case,
            actor=world.officer,
            decided_on=D(2025, 3, 25),
            types=["fine"],
            fine=Decimal("5000"),
            reasons="事实清楚",
        )
