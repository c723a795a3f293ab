"""The roles that keep the lists of 执法事项 and the 裁量基准 (the legal reviewer, with the agency
head from core)."""

from __future__ import annotations

from fazhi.core.accounts import roles


class Role(roles.Role):
    """Core's roles and the legal reviewer who manages the lists."""

    LEGAL_REVIEWER = roles.register("legal_reviewer", "法制审核人员", order=20)
