"""Reading a reference to an act typed by a user or sent through the API."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError

from fazhi.core.accounts.policies import can_view_business


def resolve_act(ref: str, user: Any) -> Any:
    """``app_label.model:pk`` (e.g. ``disclosure.disclosurerequest:12``) → the record, if the user
    may see its agency; ``None`` for an empty reference. The error does not reveal whether a
    record the user may not see exists."""
    ref = (ref or "").strip()
    if not ref:
        return None
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
