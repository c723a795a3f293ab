"""Figures for the dashboard: each registered indicator over an organisation and period, with
its change against the previous period (环比) and the same period a year before (同比)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from . import registry
from .registry import Indicator, Period, Value

logger = logging.getLogger(__name__)

PERIOD_YEARS = 5  # how many years the period chooser offers


@dataclass(frozen=True)
class Change:
    """A comparison with an earlier period, ready to show: text and a tone (green/red/grey)."""

    text: str
    tone: str


@dataclass(frozen=True)
class Figure:
    indicator: Indicator
    value: Value
    previous: Value
    year_before: Value
    url: str

    @property
    def change(self) -> Change | None:
        return compare(self.indicator, self.value, self.previous)

    @property
    def change_year(self) -> Change | None:
        return compare(self.indicator, self.value, self.year_before)


def compare(indicator: Indicator, now: Value, before: Value) -> Change | None:
    """``now`` against ``before``: the difference in the figure's unit ("个百分点" for a
    percentage); green when it moved the good way, red the bad way, grey when neutral."""
    if now.value is None or before.value is None:
        return None
    delta = Decimal(now.value) - Decimal(before.value)
    if delta == 0:
        return Change("持平", "grey")
    unit = "个百分点" if indicator.unit == "%" else indicator.unit
    shown = int(delta) if delta == delta.to_integral_value() else delta
    text = f"{'+' if delta > 0 else '−'}{abs(shown)} {unit}"
    if indicator.higher_is_better is None:
        tone = "grey"
    else:
        tone = "green" if (delta > 0) == indicator.higher_is_better else "red"
    return Change(text, tone)


def safe_compute(indicator: Indicator, agency_ids: frozenset[int], period: Period) -> Value:
    """One app's failing computation must not take the whole dashboard down: it shows as an
    error on its own card (and in the log)."""
    try:
        return registry.compute(indicator.code, agency_ids, period)
    except Exception:  # noqa: BLE001 - isolate a faulty indicator, report it, keep the others
        logger.exception("indicator %s failed for %s", indicator.code, period.code)
        return Value(None, unit=indicator.unit, note="计算出错，请联系系统管理员")


def records_url(code: str, agency_id: int, period: Period) -> str:
    return (
        reverse("indicators:records", args=[code])
        + "?"
        + urlencode({"agency": agency_id, "period": period.code})
    )


def figures(
    agency_id: int, agency_ids: frozenset[int], period: Period
) -> list[tuple[str, list[Figure]]]:
    """Every registered indicator, grouped by area, for the set ``agency_ids``."""
    previous, year_before = period.previous(), period.year_before()
    periods = (period, previous, year_before)
    values = registry.compute_many(registry.all_indicators(), agency_ids, periods, one=safe_compute)
    out: list[tuple[str, list[Figure]]] = []
    for area, indicators in registry.by_area():
        cards = [
            Figure(
                ind,
                values[(ind.code, period)],
                values[(ind.code, previous)],
                values[(ind.code, year_before)],
                records_url(ind.code, agency_id, period),
            )
            for ind in indicators
        ]
        out.append((area, cards))
    return out


def period_choices(today=None) -> list[tuple[str, list[tuple[str, str]]]]:
    """The chooser's options, grouped by year: the year, its quarters and its months."""
    today = today or timezone.localdate()
    groups = []
    for year in range(today.year, today.year - PERIOD_YEARS, -1):
        options = [(str(year), f"{year}年（全年）")]
        options += [(f"{year}Q{q}", Period.quarter(year, q).label) for q in range(1, 5)]
        options += [(f"{year}-{m:02d}", Period.month(year, m).label) for m in range(1, 13)]
        groups.append((f"{year}年", options))
    return groups


def default_period(today=None) -> Period:
    return Period.year((today or timezone.localdate()).year)
