"""Who may open the pages of the act links.

- The page of one act (every matter about it) is for whoever may see the act's agency.
- The 败诉分析 (losses by 执法事项) is for the 法治监督人员 of the 司法局 and the 复议应诉工作人员,
  who account for the agency's lawsuits; each sees the agencies their roles make visible.
"""

from __future__ import annotations

from typing import Any

from fazhi.core.accounts.policies import principal
from fazhi.core.accounts.roles import Role

LOSS_ANALYSTS = frozenset({Role.SUPERVISOR, Role.LITIGATION_STAFF})


def can_view_losses(user: Any) -> bool:
    """The user is a supervisor or litigation staff (of any agency)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(principal(user).roles & LOSS_ANALYSTS)
