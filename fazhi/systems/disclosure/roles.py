"""The role of 政府信息公开 work. Its staff may also withdraw an item published through core's
door by hand."""

from __future__ import annotations

from fazhi.core.accounts import roles


class Role(roles.Role):
    """Core's roles and the disclosure staff."""

    DISCLOSURE_STAFF = roles.register(
        "disclosure_staff",
        "信息公开工作人员",
        order=50,
        permissions=(roles.WITHDRAW_PUBLICATION,),
    )
