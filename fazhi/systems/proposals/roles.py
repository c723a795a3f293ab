"""The role of handling 人大代表建议 and 政协委员提案."""

from __future__ import annotations

from fazhi.core.accounts import roles


class Role(roles.Role):
    """Core's roles and the proposal staff."""

    PROPOSAL_STAFF = roles.register("proposal_staff", "建议提案办理人员", order=80)
