"""执法主体 and 行政执法事项清单: each matter with its legal bases, versioned by effective date."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.orgs.models import Agency, Unit

MONEY = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}


class EnforcementSubject(models.Model):
    """执法主体 record of an agency: what 事前公示 shows about the agency itself.

    118号 二（四）: 「全面准确及时主动公开行政执法主体、人员、职责、权限、依据、程序、救济渠道…」
    """

    class Nature(models.TextChoices):
        STATUTORY = "statutory", "法定行政机关"
        AUTHORISED = "authorised", "法律法规授权的组织"
        ENTRUSTED = "entrusted", "受委托组织"

    agency = models.OneToOneField(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="enforcement_profile"
    )
    nature = models.CharField(
        "主体性质", max_length=16, choices=Nature.choices, default=Nature.STATUTORY
    )
    basis = models.TextField(
        "主体资格依据", blank=True, help_text="如三定方案、授权或委托的法律法规条款。"
    )
    duties = models.TextField("职责权限", blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=64, blank=True)
    complaint_phone = models.CharField("投诉监督电话", max_length=64, blank=True)
    procedure = models.TextField(
        "执法程序", blank=True, help_text="执法流程说明，或流程图所在位置。"
    )
    remedies = models.TextField(
        "救济渠道", blank=True, help_text="申请行政复议、提起行政诉讼的途径和期限。"
    )
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "执法主体信息"
        verbose_name_plural = "执法主体信息"

    def __str__(self) -> str:
        return f"{self.agency.name}（{self.get_nature_display()}）"


class Matter(models.Model):
    """行政执法事项: one enforceable power of an agency."""

    class Kind(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        LICENCE = "licence", "行政许可"
        COERCION = "coercion", "行政强制"
        INSPECTION = "inspection", "行政检查"
        LEVY = "levy", "行政征收"
        CONFIRMATION = "confirmation", "行政确认"
        OTHER = "other", "其他"

    agency = models.ForeignKey(
        Agency, verbose_name="实施机关", on_delete=models.PROTECT, related_name="matters"
    )
    code = models.CharField("事项编码", max_length=64)
    name = models.CharField("事项名称", max_length=300)
    kind = models.CharField("事项类型", max_length=16, choices=Kind.choices)
    field = models.CharField(
        "执法领域", max_length=32, help_text="与执法证件载明的领域一致，如“市场监管”。"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="承办机构",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matters",
    )
    fine_min = models.DecimalField("罚款下限（元）", **MONEY)
    fine_max = models.DecimalField("罚款上限（元）", **MONEY)
    in_review_catalogue = models.BooleanField("纳入重大执法决定法制审核目录", default=False)
    review_catalogue_reason = models.CharField("纳入目录理由", max_length=300, blank=True)
    criminal_threshold_amount = models.DecimalField(
        "涉嫌犯罪移送标准（元）", **MONEY, help_text="两法衔接：金额达到该标准的，移送司法机关。"
    )
    criminal_threshold_note = models.CharField("移送标准说明", max_length=300, blank=True)
    life_health_finance = models.BooleanField(
        "涉及公民生命健康安全、金融安全",
        default=False,
        help_text="行政处罚法第三十六条：且有危害后果的，追责期限延长至五年。",
    )
    active = models.BooleanField("有效", default=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "行政执法事项"
        verbose_name_plural = "行政执法事项"
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="matter_code_per_agency")
        ]
        indexes = [models.Index(fields=["agency", "kind", "active"], name="matter_agency_kind")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def fine_range_display(self) -> str:
        if self.fine_min is None and self.fine_max is None:
            return ""
        low = f"{self.fine_min:,.0f}" if self.fine_min is not None else "—"
        high = f"{self.fine_max:,.0f}" if self.fine_max is not None else "—"
        return f"{low}—{high}元"


class LegalBasis(models.Model):
    """One version of a matter's legal basis (instrument, article, quoted text), in force from
    ``effective_from`` to ``effective_to`` (inclusive; open-ended when null).

    Keeping each version with its own fine range lets 第三十七条 从旧兼从轻 compare the law at
    the time of the act with the law at the time of the decision. :func:`selectors.basis_for`
    sets the non-field attributes below on the instance it returns.
    """

    class Role(models.TextChoices):
        PRIMARY = "primary", "实施（处罚）依据"
        RELATED = "related", "违法（设定）依据"

    matter = models.ForeignKey(
        Matter, verbose_name="事项", on_delete=models.CASCADE, related_name="bases"
    )
    role = models.CharField("依据类别", max_length=16, choices=Role.choices, default=Role.PRIMARY)
    instrument = models.CharField("法律文件", max_length=200)
    article = models.CharField("条款", max_length=100)
    quote = models.TextField("条文内容")
    effective_from = models.DateField("施行日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    fine_min = models.DecimalField("罚款下限（元）", **MONEY)
    fine_max = models.DecimalField("罚款上限（元）", **MONEY)

    # Set by selectors.basis_for (第三十七条), not stored.
    new_law_applied: bool = False
    no_longer_punishable: bool = False
    explanation: str = ""

    class Meta:
        verbose_name = "法律依据"
        verbose_name_plural = "法律依据"
        ordering = ["matter", "role", "effective_from", "id"]
        indexes = [
            models.Index(fields=["matter", "role", "effective_from"], name="basis_matter_from")
        ]

    def __str__(self) -> str:
        return f"{self.instrument}{self.article}"

    @property
    def citation(self) -> str:
        instrument = (
            self.instrument if self.instrument.startswith("《") else f"《{self.instrument}》"
        )
        return f"{instrument}{self.article}"

    def in_force_on(self, day) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


class MatterListRevision(models.Model):
    """A version of an agency's matter list: each import or publication is one revision, with the
    file it came from kept by digest."""

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.CASCADE, related_name="matter_revisions"
    )
    number = models.PositiveIntegerField("版本号")
    effective_from = models.DateField("施行日期")
    note = models.CharField("说明", max_length=300, blank=True)
    file_digest = models.CharField("来源文件摘要", max_length=64, blank=True)
    counts = models.JSONField("变更统计", default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="操作人",
    )
    created = models.DateTimeField("创建时间", auto_now_add=True)
    ledger_leaf = models.BigIntegerField("存证回执号", null=True, blank=True)

    class Meta:
        verbose_name = "事项清单版本"
        verbose_name_plural = "事项清单版本"
        ordering = ["agency", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="matter_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.agency.display_name} 事项清单第{self.number}版（{self.effective_from}施行）"
