"""The role of 行政复议 and 行政应诉 work. Its staff, with the supervisor, analyse the acts lost in
reconsideration and court (core's cross-channel page)."""

from __future__ import annotations

from fazhi.core.accounts import roles


class Role(roles.Role):
    """Core's roles and the reconsideration and litigation staff."""

    LITIGATION_STAFF = roles.register(
        "litigation_staff",
        "复议应诉工作人员",
        order=70,
        aliases=("复议应诉人员",),
        permissions=(roles.ANALYSE_LOSSES,),
    )
