"""信访事项 and 12345 工单, each pointing at the act it is about (:class:`ActLink`).

- :class:`Petition`: registered by the body that received it (a 信访部门, 第二十二条, or another
  agency, 第二十三条第二款), routed (转送/交办) to the responsible agency which may object within
  5 working days (第二十三条第三款), accepted and handled within 60 days (+30, 第三十四条), answered
  by a 处理意见书 (第三十二条), then 复查 and 复核 (第三十五、三十六条); after 复核 the matter is
  final. :class:`PetitionHearing` is a 复核 hearing whose time is not counted (第三十六条第二款).
- :class:`HotlineTicket`: a 12345 ticket dispatched by the hotline office to a unit, signed for,
  returned (:class:`TicketBounce`, counted against the unit) and arbitrated, answered and called
  back for satisfaction.

Rows change only through :mod:`fazhi.systems.petitions.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from fazhi.core.acts.models import ActLink
from fazhi.core.ledger.models import StoredFile
from fazhi.core.orgs.models import Agency

from . import rules


def _agency(label: str, related: str = "+", null: bool = True) -> models.ForeignKey:
    return models.ForeignKey(
        Agency,
        verbose_name=label,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name=related,
    )


class Petition(ActLink):
    """信访事项."""

    agency = _agency("登记机关", "petitions", null=False)
    received_by_office = models.BooleanField(
        "由信访部门收到",
        default=True,
        help_text="是：第二十二条（信访部门）；否：第二十三条第二款。",
    )
    number = models.CharField("信访件编号", max_length=64, db_index=True)
    state = models.CharField("状态", max_length=16, default="new", db_index=True)
    responsible = _agency("当前责任机关")
    channel = models.CharField("信访形式", max_length=16, choices=rules.CHANNEL_CHOICES)
    petitioner_name = models.CharField("信访人", max_length=128, db_index=True)
    petitioner_id_number = models.CharField("身份证明号码", max_length=32, blank=True)
    petitioner_contact = models.CharField("联系方式", max_length=64, blank=True)
    petitioner_address = models.CharField("住址", max_length=200, blank=True)
    identity_unclear = models.BooleanField(
        "姓名（名称）、住址不清",
        default=False,
        help_text="不清的，无须书面告知（第二十三条第二款）。",
    )
    content = models.TextField("投诉请求")
    facts_reasons = models.TextField("事实和理由", blank=True)
    concerned_agency = _agency("涉及单位")
    received_on = models.DateField("收到信访事项之日", db_index=True)
    previous = models.ForeignKey(
        "self",
        verbose_name="此前同一事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    new_facts = models.TextField(
        "新的事实和理由", blank=True, help_text="复核终结后再次提出的，须有新的事实和理由。"
    )

    # 分类处理 (第二十二条) and 告知 (第二十三条)
    route = models.CharField("处理方式", max_length=16, choices=rules.ROUTE_CHOICES, blank=True)
    routed_on = models.DateField("转送/交办日", null=True, blank=True)
    handler_agency = _agency("承办机关")
    delivered_on = models.DateField("承办机关收到日", null=True, blank=True)
    notice_on = models.DateField("书面告知日", null=True, blank=True)
    objection_on = models.DateField("提出异议日", null=True, blank=True)
    objection_reason = models.TextField("异议理由", blank=True)
    objections = models.PositiveSmallIntegerField("异议次数", default=0)
    diversion = models.CharField(
        "导入法定途径", max_length=20, choices=rules.DIVERSION_CHOICES, blank=True
    )
    accepted_on = models.DateField("受理日", null=True, blank=True)

    # 延长 (第三十四条)
    extended = models.BooleanField("已延长办理期限", default=False)
    extension_days = models.PositiveSmallIntegerField("延长日数", null=True, blank=True)
    extension_approver = models.CharField("批准人（本机关、单位负责人）", max_length=64, blank=True)
    extension_approved_on = models.DateField("批准日", null=True, blank=True)
    extension_notified_on = models.DateField("告知信访人日", null=True, blank=True)
    extension_reason = models.TextField("延期理由", blank=True)

    # 处理意见书 (第三十二条)
    opinion_on = models.DateField("处理意见日", null=True, blank=True)
    opinion = models.TextField("处理意见", blank=True)
    legal_basis = models.TextField("法律法规依据", blank=True)
    opinion_number = models.CharField("意见书文号", max_length=64, blank=True)
    #: Set on the later records of a number issued twice before numbers were allocated from a
    #: sequence; they keep the number, outside the unique constraint (see numbering.legacy).
    opinion_number_duplicate = models.BooleanField(
        "意见书文号历史重号", default=False, editable=False
    )
    opinion_file = models.ForeignKey(
        StoredFile,
        verbose_name="信访处理意见书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    served_on = models.DateField(
        "信访人收到书面答复日",
        null=True,
        blank=True,
        help_text="公告送达的，为视为送达之日（民事诉讼法第九十五条）。",
    )
    served_notice_on = models.DateField("书面答复发出送达公告日", null=True, blank=True)

    # 复查 (第三十五条)
    review_body = _agency("复查机关")
    review_requested_on = models.DateField("收到复查请求日", null=True, blank=True)
    review_on = models.DateField("复查意见日", null=True, blank=True)
    review_opinion = models.TextField("复查意见", blank=True)
    review_served_on = models.DateField(
        "复查意见送达日",
        null=True,
        blank=True,
        help_text="公告送达的，为视为送达之日（民事诉讼法第九十五条）。",
    )
    review_notice_on = models.DateField("复查意见发出送达公告日", null=True, blank=True)

    # 复核 (第三十六条)
    recheck_body = _agency("复核机关")
    recheck_requested_on = models.DateField("收到复核请求日", null=True, blank=True)
    recheck_on = models.DateField("复核意见日", null=True, blank=True)
    recheck_opinion = models.TextField("复核意见", blank=True)

    closed_on = models.DateField("办结日", null=True, blank=True, db_index=True)

    # kept by the services from the clocks (lists and indicators read them)
    routed_on_time = models.BooleanField("按期分类处理", null=True)
    notified_on_time = models.BooleanField("按期告知", null=True)
    resolution_due = models.DateField("办理期限届满日", null=True, blank=True, db_index=True)
    handled_on_time = models.BooleanField("按期办结", null=True)

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
        verbose_name = "信访事项"
        verbose_name_plural = "信访事项"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "received_on", "id"], name="pet_agency_received"),
            models.Index(fields=["handler_agency", "received_on"], name="pet_handler_received"),
            models.Index(fields=["act_type", "act_id"], name="pet_act"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="pet_unique_number"),
            # numbered by the handling body, whose name heads the number
            models.UniqueConstraint(
                fields=["opinion_number"],
                condition=~models.Q(opinion_number="") & models.Q(opinion_number_duplicate=False),
                name="pet_unique_opinion_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.petitioner_name}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", args=[self.pk])

    @property
    def agency_ids(self) -> set[int]:
        """Every agency that has had the matter: each one's petition staff may see it."""
        ids = (self.agency_id, self.handler_agency_id, self.review_body_id, self.recheck_body_id)
        return {i for i in ids if i}

    @property
    def row_class(self) -> str:
        return "red" if self.handled_on_time is False else ""


class PetitionHearing(models.Model):
    """复核听证: its time is not counted in the 复核 period (第三十六条第二款)."""

    petition = models.ForeignKey(
        Petition, verbose_name="信访事项", on_delete=models.CASCADE, related_name="hearings"
    )
    started_on = models.DateField("听证开始日")
    ended_on = models.DateField("听证结束日", null=True, blank=True)
    note = models.TextField("听证情况", blank=True)

    class Meta:
        verbose_name = "复核听证"
        verbose_name_plural = "复核听证"
        ordering = ["petition", "started_on", "id"]

    def __str__(self) -> str:
        return f"复核听证 {self.started_on:%Y-%m-%d}"


class HotlineTicket(ActLink):
    """12345 政务服务便民热线工单."""

    office = _agency("12345热线工作机构", "hotline_tickets", null=False)
    unit = _agency("承办单位")
    number = models.CharField("工单编号", max_length=64, db_index=True)
    state = models.CharField("状态", max_length=16, default="new", db_index=True)
    category = models.CharField("诉求类型", max_length=16, choices=rules.CATEGORY_CHOICES)
    caller_name = models.CharField("来电人", max_length=128, db_index=True)
    caller_contact = models.CharField("联系电话", max_length=64, blank=True)
    content = models.TextField("诉求内容")
    received_on = models.DateField("来电日", db_index=True)
    dispatched_on = models.DateField("派单日", null=True, blank=True)
    signed_on = models.DateField("签收日", null=True, blank=True)
    bounce_count = models.PositiveSmallIntegerField("退单次数", default=0)
    extended = models.BooleanField("已延期", default=False)
    replied_on = models.DateField("办结回复日", null=True, blank=True, db_index=True)
    reply = models.TextField("办理结果", blank=True)
    callback_on = models.DateField("回访日", null=True, blank=True)
    satisfaction = models.CharField(
        "满意度", max_length=16, choices=rules.SATISFACTION_CHOICES, blank=True
    )
    reopened = models.PositiveSmallIntegerField("重办次数", default=0)
    closed_on = models.DateField("结案日", null=True, blank=True)

    signed_on_time = models.BooleanField("按时签收", null=True)
    reply_due = models.DateField("办理期限届满日", null=True, blank=True)
    replied_on_time = models.BooleanField("按期办结", null=True)

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
        verbose_name = "12345工单"
        verbose_name_plural = "12345工单"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["office", "received_on", "id"], name="hot_office_received"),
            models.Index(fields=["unit", "received_on"], name="hot_unit_received"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["office", "number"], name="hot_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.caller_name}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:ticket", args=[self.pk])

    @property
    def row_class(self) -> str:
        return "red" if self.replied_on_time is False else ""


class TicketBounce(models.Model):
    """退单: a unit sent the ticket back; counted against that unit whatever the arbitration."""

    ticket = models.ForeignKey(
        HotlineTicket, verbose_name="工单", on_delete=models.CASCADE, related_name="bounces"
    )
    unit = _agency("退单单位", "ticket_bounces", null=False)
    returned_on = models.DateField("退单日", db_index=True)
    reason = models.TextField("退单理由")
    decision = models.CharField(
        "仲裁结果", max_length=8, choices=rules.ARBITRATION_CHOICES, blank=True
    )
    decided_on = models.DateField("仲裁日", null=True, blank=True)
    decision_note = models.TextField("仲裁意见", blank=True)
    redispatched_to = _agency("改派单位")

    class Meta:
        verbose_name = "退单"
        verbose_name_plural = "退单"
        ordering = ["ticket", "returned_on", "id"]

    def __str__(self) -> str:
        return f"{self.ticket.number} 退单（{self.unit}）"
