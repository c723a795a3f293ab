"""Checks on the dates a step records."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

__all__ = ["no_future"]


def no_future(**dates: date | None) -> None:
    """A step records what happened: none of its dates may lie after today.

    Raises one :class:`ValidationError` naming every field whose date is later than today.
    """
    today = timezone.localdate()
    errors = {
        k: f"日期（{v:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）。"
        for k, v in dates.items()
        if v and v > today
    }
    if errors:
        raise ValidationError(errors)
