"""Periods, values and the registry itself."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Indicator, Period, PeriodError, Value
from fazhi.core.ledger.models import LedgerEntry


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31), "2025年"),
        ("2025Q3", date(2025, 7, 1), date(2025, 9, 30), "2025年第三季度"),
        ("2025q1", date(2025, 1, 1), date(2025, 3, 31), "2025年第一季度"),
        ("2025-03", date(2025, 3, 1), date(2025, 3, 31), "2025年3月"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024年2月"),
        (
            "2025-01-10..2025-02-09",
            date(2025, 1, 10),
            date(2025, 2, 9),
            "2025年1月10日至2025年2月9日",
        ),
    ],
)
def test_period_parse(text, start, end, label):
    p = Period.parse(text)
    assert (p.start, p.end, p.label) == (start, end, label)
    assert Period.parse(p.code) == p  # the code in a URL reads back to the same period


@pytest.mark.parametrize(
    ("text", "previous", "year_before"),
    [
        ("2025", "2024", "2024"),
        ("2025Q1", "2024Q4", "2024Q1"),
        ("2025Q3", "2025Q2", "2024Q3"),
        ("2025-01", "2024-12", "2024-01"),
        ("2025-03", "2025-02", "2024-03"),
        ("2025-01-10..2025-02-09", "2024-12-10..2025-01-09", "2024-01-10..2024-02-09"),
    ],
)
def test_previous_and_year_before_keep_the_unit(text, previous, year_before):
    p = Period.parse(text)
    assert p.previous() == Period.parse(previous)
    assert p.year_before() == Period.parse(year_before)


def test_a_plain_span_that_is_a_quarter_behaves_as_one():
    p = Period(date(2025, 4, 1), date(2025, 6, 30))
    assert p.kind == "quarter" and p.code == "2025Q2" and p.previous().code == "2025Q1"


@pytest.mark.parametrize("text", ["", "25", "2025Q5", "2025-13", "2025-02-30..2025-03-01", "今年"])
def test_unreadable_periods_are_refused_in_chinese(text):
    with pytest.raises(PeriodError) as exc:
        Period.parse(text)
    assert "期间" in str(exc.value)


def test_ratio_rounds_half_up_and_has_no_value_without_a_denominator():
    assert Value.ratio(2, 3).value == Decimal("66.7")
    assert Value.ratio(1, 8).value == Decimal("12.5")
    assert Value.ratio(1, 16).value == Decimal("6.3")  # 6.25 → 6.3 (half up, not banker's)
    empty = Value.ratio(0, 0)
    assert empty.value is None and empty.display == "—" and empty.note
    assert Value.ratio(5, 5).display == "100"
    assert Value.count(12345).display == "12,345"


def _indicator(code="test.things", aggregate="sum", **kw):
    return Indicator(
        code=code,
        name="测试",
        unit="%" if aggregate == "ratio" else "件",
        area="测试",
        aggregate=aggregate,
        compute=lambda ids, p: Value.count(len(ids)),
        records=lambda ids, p: LedgerEntry.objects.none(),
        **kw,
    )


def test_duplicate_codes_are_refused_and_registered_cleans_up():
    first = _indicator()
    with registry.registered(first):
        assert registry.get("test.things") is first
        with pytest.raises(registry.DuplicateIndicator) as exc:
            registry.register(_indicator())
        assert "已被注册" in str(exc.value)
        registry.register(first)  # the very same object again is harmless
    with pytest.raises(registry.UnknownIndicator):
        registry.get("test.things")
    assert "test.things" not in {i.code for i in registry.all_indicators()}


def test_areas_are_shown_in_their_registered_places():
    """The platform's areas keep their places; a registered area takes its own, an area nobody
    registered follows them all."""
    assert [a for a, _ in registry.by_area()][:5] == [
        "行政执法",
        "行政复议与应诉",
        "政务公开",
        "队伍建设",
        "期限管理",
    ]
    with registry.registered(_indicator()):
        assert registry.area_order()[-1] == "测试"
        registry.register_area("测试", 15)
        try:
            assert registry.area_order()[:3] == ["行政执法", "测试", "行政复议与应诉"]
            assert [a for a, _ in registry.by_area()][1] == "测试"
            with pytest.raises(ImproperlyConfigured):
                registry.register_area("测试", 16)
        finally:
            registry.forget_area("测试")


def test_bad_declarations_are_refused():
    with pytest.raises(ValueError):
        _indicator(code="NoDot")
    with pytest.raises(ValueError):
        _indicator(aggregate="mean")


def test_combine_recomputes_ratios_from_numerators_and_denominators():
    ratio = _indicator(code="test.rate", aggregate="ratio")
    parts = [Value.ratio(2, 3), Value.ratio(1, 2)]  # 66.7 % and 50 %
    total = registry.combine(ratio, parts)
    assert (total.numerator, total.denominator, total.value) == (3, 5, Decimal("60.0"))
    counts = registry.combine(_indicator(), [Value.count(2), Value.count(3), Value(None)])
    assert counts.value == 5


def test_platform_indicators_are_registered():
    codes = {i.code for i in registry.all_indicators()}
    assert {
        "deadlines.met_on_time",
        "deadlines.on_time_rate",
        "deadlines.overdue_open",
        "publication.on_time_rate",
        "accounts.staff_count",
    } <= codes
