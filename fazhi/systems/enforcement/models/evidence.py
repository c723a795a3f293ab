"""调查取证: evidence items, 先行登记保存 and 回避 requests of a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .case import Case


class Evidence(models.Model):
    """One item of evidence; its file is kept by digest in the ledger's file store."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", "书证"
        PHYSICAL = "physical", "物证"
        AUDIOVISUAL = "audiovisual", "视听资料"
        ELECTRONIC = "electronic", "电子数据"
        WITNESS = "witness", "证人证言"
        PARTY = "party", "当事人的陈述"
        EXPERT = "expert", "鉴定意见"
        RECORD = "record", "勘验笔录、现场笔录"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="evidence", verbose_name="案件"
    )
    kind = models.CharField("证据种类", max_length=16, choices=Kind.choices)
    title = models.CharField("证据名称", max_length=200)
    description = models.TextField("证明事项", blank=True)
    file = models.ForeignKey(
        "ledger.StoredFile",
        verbose_name="文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    collected_on = models.DateField("取证日")
    collected_by = models.CharField("取证人", max_length=128, blank=True)
    id_shown = models.BooleanField(
        "已出示执法证件", default=True, help_text="《中华人民共和国行政处罚法》第五十五条。"
    )
    electronic_monitoring = models.BooleanField("电子技术监控设备取得", default=False)
    monitoring_audited = models.BooleanField(
        "电子监控证据已审核",
        default=False,
        help_text="《中华人民共和国行政处罚法》第四十一条第二款：未经审核或者经审核不符合要求的，不得作为行政处罚的证据。",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据"
        ordering = ["collected_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"

    @property
    def usable(self) -> bool:
        return not self.electronic_monitoring or self.monitoring_audited


class Preservation(models.Model):
    """先行登记保存 (第五十六条): approved by the head, decided within 7 working days."""

    class Decision(models.TextChoices):
        RELEASE = "release", "解除先行登记保存"
        CONFISCATE = "confiscate", "依法没收"
        SEIZE = "seize", "依法查封、扣押"
        TRANSFER = "transfer", "移送有关机关处理"
        TEST = "test", "送交检验、检测、检疫、鉴定"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="preservations", verbose_name="案件"
    )
    items = models.TextField("保存物品")
    reason = models.TextField("保存理由", blank=True)
    preserved_on = models.DateField("保存日")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准的机关负责人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    due = models.DateField("处理决定期限", null=True, blank=True)
    decision = models.CharField("处理决定", max_length=16, choices=Decision.choices, blank=True)
    decision_detail = models.TextField("处理决定内容", blank=True)
    decided_on = models.DateField("作出处理决定日", null=True, blank=True)

    class Meta:
        verbose_name = "先行登记保存"
        verbose_name_plural = "先行登记保存"
        ordering = ["preserved_on", "id"]

    def __str__(self) -> str:
        return f"先行登记保存（{self.preserved_on}）"

    @property
    def key(self) -> str:
        return f"p{self.pk}"


class Recusal(models.Model):
    """回避申请 (第四十三条): decided by the head; the investigation does not stop meanwhile."""

    class Decision(models.TextChoices):
        GRANTED = "granted", "决定回避"
        REJECTED = "rejected", "驳回申请"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="recusals", verbose_name="案件"
    )
    applicant = models.CharField("申请人", max_length=128)
    target = models.ForeignKey(
        "accounts.StaffMember",
        verbose_name="被申请回避人员",
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField("申请理由")
    requested_on = models.DateField("申请日")
    decision = models.CharField("决定", max_length=16, choices=Decision.choices, blank=True)
    decided_on = models.DateField("决定日", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "回避申请"
        verbose_name_plural = "回避申请"
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"回避申请：{self.target.name}"
