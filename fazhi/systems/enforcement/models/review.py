"""法制审核 (第五十八条; 118号 四) and 集体讨论 (第五十七条第二款)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .case import Case


class LegalReview(models.Model):
    """One round of 法制审核: the 118号 checklist, and pass or return with written opinions."""

    class Result(models.TextChoices):
        PASSED = "passed", "同意（审核通过）"
        RETURNED = "returned", "存在问题（退回）"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="reviews", verbose_name="案件"
    )
    round = models.PositiveSmallIntegerField("审核轮次", default=1)
    submitted_on = models.DateField("送审日")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="送审人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    materials = models.TextField("送审材料说明", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checklist = models.JSONField("审核事项", default=dict, blank=True)
    result = models.CharField("审核结论", max_length=16, choices=Result.choices, blank=True)
    opinion = models.TextField("书面审核意见", blank=True)
    completed_on = models.DateField("审核完成日", null=True, blank=True)
    #: The case's proposal_generation the reviewer saw (stamped on completion).
    proposal_generation = models.PositiveIntegerField("审核的拟处罚决定版本", default=0)

    class Meta:
        verbose_name = "法制审核"
        verbose_name_plural = "法制审核"
        ordering = ["round", "id"]

    def __str__(self) -> str:
        return f"法制审核第{self.round}轮"


class CollectiveDiscussion(models.Model):
    """集体讨论 by the agency's leadership for complex or major cases."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="discussions", verbose_name="案件"
    )
    held_on = models.DateField("讨论日")
    chair = models.CharField("主持人", max_length=64)
    attendees = models.JSONField("参加人员", default=list)
    minutes = models.TextField("讨论记录")
    result = models.TextField("讨论决定")
    #: The case's proposal_generation the heads discussed.
    proposal_generation = models.PositiveIntegerField("讨论的拟处罚决定版本", default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "集体讨论"
        verbose_name_plural = "集体讨论"
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"集体讨论（{self.held_on}）"
