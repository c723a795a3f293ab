"""Who may see which deadlines and who may enter the official calendar.

Views and the API only ask these functions; they never decide themselves.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from fazhi.core.accounts.policies import can_manage_calendar as _can_manage_calendar
from fazhi.core.accounts.policies import can_view_business, principal
from fazhi.core.accounts.roles import Role

from .models import Deadline


def can_use_deadlines(user: Any) -> bool:
    """Business users have a to-do list and a deadline list (the three administrators do not)."""
    return bool(getattr(user, "is_authenticated", False)) and principal(user).is_business_user


def can_view_deadline(user: Any, deadline: Deadline) -> bool:
    """The deadline's agency is one the user sees, or the deadline is assigned to the user."""
    if not getattr(user, "is_authenticated", False):
        return False
    return deadline.assignee_id == user.pk or can_view_business(user, deadline.agency_id)


def can_view_risk(user: Any) -> bool:
    """The risk overview across agencies is the supervisor's (司法局 / 法制机构)."""
    return bool(getattr(user, "is_authenticated", False)) and principal(user).has(Role.SUPERVISOR)


def can_manage_calendar(user: Any) -> bool:
    """Entering the State Council's holiday notice is a supervisor's task."""
    return bool(getattr(user, "is_authenticated", False)) and _can_manage_calendar(user)


def get_visible_deadline(user: Any, pk: int) -> Deadline:
    """The deadline if the user may see it; otherwise 404 — whether it exists is not revealed."""
    d = Deadline.objects.select_related("agency", "assignee").filter(pk=pk).first()
    if d is None or not can_view_deadline(user, d):
        raise Http404("没有找到该期限。")
    return d
