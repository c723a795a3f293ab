"""Enforcement personnel: certificates (执法证/监督证) with their history, training, exams, and the
legal reviewers' 法律职业资格.

Every row here is written by :mod:`fazhi.systems.officers.services`; nothing saves these models
directly, and a certificate's status changes only through its declared workflow
(:mod:`fazhi.systems.officers.workflow`). A certificate's status on a past day is read from its events, so that "did this officer
hold a valid certificate on the day of the act" is answered for the day of the act, not today.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.utils import timezone

from fazhi.core.accounts.models import StaffMember

from .rules import expiry_notice_days


class Certificate(models.Model):
    """行政执法证 or 行政执法监督证 of one staff member."""

    class Kind(models.TextChoices):
        ENFORCEMENT = "enforcement", "行政执法证"
        SUPERVISION = "supervision", "行政执法监督证"

    class Status(models.TextChoices):
        #: Only inside the 发证 transaction: the row exists, the issue step has not yet run.
        NEW = "new", "待发证"
        VALID = "valid", "有效"
        SUSPENDED = "suspended", "暂扣"
        #: Set by the daily expiry scan when the validity has ended.
        EXPIRED = "expired", "已过期"
        REVOKED = "revoked", "注销"

    staff = models.ForeignKey(
        StaffMember, verbose_name="持证人", on_delete=models.PROTECT, related_name="certificates"
    )
    kind = models.CharField(
        "证件类别", max_length=16, choices=Kind.choices, default=Kind.ENFORCEMENT
    )
    number = models.CharField("证件编号", max_length=32, unique=True)
    fields = models.JSONField(
        "执法领域", default=list, help_text="证件载明的执法领域，如“市场监管”。"
    )
    issuer = models.CharField("发证机关", max_length=100, blank=True)
    issued_on = models.DateField("发证日期")
    expires_on = models.DateField("有效期至", db_index=True)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.VALID)
    status_changed_on = models.DateField("状态变更日期")
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "执法证件"
        verbose_name_plural = "执法证件"
        ordering = ["expires_on", "id"]
        indexes = [models.Index(fields=["status", "expires_on", "id"], name="cert_status_expiry")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}（{self.staff.name}）"

    @property
    def fields_display(self) -> str:
        return "、".join(self.fields)

    def is_expired(self, on: date | None = None) -> bool:
        return self.expires_on < (on or timezone.localdate())

    def expiring_within(self, days: int, on: date | None = None) -> bool:
        today = on or timezone.localdate()
        return today <= self.expires_on <= today + timedelta(days=days)

    @property
    def state_label(self) -> str:
        """Status as a user reads it today: an expired valid certificate shows as 已过期."""
        if self.status == self.Status.VALID and self.is_expired():
            return "已过期"
        return self.get_status_display()

    @property
    def row_class(self) -> str:
        """List colour: red when unusable today, yellow when it enters the renewal window."""
        if self.status != self.Status.VALID or self.is_expired():
            return "red"
        return "yellow" if self.expiring_within(expiry_notice_days()) else ""


class CertificateEvent(models.Model):
    """One change of a certificate: the history the day-of-the-act check reads."""

    class Kind(models.TextChoices):
        ISSUED = "issued", "发证"
        RENEWED = "renewed", "换证（延续有效期）"
        SUSPENDED = "suspended", "暂扣"
        REINSTATED = "reinstated", "恢复使用"
        REVOKED = "revoked", "注销"
        EXPIRED = "expired", "有效期届满"

    certificate = models.ForeignKey(
        Certificate, verbose_name="证件", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField("变更", max_length=16, choices=Kind.choices)
    on = models.DateField("生效日期")
    valid_until = models.DateField(
        "有效期至", null=True, blank=True, help_text="发证、换证时的新有效期。"
    )
    reason = models.CharField("原因", max_length=300, blank=True)
    ledger_leaf = models.BigIntegerField("存证回执号", null=True, blank=True)
    created = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "证件变更记录"
        verbose_name_plural = "证件变更记录"
        ordering = ["certificate", "on", "id"]

    def __str__(self) -> str:
        return f"{self.certificate.number} {self.get_kind_display()} {self.on}"


class TrainingRecord(models.Model):
    """学时 of one training attended by one staff member."""

    class Category(models.TextChoices):
        POLITICS = "politics", "政治理论和党性教育"
        PUBLIC_LAW = "public_law", "公共法律知识"
        PROFESSIONAL_LAW = "professional_law", "专业法律知识"
        SKILLS = "skills", "执法技能"
        NEW_LAW = "new_law", "新法新规专题"
        DISCRETION = "discretion", "包容审慎执法与裁量基准运用"
        OTHER = "other", "其他业务培训"

    staff = models.ForeignKey(
        StaffMember,
        verbose_name="参训人员",
        on_delete=models.PROTECT,
        related_name="training_records",
    )
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    category = models.CharField("类别", max_length=24, choices=Category.choices)
    title = models.CharField("培训名称", max_length=200)
    date = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    provider = models.CharField("主办单位", max_length=100, blank=True)
    created = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "培训记录"
        verbose_name_plural = "培训记录"
        ordering = ["-date", "id"]
        indexes = [models.Index(fields=["staff", "year"], name="training_staff_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["staff", "date", "title"], name="training_unique_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff.name} {self.date} {self.title}（{self.hours}学时）"


# 纲要 （三十四）: the 60 学时 are 「在完成政治理论教育和党性教育学时的基础上」, so those hours do not count.
COUNTED_CATEGORIES = frozenset(set(TrainingRecord.Category) - {TrainingRecord.Category.POLITICS})


class ExamResult(models.Model):
    """执法资格考试 or 年度考试 result."""

    class Kind(models.TextChoices):
        QUALIFICATION = "qualification", "执法资格考试"
        ANNUAL = "annual", "年度学法考试"
        OTHER = "other", "其他考试"

    staff = models.ForeignKey(
        StaffMember, verbose_name="考生", on_delete=models.PROTECT, related_name="exam_results"
    )
    kind = models.CharField(
        "考试类别", max_length=16, choices=Kind.choices, default=Kind.QUALIFICATION
    )
    name = models.CharField("考试名称", max_length=200, blank=True)
    date = models.DateField("考试日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1)
    passed = models.BooleanField("是否通过")

    class Meta:
        verbose_name = "考试成绩"
        verbose_name_plural = "考试成绩"
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return f"{self.staff.name} {self.date} {self.score}"


class LegalQualification(models.Model):
    """法律职业资格证书 (行政处罚法 第五十八条第二款)."""

    staff = models.ForeignKey(
        StaffMember,
        verbose_name="持证人",
        on_delete=models.PROTECT,
        related_name="legal_qualifications",
    )
    number = models.CharField("法律职业资格证书编号", max_length=32, unique=True)
    obtained_on = models.DateField("取得日期")

    class Meta:
        verbose_name = "法律职业资格"
        verbose_name_plural = "法律职业资格"
        ordering = ["staff", "obtained_on"]

    def __str__(self) -> str:
        return f"{self.staff.name} {self.number}"


class ReviewerProfile(models.Model):
    """法制审核人员名册: who reviews, and since when (the "初次从事" date of 第五十八条第二款)."""

    staff = models.OneToOneField(
        StaffMember,
        verbose_name="法制审核人员",
        on_delete=models.PROTECT,
        related_name="reviewer_profile",
    )
    first_reviewed_on = models.DateField("初次从事法制审核日期")
    active = models.BooleanField("在岗", default=True)

    class Meta:
        verbose_name = "法制审核人员"
        verbose_name_plural = "法制审核人员"

    def __str__(self) -> str:
        return f"{self.staff.name}（法制审核）"
