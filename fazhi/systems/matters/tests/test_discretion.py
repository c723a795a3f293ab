"""The statutory rules of discretion, each with its article.

第三十七条: 「实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。但是，作出行政处罚决定时，
法律、法规、规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。」
第三十二条: 「当事人有下列情形之一，应当从轻或者减轻行政处罚」; 第三十条: 14–17 岁 「应当从轻或者减轻」.
第三十三条第一款: 「初次违法且危害后果轻微并及时改正的，可以不予行政处罚。」
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.systems.matters import selectors, services
from fazhi.systems.matters.rules import age_circumstance

from .conftest import ACTOR, TIERS, basis

D = date


@pytest.mark.django_db
class TestArticle37ApplicableLaw:
    def test_same_law_at_act_and_decision(self, matter):
        b = selectors.basis_for(matter, D(2024, 5, 1), D(2024, 8, 1))
        assert b.article == "第一百二十二条第一款"
        assert not b.new_law_applied and not b.no_longer_punishable

    def test_heavier_new_law_is_not_applied(self, matter):
        b = selectors.basis_for(matter, D(2015, 9, 1), D(2015, 11, 1))
        assert b.article == "第八十四条" and not b.new_law_applied
        assert "第三十七条" in b.explanation

    def test_lighter_new_law_is_applied_with_a_flag(self, matter):
        services.add_basis(
            matter,
            instrument="中华人民共和国食品安全法（假设修订）",
            article="第一百二十二条",
            quote="较轻的规定",
            effective_from=D(2025, 1, 1),
            fine_min=Decimal(30000),
            fine_max=Decimal(80000),
            actor=ACTOR,
        )
        b = selectors.basis_for(matter, D(2024, 10, 1), D(2025, 2, 1))
        assert b.new_law_applied and b.fine_max == Decimal(80000)
        assert "处罚较轻" in b.explanation and "第三十七条" in b.explanation
        # add_basis closed the previous version the day before.
        old = matter.bases.get(article="第一百二十二条第一款")
        assert old.effective_to == D(2024, 12, 31)
        assert selectors.fine_range(matter, D(2024, 12, 31)) == (Decimal(50000), Decimal(100000))
        assert selectors.fine_range(matter, D(2025, 1, 1)) == (Decimal(30000), Decimal(80000))

    def test_repealed_without_successor_is_no_longer_punishable(self, matter):
        services.replace_bases(
            matter,
            [
                basis(
                    "中华人民共和国食品安全法",
                    "第一百二十二条第一款",
                    D(2015, 10, 1),
                    D(2024, 12, 31),
                    50000,
                    100000,
                ),
            ],
            actor=ACTOR,
        )
        b = selectors.basis_for(matter, D(2024, 6, 1), D(2025, 3, 1))
        assert b.no_longer_punishable and "不认为是违法" in b.explanation

    def test_no_basis_on_the_day_of_the_act(self, matter):
        with pytest.raises(selectors.NoBasis, match="第三十七条"):
            selectors.basis_for(matter, D(2008, 1, 1), D(2024, 1, 1))

    def test_overlapping_primary_bases_are_refused(self, matter):
        with pytest.raises(ValidationError, match="重叠"):
            services.replace_bases(
                matter,
                [
                    basis("甲法", "第一条", D(2010, 1, 1), None, 1, 2),
                    basis("乙法", "第二条", D(2020, 1, 1), None, 1, 2),
                ],
                actor=ACTOR,
            )


@pytest.mark.django_db
class TestRecommendation:
    def test_no_circumstances_is_ordinary_and_records_the_version(self, matter, benchmark):
        rec = services.recommend(matter, [], D(2024, 6, 1))
        assert (rec.tier, rec.tier_label) == ("ordinary", "一般")
        assert (rec.min_amount, rec.max_amount) == (Decimal(65000), Decimal(85000))
        assert rec.benchmark_version_id == benchmark.pk and not rec.mandatory_lenient

    def test_lenient_and_severe_circumstances(self, matter, benchmark):
        assert services.recommend(matter, ["cooperative"], D(2024, 6, 1)).tier == "lenient"
        assert (
            services.recommend(
                matter, ["repeat", "serious_harm", "cooperative"], D(2024, 6, 1)
            ).tier
            == "severe"
        )
        assert (
            services.recommend(matter, ["repeat", "cooperative"], D(2024, 6, 1)).tier == "ordinary"
        )

    def test_article_32_makes_lenient_mandatory_even_with_aggravating_circumstances(
        self, matter, benchmark
    ):
        rec = services.recommend(matter, ["coerced", "repeat", "serious_harm"], D(2024, 6, 1))
        assert rec.mandatory_lenient and rec.tier == "lenient"
        assert any("第三十二条" in r for r in rec.reasons)
        mitigated = services.recommend(matter, ["confessed"], D(2024, 6, 1))
        assert mitigated.tier == "mitigated" and mitigated.max_amount == Decimal(45000)

    def test_article_30_minor_aged_14_to_17(self, matter, benchmark):
        code = age_circumstance(D(2008, 7, 1), D(2024, 6, 30))  # 15 years old
        assert code == "minor_14_17"
        assert age_circumstance(D(2010, 7, 1), D(2024, 6, 30)) == "under_14"
        assert age_circumstance(D(2006, 6, 30), D(2024, 6, 30)) is None  # 18 on that day
        rec = services.recommend(matter, [code, "repeat"], D(2024, 6, 1))
        assert rec.mandatory_lenient and rec.tier == "lenient"
        assert any("第三十条" in r for r in rec.reasons)
        under = services.recommend(matter, ["under_14"], D(2024, 6, 1))
        assert under.no_penalty == "mandatory"

    def test_version_by_effective_date(self, matter, benchmark):
        newer = services.save_benchmark_version(
            matter,
            label="2025版",
            effective_from=D(2025, 1, 1),
            tiers=[
                {**t, "min_amount": t["min_amount"], "max_amount": t["max_amount"]}
                for t in TIERS[:3]
            ],
            actor=ACTOR,
        )
        assert services.recommend(matter, [], D(2024, 12, 31)).benchmark_version_id == benchmark.pk
        rec = services.recommend(matter, [], D(2025, 1, 1))
        assert rec.benchmark_version_id == newer.pk
        assert any("尚未向社会公布" in r and "第三十四条" in r for r in rec.reasons)

    def test_without_benchmark_the_statutory_range(self, matter):
        rec = services.recommend(matter, [], D(2024, 6, 1))
        assert rec.benchmark_version_id is None
        assert (rec.min_amount, rec.max_amount) == (Decimal(50000), Decimal(100000))


@pytest.mark.django_db
class TestAmountCheck:
    def test_inside_and_outside(self, matter, benchmark):
        rec = services.recommend(matter, [], D(2024, 6, 1))
        assert services.check_amount(rec, 70000)[0]
        inside, message = services.check_amount(rec, 60000)
        assert not inside
        assert "书面说明理由" in message and "法制审核" in message and "27号" in message

    def test_above_the_statutory_maximum(self, matter, benchmark):
        rec = services.recommend(matter, ["repeat"], D(2024, 6, 1))
        inside, message = services.check_amount(rec, 120000)
        assert not inside and "法定罚款上限" in message

    def test_mandatory_no_penalty_refuses_any_fine(self, matter, benchmark):
        rec = services.recommend(matter, ["no_fault"], D(2024, 6, 1))
        assert rec.no_penalty == "mandatory"
        assert not services.check_amount(rec, 1)[0]
        assert services.check_amount(rec, 0)[0]


@pytest.mark.django_db
class TestFourListsArticle33:
    def test_first_violation_minor_harm_corrected_matches(self, org, matter, lists):
        matches = services.match_lenient(
            org.market, lists.other, ["first_violation", "minor_harm", "corrected"], D(2024, 6, 1)
        )
        assert [m.list_kind for m in matches] == ["no_penalty"]
        assert "未亮照" in matches[0].label and matches[0].version == "2024版"
        assert matches[0].measure == "责令改正，并进行教育"

    def test_missing_a_condition_does_not_match(self, org, lists):
        assert (
            services.match_lenient(
                org.market, lists.other, ["first_violation", "minor_harm"], D(2024, 6, 1)
            )
            == []
        )

    def test_item_of_another_matter_does_not_match_but_general_items_do(self, org, matter, lists):
        first = ["first_violation", "minor_harm", "corrected"]
        assert services.match_lenient(org.market.pk, matter, first, D(2024, 6, 1)) == []
        general = services.match_lenient(
            org.market.pk, matter, ["minor_violation", "corrected", "no_harm"], D(2024, 6, 1)
        )
        assert len(general) == 1 and "没有造成危害后果" in general[0].label

    def test_list_not_yet_in_force(self, org, lists):
        first = ["first_violation", "minor_harm", "corrected"]
        assert services.match_lenient(org.market, lists.other, first, D(2023, 12, 31)) == []

    def test_recommendation_reports_the_article_33_ground(self, matter, benchmark):
        rec = services.recommend(
            matter, ["first_violation", "minor_harm", "corrected"], D(2024, 6, 1)
        )
        assert rec.no_penalty == "discretionary"
        assert any("可以不予行政处罚" in r for r in rec.reasons)
        assert any("第三十三条第三款" in r for r in rec.reasons)  # education required


@pytest.mark.django_db
class TestBenchmarkRules:
    def test_tiers_stay_inside_the_statutory_range(self, matter):
        bad = [
            {
                "tier": "severe",
                "circumstances": [],
                "min_amount": Decimal(90000),
                "max_amount": Decimal(120000),
            },
            {
                "tier": "mitigated",
                "circumstances": [],
                "min_amount": Decimal(10000),
                "max_amount": Decimal(60000),
            },
        ]
        with pytest.raises(ValidationError) as exc:
            services.save_benchmark_version(
                matter, label="坏版本", effective_from=D(2024, 1, 1), tiers=bad, actor=ACTOR
            )
        text = "；".join(exc.value.message_dict["tiers"])
        assert "超出法定最高100,000" in text and "27号" in text
        assert "应低于法定最低罚款50,000" in text and "明确具体情节" in text

    def test_published_version_is_frozen(self, matter, benchmark):
        same = services.save_benchmark_version(
            matter, label="2024版", effective_from=D(2024, 1, 1), tiers=TIERS, actor=ACTOR
        )
        assert same.pk == benchmark.pk
        changed = [dict(TIERS[0], max_amount=Decimal(60000)), *TIERS[1:]]
        with pytest.raises(ValidationError, match="不能修改"):
            services.save_benchmark_version(
                matter, label="2024版", effective_from=D(2024, 1, 1), tiers=changed, actor=ACTOR
            )

    def test_unknown_circumstance_code_needs_its_label(self, matter):
        tiers = [
            {
                "tier": "lenient",
                "circumstances": ["local_code"],
                "min_amount": Decimal(50000),
                "max_amount": Decimal(60000),
            }
        ]
        with pytest.raises(ValidationError, match="local_code"):
            services.save_benchmark_version(
                matter, label="v", effective_from=D(2024, 1, 1), tiers=tiers, actor=ACTOR
            )
        tiers[0]["circumstances"] = [{"code": "local_code", "label": "本地情形"}]
        v = services.save_benchmark_version(
            matter, label="v", effective_from=D(2024, 1, 1), tiers=tiers, actor=ACTOR
        )
        assert v.tiers.get().circumstances == [{"code": "local_code", "label": "本地情形"}]


@pytest.mark.django_db
def test_criminal_threshold(org, matter):
    services.save_matter(
        org.market,
        code=matter.code,
        criminal_threshold_amount=Decimal(50000),
        criminal_threshold_note="销售金额",
        actor=ACTOR,
    )
    matter.refresh_from_db()
    assert selectors.criminal_threshold_check(matter, Decimal(50000)).reached
    assert not selectors.criminal_threshold_check(matter, Decimal(49999)).reached
