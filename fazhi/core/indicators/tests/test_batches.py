"""Figures that share rows (registry.Terms) are fetched together and give the same values as
one computation each: over a set of agencies, agency by agency, and when a term is faulty."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Count, Q, Sum

from fazhi.core.deadlines.models import Deadline
from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Indicator, Period, Terms, Value
from fazhi.core.indicators.selectors import safe_compute


def _rows(ids):
    return Deadline.objects.filter(agency_id__in=ids)


def _due_in(period):
    return Q(due__gte=period.start, due__lte=period.end)


def _records(ids, period):
    return _rows(ids).filter(_due_in(period))


def _indicator(code, terms, finish, **kw):
    return Indicator(
        code=f"testbatch.{code}",
        name=code,
        unit="件",
        area="测试",
        compute=None,
        records=_records,
        shared=Terms("testbatch.deadline", _rows, terms, finish),
        **kw,
    )


DUE = _indicator(
    "due",
    lambda p: {"n": Count("id", filter=_due_in(p))},
    lambda got: Value.count(got["n"]),
)
MET_RATE = _indicator(
    "met_rate",
    lambda p: {
        "hit": Count("id", filter=_due_in(p) & Q(on_time=True)),
        "total": Count("id", filter=_due_in(p)),
    },
    lambda got: Value.ratio(got["hit"], got["total"]),
    aggregate="ratio",
)
SUBJECTS = _indicator(  # a sum: of nothing is None, which the finish must read as zero
    "subjects",
    lambda p: {"s": Sum("subject_id", filter=_due_in(p))},
    lambda got: Value(got["s"] or 0),
)
BROKEN = _indicator(
    "broken",
    lambda p: {"n": Count("id", filter=Q(no_such_field=1))},
    lambda got: Value.count(got["n"]),
)
BAD_FINISH = _indicator(
    "bad_finish",
    lambda p: {"n": Count("id", filter=_due_in(p))},
    lambda got: Value.count(got["n"] / 0),
)
ALONE = Indicator(
    code="testbatch.alone",
    name="alone",
    unit="件",
    area="测试",
    compute=lambda ids, p: Value.count(_records(ids, p).count()),
    records=_records,
)
YEARS = (Period.year(2025), Period.year(2024))


@pytest.fixture
def rows(east, west, make_deadline):
    make_deadline(east.market, due=date(2025, 3, 3), closed_on=date(2025, 3, 1))
    make_deadline(east.market, due=date(2025, 5, 6), closed_on=date(2025, 5, 9))
    make_deadline(east.market, due=date(2024, 6, 3))
    make_deadline(east.transport, due=date(2025, 8, 1), closed_on=date(2025, 7, 30))
    make_deadline(west.market, due=date(2025, 9, 1))
    return [east.market.pk, east.transport.pk, east.justice.pk, west.market.pk]


def test_batched_figures_equal_one_computation_each(rows, django_assert_num_queries):
    indicators = [DUE, MET_RATE, SUBJECTS, ALONE]
    with registry.registered(*indicators):
        ids = frozenset(rows)
        single = {(i.code, p): registry.compute(i.code, ids, p) for i in indicators for p in YEARS}
        # The three shared figures for both years are one query; the lone one, one per year.
        with django_assert_num_queries(3):
            batched = registry.compute_many(indicators, ids, YEARS)
        assert batched == single
        assert batched[("testbatch.due", YEARS[0])].value == 4
        rate = batched[("testbatch.met_rate", YEARS[0])]
        assert (rate.numerator, rate.denominator) == (2, 4)  # one late, one still open


def test_agency_by_agency_in_one_group_by(rows, django_assert_num_queries):
    indicators = [DUE, MET_RATE, SUBJECTS]
    with registry.registered(*indicators):
        with django_assert_num_queries(1):
            table = registry.compute_by_agency(indicators, rows, YEARS)
        for ind in indicators:
            for period in YEARS:
                for agency in rows:  # the 司法局 has no rows: counts 0, no rate, sum 0
                    assert table[(ind.code, period)][agency] == registry.compute(
                        ind.code, frozenset({agency}), period
                    ), (ind.code, period, agency)
        justice = rows[2]
        assert table[("testbatch.due", YEARS[0])][justice].value == 0
        assert table[("testbatch.met_rate", YEARS[0])][justice].value is None


@pytest.mark.parametrize("faulty", [BROKEN, BAD_FINISH], ids=["term", "finish"])
def test_a_faulty_figure_costs_only_itself(rows, faulty):
    with registry.registered(DUE, faulty):
        got = registry.compute_many([DUE, faulty], frozenset(rows), YEARS, one=safe_compute)
        assert got[("testbatch.due", YEARS[0])].value == 4
        assert got[(faulty.code, YEARS[0])].value is None
        assert "计算出错" in got[(faulty.code, YEARS[0])].note
        table = registry.compute_by_agency([DUE, faulty], rows, YEARS, one=safe_compute)
        assert table[("testbatch.due", YEARS[0])][rows[0]].value == 2
        assert table[(faulty.code, YEARS[0])][rows[0]].value is None
