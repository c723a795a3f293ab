"""The roles a 行政处罚 case is worked with (officers act, the legal reviewer reviews, the
agency head approves; core adds the agency head and the supervisor)."""

from __future__ import annotations

from fazhi.core.accounts import roles


class Role(roles.Role):
    """Core's roles and the enforcement case's."""

    OFFICER = roles.register("officer", "行政执法人员", order=10, aliases=("执法人员",))
    LEGAL_REVIEWER = roles.register("legal_reviewer", "法制审核人员", order=20)
