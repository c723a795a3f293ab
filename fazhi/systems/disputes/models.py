"""行政复议 and 行政应诉 records.

- :class:`ReconsiderationCase`: a case before the county's 复议机关, handled by its 复议机构 (the
  司法局 acting for its government): intake, acceptance, hearing, decision, publication.
- :class:`Respondence`: an agency's side as 被申请人 (respondent): the copy received, the written
  answer with its evidence, the hearing, the decision and the 意见书 report. Created
  automatically when the body on the platform sends the copy; entered by hand when the body is
  elsewhere.
- :class:`LitigationCase`: an agency as 被告 (defendant): the complaint copy, the defence and
  evidence, the hearings with the head's appearance, the judgment, appeal, performance and the
  loss analysis; :class:`CourtHearing` and :class:`Recommendation` (司法建议 / 检察建议) hang off it.

Every matter can point to the act it is about (``act``: an enforcement case, a disclosure
answer, anything with a primary key) with a text description for acts outside the platform.
Rows change only through :mod:`fazhi.systems.disputes.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.acts.models import ActLink as BaseActLink
from fazhi.core.orgs.models import Agency

from . import rules


class ActLink(BaseActLink):
    """The act a 复议 or lawsuit is about, with the category the reports count it under."""

    category = models.CharField(
        "类别", max_length=16, choices=list(rules.CATEGORIES.items()), default="other"
    )

    class Meta:
        abstract = True


class ReconsiderationCase(ActLink):
    """行政复议案件 (复议机关 side)."""

    agency = models.ForeignKey(
        Agency,
        verbose_name="行政复议机构",
        on_delete=models.PROTECT,
        related_name="reconsideration_cases",
        help_text="承办案件的行政复议机构（司法局），以本级人民政府的名义办理。",
    )
    body = models.ForeignKey(
        Agency,
        verbose_name="行政复议机关",
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField("案号", max_length=64, db_index=True)
    state = models.CharField("状态", max_length=16, default="new", db_index=True)
    procedure = models.CharField(
        "程序", max_length=16, choices=list(rules.PROCEDURES.items()), default=rules.ORDINARY
    )
    applicant_kind = models.CharField(
        "申请人类型", max_length=16, choices=list(rules.APPLICANT_KINDS.items()), default="person"
    )
    applicant_name = models.CharField("申请人", max_length=128)
    applicant_contact = models.CharField("联系方式", max_length=64, blank=True)
    respondent = models.ForeignKey(
        Agency,
        verbose_name="被申请人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    respondent_name = models.CharField("被申请人名称", max_length=128, blank=True)
    request_text = models.TextField("行政复议请求", blank=True)

    known_on = models.DateField("知道或者应当知道该行政行为之日")
    acted_on = models.DateField(
        "行政行为作出之日",
        null=True,
        blank=True,
        help_text="自此超过五年（因不动产的二十年）的申请不予受理（行政复议法第二十一条）。",
    )
    real_property = models.BooleanField("因不动产提出的申请", default=False)
    rights_notified = models.BooleanField(
        "已告知复议权利、复议机关和期限",
        default=True,
        help_text="未告知的，申请期限最长一年（第二十条第三款）。",
    )
    rights_known_on = models.DateField("知道申请复议权利之日", null=True, blank=True)
    received_on = models.DateField("收到申请之日", db_index=True)
    application_due = models.DateField("申请期限届满日", null=True, blank=True)
    delay_reason = models.TextField("耽误申请期限的正当理由", blank=True)
    major = models.BooleanField("重大、疑难、复杂", default=False)

    correction_notice_on = models.DateField("补正通知日", null=True, blank=True)
    correction_items = models.TextField("需要补正的事项", blank=True)
    correction_received_on = models.DateField("收到补正材料日", null=True, blank=True)

    acceptance = models.CharField(
        "受理情况",
        max_length=16,
        blank=True,
        choices=[("accepted", "受理"), ("deemed", "视为受理"), ("rejected", "不予受理")],
    )
    accepted_on = models.DateField("受理日", null=True, blank=True)
    rejection_reason = models.TextField("不予受理理由", blank=True)
    copy_sent_on = models.DateField("发送申请书副本日", null=True, blank=True)

    extended = models.BooleanField("已延长审理期限", default=False)
    extension_days = models.PositiveSmallIntegerField("延长天数", null=True, blank=True)
    extension_approver = models.CharField("批准人（行政复议机构负责人）", max_length=64, blank=True)
    extension_notified_on = models.DateField("书面告知当事人日", null=True, blank=True)

    suspended_on = models.DateField("中止日", null=True, blank=True)
    suspension_reason = models.TextField("中止理由", blank=True)

    committee_consulted_on = models.DateField("提请行政复议委员会咨询日", null=True, blank=True)
    committee_opinion = models.TextField("咨询意见", blank=True)

    decision_type = models.CharField(
        "决定类型",
        max_length=16,
        blank=True,
        choices=[(k, v.label) for k, v in rules.RECONSIDERATION_DECISIONS.items()],
    )
    decided_on = models.DateField("决定日", null=True, blank=True, db_index=True)
    decision_approval = models.CharField("负责人同意或集体讨论", max_length=200, blank=True)
    decision_summary = models.TextField("决定内容及所责令事项", blank=True)
    opinion_letter = models.BooleanField("制发行政复议意见书", default=False)
    decision_due = models.DateField("审理期限届满日", null=True, blank=True)
    on_time = models.BooleanField("按期决定", null=True)
    published_item_id = models.BigIntegerField("公开事项编号", null=True, blank=True)
    closed_on = models.DateField("结案日", null=True, blank=True)

    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政复议案件"
        verbose_name_plural = "行政复议案件"
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["agency", "received_on", "id"], name="recon_agency_received")
        ]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="recon_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}诉{self.respondent_label}"

    def get_absolute_url(self) -> str:
        return reverse("disputes:detail", args=["reconsideration", self.pk])

    @property
    def respondent_label(self) -> str:
        return self.respondent.name if self.respondent else self.respondent_name


class Hearing(models.Model):
    """行政复议听证 (第五十条、第五十一条)."""

    case = models.ForeignKey(ReconsiderationCase, on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField("听证日")
    notice_on = models.DateField("书面通知日")
    chair = models.CharField("主持人", max_length=64)
    members = models.JSONField("听证员", default=list)
    recorder = models.CharField("记录员", max_length=64)
    head_attended = models.BooleanField("被申请人负责人参加", default=False)
    head_name = models.CharField("参加的负责人", max_length=64, blank=True)
    absence_reason = models.TextField("负责人不能参加的理由", blank=True)
    delegate = models.CharField("受委托参加的工作人员", max_length=64, blank=True)

    class Meta:
        verbose_name = "听证"
        verbose_name_plural = "听证"
        ordering = ["case", "held_on"]

    def __str__(self) -> str:
        return f"听证 {self.held_on}"


class Respondence(ActLink):
    """行政复议答复: an agency as 被申请人."""

    agency = models.ForeignKey(
        Agency, verbose_name="被申请人", on_delete=models.PROTECT, related_name="respondences"
    )
    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name="复议案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="respondences",
    )
    body_name = models.CharField("行政复议机关", max_length=128)
    number = models.CharField("案号", max_length=64, db_index=True)
    state = models.CharField("状态", max_length=16, default="new", db_index=True)
    procedure = models.CharField(
        "程序", max_length=16, choices=list(rules.PROCEDURES.items()), default=rules.ORDINARY
    )
    applicant_name = models.CharField("申请人", max_length=128)
    copy_received_on = models.DateField("收到申请书副本之日", db_index=True)
    answered_on = models.DateField("提交书面答复日", null=True, blank=True)
    answer_summary = models.TextField("答复意见", blank=True)
    evidence = models.TextField("提交的证据、依据和其他有关材料", blank=True)
    answer_due = models.DateField("答复期限届满日", null=True, blank=True)
    on_time = models.BooleanField("按期答复", null=True)
    hearing_on = models.DateField("听证日", null=True, blank=True)
    head_attended = models.BooleanField("负责人参加听证", null=True)
    head_name = models.CharField("参加的负责人", max_length=64, blank=True)
    absence_reason = models.TextField("不能参加的理由", blank=True)
    delegate = models.CharField("受委托参加的工作人员", max_length=64, blank=True)
    decision_type = models.CharField(
        "复议决定",
        max_length=16,
        blank=True,
        choices=[(k, v.label) for k, v in rules.RECONSIDERATION_DECISIONS.items()],
    )
    decided_on = models.DateField("决定日", null=True, blank=True)
    decision_summary = models.TextField("决定内容及所责令事项", blank=True)
    opinion_received_on = models.DateField("收到行政复议意见书日", null=True, blank=True)
    opinion_reported_on = models.DateField("报送纠正情况日", null=True, blank=True)
    correction_report = models.TextField("纠正情况", blank=True)
    closed_on = models.DateField("结案日", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政复议答复"
        verbose_name_plural = "行政复议答复"
        ordering = ["-copy_received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.applicant_name}（{self.body_name}）"

    def get_absolute_url(self) -> str:
        return reverse("disputes:detail", args=["respondence", self.pk])


class LitigationCase(ActLink):
    """行政应诉案件: an agency as 被告."""

    agency = models.ForeignKey(
        Agency, verbose_name="被告", on_delete=models.PROTECT, related_name="litigation_cases"
    )
    court = models.CharField("人民法院", max_length=128)
    number = models.CharField("案号", max_length=64, db_index=True)
    state = models.CharField("状态", max_length=16, default="new", db_index=True)
    instance = models.CharField(
        "审级", max_length=8, choices=list(rules.INSTANCES.items()), default=rules.FIRST
    )
    plaintiff_name = models.CharField("原告", max_length=128)
    after_reconsideration = models.BooleanField("经复议后起诉", default=False)
    complaint_received_on = models.DateField("收到起诉状副本之日", db_index=True)
    acted_on = models.DateField("被诉行政行为作出之日", null=True, blank=True)
    real_property = models.BooleanField("因不动产提起的诉讼", default=False)
    filed_on = models.DateField("原告起诉日", null=True, blank=True)
    filing_barred = models.BooleanField(
        "超过最长起诉期限（行政诉讼法第四十六条第二款）",
        null=True,
        help_text="自行政行为作出之日起超过五年（因不动产的二十年）提起诉讼的，人民法院不予受理"
        "（行政诉讼法第四十六条第二款）：答辩时应当提出。",
    )
    defence_submitted_on = models.DateField("提交答辩状和证据日", null=True, blank=True)
    evidence = models.TextField("提交的证据和规范性文件", blank=True)
    defence_due = models.DateField("举证期限届满日", null=True, blank=True)
    on_time = models.BooleanField("按期举证", null=True)
    evidence_extension_requested_on = models.DateField(
        "书面申请延期提供证据日", null=True, blank=True
    )

    document_kind = models.CharField(
        "裁判文书", max_length=12, blank=True, choices=list(rules.DOCUMENT_KINDS.items())
    )
    outcome = models.CharField(
        "裁判结果",
        max_length=16,
        blank=True,
        choices=[(k, v.label) for k, v in rules.LITIGATION_OUTCOMES.items()],
    )
    served_on = models.DateField("裁判文书送达日", null=True, blank=True, db_index=True)
    lost = models.BooleanField("败诉", null=True)
    loss_reason = models.TextField("败诉原因", blank=True)
    responsible_unit = models.CharField("责任单位（科室）", max_length=128, blank=True)
    responsible_officer = models.CharField("责任人", max_length=64, blank=True)
    appealed_on = models.DateField("提起上诉日", null=True, blank=True)
    appeal_by = models.CharField(
        "上诉人", max_length=16, blank=True, choices=[("agency", "本机关"), ("other", "对方当事人")]
    )
    second_instance_heard = models.BooleanField("第二审开庭审理", default=False)
    performed_on = models.DateField("履行生效裁判日", null=True, blank=True)
    performance = models.TextField("履行情况", blank=True)
    closed_on = models.DateField("结案日", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "行政应诉案件"
        verbose_name_plural = "行政应诉案件"
        ordering = ["-complaint_received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.number} {self.plaintiff_name}诉{self.agency.display_name}"

    def get_absolute_url(self) -> str:
        return reverse("disputes:detail", args=["litigation", self.pk])


class CourtHearing(models.Model):
    """开庭: the head's appearance, or the reason and the delegate (行诉法 第三条第三款)."""

    case = models.ForeignKey(LitigationCase, on_delete=models.CASCADE, related_name="hearings")
    instance = models.CharField("审级", max_length=8, choices=list(rules.INSTANCES.items()))
    held_on = models.DateField("开庭日")
    summons_received_on = models.DateField("收到出庭通知书日", null=True, blank=True)
    head_appeared = models.BooleanField("负责人出庭")
    head_name = models.CharField("出庭负责人", max_length=64, blank=True)
    head_position = models.CharField(
        "负责人职务类别", max_length=24, blank=True, choices=list(rules.HEAD_POSITIONS.items())
    )
    spoke_on_resolution = models.BooleanField("就实质性解决争议发表意见", default=False)
    absence_reason = models.CharField(
        "不能出庭的理由", max_length=24, blank=True, choices=list(rules.ABSENCE_REASONS.items())
    )
    absence_proof = models.TextField("理由及证明材料", blank=True)
    delegate = models.CharField("委托出庭的工作人员", max_length=64, blank=True)

    class Meta:
        verbose_name = "开庭"
        verbose_name_plural = "开庭"
        ordering = ["case", "held_on"]

    def __str__(self) -> str:
        return f"开庭 {self.held_on}"

    @property
    def counts_as_appearance(self) -> bool:
        return self.head_appeared and bool(self.head_position)


class Recommendation(models.Model):
    """司法建议 / 检察建议 and the written feedback."""

    agency = models.ForeignKey(
        Agency, verbose_name="被建议机关", on_delete=models.PROTECT, related_name="recommendations"
    )
    case = models.ForeignKey(
        LitigationCase,
        verbose_name="关联案件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    kind = models.CharField("类别", max_length=16, choices=list(rules.RECOMMENDATION_KINDS.items()))
    issuer = models.CharField("制发机关", max_length=128)
    number = models.CharField("文号", max_length=64, blank=True)
    received_on = models.DateField("收到日", db_index=True)
    content = models.TextField("建议内容")
    feedback_due = models.DateField(
        "书面回复期限",
        help_text="诉前检察建议（行政公益诉讼）为收到之日起两个月、紧急情形十五日；其他按建议书载明。",
    )
    public_interest = models.BooleanField(
        "诉前检察建议（行政公益诉讼）",
        default=False,
        help_text="收到之日起两个月内依法履行职责并书面回复（检察公益诉讼解释第二十一条第二款）。",
    )
    urgent_ground = models.TextField(
        "损害继续扩大等紧急情形",
        blank=True,
        help_text="检察建议书载明紧急情形的，应当在十五日内书面回复。",
    )
    feedback_on = models.DateField("书面回复日", null=True, blank=True)
    feedback = models.TextField("回复内容", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "司法建议、检察建议"
        verbose_name_plural = "司法建议、检察建议"
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number or self.pk}（{self.issuer}）"

    def get_absolute_url(self) -> str:
        return reverse("disputes:recommendations")

    @property
    def row_class(self) -> str:
        return (
            "red"
            if self.feedback_on is None and self.feedback_due and self.feedback_due < self._today()
            else ""
        )

    @staticmethod
    def _today():
        return timezone.localdate()
