"""Deemed service (视为送达): the date a document served by 公告 counts as served.

民事诉讼法 第九十五条: 「自发出公告之日起，经过三十日，即视为送达。」 The period is the catalogue
rule ``service.public_notice`` (never a bare number); every period that runs from service (the
party's payment, 复议 and 诉讼 periods, the agency's enforcement steps) starts from the date this
returns, not from the day of the 公告.
"""

from __future__ import annotations

from datetime import date

from fazhi.kernel.calendar import WorkCalendar

from .engine import compute_due
from .trace import Due

#: The catalogue rule of 民事诉讼法 第九十五条.
PUBLIC_NOTICE_RULE = "service.public_notice"
#: The mode code every system uses for 公告送达.
PUBLIC_NOTICE = "public_notice"


def deemed_service(posted_on: date, *, calendar: WorkCalendar | None = None) -> Due:
    """The deemed service date of a 公告 posted on ``posted_on``, with its trace."""
    return compute_due(PUBLIC_NOTICE_RULE, posted_on, calendar=calendar)


def service_date(mode: str, on: date, *, calendar: WorkCalendar | None = None) -> date:
    """The legal 送达日 of a document served in ``mode`` on ``on``: the deemed date for 公告
    (民事诉讼法 第九十五条), else ``on`` itself (签收、回执、到达之日: 第八十七条、第九十条、第九十一条)."""
    if mode == PUBLIC_NOTICE:
        return deemed_service(on, calendar=calendar).due
    return on
