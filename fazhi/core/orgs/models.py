"""Divisions, agencies and units.

A government (人民政府) is itself an agency of kind ``government``; its departments point to it
through ``government``. A supervising body (司法局 / 依法治县办) sees the agencies beneath its
government and beneath the lower governments of that government's division.
"""

from __future__ import annotations

from django.db import models

from .validators import validate_division_code, validate_uscc


class Division(models.Model):
    """行政区划 (GB/T 2260)."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "地级"
        COUNTY = "county", "县级"
        TOWNSHIP = "township", "乡级"

    code = models.CharField(
        "区划代码", max_length=12, unique=True, validators=[validate_division_code]
    )
    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """机关: a government or one of its departments, identified by its 统一社会信用代码."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府工作部门"
        JUSTICE = "justice", "司法行政机关"
        OFFICE = "office", "议事协调机构办公室"
        TOWNSHIP = "township", "乡镇人民政府/街道办事处"
        OTHER = "other", "其他"

    name = models.CharField("机关名称", max_length=128, unique=True)
    short_name = models.CharField("简称", max_length=32, blank=True)
    uscc = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc]
    )
    kind = models.CharField("类别", max_length=16, choices=Kind.choices, default=Kind.DEPARTMENT)
    division = models.ForeignKey(Division, verbose_name="行政区划", on_delete=models.PROTECT)
    government = models.ForeignKey(
        "self",
        verbose_name="所属人民政府",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="departments",
        help_text="部门所属的本级人民政府；人民政府本身指向上一级人民政府。",
    )
    is_supervisor = models.BooleanField(
        "法治监督机构", default=False, help_text="司法局或依法治县办：可查看本级政府所属各机关。"
    )
    enforcement_subject = models.BooleanField("行政执法主体", default=False)
    order = models.PositiveIntegerField("排序", default=100)
    active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Unit(models.Model):
    """内设机构、分局或派出机构 of an agency."""

    class Kind(models.TextChoices):
        SECTION = "section", "内设机构"
        BRANCH = "branch", "分局/派出机构"
        TEAM = "team", "执法中队"
        STATION = "station", "乡镇所/站"

    agency = models.ForeignKey(
        Agency, verbose_name="所属机关", on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField("名称", max_length=128)
    kind = models.CharField("类别", max_length=16, choices=Kind.choices, default=Kind.SECTION)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机构",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )

    class Meta:
        verbose_name = "内设机构"
        verbose_name_plural = "内设机构"
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name")]

    def __str__(self) -> str:
        return f"{self.agency.display_name}·{self.name}"
