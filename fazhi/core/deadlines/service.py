"""公告送达 for every system: the deemed service date on the official calendar.

A document served by 公告 counts as served thirty days after the 公告 (民事诉讼法 第九十五条,
kernel rule ``service.public_notice``). A system that offers 公告送达 stores both dates (the
公告 and the deemed 送达日) and starts every clock that runs from service — the party's
payment, 复议 and 诉讼 periods, the agency's enforcement steps — from the deemed date: it calls
:func:`service_date` in its effect and gives :func:`served_on` to its timers' ``on``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fazhi.kernel.timelimits import PUBLIC_NOTICE, PUBLIC_NOTICE_RULE, deemed_service

from .official import calendar

__all__ = [
    "PUBLIC_NOTICE",
    "PUBLIC_NOTICE_LABEL",
    "PUBLIC_NOTICE_RULE",
    "SERVICE_MODES",
    "deemed_date",
    "service_date",
    "served_on",
]

PUBLIC_NOTICE_LABEL = "公告送达"

#: The modes of service of 民事诉讼法 第七章第二节, for a system's 送达方式 field ("" = 直接送达).
SERVICE_MODES = (
    ("direct", "直接送达"),
    ("left", "留置送达"),
    ("electronic", "电子送达"),
    ("entrusted", "委托送达"),
    ("postal", "邮寄送达"),
    (PUBLIC_NOTICE, PUBLIC_NOTICE_LABEL),
)


def deemed_date(posted_on: date) -> date:
    """The deemed service date of a 公告 posted on ``posted_on`` (民事诉讼法 第九十五条)."""
    return deemed_service(posted_on, calendar=calendar()).due


def service_date(mode: str, on: date) -> date:
    """The legal 送达日 of a document served in ``mode`` on ``on``: the deemed date for
    公告送达, else ``on``."""
    return deemed_date(on) if mode == PUBLIC_NOTICE else on


def served_on(mode_key: str = "mode", date_key: str = "") -> Callable[[Any], date]:
    """For a timer's ``on``: the step's 送达日 — the deemed date when the step's ``mode_key`` is
    公告送达 — from its date ``date_key`` (else the step's date)."""

    def read(ctx: Any) -> date:
        on = (ctx.day(date_key) if date_key else None) or ctx.on_date
        return service_date(str(ctx.data.get(mode_key) or ""), on)

    return read
