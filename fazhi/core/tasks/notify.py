"""Notices to the people a task reaches: on the platform (消息), and through the e-mail/SMS
hooks a deployment configures (``FAZHI_NOTIFICATION_HOOKS``: dotted paths of callables taking
``(user, notification)``; :func:`email` is one). Always after commit: a rolled-back step
notifies nobody."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.module_loading import import_string

from .models import Notification, Task
from .selectors import holders

log = logging.getLogger(__name__)

#: A role's queue notifies at most this many holders (a big agency's whole staff is not paged).
MAX_ROLE_RECIPIENTS = 50


def send(user_ids: Iterable[int], text: str, url: str = "") -> list[Notification]:
    """Write the notices now and call the hooks (a failing hook is logged, never raised)."""
    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return []
    rows = Notification.objects.bulk_create(
        [Notification(user_id=pk, text=text[:300], url=url[:300]) for pk in ids]
    )
    hooks = [import_string(p) for p in getattr(settings, "FAZHI_NOTIFICATION_HOOKS", ())]
    if hooks:
        users = get_user_model().objects.in_bulk(ids)
        for n in rows:
            for hook in hooks:
                try:
                    hook(users[n.user_id], n)
                except Exception:  # noqa: BLE001 - a mail server down must not fail the step
                    log.exception("notification hook %r failed", hook)
    return rows


def after_commit(user_ids: Iterable[int], text: str, url: str = "") -> None:
    ids = list(user_ids)
    transaction.on_commit(lambda: send(ids, text, url))


def recipients(task: Task) -> list[int]:
    if task.assignee_id:
        return [task.assignee_id]
    return holders(task.role, task.agency_id)[:MAX_ROLE_RECIPIENTS]


def task_arrived(task: Task) -> None:
    due = (
        ""
        if task.due.year == 9999
        else f"，{task.due.year}年{task.due.month}月{task.due.day}日前办理"
    )
    after_commit(recipients(task), f"新待办：{task.title} · {task.subject_label}{due}", task.url)


def scan(today: date) -> dict[str, int]:
    """The daily reminder: each open task that turned yellow (临期) or red (逾期) since the last
    scan notifies its people once per level. Returns how many tasks were notified per level."""
    from fazhi.core.deadlines.selectors import thresholds

    th = thresholds(today)
    open_tasks = Task.objects.filter(status=Task.Status.OPEN)
    done = {"red": 0, "yellow": 0}
    plans = (
        ("red", open_tasks.filter(due__lt=th.today).exclude(notified_level="red"), "已逾期"),
        (
            "yellow",
            open_tasks.filter(due__gte=th.today, due__lte=th.yellow_until, notified_level=""),
            "即将到期",
        ),
    )
    for level, qs, words in plans:
        for task in qs.iterator(chunk_size=500):
            d = task.due
            with transaction.atomic():
                send(
                    recipients(task),
                    f"待办{words}：{task.title} · {task.subject_label}（{d.year}年{d.month}月{d.day}日届满）",
                    task.url,
                )
                Task.objects.filter(pk=task.pk).update(notified_level=level)
            done[level] += 1
    return done


def email(user: Any, notification: Notification) -> None:
    """A hook: the notice by e-mail to the user's address, when they have one."""
    if getattr(user, "email", ""):
        send_mail(
            "【法治】" + notification.text[:60],
            notification.text + (f"\n{notification.url}" if notification.url else ""),
            None,
            [user.email],
            fail_silently=False,
        )
