"""The composer: registry figures → sentences with links and 同比, part order, prompts."""

from __future__ import annotations

import pytest

from fazhi.core.indicators.registry import forget_area, register_area
from fazhi.systems.reports import rules
from fazhi.systems.reports.composer import compose, figures_by_area


def test_a_new_indicator_appears_for_a_department_with_year_on_year_change(east, test_indicators):
    test_indicators[(east.market.pk, "2024")] = (3, 4)
    test_indicators[(east.market.pk, "2023")] = (1, 4)
    report = compose(east.market, 2024)
    fig = {f.code: f for f in report.figures}
    lost = fig["testapp.lost_cases"]
    assert lost.sentence == "2024年，败诉案件为3件，同比增加2件。"
    assert lost.url.startswith("/indicators/testapp.lost_cases/")
    assert f"agency={east.market.pk}" in lost.url and "period=2024" in lost.url
    rate = fig["testapp.solved_rate"]
    assert rate.sentence == "2024年，测试办结率为75%（3/4），同比提高50个百分点。"
    # the figures are quoted in 主要举措和成效 (第二十五条第（一）项)
    assert "testapp.lost_cases" in [f.code for f in report.part("measures").figures]


def test_a_registered_area_takes_its_place_in_the_report(east, test_indicators):
    def areas() -> list[str]:
        return [area for area, _ in figures_by_area(compose(east.market, 2024).figures)]

    platform = areas()
    assert platform[-1] == "测试领域"  # nobody registered it: after every registered area
    register_area("测试领域", 5)
    try:
        assert areas() == ["测试领域", *platform[:-1]]
    finally:
        forget_area("测试领域")


def test_a_government_aggregates_its_agencies_and_recomputes_ratios(east, test_indicators):
    test_indicators[(east.market.pk, "2024")] = (1, 1)
    test_indicators[(east.transport.pk, "2024")] = (2, 9)
    fig = {f.code: f for f in compose(east.government, 2024).figures}
    assert fig["testapp.lost_cases"].value.value == 3
    # (1 + 2) / (1 + 9) = 30 %, not the average of 100 % and 22.2 %
    assert str(fig["testapp.solved_rate"].value.value) == "30.0"
    assert f"agency={east.government.pk}" in fig["testapp.lost_cases"].url


def test_parts_follow_the_configured_order_and_headings(east, test_indicators):
    order = ["first_responsible", "measures", "shortcomings", "next_year", "other"]
    report = compose(east.market, 2024, part_order=order, headings={"other": "其他事项"})
    assert [p.key for p in report.parts] == order
    assert report.parts[0].numbered_heading == "一、" + rules.DEFAULT_HEADINGS["first_responsible"]
    assert report.parts[4].numbered_heading == "五、其他事项"
    assert report.title == "东城县市场监督管理局关于2024年度法治政府建设情况的报告"


def test_an_order_missing_a_part_still_has_all_five_parts_of_article_25(east):
    report = compose(east.market, 2024, part_order=["other", "measures"])
    assert [p.key for p in report.parts] == [
        "other",
        "measures",
        "shortcomings",
        "first_responsible",
        "next_year",
    ]
    with pytest.raises(ValueError):
        compose(east.market, 2024, part_order=["measures", "nonsense"])


def test_the_shortcomings_part_is_prompted_by_bad_figures(east, test_indicators):
    test_indicators[(east.market.pk, "2024")] = (2, 2)
    prompts = compose(east.market, 2024).part("shortcomings").prompts
    assert any(p.startswith("2024年，败诉案件为2件") and "分析原因" in p for p in prompts)
    assert not any("测试办结率" in p for p in prompts)  # 100 % needs no explanation


def test_leaders_recorded_activities_are_quoted_in_the_first_responsible_part(east):
    """第二十五条第（三）项: the 第一责任人 part reports what the principal leaders did; a new
    app's figure of such activity (会前学法) lands there, not in 主要举措和成效."""
    from fazhi.core.indicators.registry import Indicator, Value, registered
    from fazhi.core.orgs.models import Agency

    study = Indicator(
        code="testapp.study_sessions",
        name="政府常务会议会前学法次数",
        unit="次",
        area="测试领域",
        compute=lambda ids, period: Value.count(6, "次"),
        records=lambda ids, period: Agency.objects.filter(pk__in=ids),
    )
    with registered(study):
        report = compose(east.government, 2024)
    responsible = report.part("first_responsible")
    codes = [f.code for f in responsible.figures]
    assert "testapp.study_sessions" in codes and "disputes.head_appearance_rate" in codes
    study_fig = next(f for f in responsible.figures if f.code == "testapp.study_sessions")
    assert study_fig.sentence.startswith("2024年，政府常务会议会前学法次数为6次")
    assert "testapp.study_sessions" not in [f.code for f in report.part("measures").figures]
    assert responsible.prompts and "第二十五条第（三）项" in responsible.prompts[0]
