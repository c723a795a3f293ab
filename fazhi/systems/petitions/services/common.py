"""What both procedures' services share."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core.acts.resolve import resolve_act  # noqa: F401 - re-exported for the services

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def no_future(**dates: date | None) -> None:
    """A step records what happened: none of its dates may lie after today."""
    today = timezone.localdate()
    errors = {
        k: f"日期（{v:%Y-%m-%d}）不能晚于今天（{today:%Y-%m-%d}）。"
        for k, v in dates.items()
        if v and v > today
    }
    if errors:
        raise ValidationError(errors)


def date_of(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))
