"""Deadlines and the official calendar entered by supervisors."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from fazhi.core.orgs.models import Agency

#: ``Deadline.binds`` of the agency's own periods. The others (``citizen``, ``court``) are
#: windows of the party or the court: never the agency's delay, never flagged yellow or red.
AGENCY = "agency"


class Deadline(models.Model):
    """One running (or finished) statutory time limit of one subject."""

    class Status(models.TextChoices):
        OPEN = "open", "进行中"
        SUSPENDED = "suspended", "已中止计算"
        MET = "met", "已完成"
        CANCELLED = "cancelled", "已撤销"

    class Level(models.TextChoices):
        NORMAL = "normal", "正常"
        YELLOW = "yellow", "临期"
        RED = "red", "逾期"

    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="对象类型")
    subject_id = models.BigIntegerField("对象编号")
    subject_label = models.CharField("事项", max_length=200)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, verbose_name="承办机关", related_name="deadlines"
    )
    rule_id = models.CharField("期限规则", max_length=64)
    key = models.CharField("区分键", max_length=32, blank=True, default="")
    title = models.CharField("期限事项", max_length=200)
    binds = models.CharField("约束对象", max_length=16, default="agency")
    trigger = models.DateField("起算日")
    restart = models.DateField("重新起算日", null=True, blank=True)
    suspensions = models.JSONField("中止期间", default=list, blank=True)
    suspended_since = models.DateField("中止起始日", null=True, blank=True)
    extended = models.BooleanField("已延长", default=False)
    extension_length = models.PositiveSmallIntegerField(
        "延长期限", null=True, blank=True, help_text="部分延长时的单位数；为空表示按规则全部延长。"
    )
    due = models.DateField("届满日", db_index=True)
    provisional = models.BooleanField(
        "暂定", default=False, help_text="届满日所依赖的年度放假安排尚未公布，按法定节假日推算。"
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.OPEN)
    level = models.CharField("提示", max_length=8, choices=Level.choices, default=Level.NORMAL)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="承办人",
        related_name="deadlines",
    )
    role = models.CharField("承办角色", max_length=32, blank=True)
    closed_on = models.DateField("完成日", null=True, blank=True)
    on_time = models.BooleanField("按期完成", null=True)
    created = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "期限"
        verbose_name_plural = "期限"
        indexes = [
            models.Index(fields=["status", "due", "id"], name="deadline_status_due"),
            models.Index(fields=["agency", "status", "due", "id"], name="deadline_agency_due"),
            models.Index(fields=["assignee", "status", "due", "id"], name="deadline_assignee_due"),
            models.Index(fields=["rule_id", "due", "id"], name="deadline_rule_due"),
            models.Index(fields=["subject_type", "subject_id"], name="deadline_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.subject_label} · {self.title} · {self.due}"

    @property
    def citation(self) -> str:
        """The rule's source for pages, e.g. "《中华人民共和国行政处罚法》第六十条" (the rule id
        only when the rule has left the catalogue)."""
        from fazhi.kernel.timelimits import RULES

        rule = RULES.get(self.rule_id)
        return rule.short_citation if rule is not None else self.rule_id

    @property
    def row_class(self) -> str:
        return self.level if self.status in (self.Status.OPEN, self.Status.SUSPENDED) else ""


class CalendarNotice(models.Model):
    """国务院办公厅 notice of a year's holidays, entered the day it is published."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("通知标题", max_length=200)
    document_number = models.CharField("文号", max_length=64, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="录入人",
    )
    entered_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "放假安排通知"
        verbose_name_plural = "放假安排通知"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"


class CalendarDay(models.Model):
    """A day the notice declares a holiday (放假) or a working day (调休上班)."""

    notice = models.ForeignKey(CalendarNotice, on_delete=models.CASCADE, related_name="days")
    day = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("上班")
    name = models.CharField("名称", max_length=32, blank=True)

    class Meta:
        verbose_name = "放假调休日"
        verbose_name_plural = "放假调休日"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {'上班' if self.is_workday else '放假'} {self.name}"
