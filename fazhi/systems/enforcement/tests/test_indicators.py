"""The app's figures: the four-list breakdown of seed 001, decisions within 90 days, 法制审核
coverage of catalogue cases, fines imposed and collected — each opening onto its records."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest

from fazhi.core.indicators.registry import Period, compute, records
from fazhi.systems.enforcement import services


@pytest.fixture
def lists(world):
    from fazhi.systems.matters.models import LenientList, LenientListItem

    def make(kind, codes):
        lst = LenientList.objects.create(
            agency=world.bureau, kind=kind, title=kind, version="2024", effective_from=D(2024, 1, 1)
        )
        LenientListItem.objects.create(
            lenient_list=lst,
            matter=world.matter,
            description="首违",
            conditions=[{"code": c, "label": c} for c in codes],
        )

    make("no_penalty", ["first_violation", "minor_harm", "corrected"])
    make("lighter", ["first_violation"])


def first_violation_not_punished(flow, world):
    """A case decided 不予处罚 under the list (首违不罚; 《行政处罚法》第三十三条)."""
    case = flow.examined(flow.opened(circumstances=["first_violation", "minor_harm", "corrected"]))
    return services.decide_case(
        case,
        actor=world.head,
        decided_on=D(2025, 3, 20),
        outcome="no_penalty",
        reasons="首违不罚",
        education="已对当事人进行教育",
    )


def test_four_list_breakdown(flow, world, lists):
    ids = frozenset({world.bureau.pk})
    year = Period.year(2025)
    # 不予处罚 under the list (首违不罚).
    first_violation_not_punished(flow, world)
    # 从轻 under the list.
    b = flow.notified(
        flow.examined(
            flow.opened(flow.source(party_name="乙公司"), circumstances=["first_violation"])
        ),
        fine=Decimal("2000"),
    )
    services.decide_case(
        b,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("2000"),
        reasons="初次违法",
    )
    # An ordinary penalty does not count.
    flow.decided(flow.notified(flow.examined(flow.opened(flow.source(party_name="丙公司")))))
    assert compute("enforcement.four_lists", ids, year).value == 2
    assert compute("enforcement.four_lists_no_penalty", ids, year).value == 1
    assert compute("enforcement.four_lists_lighter", ids, year).value == 1
    assert compute("enforcement.four_lists_mitigated", ids, year).value == 0
    assert {c.party_name for c in records("enforcement.four_lists", ids, year)} == {
        "海安某某贸易有限公司",
        "乙公司",
    }
    assert compute("enforcement.penalty_decisions", ids, year).value == 2
    assert compute("enforcement.fines_imposed", ids, year).value == Decimal("7000")
    assert compute("enforcement.decided_on_time_rate", ids, year).value == Decimal("100.0")


def test_review_coverage_and_collection(flow, world):
    ids = frozenset({world.bureau.pk})
    year = Period.year(2025)
    case = flow.notified(flow.examined(flow.opened(flow.source(matter=world.catalogue_matter))))
    services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 3, 19))
    services.complete_legal_review(
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
    case = flow.served(flow.decided(case))
    value = compute("enforcement.review_coverage", ids, year)
    assert (value.numerator, value.denominator) == (1, 1)
    services.record_payment(
        case, actor=world.officer, amount=Decimal("5000"), paid_on=D(2025, 4, 1)
    )
    assert compute("enforcement.fines_collected", ids, year).value == Decimal("5000")
    assert compute("enforcement.fines_collected", frozenset({world.other.pk}), year).value == 0


def test_batched_case_figures_match_their_records(flow, world, lists, django_assert_num_queries):
    """The report and the bulletin fetch the case-table figures together (one query for the
    set, one GROUP BY for a table of agencies): the same values as one computation each, and
    each count is the number of rows its drill-down lists."""
    from fazhi.core.indicators import registry

    first_violation_not_punished(flow, world)
    flow.served(
        flow.decided(flow.notified(flow.examined(flow.opened(flow.source(party_name="丙公司")))))
    )
    flow.opened(flow.source(party_name="丁公司"))
    ids = [world.bureau.pk, world.other.pk]
    periods = (Period.year(2025), Period.year(2024))
    indicators = [i for i in registry.all_indicators() if i.code.startswith("enforcement.")]
    shared = [i for i in indicators if i.shared is not None]
    assert len(shared) >= 12
    with django_assert_num_queries(1):
        together = registry.compute_many(shared, frozenset(ids), periods)
    table = registry.compute_by_agency(indicators, ids, periods)
    for ind in indicators:
        for period in periods:
            one = compute(ind.code, frozenset(ids), period)
            if ind.shared is not None:
                assert together[(ind.code, period)] == one, ind.code
            for agency in ids:
                alone = compute(ind.code, frozenset({agency}), period)
                assert table[(ind.code, period)][agency] == alone, (ind.code, agency)
    for ind in shared:
        value = together[(ind.code, periods[0])]
        listed = records(ind.code, frozenset(ids), periods[0]).count()
        if ind.aggregate == "ratio":
            assert value.denominator == listed, ind.code
        elif ind.unit == "件":
            assert value.value == listed, ind.code
    assert together[("enforcement.cases_opened", periods[0])].value == 3
    assert together[("enforcement.penalty_decisions", periods[0])].value == 1
    assert together[("enforcement.four_lists_no_penalty", periods[0])].value == 1
    assert together[("enforcement.fines_imposed", periods[0])].value == Decimal("5000")
    assert together[("enforcement.cases_opened", periods[1])].value == 0
