"""What both procedures' services share."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.acts.resolve import resolve_act  # noqa: F401 - re-exported for the services

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def date_of(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))
