"""The role of 信访 and 12345 work."""

from __future__ import annotations

from fazhi.core.accounts import roles


class Role(roles.Role):
    """Core's roles and the petition staff."""

    PETITION_STAFF = roles.register("petition_staff", "信访工作人员", order=60)
