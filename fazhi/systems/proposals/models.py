"""人大代表建议 and 政协委员提案: one row per item, one per co-handler's opinion.

Rows change only through :mod:`fazhi.systems.proposals.services`, each step a transition of
:data:`fazhi.systems.proposals.workflow.PROPOSAL_WORKFLOW` (ledgered, with its history row and
the answer date on the deadlines table).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from fazhi.core.orgs.models import Agency

from . import rules


class Proposal(models.Model):
    """一件人大代表建议或政协委员提案."""

    agency = models.ForeignKey(
        Agency,
        verbose_name="交办机关",
        on_delete=models.PROTECT,
        related_name="proposals",
        help_text="收到并交办建议、提案的本级人民政府（由政府办登记、交办）。",
    )
    kind = models.CharField("类别", max_length=16, choices=rules.KIND_CHOICES, db_index=True)
    number = models.CharField("编号", max_length=64)
    session = models.CharField("届次会议", max_length=64, help_text="如：县十八届人大三次会议")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    author = models.CharField("代表（委员）", max_length=128)
    co_authors = models.CharField("附议（联名）", max_length=300, blank=True)
    author_contact = models.CharField("联系方式", max_length=64, blank=True)
    title = models.CharField("案由（标题）", max_length=200)
    content = models.TextField("内容")
    received_on = models.DateField("收到日", db_index=True)
    state = models.CharField("状态", max_length=16, default="registered", db_index=True)

    # 交办
    lead_unit = models.ForeignKey(
        Agency,
        verbose_name="主办单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_proposals",
    )
    co_units = models.ManyToManyField(
        Agency, verbose_name="协办单位", blank=True, related_name="co_handled_proposals"
    )
    assigned_on = models.DateField("交办日", null=True, blank=True)
    answer_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    broad_ground = models.TextField(
        "涉及面广、处理难度大的理由",
        blank=True,
        help_text="人大代表建议载明理由的，答复期限为自交办之日起六个月（代表法第五十一条第二款）。",
    )

    # 答复
    answered_on = models.DateField("答复日", null=True, blank=True, db_index=True)
    answer = models.TextField("答复内容", blank=True)
    answer_number = models.CharField("答复文号", max_length=64, blank=True)
    result = models.CharField("办理结果", max_length=1, choices=rules.RESULT_CHOICES, blank=True)
    on_time = models.BooleanField("按期答复", null=True)

    # 征询意见
    satisfaction = models.CharField(
        "代表（委员）意见", max_length=16, choices=rules.SATISFACTION_CHOICES, blank=True
    )
    feedback_on = models.DateField("反馈日", null=True, blank=True)
    feedback_note = models.TextField("反馈意见", blank=True)
    rehandle_count = models.PositiveSmallIntegerField("重新办理次数", default=0)
    concluded_on = models.DateField("办结日", null=True, blank=True, db_index=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "建议、提案"
        verbose_name_plural = "建议、提案"
        ordering = ["-year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "number"], name="proposal_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{rules.KIND_SHORT.get(self.kind, '')}{self.number}：{self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("proposals:detail", args=[self.pk])

    @property
    def row_class(self) -> str:
        open_ = self.state in ("assigned", "rehandling")
        return "red" if open_ and self.answer_due and self.answer_due < timezone.localdate() else ""


class CoOpinion(models.Model):
    """协办单位送主办单位的协办意见."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="建议、提案", on_delete=models.CASCADE, related_name="opinions"
    )
    unit = models.ForeignKey(
        Agency, verbose_name="协办单位", on_delete=models.PROTECT, related_name="+"
    )
    round = models.PositiveSmallIntegerField("办理轮次", default=0)
    submitted_on = models.DateField("送达主办单位日")
    opinion = models.TextField("协办意见")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "协办意见"
        verbose_name_plural = "协办意见"
        ordering = ["submitted_on", "id"]

    def __str__(self) -> str:
        return f"{self.unit} · {self.submitted_on}"
