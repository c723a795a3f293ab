"""Reading a reference to an act typed by a user or sent through the API: the act's whole 案号 or
决定书文号 (whatever its kind declares as numbers), or ``app_label.model:pk`` (what the act picker
fills in)."""

from __future__ import annotations

import re
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError

from fazhi.core.accounts.policies import can_view_business

from .search import by_number, find_acts

_REF = re.compile(r"^[A-Za-z_][\w]*\.[A-Za-z_][\w]*:\s*\d+$")


def resolve_act(ref: str, user: Any) -> Any:
    """The record ``ref`` names, if the user may see its agency; ``None`` for an empty reference.

    ``ref`` is an act's whole number (``海安市监罚立〔2025〕435号``, a 决定书文号) or
    ``app_label.model:pk`` (e.g. ``enforcement.case:12``). The error does not reveal whether a
    record the user may not see exists; for a number it suggests the acts whose number or party
    contains what was typed."""
    ref = (ref or "").strip()
    if not ref:
        return None
    if not _REF.match(ref):
        found = by_number(user, ref)
        if found is not None:
            return found
        near = find_acts(user, ref, limit=5)
        hint = (
            "您是否要找："
            + "；".join(f"{f.kind} {f.label}" for f in near)
            + "（请填写完整编号或从建议中选择）"
            if near
            else "可填写完整的案号或决定书文号，或输入其中一部分、当事人名称后从建议中选择"
        )
        raise ValidationError(
            f"找不到编号为“{ref}”的行政行为记录。{hint}"
            "（也可按格式：应用.模型:编号 填写，如 enforcement.case:12）。"
        )
    try:
        label, pk = ref.split(":")
        model = apps.get_model(label)
        obj = model._default_manager.get(pk=int(pk))
    except (ValueError, LookupError, AttributeError) as exc:
        raise ValidationError(
            f"找不到关联记录“{ref}”（格式：应用.模型:编号，如 disclosure.disclosurerequest:12）。"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - DoesNotExist of whichever model
        raise ValidationError(f"找不到关联记录“{ref}”。") from exc
    agency_id = getattr(obj, "agency_id", None)
    if agency_id is not None and not can_view_business(user, agency_id):
        raise ValidationError(f"找不到关联记录“{ref}”。")
    return obj
