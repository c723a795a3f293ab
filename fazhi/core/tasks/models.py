"""Who handles a record (主办/协办), the tasks waiting for a person, and the notices they get."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from fazhi.core.deadlines.models import Deadline
from fazhi.core.orgs.models import Agency

#: The ``due`` of a task no clock times: sorts after every dated task in one index seek.
NO_DUE = date(9999, 12, 31)


class Assignment(models.Model):
    """The record's 主办 (lead) and 协办 (assistant); the agency head may reassign."""

    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="对象类型")
    subject_id = models.BigIntegerField("对象编号")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, verbose_name="承办机关")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="主办人",
    )
    assistant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="协办人",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="指定人",
    )
    assigned_at = models.DateTimeField("指定时间", auto_now=True)

    class Meta:
        verbose_name = "承办人"
        verbose_name_plural = "承办人"
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"], name="assignment_one_per_record"
            )
        ]
        indexes = [models.Index(fields=["lead"], name="assignment_lead")]

    def __str__(self) -> str:
        return f"主办 {self.lead or '—'} · 协办 {self.assistant or '—'}"


class Task(models.Model):
    """One step a record waits for: in one person's queue, or in a role's queue at an agency."""

    class Status(models.TextChoices):
        OPEN = "open", "待办理"
        DONE = "done", "已办理"

    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="对象类型")
    subject_id = models.BigIntegerField("对象编号")
    subject_label = models.CharField("事项", max_length=200)
    url = models.CharField("办理页面", max_length=300, blank=True)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, verbose_name="承办机关", related_name="tasks"
    )
    workflow = models.CharField("流程", max_length=64)
    kind = models.CharField("待办种类", max_length=160)
    title = models.CharField("待办事项", max_length=64)
    role = models.CharField("承办角色", max_length=32)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name="承办人",
    )
    deadline = models.ForeignKey(
        Deadline,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name="期限",
    )
    #: The deadline's date (kept equal to it on every write of the clock and on a recompute),
    #: so a queue of thousands is one index seek ordered by the clock.
    due = models.DateField("届满日", default=NO_DUE)
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField("产生时间", auto_now_add=True)
    closed_at = models.DateTimeField("办理时间", null=True, blank=True)
    #: The last level ("yellow", "red") its person was notified of.
    notified_level = models.CharField("已提醒", max_length=8, blank=True)

    class Meta:
        verbose_name = "待办"
        verbose_name_plural = "待办"
        indexes = [
            # Each queue branch (mine; a role's at an agency, assignee NULL) is one range of one
            # index, in clock order, and holds the title: the page is a seek and the 工作台
            # counts an index-only scan of the user's open tasks.
            models.Index(
                fields=["assignee", "status", "due", "id", "title"], name="task_assignee_due"
            ),
            models.Index(
                fields=["agency", "role", "assignee", "status", "due", "id", "title"],
                name="task_role_queue_due",
            ),
            models.Index(fields=["subject_type", "subject_id", "status"], name="task_subject"),
            models.Index(fields=["deadline"], name="task_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.subject_label}"

    @property
    def role_label(self) -> str:
        from fazhi.core.accounts import roles

        return roles.label(self.role)


class Notification(models.Model):
    """A notice on the platform (and by the configured e-mail/SMS hooks) to one person."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="接收人",
    )
    text = models.CharField("内容", max_length=300)
    url = models.CharField("链接", max_length=300, blank=True)
    created = models.DateTimeField("时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "消息"
        verbose_name_plural = "消息"
        ordering = ["-id"]
        indexes = [models.Index(fields=["user", "read_at", "id"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text
