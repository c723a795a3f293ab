"""行政裁量权基准: per matter, versioned by effective date, published (行政处罚法 第三十四条).

27号 三（六）: 「行政处罚裁量权基准应当包括违法行为、法定依据、裁量阶次、适用条件和具体标准等内容。」
"""

from __future__ import annotations

from django.db import models

from .matters import MONEY, Matter


class Benchmark(models.Model):
    """The benchmark of one matter: the violation and its statutory basis in words."""

    matter = models.OneToOneField(
        Matter, verbose_name="事项", on_delete=models.PROTECT, related_name="benchmark"
    )
    violation = models.CharField("违法行为", max_length=300)
    basis_text = models.TextField("法定依据", blank=True)

    class Meta:
        verbose_name = "行政裁量权基准"
        verbose_name_plural = "行政裁量权基准"
        ordering = ["matter"]

    def __str__(self) -> str:
        return f"{self.matter.name} 裁量基准"


class BenchmarkVersion(models.Model):
    """One version of a benchmark, in force from ``effective_from``; the latest version whose
    date has come applies. A published version cannot be edited: a change is a new version, and
    every decision records the version it applied."""

    benchmark = models.ForeignKey(
        Benchmark, verbose_name="裁量基准", on_delete=models.PROTECT, related_name="versions"
    )
    label = models.CharField("版本", max_length=32)
    effective_from = models.DateField("施行日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    published = models.BooleanField("已向社会公布", default=False)
    published_on = models.DateField("公布日期", null=True, blank=True)
    document_number = models.CharField("公布文号", max_length=64, blank=True)
    created = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "裁量基准版本"
        verbose_name_plural = "裁量基准版本"
        ordering = ["benchmark", "-effective_from", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "label"], name="benchmark_version_label")
        ]

    def __str__(self) -> str:
        return f"{self.benchmark.matter.name} 裁量基准（{self.label}）"

    def in_force_on(self, day) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


class BenchmarkTier(models.Model):
    """A 裁量阶次 with its circumstances and amount range."""

    class Tier(models.TextChoices):
        LENIENT = "lenient", "从轻"
        ORDINARY = "ordinary", "一般"
        SEVERE = "severe", "从重"
        MITIGATED = "mitigated", "减轻"

    class Severity(models.TextChoices):
        # 27号 三（六）: 「明确情节轻微、情节较轻、情节较重、情节严重的具体情形」
        SLIGHT = "slight", "情节轻微"
        LIGHT = "light", "情节较轻"
        SERIOUS = "serious", "情节较重"
        GRAVE = "grave", "情节严重"

    version = models.ForeignKey(
        BenchmarkVersion, verbose_name="版本", on_delete=models.CASCADE, related_name="tiers"
    )
    tier = models.CharField("裁量阶次", max_length=16, choices=Tier.choices)
    severity = models.CharField("违法情节", max_length=16, choices=Severity.choices, blank=True)
    circumstances = models.JSONField(
        "适用情形",
        default=list,
        blank=True,
        help_text='[{"code": "first_violation", "label": "初次违法"}, …]',
    )
    min_amount = models.DecimalField("罚款下限（元）", **MONEY)
    max_amount = models.DecimalField("罚款上限（元）", **MONEY)
    standard = models.TextField("具体标准", blank=True)

    ORDER = {Tier.MITIGATED: 0, Tier.LENIENT: 1, Tier.ORDINARY: 2, Tier.SEVERE: 3}

    class Meta:
        verbose_name = "裁量阶次"
        verbose_name_plural = "裁量阶次"
        ordering = ["version", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "tier"], name="benchmark_tier_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_tier_display()} {self.range_display}"

    @property
    def codes(self) -> list[str]:
        return [c.get("code", "") for c in self.circumstances if c.get("code")]

    @property
    def circumstances_display(self) -> str:
        return "；".join(c.get("label") or c.get("code", "") for c in self.circumstances)

    @property
    def range_display(self) -> str:
        if self.min_amount is None and self.max_amount is None:
            return ""
        low = f"{self.min_amount:,.0f}" if self.min_amount is not None else "0"
        high = f"{self.max_amount:,.0f}" if self.max_amount is not None else "—"
        return f"{low}—{high}元"
