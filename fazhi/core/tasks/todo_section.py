"""待我处理 on 我的待办: the first tasks of the queue, each linking to its record."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from fazhi.core.deadlines.selectors import thresholds
from fazhi.core.deadlines.tasks import SECTION_ROWS, TodoItems, TodoRow, TodoSection

from . import policies, selectors, services


def _rows(user: Any, today: date) -> TodoItems | None:
    if not policies.has_queue(user):
        return None
    th = thresholds(today)
    page = selectors.page(user, size=SECTION_ROWS, th=th)
    total = selectors.mine(user).count() if page.next_cursor else len(page.rows)
    rows = [
        TodoRow(
            label=f"{t.title} · {t.subject_label}",
            agency=t.agency.display_name,
            due=t.due,
            note=f"承办人：{t.assignee}" if t.assignee else "本机关相应角色均可办理",
            url=t.url,
            overdue=t.due < th.today,
            level="red" if t.due < th.today else ("yellow" if t.due <= th.yellow_until else ""),
            no_due=t.due == services.NO_DUE,
        )
        for t in page.rows
    ]
    return TodoItems(rows, total, reverse("tasks:queue"))


SECTION = TodoSection(
    "tasks",
    "待我处理",
    _rows,
    order=1,
    help="交给您或您的角色办理的步骤，点击进入办理页面。",
)
