"""What both procedures' services share."""

from __future__ import annotations

from fazhi.core.acts.resolve import resolve_act  # noqa: F401 - re-exported for the services

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
