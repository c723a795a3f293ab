"""执行: payments, deferral or instalments (第六十六条), 复议/诉讼 that freeze the surcharge."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from .case import Case


class Payment(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="payments", verbose_name="案件"
    )
    paid_on = models.DateField("缴款日")
    amount = models.DecimalField("缴纳罚没款（元）", max_digits=14, decimal_places=2)
    surcharge = models.DecimalField(
        "缴纳加处罚款（元）", max_digits=14, decimal_places=2, default=Decimal("0")
    )
    receipt_number = models.CharField("票据号", max_length=64, blank=True)
    # 当场收缴 (第六十八条) and its hand-in (第七十一条)
    on_spot = models.BooleanField("当场收缴", default=False)
    on_spot_ground = models.CharField(
        "当场收缴的情形",
        max_length=8,
        blank=True,
        choices=[("small", "依法给予一百元以下罚款"), ("hard", "不当场收缴事后难以执行")],
    )
    on_spot_reason = models.TextField("不当场收缴事后难以执行的情况", blank=True)
    on_water = models.BooleanField("在水上当场收缴", default=False)
    landed_on = models.DateField("抵岸日", null=True, blank=True)
    handed_in_on = models.DateField("交至行政机关日", null=True, blank=True)
    deposited_on = models.DateField("缴付指定银行日", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "缴款"
        verbose_name_plural = "缴款"
        ordering = ["paid_on", "id"]

    def __str__(self) -> str:
        return f"{self.paid_on} 缴款 {self.amount} 元"


class Deferral(models.Model):
    """暂缓或者分期缴纳 approved by the agency (第六十六条第二款)."""

    class Kind(models.TextChoices):
        DEFER = "defer", "暂缓缴纳"
        INSTALMENTS = "instalments", "分期缴纳"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="deferrals", verbose_name="案件"
    )
    kind = models.CharField("方式", max_length=16, choices=Kind.choices)
    reason = models.TextField("当事人申请理由")
    approved_on = models.DateField("批准日")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    until = models.DateField("缴纳期限")
    instalments = models.JSONField("分期安排", default=list, blank=True)

    class Meta:
        verbose_name = "暂缓（分期）缴纳"
        verbose_name_plural = "暂缓（分期）缴纳"
        ordering = ["approved_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}至{self.until}"


class Remedy(models.Model):
    """行政复议 or 行政诉讼 against the decision: while it runs no surcharge accrues
    (第七十三条第三款); an outcome that changes, revokes or voids the decision withdraws its
    publication (第四十八条)."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", "行政复议"
        LITIGATION = "litigation", "行政诉讼"

    class Result(models.TextChoices):
        MAINTAINED = "maintained", "维持（驳回）"
        CHANGED = "changed", "变更"
        REVOKED = "revoked", "撤销"
        UNLAWFUL = "unlawful", "确认违法"
        VOID = "void", "确认无效"
        WITHDRAWN = "withdrawn", "申请人撤回（撤诉）"

    UNDOING = frozenset({"changed", "revoked", "unlawful", "void"})

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="remedies", verbose_name="案件"
    )
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    body = models.CharField("复议机关（法院）", max_length=128, blank=True)
    filed_on = models.DateField("申请（起诉）日")
    ended_on = models.DateField("结束日", null=True, blank=True)
    result = models.CharField("结果", max_length=16, choices=Result.choices, blank=True)

    class Meta:
        verbose_name = "复议诉讼"
        verbose_name_plural = "复议诉讼"
        ordering = ["filed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.filed_on}）"
