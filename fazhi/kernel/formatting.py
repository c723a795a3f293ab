"""Dates and amounts as Chinese documents and messages write them (plain Python)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

__all__ = ["BLANK_DATE", "money", "yuan", "zh_date"]

#: The blank a printed form leaves for a date not yet known.
BLANK_DATE = "____年__月__日"


def zh_date(d: date | None, blank: str = "") -> str:
    """2026年1月5日 (no leading zeros); ``blank`` for no date."""
    return f"{d.year}年{d.month}月{d.day}日" if d else blank


def yuan(amount: Decimal | int | float | None, blank: str = "") -> str:
    """An amount as a document states it: 1,234.50元 (two decimals, thousands separated)."""
    return f"{amount:,.2f}元" if amount is not None else blank


def money(d: Decimal | None) -> str:
    """An amount in 元 without the unit, as short as exact: 50,000 or 1,234.50 ("—" for none)."""
    if d is None:
        return "—"
    return f"{d:,.0f}" if d == d.to_integral_value() else f"{d:,.2f}"
