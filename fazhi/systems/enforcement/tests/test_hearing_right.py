"""第六十三条第一款: the party may ask for a hearing on any of six grounds, and the 告知书 says so.

Each ground is met by the proposed penalty (the confiscation against the 较大数额 configured for
the matter's field and the party's kind); a notice that would withhold the right is refused with
nothing saved, an officer may grant it where no ground applies, and a decision that meets a
ground cannot rest on a notice that did not state it.
"""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.systems.enforcement import rules, services
from fazhi.systems.enforcement.doc_context import hearing_right_text
from fazhi.systems.enforcement.models import Case

from .conftest import counts
from .test_guards import assert_nothing_saved, refused

NOTICE = D(2025, 3, 11)  # Tuesday; the five working days end on Tuesday 18 March


def notice(world, case, *, types, fine=None, confiscation=None, served_on=NOTICE, **kw):
    return services.serve_notice(
        case,
        actor=world.officer,
        types=types,
        fine=fine,
        confiscation=confiscation,
        facts="当事人销售掺杂掺假产品",
        reasons="违反《中华人民共和国产品质量法》第三十九条",
        basis_text="《中华人民共和国产品质量法》第五十条",
        served_on=served_on,
        **kw,
    )


def assert_withheld_is_refused(world, case, article: str, **kw) -> None:
    """Withholding the right where a ground applies is refused, and nothing is saved."""
    before = counts()
    exc = refused(notice, world, case, hearing_right=False, **kw)
    assert any(article in m for m in exc.messages), exc.messages
    assert any("听证" in m for m in exc.messages)
    assert_nothing_saved(case, "examining", before)
    assert case.notice_served_on is None and not case.hearing_right


def assert_right_and_request(world, case, grounds: list[str]) -> None:
    case.refresh_from_db()
    assert case.state == "notified" and case.hearing_right
    assert case.hearing_grounds == grounds
    hearing = services.request_hearing(case, actor=world.officer, requested_on=D(2025, 3, 13))
    case.refresh_from_db()
    assert hearing.requested_on == D(2025, 3, 13) and case.state == "hearing"


def test_hearing_right_for_large_fine_article_63_1(flow, world):
    person = flow.source(
        party_kind="person",
        party_name="刘某",
        party_id_number=world.id_number(D(1990, 1, 1), "201"),
    )
    case = flow.examined(flow.opened(person))
    assert_withheld_is_refused(
        world, case, "第六十三条第一款", types=["fine"], fine=Decimal("10000")
    )
    notice(world, case, types=["fine"], fine=Decimal("10000"))
    assert_right_and_request(world, case, ["fine"])


def test_hearing_right_for_large_confiscation_article_63_2(flow, world):
    case = flow.examined()
    big = {"types": ["confiscate_gains"], "confiscation": Decimal("100000")}
    assert_withheld_is_refused(world, case, "第六十三条第一款", **big)
    exc = refused(notice, world, case, hearing_right=False, **big)
    assert any("第（二）项" in m and "没收较大数额违法所得" in m for m in exc.messages)
    notice(world, case, **big)
    case.refresh_from_db()
    assert "第六十三条第一款第（二）项" in hearing_right_text(case)
    assert_right_and_request(world, case, ["confiscation"])


def test_confiscation_below_the_threshold_gives_no_hearing_right_article_63_2(flow, world):
    case = notice(
        world,
        flow.examined(),
        types=["confiscate_property"],
        confiscation=Decimal("99999.99"),
    )
    assert not case.hearing_right and case.hearing_grounds == []
    exc = refused(services.request_hearing, case, actor=world.officer, requested_on=D(2025, 3, 13))
    assert "第六十三条" in str(exc)


def test_confiscation_threshold_is_configured_by_field_and_party_kind_article_63_2(
    flow, world, monkeypatch
):
    table = rules.HEARING_CONFISCATION_THRESHOLD["市场监管"]
    assert table["organisation"].configurable and "听证办法" in table["organisation"].citation
    monkeypatch.setitem(
        table, "organisation", rules.Cited(Decimal("50000"), "某省规定", configurable=True)
    )
    assert rules.confiscation_threshold("市场监管", "organisation").value == Decimal("50000")
    # Another field keeps the default.
    assert rules.confiscation_threshold("城市管理", "organisation").value == Decimal("100000")
    case = notice(world, flow.examined(), types=["confiscate_gains"], confiscation=Decimal("60000"))
    assert case.hearing_right and case.hearing_grounds == ["confiscation"]


@pytest.mark.parametrize("kind", ["downgrade", "revoke_licence"])
def test_hearing_right_for_downgrade_or_revocation_article_63_3(flow, world, kind):
    case = flow.examined()
    assert_withheld_is_refused(world, case, "第六十三条第一款", types=[kind])
    notice(world, case, types=[kind])
    assert_right_and_request(world, case, ["licence"])


@pytest.mark.parametrize("kind", ["suspend_business", "close", "ban"])
def test_hearing_right_for_closure_or_ban_article_63_4(flow, world, kind):
    case = flow.examined()
    assert_withheld_is_refused(world, case, "第六十三条第一款", types=[kind])
    notice(world, case, types=[kind])
    assert_right_and_request(world, case, ["business"])


def test_hearing_right_for_other_heavier_penalty_article_63_5(flow, world):
    # 暂扣许可证件 is among 「其他较重的行政处罚」 (configured in rules.HEARING_HEAVIER_TYPES).
    case = flow.examined()
    assert_withheld_is_refused(world, case, "第六十三条第一款", types=["suspend_licence"])
    notice(world, case, types=["suspend_licence"])
    case.refresh_from_db()
    assert "第（五）项" in hearing_right_text(case)
    assert_right_and_request(world, case, ["heavier"])


def test_hearing_right_on_a_ground_of_another_law_article_63_6(flow, world):
    case = flow.examined()
    other = {
        "types": ["fine"],
        "fine": Decimal("5000"),
        "hearing_basis": "《某省行政处罚听证程序规定》第五条",
    }
    assert_withheld_is_refused(world, case, "第六十三条第一款", **other)
    notice(world, case, **other)
    case.refresh_from_db()
    text = hearing_right_text(case)
    assert "第（六）项" in text and "《某省行政处罚听证程序规定》第五条" in text
    assert_right_and_request(world, case, ["other_law"])


def test_officer_may_grant_the_hearing_right_but_never_withhold_it_article_63(flow, world):
    case = flow.examined()
    with pytest.raises(ValidationError):
        notice(world, case, types=["fine"], fine=Decimal("5000"), grant_hearing=True)
    with pytest.raises(ValidationError):
        notice(world, case, types=["fine"], fine=Decimal("5000"), hearing_right=True)
    # No ground: without a grant the party has no right; with it, the right is stated.
    notice(
        world,
        case,
        types=["fine"],
        fine=Decimal("5000"),
        grant_hearing=True,
        hearing_basis="案情复杂，当事人申请",
        hearing_right=False,  # a grant wins over an explicit "no"
    )
    case.refresh_from_db()
    assert "依职权告知" in hearing_right_text(case)
    assert_right_and_request(world, case, ["granted"])


def test_decision_on_a_notice_that_withheld_the_right_is_refused_article_63(flow, world):
    case = notice(world, flow.examined(), types=["suspend_licence"])
    # A notice served before the six grounds were checked: it stated no hearing right.
    Case.objects.filter(pk=case.pk).update(hearing_right=False, hearing_grounds=[])
    case.refresh_from_db()
    before = counts()
    exc = refused(
        services.decide_case,
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["suspend_licence"],
        reasons="事实清楚",
    )
    assert any("第六十三条第一款" in m and "重新告知" in m for m in exc.messages)
    assert_nothing_saved(case, "notified", before)
    assert case.decided_on is None
    # The lawful path: the notice served again states the right; after its window, decide.
    notice(world, case, types=["suspend_licence"], served_on=D(2025, 3, 26))
    case.refresh_from_db()
    assert case.hearing_right
    decided = services.decide_case(
        case,
        actor=world.head,
        decided_on=D(2025, 4, 3),
        types=["suspend_licence"],
        reasons="事实清楚",
    )
    assert decided.state == "decided"
