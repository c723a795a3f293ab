"""The roles of 行政执法人员管理: the officers whose certificates are managed."""

from __future__ import annotations

from fazhi.core.accounts import roles


class Role(roles.Role):
    """Core's roles and the officers whose certificates this system manages."""

    OFFICER = roles.register("officer", "行政执法人员", order=10, aliases=("执法人员",))
