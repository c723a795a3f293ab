"""The 行政处罚 case: from 案源 to 归档, one row carrying the facts each step fixes.

Rows change only through :mod:`fazhi.systems.enforcement.services`, each step a transition of
:data:`fazhi.systems.enforcement.workflow.CASE_WORKFLOW` (ledgered, with its history row).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from fazhi.core.deadlines.service import SERVICE_MODES
from fazhi.core.orgs.models import Agency

from ..states import STATES


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或者其他组织"


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"
    SUMMARY = "summary", "简易程序（当场处罚）"


class SourceKind(models.TextChoices):
    INSPECTION = "inspection", "监督检查发现"
    COMPLAINT = "complaint", "投诉举报"
    REFERRAL = "referral", "上级交办或其他机关移送"
    MONITORING = "monitoring", "电子技术监控"
    OTHER = "other", "其他途径"


class PenaltyType(models.TextChoices):
    """The kinds of penalty (行政处罚法 第九条)."""

    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATE_GAINS = "confiscate_gains", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    SUSPEND_LICENCE = "suspend_licence", "暂扣许可证件"
    DOWNGRADE = "downgrade", "降低资质等级"
    REVOKE_LICENCE = "revoke_licence", "吊销许可证件"
    RESTRICT = "restrict", "限制开展生产经营活动"
    SUSPEND_BUSINESS = "suspend_business", "责令停产停业"
    CLOSE = "close", "责令关闭"
    BAN = "ban", "限制从业"
    OTHER = "other", "其他"


class Outcome(models.TextChoices):
    PENALTY = "penalty", "给予行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    DROPPED = "dropped", "撤销立案"
    DECLINED = "declined", "不予立案"
    TRANSFERRED = "transferred", "移送司法机关"


class ServiceMode(models.TextChoices):
    """Modes of service under 民事诉讼法 (行政处罚法 第六十一条)."""

    ON_SPOT = "on_spot", "宣告后当场交付"
    DIRECT = "direct", "直接送达"
    LEFT = "left", "留置送达"
    ELECTRONIC = "electronic", "电子送达（当事人签订确认书）"
    ENTRUSTED = "entrusted", "委托送达"
    POSTAL = "postal", "邮寄送达"
    PUBLIC_NOTICE = "public_notice", "公告送达"


class Case(models.Model):
    """行政处罚案件."""

    agency = models.ForeignKey(
        Agency, verbose_name="执法机关", on_delete=models.PROTECT, related_name="penalty_cases"
    )
    matter = models.ForeignKey(
        "matters.Matter",
        verbose_name="执法事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="penalty_cases",
    )
    procedure = models.CharField(
        "程序", max_length=16, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    state = models.CharField("状态", max_length=24, default="draft", db_index=True)
    source_number = models.CharField("案源编号", max_length=64, blank=True)
    number = models.CharField("案号", max_length=64, blank=True, db_index=True)
    #: Set on the later records of a number issued twice before numbers were allocated from a
    #: sequence; they keep the number, outside the unique constraint (see numbering.legacy).
    number_duplicate = models.BooleanField("案号历史重号", default=False, editable=False)

    # 案源
    source_kind = models.CharField(
        "案源类型", max_length=16, choices=SourceKind.choices, default=SourceKind.INSPECTION
    )
    source_summary = models.TextField("案源情况", blank=True)
    registered_on = models.DateField("案源登记日", db_index=True)

    # 当事人
    party_kind = models.CharField("当事人类型", max_length=16, choices=PartyKind.choices)
    party_name = models.CharField("当事人", max_length=128)
    party_id_number = models.CharField("公民身份号码", max_length=18, blank=True)
    party_uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    party_birth_date = models.DateField("出生日期", null=True, blank=True)
    party_address = models.CharField("住所（地址）", max_length=200, blank=True)
    party_phone = models.CharField("联系电话", max_length=32, blank=True)
    party_key = models.CharField(
        "当事人识别码", max_length=64, blank=True, db_index=True, editable=False
    )

    # 违法行为
    violation_date = models.DateField("违法行为发生日", null=True, blank=True)
    violation_end_date = models.DateField(
        "违法行为终了日",
        null=True,
        blank=True,
        help_text="违法行为有连续或者继续状态的，填写行为终了之日。",
    )
    discovered_on = models.DateField("发现日", null=True, blank=True)
    facts = models.TextField("违法事实", blank=True)
    amount_involved = models.DecimalField(
        "涉案金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    harms_life_health_finance = models.BooleanField(
        "涉及生命健康安全、金融安全且有危害后果",
        default=False,
        help_text="《中华人民共和国行政处罚法》第三十六条：追责时效延长至五年。",
    )
    circumstances = models.JSONField("裁量情节", default=list, blank=True)
    complex_or_major = models.BooleanField(
        "情节复杂或者重大违法行为",
        default=False,
        help_text="《中华人民共和国行政处罚法》第五十七条第二款：应当集体讨论决定。",
    )
    review_public_interest = models.BooleanField("涉及重大公共利益", default=False)
    review_complex = models.BooleanField("案件情况疑难复杂、涉及多个法律关系", default=False)
    review_other_law = models.BooleanField("法律、法规规定应当法制审核的其他情形", default=False)

    # 立案
    officers = models.ManyToManyField(
        "accounts.StaffMember",
        verbose_name="承办执法人员",
        blank=True,
        related_name="penalty_cases",
    )
    officer_exception_basis = models.CharField(
        "执法人员少于两人的法律依据",
        max_length=200,
        blank=True,
        help_text="《中华人民共和国行政处罚法》第四十二条“法律另有规定的除外”。",
    )
    opened_on = models.DateField("立案日", null=True, blank=True, db_index=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="立案批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # 告知
    proposed_types = models.JSONField("拟处罚种类", default=list, blank=True)
    proposed_fine = models.DecimalField(
        "拟罚款（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    proposed_confiscation = models.DecimalField(
        "拟没收金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    proposed_detail = models.TextField("拟处罚内容", blank=True)
    notice_facts = models.TextField("告知的事实", blank=True)
    notice_reasons = models.TextField("告知的理由", blank=True)
    notice_basis = models.TextField("告知的依据", blank=True)
    notice_served_on = models.DateField(
        "告知书送达日",
        null=True,
        blank=True,
        help_text="公告送达的，为视为送达之日（民事诉讼法第九十五条：发出公告之日起经过三十日）。",
    )
    notice_posted_on = models.DateField("发出告知书送达公告日", null=True, blank=True)
    notice_service_mode = models.CharField(
        "告知书送达方式", max_length=16, choices=SERVICE_MODES, blank=True
    )
    hearing_right = models.BooleanField("告知听证权利", default=False)
    hearing_grounds = models.JSONField(
        "听证权利的依据",
        default=list,
        blank=True,
        help_text="《中华人民共和国行政处罚法》第六十三条第一款所列情形（及依职权告知）。",
    )
    hearing_basis = models.CharField(
        "听证的其他依据或者依职权告知的理由",
        max_length=300,
        blank=True,
        help_text="第六十三条第一款第六项：法律、法规、规章规定的其他情形。",
    )
    statement_waived_on = models.DateField("当事人书面放弃陈述申辩日", null=True, blank=True)
    hearing_waived_on = models.DateField("当事人书面放弃听证日", null=True, blank=True)
    proposal_generation = models.PositiveIntegerField(
        "拟处罚决定版本",
        default=0,
        editable=False,
        help_text="每次告知（含重新告知）和举行听证后加一；此前的法制审核、集体讨论不再作为决定依据"
        "（《中华人民共和国行政处罚法》第五十八条、第五十七条第二款）。",
    )

    # 决定
    outcome = models.CharField(
        "处理结果", max_length=16, choices=Outcome.choices, blank=True, db_index=True
    )
    decided_on = models.DateField("决定日", null=True, blank=True, db_index=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="决定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_number = models.CharField("决定书文号", max_length=64, blank=True)
    decision_number_duplicate = models.BooleanField(
        "决定书文号历史重号", default=False, editable=False
    )
    decided_types = models.JSONField("处罚种类", default=list, blank=True)
    decided_fine = models.DecimalField(
        "罚款（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    decided_confiscation = models.DecimalField(
        "没收金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    decided_detail = models.TextField("处罚内容", blank=True)
    decision_reasons = models.TextField("决定理由", blank=True)
    tier = models.CharField("裁量阶次", max_length=24, blank=True)
    tier_label = models.CharField("裁量阶次名称", max_length=32, blank=True)
    recommended_min = models.DecimalField(
        "建议罚款下限", max_digits=14, decimal_places=2, null=True, blank=True
    )
    recommended_max = models.DecimalField(
        "建议罚款上限", max_digits=14, decimal_places=2, null=True, blank=True
    )
    benchmark_version_id = models.BigIntegerField("适用的裁量基准版本", null=True, blank=True)
    deviation_reason = models.TextField("偏离建议幅度的理由", blank=True)
    no_penalty_reason = models.TextField(
        "符合可以不予处罚情形仍予处罚的理由",
        blank=True,
        help_text="《中华人民共和国行政处罚法》第三十三条第一款：初次违法且危害后果轻微并及时改正的，"
        "可以不予行政处罚。",
    )
    no_fault_exception = models.CharField(
        "无主观过错仍予处罚的法律、行政法规依据",
        max_length=300,
        blank=True,
        help_text="第三十三条第二款：法律、行政法规另有规定的，从其规定。",
    )
    flagged_for_review = models.BooleanField("提请法制审核关注", default=False)
    lenient_items = models.JSONField("适用“四张清单”事项", default=list, blank=True)
    lenient_kind = models.CharField("包容审慎类别", max_length=24, blank=True, db_index=True)
    basis_instrument = models.CharField("处罚依据（法律文件）", max_length=200, blank=True)
    basis_article = models.CharField("处罚依据（条款）", max_length=64, blank=True)
    basis_quote = models.TextField("处罚依据（条文）", blank=True)
    decision_due = models.DateField("决定期限届满日", null=True, blank=True)
    decision_on_time = models.BooleanField("按期作出决定", null=True)

    # 送达与执行
    decision_served_on = models.DateField(
        "决定书送达日",
        null=True,
        blank=True,
        help_text="公告送达的，为视为送达之日（民事诉讼法第九十五条：发出公告之日起经过三十日）。",
    )
    decision_notice_on = models.DateField("发出送达公告日", null=True, blank=True)
    service_mode = models.CharField(
        "送达方式", max_length=16, choices=ServiceMode.choices, blank=True
    )
    payment_due = models.DateField("缴款期限届满日", null=True, blank=True)
    deferral_until = models.DateField("暂缓（分期）缴纳至", null=True, blank=True)
    paid_amount = models.DecimalField(
        "已缴罚没款（元）", max_digits=14, decimal_places=2, default=Decimal("0")
    )
    surcharge_paid = models.DecimalField(
        "已缴加处罚款（元）", max_digits=14, decimal_places=2, default=Decimal("0")
    )
    paid_on = models.DateField("缴清日", null=True, blank=True)
    demand_served_on = models.DateField(
        "催告书送达日",
        null=True,
        blank=True,
        help_text="公告送达的，为视为送达之日（民事诉讼法第九十五条：发出公告之日起经过三十日）。",
    )
    demand_posted_on = models.DateField("发出催告书送达公告日", null=True, blank=True)
    demand_service_mode = models.CharField(
        "催告书送达方式", max_length=16, choices=SERVICE_MODES, blank=True
    )
    court_applied_on = models.DateField("申请法院强制执行日", null=True, blank=True)
    court_name = models.CharField("受理法院", max_length=128, blank=True)

    # 公示
    publication_id = models.BigIntegerField("公示记录", null=True, blank=True)
    published_on = models.DateField("公示日", null=True, blank=True)
    publication_on_time = models.BooleanField("按期公示", null=True)
    publication_withdrawn_on = models.DateField("撤回公示日", null=True, blank=True)

    # 简易程序
    summary_filed_on = models.DateField("当场处罚备案日", null=True, blank=True)
    summary_id_shown = models.BooleanField(
        "当场出示执法证件",
        null=True,
        help_text="《中华人民共和国行政处罚法》第五十二条第一款：执法人员当场作出行政处罚决定的，"
        "应当向当事人出示执法证件。",
    )
    summary_notified = models.BooleanField(
        "当场告知事实、理由、依据和权利",
        default=False,
        help_text="《中华人民共和国行政处罚法》第四十四条。",
    )
    summary_statement = models.TextField(
        "当事人当场陈述、申辩",
        blank=True,
        help_text="《中华人民共和国行政处罚法》第四十五条：当事人的陈述、申辩及执法人员的复核意见。",
    )

    # 结案与归档
    closed_on = models.DateField("结案日", null=True, blank=True)
    close_reason = models.TextField("结案（销案）理由", blank=True)
    archived_on = models.DateField("归档日", null=True, blank=True)

    created = models.DateTimeField("创建时间", auto_now_add=True)
    updated = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "行政处罚案件"
        verbose_name_plural = "行政处罚案件"
        ordering = ["-registered_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "registered_on", "id"], name="penalty_agency_reg"),
            models.Index(
                fields=["agency", "state", "registered_on", "id"], name="penalty_agency_state"
            ),
            models.Index(fields=["state", "registered_on", "id"], name="penalty_state_reg"),
            models.Index(fields=["registered_on", "id"], name="penalty_registered"),
            models.Index(fields=["decided_on", "id"], name="penalty_decided"),
            models.Index(fields=["party_key", "matter"], name="penalty_party_matter"),
            # One (filter, registered_on, id) index per filter of the case list, so that a
            # filtered page is one index range read in order (keyset pagination) and its
            # bounded count reads at most that many index entries, on a million cases.
            models.Index(fields=["outcome", "registered_on", "id"], name="penalty_outcome_reg"),
            models.Index(fields=["procedure", "registered_on", "id"], name="penalty_procedure_reg"),
            models.Index(
                fields=["registered_on", "id"],
                condition=models.Q(decision_on_time=False),
                name="penalty_late_reg",
            ),
            models.Index(
                fields=["registered_on", "id"],
                condition=models.Q(flagged_for_review=True),
                name="penalty_flagged_reg",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number"],
                condition=~models.Q(number="") & models.Q(number_duplicate=False),
                name="penalty_unique_number",
            ),
            models.UniqueConstraint(
                fields=["agency", "decision_number"],
                condition=~models.Q(decision_number="") & models.Q(decision_number_duplicate=False),
                name="penalty_unique_decision_number",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"{self.number or self.source_number or f'案源{self.pk}'} {self.party_name}"

    @property
    def notice_delivered_on(self):
        """The day the 告知书 reached the party or was posted: for 公告送达 the 公告 itself (the
        party may state or ask for a hearing before the deemed 送达日), else the 送达日."""
        return self.notice_posted_on or self.notice_served_on

    @property
    def proposed_types_label(self) -> str:
        """The proposed kinds of penalty in Chinese, e.g. "警告、罚款" (never the codes)."""
        labels = dict(PenaltyType.choices)
        return "、".join(str(labels.get(t, t)) for t in self.proposed_types or ())

    @property
    def state_label(self) -> str:
        return STATES.get(self.state, self.state)

    @property
    def subject(self) -> str:
        """The ledger subject of this case (the same one the workflow engine writes)."""
        return f"enforcement.case:{self.pk}"

    @property
    def act_ended(self):
        """The day limitation runs from (第三十六条第二款: continuing acts from their end)."""
        return self.violation_end_date or self.violation_date

    @property
    def is_person(self) -> bool:
        return self.party_kind == PartyKind.PERSON

    @property
    def needs_legal_review(self) -> bool:
        """第五十八条第一款 triggers, the agency's 法制审核目录, or a hearing held (第五十八条（二）)."""
        in_catalogue = bool(self.matter_id and getattr(self.matter, "in_review_catalogue", False))
        heard = self.hearings.filter(held_on__isnull=False).exists() if self.pk else False
        return (
            in_catalogue
            or self.review_public_interest
            or self.review_complex
            or self.review_other_law
            or heard
        )

    @property
    def fine_due(self) -> Decimal:
        return (self.decided_fine or Decimal(0)) + (self.decided_confiscation or Decimal(0))

    @property
    def row_class(self) -> str:
        return "red" if self.decision_on_time is False else ""

    def compute_party_key(self) -> str:
        """One identifier per party for the 第二十九条 check: ID number, USCC, else the name."""
        return (self.party_id_number or self.party_uscc or self.party_name).strip().upper()[:64]


class CaseDocument(models.Model):
    """One generation of a 文书 of the case, kept in the ledger's file store by its digest.

    Generating a kind again adds a row with the next ``version``: every version issued stays
    (what was printed and served must remain provable), the case page shows the latest first.
    """

    class Kind(models.TextChoices):
        FILING_APPROVAL = "filing_approval", "立案审批表"
        PRESERVATION_NOTICE = "preservation_notice", "先行登记保存通知书"
        PENALTY_NOTICE = "penalty_notice", "行政处罚告知书"
        HEARING_NOTICE = "hearing_notice", "听证通知书"
        DECISION = "decision", "行政处罚决定书"
        SERVICE_RECEIPT = "service_receipt", "送达回证"
        CLOSING_APPROVAL = "closing_approval", "结案审批表"
        # Generated by the 移送 step itself (两法衔接), never on request.
        TRANSFER_LETTER = "transfer_letter", "涉嫌犯罪案件移送书"

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="documents", verbose_name="案件"
    )
    kind = models.CharField("文书", max_length=32, choices=Kind.choices)
    version = models.PositiveIntegerField("版本", default=1)
    file = models.ForeignKey(
        "ledger.StoredFile", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    generated_at = models.DateTimeField("生成时间", auto_now_add=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="生成人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "案件文书"
        verbose_name_plural = "案件文书"
        ordering = ["generated_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "version"], name="enforcement_document_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}第{self.version}版（{self.case.label}）"

    @property
    def file_name(self) -> str:
        """The name it downloads under: kind, case number and version."""
        case = self.case
        number = case.number or case.source_number or case.pk
        return f"{self.get_kind_display()}-{number}-第{self.version}版.docx"
