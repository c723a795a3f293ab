"""Who may open the pages of the act links.

- The page of one act (every matter about it) is for whoever may see the act's agency.
- The 败诉分析 (losses by 执法事项) is for the 法治监督人员 of the 司法局 and the roles a system
  registers with :data:`~fazhi.core.accounts.roles.ANALYSE_LOSSES` (the 复议应诉工作人员, who
  account for the agency's lawsuits); each sees the agencies their roles make visible.
"""

from __future__ import annotations

from typing import Any

from fazhi.core.accounts import roles
from fazhi.core.accounts.policies import principal


def can_view_losses(user: Any) -> bool:
    """The user holds a role that analyses losses (the supervisor, litigation staff) anywhere."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(principal(user).roles & roles.having(roles.ANALYSE_LOSSES))
