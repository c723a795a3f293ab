"""Statutory rules with their citations: summary procedure (第五十一条), limitation (第三十六条),
minors (第三十条), one fine per act (第二十九条), the late-payment surcharge (第七十二条、第七十三条)."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest

from fazhi.core.workflow.engine import Refused
from fazhi.systems.enforcement import rules, services
from fazhi.systems.enforcement.models import Case

from .conftest import counts, uscc


def summary(world, *, kind, fine, types=("fine",), name=None, **extra):
    party = (
        {"party_id_number": world.id_number(D(1990, 5, 5), "301")}
        if kind == "person"
        else {"party_uscc": uscc("91320685MA1X2Y3W4")}
    )
    return services.summary_penalty(
        agency=world.bureau,
        actor=world.officer,
        officers=world.officers,
        matter=world.matter,
        party_kind=kind,
        party_name=name or ("吴某" if kind == "person" else "海安某某商行"),
        types=types,
        fine=fine,
        decided_on=D(2025, 3, 4),
        reasons="当场查获",
        facts="当场发现",
        **{"id_shown": True, "notified": True, "statement_waived": True, **party, **extra},
    )


@pytest.fixture
def small_fine_matter(world):
    """A matter whose statutory range starts at 50 元 (so that 200 元 is lawful)."""
    from fazhi.systems.matters.models import LegalBasis

    LegalBasis.objects.filter(matter=world.matter).update(fine_min=Decimal("50"))
    return world.matter


# -- 第五十一条 -----------------------------------------------------------------------------------


def test_summary_fine_of_200_for_a_person_is_allowed_article_51(world, small_fine_matter):
    case = summary(world, kind="person", fine=Decimal("200"))
    assert case.state == "executing" and case.procedure == "summary"
    assert case.decided_fine == Decimal("200") and case.service_mode == "on_spot"
    assert case.payment_due == D(2025, 3, 19)  # 15 calendar days from the day handed over


def test_summary_fine_of_201_for_a_person_is_refused_article_51(world, small_fine_matter):
    before = counts()
    with pytest.raises(Refused) as info:
        summary(world, kind="person", fine=Decimal("201"))
    assert "第五十一条" in str(info.value) and "200" in str(info.value)
    assert counts() == before and not Case.objects.exists()


def test_summary_fine_for_an_organisation_3000_ok_3001_refused_article_51(world, small_fine_matter):
    assert summary(world, kind="organisation", fine=Decimal("3000")).state == "executing"
    before = counts()
    with pytest.raises(Refused) as info:
        summary(world, kind="organisation", fine=Decimal("3001"), name="另一家商行")
    assert "第五十一条" in str(info.value) and "3,000" in str(info.value)
    assert counts() == before and Case.objects.count() == 1


def test_summary_warning_is_allowed_and_other_kinds_are_not_article_51(world):
    assert summary(world, kind="person", fine=None, types=("warning",)).decided_types == ["warning"]
    with pytest.raises(Refused):
        summary(world, kind="person", fine=None, types=("warning", "revoke_licence"), name="郑某")


def test_summary_filing_task_and_close_article_52(world, small_fine_matter):
    from fazhi.core.deadlines.services import deadlines_of

    case = summary(world, kind="person", fine=Decimal("100"))
    assert {d.rule_id for d in deadlines_of(case)} == {
        "penalty.payment",
        rules.SUMMARY_FILING_RULE.value,
        rules.RULE_COURT_APPLICATION,  # 行政强制法 第五十三条 (see test_remedies)
        rules.RULE_PUBLICATION,  # 国办发〔2018〕118号 二（六）: no exemption for 简易程序
    }
    services.record_payment(case, actor=world.officer, amount=Decimal("100"), paid_on=D(2025, 3, 5))
    with pytest.raises(Refused) as info:
        services.close_case(case, actor=world.head, closed_on=D(2025, 3, 6))
    assert "第五十二条第三款" in str(info.value)
    services.file_summary_penalty(case, actor=world.officer, on=D(2025, 3, 5))
    assert services.close_case(case, actor=world.head, closed_on=D(2025, 3, 6)).state == "closed"


# -- 第三十六条 ------------------------------------------------------------------------------------


def test_limitation_two_years_article_36(flow, world):
    case = flow.source(violation_date=D(2023, 3, 3), registered_on=D(2025, 3, 4))
    before = counts()
    with pytest.raises(Refused) as info:
        flow.opened(case, opened_on=D(2025, 3, 4), discovered_on=D(2025, 3, 4))
    assert "第三十六条" in str(info.value) and "2年" in str(info.value)
    assert counts() == before
    assert (
        flow.opened(case, opened_on=D(2025, 3, 4), discovered_on=D(2025, 3, 3)).state
        == "investigating"
    )


def test_limitation_five_years_where_life_or_health_was_harmed_article_36(flow, world):
    case = flow.source(
        matter=world.catalogue_matter, violation_date=D(2021, 3, 3), registered_on=D(2025, 3, 4)
    )
    assert case.harms_life_health_finance  # the matter is one of life and health
    assert flow.opened(case, discovered_on=D(2025, 3, 4)).state == "investigating"
    late = flow.source(
        matter=world.catalogue_matter, violation_date=D(2020, 3, 3), party_name="另一家"
    )
    with pytest.raises(Refused) as info:
        flow.opened(late, discovered_on=D(2025, 3, 4))
    assert "第三十六条" in str(info.value) and "5年" in str(info.value)


def test_limitation_runs_from_the_end_of_a_continuing_act_article_36():
    assert rules.within_limitation(D(2023, 3, 3), D(2025, 3, 3), grave=False)
    assert not rules.within_limitation(D(2023, 3, 3), D(2025, 3, 4), grave=False)
    assert rules.within_limitation(D(2020, 3, 3), D(2025, 3, 3), grave=True)


# -- 第三十条 ----------------------------------------------------------------------------------------


def _minor_case(flow, world, birth):
    case = flow.source(
        party_kind="person",
        party_name="小某",
        party_id_number=world.id_number(D(1990, 1, 1), "401"),
    )
    return flow.examined(flow.opened(case))


def test_under_14_is_not_penalised_article_30(flow, world):
    case = _minor_case(flow, world, None)
    services.record_findings(
        case, actor=world.officer, party_birth_date=D(2012, 1, 1), on=D(2025, 3, 10)
    )
    before = counts()
    with pytest.raises(Refused) as info:
        services.decide_case(
            case,
            actor=world.head,
            decided_on=D(2025, 3, 25),
            types=["fine"],
            fine=Decimal("1000"),
            reasons="事实清楚",
        )
    assert "第三十条" in str(info.value) and "13周岁" in str(info.value)
    assert counts() == before
    with pytest.raises(Refused) as info:
        services.decide_case(
            case,
            actor=world.head,
            decided_on=D(2025, 3, 25),
            outcome="no_penalty",
            reasons="不满十四周岁",
        )
    assert "第三十三条第三款" in str(info.value)  # 不予处罚 needs the education record
    case = services.decide_case(
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        outcome="no_penalty",
        reasons="不满十四周岁",
        education="已责令监护人加以管教",
    )
    assert case.outcome == "no_penalty" and case.tier == "no_penalty"


def test_under_14_cannot_be_opened_article_30(flow, world):
    case = flow.source(party_kind="person", party_name="小某", party_birth_date=D(2012, 6, 1))
    with pytest.raises(Refused) as info:
        flow.opened(case)
    assert "第三十条" in str(info.value) and "不予立案" in str(info.value)


def test_14_to_17_must_be_lenient_article_30(flow, world):
    case = flow.source(party_kind="person", party_name="少某", party_birth_date=D(2008, 6, 1))
    case = flow.notified(flow.examined(flow.opened(case)), fine=Decimal("2000"))
    with pytest.raises(Refused) as info:
        services.decide_case(
            case,
            actor=world.head,
            decided_on=D(2025, 3, 25),
            types=["fine"],
            fine=Decimal("2000"),
            reasons="事实清楚",
            tier="ordinary",
            deviation_reason="—",
        )
    assert "第三十条" in str(info.value) and "16周岁" in str(info.value)
    case = services.decide_case(
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("2000"),
        reasons="事实清楚",
    )
    assert case.tier == "lenient" and case.tier_label == "从轻"


# -- 第二十九条 --------------------------------------------------------------------------------------


def test_one_fine_for_the_same_act_article_29(flow, world):
    first = flow.decided()
    assert first.decided_fine == Decimal("5000")
    second = flow.source(registered_on=D(2025, 3, 5))  # the same party, matter and act
    second = flow.notified(flow.examined(flow.opened(second, opened_on=D(2025, 3, 5))))
    before = counts()
    with pytest.raises(Refused) as info:
        services.decide_case(
            second,
            actor=world.head,
            decided_on=D(2025, 3, 25),
            types=["fine"],
            fine=Decimal("5000"),
            reasons="事实清楚",
        )
    assert "第二十九条" in str(info.value) and first.decision_number in str(info.value)
    assert counts() == before
    other_act = flow.source(violation_date=D(2025, 2, 25), party_name="海安某某贸易有限公司")
    assert flow.decided(flow.notified(flow.examined(flow.opened(other_act)))).state == "decided"


# -- 第七十二条、第七十三条 ----------------------------------------------------------------------------


def test_surcharge_three_percent_a_day_capped_at_the_fine_article_72():
    assert rules.SURCHARGE_DAILY_RATE.value == Decimal("0.03")
    assert "第七十二条" in rules.SURCHARGE_DAILY_RATE.citation
    fine, due = Decimal("1000"), D(2025, 4, 10)
    assert rules.surcharge(fine, due, D(2025, 4, 10)) == Decimal("0.00")
    assert rules.surcharge(fine, due, D(2025, 4, 11)) == Decimal("30.00")
    assert rules.surcharge(fine, due, D(2025, 4, 20)) == Decimal("300.00")
    assert rules.surcharge(fine, due, D(2025, 12, 31)) == fine  # never more than the fine


def test_surcharge_frozen_during_reconsideration_or_suit_article_73():
    assert "第七十三条第三款" in rules.SURCHARGE_FROZEN.citation
    fine, due = Decimal("1000"), D(2025, 4, 10)
    frozen = [(D(2025, 4, 13), D(2025, 4, 17))]  # five days not counted
    assert rules.surcharge(fine, due, D(2025, 4, 20), frozen) == Decimal("150.00")
    still_running = [(D(2025, 4, 13), None)]
    assert rules.surcharge(fine, due, D(2025, 4, 30), still_running) == Decimal("60.00")


def test_case_surcharge_and_freeze_through_services(flow, world):
    from fazhi.systems.enforcement.selectors import outstanding

    case = flow.served()  # served 26 March: the 15 days end 10 April
    assert case.payment_due == D(2025, 4, 10)
    assert outstanding(case, D(2025, 4, 15)) == (Decimal("5000"), Decimal("750.00"))
    remedy = services.record_reconsideration_or_suit(
        case,
        actor=world.officer,
        kind="reconsideration",
        filed_on=D(2025, 4, 16),
        body="海安市人民政府",
    )
    assert outstanding(case, D(2025, 5, 30))[1] == Decimal("750.00")  # frozen since 16 April
    services.conclude_reconsideration_or_suit(
        remedy, actor=world.officer, result="maintained", ended_on=D(2025, 5, 30)
    )
    case.refresh_from_db()
    assert outstanding(case, D(2025, 6, 2))[1] == Decimal("1200.00")  # 31 May–2 June count again
    services.record_payment(
        case,
        actor=world.officer,
        amount=Decimal("5000"),
        surcharge=Decimal("1200"),
        paid_on=D(2025, 6, 2),
    )
    case.refresh_from_db()
    assert case.paid_on == D(2025, 6, 2) and outstanding(case, D(2025, 7, 1)) == (
        Decimal(0),
        Decimal(0),
    )
