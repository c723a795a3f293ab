"""The 执法证 a supervisor (or agency head) must renew, as a section of 我的待办.

Certificates still valid whose validity ends within the notice window (60 days by default,
:func:`~fazhi.systems.officers.rules.expiry_notice`), and those still marked valid whose
validity has already run out, soonest first, in the agencies the user may see.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.urls import reverse

from fazhi.core.deadlines.tasks import SECTION_ROWS, TodoItems, TodoRow, TodoSection

from . import policies
from .rules import expiry_notice_days
from .selectors import TO_RENEW


def certificate_tasks(user: Any, today: date) -> TodoItems | None:
    """The user's certificates to renew, or None when renewal is not theirs to see."""
    if not policies.can_open_expiring(user):
        return None
    qs = (
        policies.certificates_scope(user)
        .filter(
            status__in=TO_RENEW,
            expires_on__lte=today + timedelta(days=expiry_notice_days()),
        )
        .order_by("expires_on", "id")
    )
    total = qs.count()
    if not total:
        return TodoItems([], 0, "")
    rows = []
    for cert in qs[:SECTION_ROWS]:
        left = (cert.expires_on - today).days
        note = f"已过有效期 {-left} 天，请换证或注销" if left < 0 else f"剩余 {left} 天"
        rows.append(
            TodoRow(
                label=f"{cert.staff.name} · {cert.get_kind_display()} {cert.number}",
                agency=cert.staff.agency.display_name,
                due=cert.expires_on,
                note=note,
                url=reverse("officers:certificate_detail", args=[cert.pk]),
                overdue=left < 0,
            )
        )
    return TodoItems(rows, total, reverse("officers:expiring"))


SECTION = TodoSection(
    code="officers.certificates",
    title="执法证件到期提醒",
    rows=certificate_tasks,
    order=10,
    help="有效期届满前提醒，以便组织换证培训和考试；提醒天数为管理要求（默认60日），可在设置中调整。",
)
