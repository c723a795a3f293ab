"""不予处罚 and mandatory 从轻 are guards, not advice (行政处罚法 第三十一条、第三十二条、第三十三条).

Where the recorded circumstances make 不予处罚 mandatory, a decision to penalise is refused with
the article and nothing is saved; where they only allow it (首违不罚), penalising needs a written
reason and the case is flagged to the legal reviewer; where the law says 应当从轻或者减轻 and the
matter has no 裁量基准, the fine must stay in the lighter part of the statutory range.
"""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

from fazhi.systems.enforcement import selectors, services
from fazhi.systems.enforcement.models import Case

from .conftest import counts
from .test_guards import assert_nothing_saved, refused
from .test_views import login

DECIDED = D(2025, 3, 25)  # after the 陈述申辩 window of the notice served on 11 March


def decide(world, case, *, outcome="penalty", fine=Decimal("2000"), **kw):
    return services.decide_case(
        case,
        actor=world.head,
        decided_on=DECIDED,
        outcome=outcome,
        types=["fine"] if outcome == "penalty" else [],
        fine=fine if outcome == "penalty" else None,
        reasons="事实清楚，证据确凿",
        **kw,
    )


def notified_with(flow, circumstances, *, fine=Decimal("2000"), matter=None):
    case = flow.opened(flow.source(matter=matter), circumstances=circumstances)
    return flow.notified(flow.examined(case), fine=fine)


def assert_penalty_refused(world, case, article: str, **kw):
    before = counts()
    exc = refused(decide, world, case, **kw)
    assert any(article in m for m in exc.messages), exc.messages
    assert_nothing_saved(case, "notified", before)
    assert case.decided_on is None and case.outcome == ""
    return exc


def assert_no_penalty_decided(world, case):
    decided = decide(world, case, outcome="no_penalty", education="已对当事人进行批评教育")
    assert decided.state == "decided" and decided.outcome == "no_penalty"


def test_penalty_for_minor_corrected_harmless_act_is_refused_article_33_1(flow, world):
    case = notified_with(flow, ["minor_violation", "corrected", "no_harm"])
    # The recommender no longer offers a 从轻 band: the law says 不予行政处罚.
    rec = services.recommend_for(case, DECIDED)
    assert rec.tier == "no_penalty" and rec.no_penalty == "mandatory"
    assert (rec.min_amount, rec.max_amount) == (Decimal(0), Decimal(0))
    exc = assert_penalty_refused(world, case, "第三十三条第一款")
    assert any("违法行为轻微并及时改正，没有造成危害后果" in m for m in exc.messages)
    # Even a fine inside the benchmark's 从轻 tier with a deviation reason is refused.
    assert_penalty_refused(
        world, case, "第三十三条第一款", fine=Decimal("1000"), deviation_reason="从轻"
    )
    assert_no_penalty_decided(world, case)


def test_penalty_without_fault_is_refused_unless_a_law_says_otherwise_article_33_2(flow, world):
    case = notified_with(flow, ["no_fault"])
    assert_penalty_refused(world, case, "第三十三条第二款")
    # 「法律、行政法规另有规定的，从其规定」: the decision names that provision.
    exception = "《中华人民共和国食品安全法》第一百三十六条"
    decided = decide(world, case, no_fault_exception=exception)
    assert decided.state == "decided" and decided.outcome == "penalty"
    assert Case.objects.get(pk=case.pk).no_fault_exception == exception


def test_penalty_for_mentally_incapable_party_is_refused_article_31(flow, world):
    case = notified_with(flow, ["mental_incapable"])
    assert_penalty_refused(world, case, "第三十一条")
    assert_no_penalty_decided(world, case)


def test_first_violation_penalised_needs_reason_and_is_flagged_article_33_1(flow, world):
    case = notified_with(flow, ["first_violation", "minor_harm", "corrected"])
    assert services.recommend_for(case, DECIDED).no_penalty == "discretionary"
    page = login(world.head).get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "可以不予处罚" in page
    exc = assert_penalty_refused(world, case, "第三十三条第一款")
    assert any("书面说明理由" in m for m in exc.messages)
    reason = "当事人拒不配合整改，虽为初次违法仍需处罚"
    decided = decide(world, case, no_penalty_reason=reason)
    assert decided.state == "decided" and decided.flagged_for_review
    assert decided.no_penalty_reason == reason
    assert case.pk in {c.pk for c in selectors.flagged_decisions([world.bureau.pk])}
    page = login(world.reviewer).get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert reason in page and "提请法制审核关注" in page


def test_mandatory_lenient_without_benchmark_stays_in_the_lower_range_article_32(flow, world):
    from fazhi.systems.matters.models import BenchmarkVersion

    from .conftest import _matter

    bare = _matter(world.bureau, "330217019000", "无裁量基准事项")
    # Its only 裁量基准 takes effect after the decision: none is in force for this case.
    BenchmarkVersion.objects.filter(benchmark__matter=bare).update(effective_from=D(2026, 1, 1))
    case = notified_with(flow, ["confessed"], fine=Decimal("9000"), matter=bare)
    rec = services.recommend_for(case, DECIDED)
    assert rec.benchmark_version_id is None and rec.tier == "lenient"
    assert (rec.min_amount, rec.max_amount) == (Decimal(1000), Decimal("5500.00"))
    # "从轻" in name only: 9,000 元 of a 1,000–10,000 元 range is not lighter.
    exc = assert_penalty_refused(
        world, case, "第三十二条", fine=Decimal("9000"), deviation_reason="情节较重"
    )
    assert any("5500.00" in m for m in exc.messages)
    decided = decide(world, case, fine=Decimal("5000"))
    assert decided.state == "decided" and decided.tier == "lenient"
