"""包容审慎 "四张清单": 不予处罚、从轻处罚、减轻处罚、不予实施行政强制措施 (as a county
reports them: tests/fixtures/seeds/001_*.txt).

Each list is versioned by effective date; each item names the matter it covers (or none: it
covers every matter of the agency) and the conditions that must all be present.
"""

from __future__ import annotations

from django.db import models

from fazhi.core.orgs.models import Agency

from .matters import Matter


class LenientList(models.Model):
    class Kind(models.TextChoices):
        NO_PENALTY = "no_penalty", "不予处罚清单"
        LIGHTER = "lighter", "从轻处罚清单"
        MITIGATED = "mitigated", "减轻处罚清单"
        NO_COERCION = "no_coercion", "不予实施行政强制措施清单"

    agency = models.ForeignKey(
        Agency, verbose_name="机关", on_delete=models.PROTECT, related_name="lenient_lists"
    )
    kind = models.CharField("清单类别", max_length=16, choices=Kind.choices)
    title = models.CharField("清单名称", max_length=200)
    version = models.CharField("版本", max_length=32)
    effective_from = models.DateField("施行日期")
    effective_to = models.DateField("失效日期", null=True, blank=True)
    document_number = models.CharField("文号", max_length=64, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    created = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "包容审慎清单"
        verbose_name_plural = "包容审慎清单"
        ordering = ["agency", "kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "version"], name="lenient_list_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.version}）"

    def in_force_on(self, day) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


class LenientListItem(models.Model):
    lenient_list = models.ForeignKey(
        LenientList, verbose_name="清单", on_delete=models.CASCADE, related_name="items"
    )
    matter = models.ForeignKey(
        Matter,
        verbose_name="事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lenient_items",
        help_text="空白：适用于本机关所有事项。",
    )
    description = models.CharField("违法行为", max_length=300)
    conditions = models.JSONField(
        "适用条件",
        default=list,
        help_text='[{"code": "first_violation", "label": "初次违法"}, …]，须全部具备。',
    )
    legal_basis = models.TextField("法律依据", blank=True)
    measure = models.CharField(
        "处理措施", max_length=200, blank=True, help_text="如：责令改正，并进行教育。"
    )
    order = models.PositiveIntegerField("序号", default=0)

    class Meta:
        verbose_name = "清单事项"
        verbose_name_plural = "清单事项"
        ordering = ["lenient_list", "order", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def codes(self) -> list[str]:
        return [c.get("code", "") for c in self.conditions if c.get("code")]

    @property
    def conditions_display(self) -> str:
        return "、".join(c.get("label") or c.get("code", "") for c in self.conditions)
