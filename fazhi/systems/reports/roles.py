"""The roles that draft and review the annual report (the legal office's reviewer, with the
agency head and the supervisor from core)."""

from __future__ import annotations

from fazhi.core.accounts import roles


class Role(roles.Role):
    """Core's roles and the legal reviewer who drafts reports."""

    LEGAL_REVIEWER = roles.register("legal_reviewer", "法制审核人员", order=20)
