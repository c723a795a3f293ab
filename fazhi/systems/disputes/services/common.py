"""Helpers shared by the disputes services: date checks and the link to the act.
(The records' due dates and on-time results are mirrored from their clocks by core.)"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from fazhi.core.workflow.engine import register_action

DECISION_PUBLISHED = register_action("disputes.decision_published", "行政复议·决定书公开")
RECOMMENDATION_RECEIVED = register_action(
    "disputes.recommendation_received", "行政应诉·收到司法（检察）建议"
)
RECOMMENDATION_ANSWERED = register_action(
    "disputes.recommendation_answered", "行政应诉·书面回复司法（检察）建议"
)


def act_link(act: Any) -> dict[str, Any]:
    """The generic link to the act a matter is about (an enforcement case, a disclosure answer)."""
    if act is None:
        return {}
    if getattr(act, "pk", None) is None:
        raise ValidationError({"act": "关联的行政行为记录尚未保存。"})
    return {"act_type": ContentType.objects.get_for_model(type(act)), "act_id": act.pk}


def check_choice(field: str, value: str, options: Mapping[str, Any]) -> None:
    if value not in options:
        raise ValidationError({field: f"“{value}”不是可选值。"})
