"""Reading the plain values a form or an API posts: ISO dates, amounts, numbers, text.

A step's data arrives either cleaned by a form (a ``date``, a ``Decimal``) or as JSON (a string);
these readers accept both and treat ``None`` and ``""`` as "not given".
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

__all__ = ["as_date", "as_decimal", "as_int", "as_text"]


def as_date(value: Any) -> date | None:
    """A date, from a ``date`` or an ISO string (``2026-01-05``); None if not given."""
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def as_decimal(value: Any) -> Decimal | None:
    """An exact amount, from a number or a string; None if not given."""
    if value in (None, ""):
        return None
    return Decimal(str(value))


def as_int(value: Any) -> int | None:
    """A whole number (a count of days, a primary key); None if not given."""
    if value in (None, ""):
        return None
    return int(value)


def as_text(value: Any) -> str:
    """Text with surrounding blanks removed; "" if not given."""
    return str(value or "").strip()
