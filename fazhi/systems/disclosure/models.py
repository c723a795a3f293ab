"""依申请公开: one row per request, one per consultation of a third party or another agency.

Rows change only through :mod:`fazhi.systems.disclosure.services`, each step a transition of
:data:`fazhi.systems.disclosure.workflow.REQUEST_WORKFLOW` (ledgered, with its history row and
its statutory clocks on the deadlines table).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.acts.models import ActLink
from fazhi.core.ledger.models import StoredFile
from fazhi.core.orgs.models import Agency

from . import rules


class DisclosureRequest(ActLink):
    """政府信息公开申请.

    Like every matter a citizen brings, a request may point at the act it is about
    (:class:`~fazhi.core.acts.models.ActLink`, e.g. the 行政处罚案件 whose file is asked for);
    most requests are about no act, so the description is optional here.
    """

    act_description = models.CharField("所涉行政行为", max_length=300, blank=True, default="")

    agency = models.ForeignKey(
        Agency,
        verbose_name="受理机关",
        on_delete=models.PROTECT,
        related_name="disclosure_requests",
    )
    number = models.CharField("申请编号", max_length=64, db_index=True)
    state = models.CharField("状态", max_length=16, default="new", db_index=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # 申请人 (第二十九条第二款第（一）项)
    applicant_kind = models.CharField(
        "申请人类型", max_length=16, choices=rules.APPLICANT_KIND_CHOICES, default=rules.PERSON
    )
    applicant_name = models.CharField("申请人姓名或名称", max_length=128)
    applicant_id_number = models.CharField("身份证明号码", max_length=32, blank=True)
    applicant_contact = models.CharField("联系方式", max_length=64, blank=True)
    applicant_address = models.CharField("通讯地址", max_length=200, blank=True)

    # 申请 (第二十九条第二款第（二）（三）项)
    content = models.TextField("申请公开的政府信息")
    delivery_form = models.CharField(
        "获取信息的方式", max_length=16, choices=list(rules.DELIVERY_FORMS.items()), default="paper"
    )

    # 收到申请之日 (第三十一条)
    channel = models.CharField("提交渠道", max_length=16, choices=rules.CHANNEL_CHOICES)
    submitted_on = models.DateField(
        "提交（到达）日", help_text="申请人当面提交之日，或信件、数据电文到达之日。"
    )
    signed_on = models.DateField(
        "签收日", null=True, blank=True, help_text="需签收的邮寄：行政机关签收之日。"
    )
    confirmed_on = models.DateField(
        "确认日",
        null=True,
        blank=True,
        help_text="平常信函、互联网、传真：与申请人（双方）确认之日。",
    )
    received_on = models.DateField("收到申请之日", null=True, blank=True, db_index=True)

    # 补正 (第三十条)
    reviewed_on = models.DateField("审查确认日", null=True, blank=True)
    correction_notice_on = models.DateField("补正告知日", null=True, blank=True)
    correction_items = models.TextField("需要补正的事项", blank=True)
    correction_due = models.DateField("补正期限", null=True, blank=True)
    correction_received_on = models.DateField("收到补正申请之日", null=True, blank=True)

    # 延长 (第三十三条第二款)
    extended = models.BooleanField("已延长答复期限", default=False)
    extension_approver = models.CharField(
        "批准人（政府信息公开工作机构负责人）", max_length=64, blank=True
    )
    extension_approved_on = models.DateField("批准日", null=True, blank=True)
    extension_notified_on = models.DateField("告知申请人日", null=True, blank=True)
    extension_reason = models.TextField("延长理由", blank=True)

    # 答复 (第三十六条、第三十七条)
    answer_type = models.CharField(
        "答复类型", max_length=20, choices=rules.ANSWER_TYPE_CHOICES, blank=True, db_index=True
    )
    refusal_ground = models.CharField(
        "不予公开依据", max_length=20, choices=rules.REFUSAL_GROUND_CHOICES, blank=True
    )
    not_processed_reason = models.CharField(
        "不予处理情形", max_length=20, choices=rules.NOT_PROCESSED_CHOICES, blank=True
    )
    reason = models.TextField("理由", blank=True)
    access_way = models.TextField("提供的信息或获取方式、途径", blank=True)
    responsible_agency = models.CharField("负责公开的机关及联系方式", max_length=200, blank=True)
    previous_request = models.ForeignKey(
        "self",
        verbose_name="原申请（重复申请）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    special_law = models.CharField("有特别规定的法律、行政法规", max_length=200, blank=True)
    public_interest_reason = models.TextField(
        "决定公开的公共利益理由",
        blank=True,
        help_text="第三方不同意公开而决定公开的（第三十二条）。",
    )
    answered_on = models.DateField("答复日", null=True, blank=True, db_index=True)
    letter = models.ForeignKey(
        StoredFile,
        verbose_name="答复书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    letter_number = models.CharField("答复书文号", max_length=64, blank=True)
    #: Set on the later records of a number issued twice before numbers were allocated from a
    #: sequence; they keep the number, outside the unique constraint (see numbering.legacy).
    letter_number_duplicate = models.BooleanField(
        "答复书文号历史重号", default=False, editable=False
    )
    published_item_id = models.BigIntegerField("公开事项编号", null=True, blank=True)

    # 终止
    close_reason = models.CharField(
        "终止原因", max_length=16, choices=rules.CLOSE_REASON_CHOICES, blank=True
    )
    closed_on = models.DateField("终止日", null=True, blank=True)

    # what the annual report and the lists read (kept by the services)
    concluded_on = models.DateField("办结日", null=True, blank=True, db_index=True)
    report_row = models.CharField("年报统计项", max_length=32, blank=True)
    answer_due = models.DateField("答复期限届满日", null=True, blank=True, db_index=True)
    answer_due_provisional = models.BooleanField("届满日暂定", default=False)
    on_time = models.BooleanField("按期答复", null=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "received_on", "id"], name="disc_agency_received"),
            models.Index(fields=["agency", "concluded_on"], name="disc_agency_concluded"),
            models.Index(fields=["state", "answer_due", "id"], name="disc_state_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="disc_unique_number"),
            models.UniqueConstraint(
                fields=["agency", "letter_number"],
                condition=~models.Q(letter_number="") & models.Q(letter_number_duplicate=False),
                name="disc_unique_letter_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}"

    def get_absolute_url(self) -> str:
        return reverse("disclosure:detail", args=[self.pk])

    @property
    def answer_rule(self) -> rules.AnswerType | None:
        return rules.ANSWER_TYPES.get(self.answer_type)

    @property
    def report_label(self) -> str:
        return rules.REPORT_LABELS.get(self.report_row, "")

    @property
    def row_class(self) -> str:
        """Lists colour a late answer red."""
        return "red" if self.on_time is False else ""


class Consultation(models.Model):
    """征求意见: of a third party (第三十二条) or of another agency (第三十四条)."""

    class Status(models.TextChoices):
        OPEN = "open", "征求中"
        CLOSED = "closed", "已结束"

    request = models.ForeignKey(
        DisclosureRequest,
        verbose_name="申请",
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    kind = models.CharField("类别", max_length=16, choices=rules.CONSULTATION_CHOICES)
    party = models.CharField("被征求意见方", max_length=200)
    sent_on = models.DateField("发出征求意见书日")
    delivered_on = models.DateField("对方收到征求意见书日")
    due = models.DateField("提出意见期限届满日", null=True, blank=True)
    replied_on = models.DateField("收到意见日", null=True, blank=True)
    opinion = models.CharField("意见", max_length=16, choices=rules.OPINION_CHOICES, blank=True)
    opinion_text = models.TextField("意见内容及理由", blank=True)
    resumed_on = models.DateField(
        "答复期限恢复计算日",
        null=True,
        blank=True,
        help_text="征求意见所需时间至此日结束（第三十三条第三款）。",
    )
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.OPEN)

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["request", "sent_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.party}"
