"""陈述申辩 with its 复核 (第四十五条) and 听证 (第六十三条至第六十五条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .case import Case


class Statement(models.Model):
    """A statement or defence by the party, and the agency's 复核 of it."""

    class Review(models.TextChoices):
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        REJECTED = "rejected", "不予采纳"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="statements", verbose_name="案件"
    )
    received_on = models.DateField("收到日")
    oral = models.BooleanField("口头陈述（已制作笔录）", default=False)
    content = models.TextField("陈述申辩内容")
    file = models.ForeignKey(
        "ledger.StoredFile",
        verbose_name="材料",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_result = models.CharField("复核结果", max_length=16, choices=Review.choices, blank=True)
    review_opinion = models.TextField("复核意见", blank=True)
    reviewed_on = models.DateField("复核日", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="复核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "陈述申辩"
        verbose_name_plural = "陈述申辩"
        ordering = ["received_on", "id"]

    def __str__(self) -> str:
        return f"陈述申辩（{self.received_on}）"


class Hearing(models.Model):
    """听证: requested within 5 working days, notified 7 working days before, chaired by a
    non-investigator, recorded (第六十四条); the decision rests on its record (第六十五条)."""

    class Outcome(models.TextChoices):
        HELD = "held", "已举行"
        WITHDRAWN = "withdrawn", "当事人撤回听证申请"
        ABSENT = "absent", "当事人无正当理由拒不参加"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="hearings", verbose_name="案件"
    )
    requested_on = models.DateField("申请日")
    scheduled_for = models.DateField("听证日", null=True, blank=True)
    location = models.CharField("听证地点", max_length=200, blank=True)
    public = models.BooleanField("公开举行", default=True)
    chair = models.ForeignKey(
        "accounts.StaffMember",
        verbose_name="主持人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notified_on = models.DateField("通知日", null=True, blank=True)
    held_on = models.DateField("举行日", null=True, blank=True)
    outcome = models.CharField("结果", max_length=16, choices=Outcome.choices, blank=True)
    record = models.TextField("听证笔录", blank=True)
    record_file = models.ForeignKey(
        "ledger.StoredFile",
        verbose_name="笔录文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "听证"
        verbose_name_plural = "听证"
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"听证（{self.scheduled_for or self.requested_on}）"

    @property
    def key(self) -> str:
        return f"h{self.pk}"
