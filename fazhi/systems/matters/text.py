"""Amounts and dates as Chinese users read them, for messages and documents."""

from __future__ import annotations

from decimal import Decimal

from fazhi.systems.officers.selectors import zh_date

__all__ = ["money", "zh_date"]


def money(d: Decimal | None) -> str:
    """An amount in 元: 50,000 (or 1,234.50; "—" for none)."""
    if d is None:
        return "—"
    return f"{d:,.0f}" if d == d.to_integral_value() else f"{d:,.2f}"
