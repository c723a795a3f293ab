"""The history of every transition (who, when, from, to, comment), beside its ledger entry."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class TransitionLog(models.Model):
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    subject_id = models.BigIntegerField()
    workflow = models.CharField("流程", max_length=64)
    action = models.CharField("动作", max_length=96)
    from_state = models.CharField("原状态", max_length=32, blank=True)
    to_state = models.CharField("新状态", max_length=32, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    time = models.DateTimeField("时间", auto_now_add=True)
    on_date = models.DateField("业务日期")
    comment = models.TextField("说明", blank=True)
    data = models.JSONField("数据", default=dict, blank=True)
    ledger_leaf = models.BigIntegerField("存证回执号")

    # Not stored: set on the rows of engine.labelled_history for pages.
    action_label: str
    from_label: str
    to_label: str

    class Meta:
        verbose_name = "流程记录"
        verbose_name_plural = "流程记录"
        ordering = ["time", "id"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "time"])]

    def __str__(self) -> str:
        return f"{self.action} {self.from_state}→{self.to_state}"
