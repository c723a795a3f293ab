"""两法衔接: a case that crosses its matter's criminal threshold is transferred to 公安."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from ..states import TRANSFER_STATES
from .case import Case


class Transfer(models.Model):
    """移送 of a case suspected of a crime, tracked from the task to the outcome."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="transfers", verbose_name="案件"
    )
    state = models.CharField("状态", max_length=16, default="raised", db_index=True)
    raised_on = models.DateField("提出日")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提出人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    automatic = models.BooleanField("达到追诉标准自动提出", default=False)
    reason = models.TextField("涉嫌犯罪的理由")
    amount_involved = models.DecimalField(
        "涉案金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    threshold_amount = models.DecimalField(
        "追诉标准（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    threshold_note = models.TextField("追诉标准说明", blank=True)
    receiver = models.CharField("接收机关", max_length=128, blank=True)
    transferred_on = models.DateField("移送日", null=True, blank=True)
    documents = models.JSONField("移送材料（文件摘要）", default=list, blank=True)
    received_on = models.DateField("接收日", null=True, blank=True)
    accepted_on = models.DateField("立案日", null=True, blank=True)
    returned_on = models.DateField("退回日", null=True, blank=True)
    return_reason = models.TextField("不予立案（退回）理由", blank=True)
    outcome = models.TextField("处理结果", blank=True)
    outcome_on = models.DateField("结果日", null=True, blank=True)

    class Meta:
        verbose_name = "涉嫌犯罪案件移送"
        verbose_name_plural = "涉嫌犯罪案件移送"
        ordering = ["raised_on", "id"]

    def __str__(self) -> str:
        return f"移送：{self.case.label}"

    @property
    def state_label(self) -> str:
        return TRANSFER_STATES.get(self.state, self.state)
