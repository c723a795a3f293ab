"""Who may reassign a record and who reads which notices."""

from __future__ import annotations

from typing import Any

from fazhi.core.accounts.policies import can_act_for, principal
from fazhi.core.accounts.roles import Role


def has_queue(user: Any) -> bool:
    """Business users have a queue (the three administrators do not)."""
    return bool(getattr(user, "is_authenticated", False)) and principal(user).is_business_user


def can_reassign(user: Any, agency_id: int) -> bool:
    """改派 is the agency head's (of the record's agency)."""
    return can_act_for(user, agency_id, Role.AGENCY_HEAD)


def is_authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))
