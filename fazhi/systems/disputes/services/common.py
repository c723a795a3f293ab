"""Helpers shared by the disputes services: date checks, the link to the act, and
copying the clocks' due dates onto the records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from fazhi.core.deadlines import services as deadlines
from fazhi.core.workflow.engine import register_action

from .. import rules

DECISION_PUBLISHED = register_action("disputes.decision_published", "行政复议·决定书公开")
RECOMMENDATION_RECEIVED = register_action(
    "disputes.recommendation_received", "行政应诉·收到司法（检察）建议"
)
RECOMMENDATION_ANSWERED = register_action(
    "disputes.recommendation_answered", "行政应诉·书面回复司法（检察）建议"
)


#: The clocks whose due date and result each record shows in its lists.
DECISION_RULES = (rules.R_DECISION, rules.R_SIMPLE_DECISION)
ANSWER_RULES = (rules.R_ANSWER, rules.R_SIMPLE_ANSWER)
DEFENCE_RULES = (rules.L_DEFENCE,)


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


def sync_due(obj: Any, pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> Any:
    """Copy due dates and on-time results from the clocks onto the record (lists, indicators)."""
    fields = []
    for attr, rule_ids in pairs:
        found = [d for r in rule_ids if (d := deadlines.find(obj, r, running=False)) is not None]
        if not found:
            continue
        d = found[0]
        setattr(obj, attr, d.due)
        fields.append(attr)
        if d.status == d.Status.MET:
            obj.on_time = d.on_time
            fields.append("on_time")
    if fields:
        obj.save(update_fields=sorted(set(fields)))
    return obj
