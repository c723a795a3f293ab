"""The summary procedure (简易程序) as every decision: the party is told and heard (第四十四条,
第四十五条, 第六十二条), the officers affirm they showed their certificates (第五十二条第一款), the
decision is published (国办发〔2018〕118号, no exemption unless a local rule is configured), and a
fine collected on the spot (第六十八条, 第七十条) is handed in and banked in 2 + 2 working days
(第七十一条, 第八十五条)."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest
import time_machine

from fazhi.core.deadlines.models import Deadline
from fazhi.core.tasks import selectors as task_selectors
from fazhi.core.workflow.engine import Refused
from fazhi.systems.enforcement import rules, services
from fazhi.systems.enforcement.models import Case, Payment

from .conftest import counts
from .test_api import client_for

pytestmark = pytest.mark.django_db

DECIDED = D(2025, 3, 4)  # a Tuesday, no holiday in the weeks after it


@pytest.fixture
def api(world):
    return {k: client_for(getattr(world, k)) for k in ("officer", "head")}


@pytest.fixture
def small_fine_matter(world):
    """A matter whose statutory range starts at 50 元 (so that 100–200 元 are lawful)."""
    from fazhi.systems.matters.models import LegalBasis

    LegalBasis.objects.filter(matter=world.matter).update(fine_min=Decimal("50"))
    return world.matter


def summary(world, *, fine=Decimal("100"), name="吴某", seq="301", **steps):
    """An on-the-spot decision; ``steps`` override what the officers affirm and record."""
    affirmed = {"id_shown": True, "notified": True, "statement_waived": True, **steps}
    return services.summary_penalty(
        agency=world.bureau,
        actor=world.officer,
        officers=world.officers,
        matter=world.matter,
        party_kind="person",
        party_name=name,
        party_id_number=world.id_number(D(1990, 5, 5), seq),
        types=["fine"],
        fine=fine,
        decided_on=DECIDED,
        reasons="当场查获",
        facts="当场发现",
        **affirmed,
    )


def _refused(call, article: str) -> Refused:
    """``call`` is refused citing ``article``, and nothing is saved."""
    before, cases, payments = counts(), Case.objects.count(), Payment.objects.count()
    with pytest.raises(Refused) as info:
        call()
    assert any(article in m for m in info.value.messages), info.value.messages
    assert counts() == before
    assert (Case.objects.count(), Payment.objects.count()) == (cases, payments)
    return info.value


def _clock(case, rule):
    return Deadline.objects.get(subject_id=case.pk, rule_id=rule)


def _titles(user):
    return [t.title for t in task_selectors.mine(user)]


# -- 第四十四条, 第四十五条, 第六十二条: told and heard before the decision --------------------------


def test_summary_decision_needs_the_party_told_facts_reasons_basis_and_rights_article_44(
    world, small_fine_matter
):
    _refused(lambda: summary(world, notified=False), "第四十四条")
    case = summary(world)
    assert case.state == "executing" and case.summary_notified


def test_summary_decision_needs_statement_or_waiver_article_45(world, small_fine_matter):
    refusal = _refused(lambda: summary(world, statement_waived=False), "第四十五条")
    assert "第六十二条" in str(refusal)
    # a blank statement is no statement
    _refused(lambda: summary(world, statement="  ", statement_waived=False), "第四十五条")
    heard = summary(world, statement="当事人称初次违法，执法人员复核后维持", statement_waived=False)
    assert heard.summary_statement.startswith("当事人称") and heard.statement_waived_on is None
    waived = summary(world, name="郑某", seq="302")
    assert waived.statement_waived_on == DECIDED and waived.summary_statement == ""


# -- 第五十二条第一款: the certificate shown is affirmed, never assumed ------------------------------


def test_summary_decision_needs_certificate_shown_affirmed_article_52(world, small_fine_matter):
    # omitted by the caller: not taken as shown
    _refused(lambda: summary(world, id_shown=None), "第五十二条")
    _refused(lambda: summary(world, id_shown=False), "第五十二条")
    assert summary(world).summary_id_shown is True


def test_summary_form_without_the_certificate_box_is_refused_article_52(world, api):
    from fazhi.systems.matters.models import LegalBasis

    LegalBasis.objects.filter(matter=world.matter).update(fine_min=50)
    payload = {
        "agency": world.bureau.pk,
        "matter": world.matter.pk,
        "officers": [s.pk for s in world.officers],
        "party_kind": "person",
        "party_name": "吴某",
        "types": ["fine"],
        "fine": "100",
        "decided_on": "2025-03-04",
        "violation_date": "2025-03-04",
        "facts": "当场发现",
        "reasons": "当场查获",
        "notified": True,
        "statement_waived": True,
    }
    r = api["officer"].post("/api/enforcement/summary/", payload, format="json")
    assert r.status_code == 409 and "第五十二条" in r.json()["detail"]
    assert not Case.objects.exists()
    payload["id_shown"] = True
    assert (
        api["officer"].post("/api/enforcement/summary/", payload, format="json").status_code == 201
    )


# -- 国办发〔2018〕118号 二（六）: 公示 of on-the-spot decisions ---------------------------------------


def test_summary_decision_starts_the_publication_clock_gbf118(
    world, small_fine_matter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = summary(world)
    clock = _clock(case, rules.RULE_PUBLICATION)
    assert clock.status == "open" and clock.due == D(2025, 3, 13)  # 7 working days
    assert "待公示" in _titles(world.officer)
    with time_machine.travel(D(2025, 3, 10), tick=False):
        case = services.publish_decision(case, actor=world.officer, on=D(2025, 3, 10))
    assert case.publication_on_time is True
    assert _clock(case, rules.RULE_PUBLICATION).status == "met"


def test_summary_publication_local_exemption_is_configurable_gbf118(
    world, small_fine_matter, monkeypatch, django_capture_on_commit_callbacks
):
    assert rules.SUMMARY_PUBLICATION_EXEMPT.value is False  # the default: no exemption
    monkeypatch.setattr(
        rules,
        "SUMMARY_PUBLICATION_EXEMPT",
        rules.Cited(True, "某省行政执法公示办法第某条", configurable=True),
    )
    with django_capture_on_commit_callbacks(execute=True):
        case = summary(world)
    assert not Deadline.objects.filter(subject_id=case.pk, rule_id=rules.RULE_PUBLICATION).exists()
    assert "待公示" not in _titles(world.officer)


# -- 第六十八条, 第七十条: when a fine may be collected on the spot ----------------------------------


def _collect(case, world, **kw):
    args = {
        "amount": case.decided_fine,
        "paid_on": DECIDED,
        "receipt_number": "浙财罚字0001",
        "on_spot": True,
        "on_spot_ground": "small",
        **kw,
    }
    return services.record_payment(case, actor=world.officer, **args)


def test_on_spot_collection_only_for_100_yuan_or_hard_to_collect_article_68(
    world, small_fine_matter
):
    case = summary(world, fine=Decimal("150"))
    _refused(lambda: _collect(case, world), "第六十八条")
    _refused(lambda: _collect(case, world, on_spot_ground="hard"), "第六十八条")
    _refused(lambda: _collect(case, world, on_spot_ground=""), "第六十八条")
    _collect(
        case, world, on_spot_ground="hard", on_spot_reason="当事人系外地过境货车司机，无固定住所"
    )
    row = Payment.objects.get(case=case)
    assert row.on_spot and row.on_spot_ground == "hard" and row.handed_in_on is None


def test_on_spot_collection_only_after_a_summary_decision_article_68(flow, world):
    case = flow.served()
    _refused(lambda: _collect(case, world, amount=Decimal("100")), "第六十八条")
    # paid at the bank, the ordinary way: no collection rule applies
    services.record_payment(case, actor=world.officer, amount=Decimal("100"), paid_on=D(2025, 4, 1))


def test_on_spot_collection_needs_the_receipt_article_70(world, small_fine_matter):
    case = summary(world)
    _refused(lambda: _collect(case, world, receipt_number=""), "第七十条")
    _collect(case, world)


# -- 第七十一条: 2 working days to the agency, 2 more to the bank -----------------------------------


def test_on_spot_cash_handed_in_and_banked_in_two_plus_two_working_days_article_71(
    world, small_fine_matter, django_capture_on_commit_callbacks
):
    case = summary(world)
    services.file_summary_penalty(case, actor=world.officer, on=D(2025, 3, 5))
    with django_capture_on_commit_callbacks(execute=True):
        _collect(case, world)
    hand_in = _clock(case, rules.RULE_CASH_HANDOVER)
    assert hand_in.due == D(2025, 3, 6) and hand_in.assignee == world.officer  # Tue + 2 WD
    assert "待将当场收缴的罚款交至行政机关" in _titles(world.officer)
    # not yet in the agency's hands, nor at the bank: the case cannot close
    _refused(
        lambda: services.close_case(case, actor=world.head, closed_on=D(2025, 3, 6)), "第七十一条"
    )
    _refused(lambda: services.deposit_cash(case, actor=world.head, on=D(2025, 3, 6)), "第七十一条")
    _refused(
        lambda: services.hand_in_cash(case, actor=world.officer, on=D(2025, 3, 3)), "第七十一条"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.hand_in_cash(case, actor=world.officer, on=D(2025, 3, 6))
    assert _clock(case, rules.RULE_CASH_HANDOVER).status == "met"
    deposit = _clock(case, rules.RULE_CASH_DEPOSIT)
    assert deposit.due == D(2025, 3, 10) and deposit.role == "agency_head"  # Thu + 2 WD
    assert "待将当场收缴的罚款缴付指定银行" in _titles(world.head)
    assert "待将当场收缴的罚款交至行政机关" not in _titles(world.officer)
    _refused(
        lambda: services.hand_in_cash(case, actor=world.officer, on=D(2025, 3, 7)), "第七十一条"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.deposit_cash(case, actor=world.head, on=D(2025, 3, 10))
    assert _clock(case, rules.RULE_CASH_DEPOSIT).status == "met"
    assert "待将当场收缴的罚款缴付指定银行" not in _titles(world.head)
    case = services.close_case(case, actor=world.head, closed_on=D(2025, 3, 10))
    assert case.state == "closed"


def test_cash_collected_on_water_counts_from_landing_article_71(world, small_fine_matter):
    case = summary(world)
    _refused(lambda: _collect(case, world, on_water=True), "第七十一条")
    _collect(case, world, on_water=True, landed_on=D(2025, 3, 7))
    assert _clock(case, rules.RULE_CASH_HANDOVER).due == D(2025, 3, 11)  # Fri + 2 WD


def test_on_spot_collection_and_hand_in_through_the_api_articles_68_71(
    world, small_fine_matter, api
):
    case = summary(world, fine=Decimal("150"))
    base = f"/api/enforcement/cases/{case.pk}"
    paid = {
        "amount": "150",
        "paid_on": "2025-03-04",
        "receipt_number": "浙财罚字0002",
        "on_spot": True,
        "on_spot_ground": "small",
    }
    r = api["officer"].post(f"{base}/record_payment/", paid, format="json")
    assert r.status_code == 409 and "第六十八条" in r.json()["detail"]
    assert not Payment.objects.exists()
    paid.update(on_spot_ground="hard", on_spot_reason="当事人无固定住所，事后难以执行")
    assert api["officer"].post(f"{base}/record_payment/", paid, format="json").status_code == 200
    r = api["officer"].post(f"{base}/hand_in_cash/", {"on": "2025-03-05"}, format="json")
    assert r.status_code == 200
    r = api["head"].post(f"{base}/deposit_cash/", {"on": "2025-03-06"}, format="json")
    assert r.status_code == 200
    row = Payment.objects.get(case=case)
    assert (row.handed_in_on, row.deposited_on) == (D(2025, 3, 5), D(2025, 3, 6))
