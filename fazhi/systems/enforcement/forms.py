"""One small form per step of a case. The same forms validate the HTML pages and the REST API
(:mod:`.api.views` derives its serializers from them), so both speak the same fields."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from fazhi.core.accounts.models import StaffMember, User
from fazhi.core.deadlines.service import SERVICE_MODES
from fazhi.core.ui import forms as ui
from fazhi.core.ui.forms import DateInput, text

from . import rules
from .models import (
    CaseDocument,
    Deferral,
    Evidence,
    Hearing,
    Outcome,
    PartyKind,
    PenaltyType,
    Preservation,
    Recusal,
    Remedy,
    ServiceMode,
    SourceKind,
    Statement,
)
from .roles import Role

MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0}


def _today() -> Any:
    return timezone.localdate()


def day(label: str) -> forms.DateField:
    """A step's date: optional (the step's own date stands in), offered as today."""
    return ui.day(label, required=False, initial=_today)


def circumstance_choices() -> list[tuple[str, str]]:
    from fazhi.systems.matters.rules import CIRCUMSTANCES

    return [(c.code, c.label) for c in CIRCUMSTANCES.values()]


class StepForm(forms.Form):
    """A step's form, bound to the case (or the agency) it acts on."""

    def __init__(self, *args: Any, case: Any = None, agency: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.agency = agency or getattr(case, "agency", None)
        self.setup()

    def setup(self) -> None:
        """Narrow choices to this case's agency."""

    def staff(self):
        return (
            StaffMember.objects.filter(agency=self.agency, active=True)
            if self.agency
            else StaffMember.objects.none()
        )

    def matters(self):
        from fazhi.systems.matters.models import Matter

        if self.agency is None:
            return Matter.objects.none()
        return Matter.objects.filter(agency=self.agency, kind="penalty", active=True)


class PartyFields(StepForm):
    party_kind = forms.ChoiceField(label="当事人类型", choices=PartyKind.choices)
    party_name = forms.CharField(label="当事人", max_length=128)
    party_id_number = forms.CharField(label="公民身份号码", max_length=18, required=False)
    party_uscc = forms.CharField(label="统一社会信用代码", max_length=18, required=False)
    party_address = forms.CharField(label="住所（地址）", max_length=200, required=False)
    party_phone = forms.CharField(label="联系电话", max_length=32, required=False)


class RegisterSourceForm(PartyFields):
    agency = forms.ModelChoiceField(label="执法机关", queryset=None)
    source_kind = forms.ChoiceField(label="案源类型", choices=SourceKind.choices)
    source_summary = text("案源情况", required=True)
    registered_on = day("登记日期")
    matter = forms.ModelChoiceField(label="执法事项", queryset=None, required=False)
    violation_date = day("违法行为发生日")
    discovered_on = day("发现日")
    facts = text("涉嫌违法事实", required=False)
    amount_involved = forms.DecimalField(label="涉案金额（元）", required=False, **MONEY)

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        self.agencies = agencies
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        from fazhi.core.orgs.models import Agency
        from fazhi.systems.matters.models import Matter

        agencies = self.agencies if self.agencies is not None else Agency.objects.all()
        self.fields["agency"].queryset = agencies
        self.fields["matter"].queryset = Matter.objects.filter(
            agency__in=agencies, kind="penalty", active=True
        )
        self.fields["violation_date"].initial = None


class SummaryForm(PartyFields):
    agency = forms.ModelChoiceField(label="执法机关", queryset=None)
    matter = forms.ModelChoiceField(label="执法事项", queryset=None)
    officers = forms.ModelMultipleChoiceField(label="执法人员（不少于两人）", queryset=None)
    types = forms.MultipleChoiceField(
        label="处罚种类",
        choices=[("warning", "警告"), ("fine", "罚款")],
        widget=forms.CheckboxSelectMultiple,
    )
    fine = forms.DecimalField(label="罚款（元）", required=False, **MONEY)
    decided_on = day("决定日期")
    violation_date = day("违法行为发生日")
    facts = text("违法事实", required=True)
    reasons = text("决定理由", required=True)
    officer_exception_basis = forms.CharField(label="执法人员少于两人的法律依据", required=False)
    # 第五十二条第一款, 第四十四条, 第四十五条: affirmed by the officer, never assumed
    id_shown = forms.BooleanField(label="已向当事人出示执法证件", required=False)
    notified = forms.BooleanField(
        label="已告知当事人拟作出的处罚内容及事实、理由、依据和陈述、申辩权利", required=False
    )
    statement = text("当事人的陈述、申辩及复核意见", required=False)
    statement_waived = forms.BooleanField(label="当事人明确放弃陈述、申辩", required=False)

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        self.agencies = agencies
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        from fazhi.core.orgs.models import Agency
        from fazhi.systems.matters.models import Matter

        agencies = self.agencies if self.agencies is not None else Agency.objects.all()
        self.fields["agency"].queryset = agencies
        self.fields["matter"].queryset = Matter.objects.filter(
            agency__in=agencies, kind="penalty", active=True
        )
        self.fields["officers"].queryset = StaffMember.objects.filter(
            agency__in=agencies, active=True
        )


class FactsForm(StepForm):
    violation_date = day("违法行为发生日")
    violation_end_date = forms.DateField(
        label="违法行为终了日（连续或继续状态）", required=False, widget=DateInput
    )
    discovered_on = forms.DateField(label="发现日", required=False, widget=DateInput)
    party_id_number = forms.CharField(label="公民身份号码（更正）", max_length=18, required=False)
    facts = text("违法事实", required=False)
    amount_involved = forms.DecimalField(label="涉案金额（元）", required=False, **MONEY)
    circumstances = forms.MultipleChoiceField(
        label="裁量情节", choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    harms_life_health_finance = forms.BooleanField(
        label="涉及生命健康安全、金融安全且有危害后果", required=False
    )
    complex_or_major = forms.BooleanField(
        label="情节复杂或者重大违法行为（须集体讨论）", required=False
    )
    review_public_interest = forms.BooleanField(label="涉及重大公共利益", required=False)
    review_complex = forms.BooleanField(label="案件情况疑难复杂、涉及多个法律关系", required=False)
    review_other_law = forms.BooleanField(
        label="法律、法规规定应当法制审核的其他情形", required=False
    )

    def setup(self) -> None:
        self.fields["circumstances"].choices = circumstance_choices()

    def clean(self) -> dict[str, Any]:
        """A fact left blank is not changed: only the facts given reach the service."""
        data = super().clean()
        return {k: v for k, v in data.items() if k not in FACT_FIELDS or v not in (None, "")}


FACT_FIELDS = frozenset(FactsForm.base_fields)


class OpenCaseForm(FactsForm):
    matter = forms.ModelChoiceField(label="执法事项", queryset=None)
    officers = forms.ModelMultipleChoiceField(label="承办执法人员（不少于两人）", queryset=None)
    lead = forms.ModelChoiceField(
        label="主办人员",
        queryset=None,
        required=False,
        help_text="从承办执法人员中指定；不指定时由登记案源的执法人员主办。",
    )
    assistant = forms.ModelChoiceField(label="协办人员", queryset=None, required=False)
    opened_on = day("立案日期")
    officer_exception_basis = forms.CharField(label="执法人员少于两人的法律依据", required=False)

    def setup(self) -> None:
        super().setup()
        self.fields["matter"].queryset = self.matters()
        self.fields["officers"].queryset = self.staff()
        with_login = self.staff().filter(user__isnull=False)
        self.fields["lead"].queryset = with_login
        self.fields["assistant"].queryset = with_login

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        officers = list(data.get("officers") or [])
        for name, label in (("lead", "主办人员"), ("assistant", "协办人员")):
            person = data.get(name)
            if person is not None and person not in officers:
                self.add_error(name, f"{label}须是本案承办执法人员之一。")
        if data.get("lead") is not None and data.get("lead") == data.get("assistant"):
            self.add_error("assistant", "协办人员不能与主办人员为同一人。")
        return data


class ReasonForm(StepForm):
    reason = text("理由", required=True)
    on = day("日期")


class ExtensionForm(ReasonForm):
    """延长办案期限: the case's sector rule says how long and whose approval (sectors.py)."""

    days = forms.IntegerField(
        label="延长天数", required=False, min_value=1, help_text="不填则按本领域规定的全部延长期限"
    )

    def setup(self) -> None:
        from .sectors import decision_period

        if self.case is not None:
            rule = decision_period(self.case)
            ext = rule.extension
            self.fields["days"].help_text = (
                f"本案适用{rule.citation}：最多延长{ext.label()}，须经{ext.approver}批准"
                if ext
                else f"本案适用{rule.citation}，没有延长期限的规定"
            )


class SuspensionForm(ReasonForm):
    """办案期限中止计算 on one of the grounds the case's sector rule lists."""

    ground = forms.ChoiceField(label="不计入期限的情形", required=False, choices=())

    def setup(self) -> None:
        from .sectors import decision_period

        grounds = decision_period(self.case).suspension if self.case is not None else ()
        self.fields["ground"].choices = [("", "—"), *((g, g) for g in grounds)]


class DateForm(StepForm):
    on = day("日期")


class EvidenceForm(StepForm):
    kind = forms.ChoiceField(label="证据种类", choices=Evidence.Kind.choices)
    title = forms.CharField(label="证据名称", max_length=200)
    description = text("证明事项", required=False, rows=2)
    collected_on = day("取证日")
    collected_by = forms.CharField(label="取证人", max_length=128, required=False)
    file = forms.FileField(label="证据文件", required=False)
    id_shown = forms.BooleanField(label="已主动出示执法证件", required=False, initial=True)
    electronic_monitoring = forms.BooleanField(label="电子技术监控设备取得", required=False)
    monitoring_audited = forms.BooleanField(label="电子监控证据已审核", required=False)


class PreserveForm(StepForm):
    items = text("保存物品", required=True)
    reason = text("保存理由", required=False, rows=2)
    preserved_on = day("保存日期")
    approved_by = forms.ModelChoiceField(label="批准的机关负责人", queryset=None)

    def setup(self) -> None:
        self.fields["approved_by"].queryset = User.objects.filter(
            role_assignments__role=Role.AGENCY_HEAD, role_assignments__agency=self.agency
        ).distinct()


class DecidePreservationForm(StepForm):
    preservation = forms.ModelChoiceField(label="先行登记保存", queryset=None)
    decision = forms.ChoiceField(label="处理决定", choices=Preservation.Decision.choices)
    detail = text("处理决定内容", required=False, rows=2)
    decided_on = day("决定日期")

    def setup(self) -> None:
        self.fields["preservation"].queryset = Preservation.objects.filter(
            case=self.case, decided_on__isnull=True
        )


class RecusalForm(StepForm):
    applicant = forms.CharField(label="申请人", max_length=128)
    target = forms.ModelChoiceField(label="被申请回避人员", queryset=None)
    reason = text("申请理由", required=True)
    requested_on = day("申请日")

    def setup(self) -> None:
        self.fields["target"].queryset = (
            self.case.officers.all() if self.case else StaffMember.objects.none()
        )


class DecideRecusalForm(StepForm):
    recusal = forms.ModelChoiceField(label="回避申请", queryset=None)
    decision = forms.ChoiceField(label="决定", choices=Recusal.Decision.choices)
    replacements = forms.ModelMultipleChoiceField(
        label="替换的执法人员", queryset=None, required=False
    )
    decided_on = day("决定日")

    def setup(self) -> None:
        self.fields["recusal"].queryset = Recusal.objects.filter(case=self.case, decision="")
        self.fields["replacements"].queryset = self.staff()


class NoticeForm(StepForm):
    types = forms.MultipleChoiceField(
        label="拟处罚种类", choices=PenaltyType.choices, widget=forms.CheckboxSelectMultiple
    )
    fine = forms.DecimalField(label="拟罚款（元）", required=False, **MONEY)
    confiscation = forms.DecimalField(label="拟没收金额（元）", required=False, **MONEY)
    detail = forms.CharField(label="拟处罚内容说明", required=False)
    facts = text("违法事实", required=True)
    reasons = text("理由", required=True)
    basis_text = text("依据", required=True, rows=2)
    hearing_basis = forms.CharField(
        label="听证的其他依据或者依职权告知的理由",
        required=False,
        max_length=300,
        help_text="《中华人民共和国行政处罚法》第六十三条第一款第六项：法律、法规、规章规定的其他情形。",
    )
    grant_hearing = forms.BooleanField(label="依职权告知听证权利", required=False)
    served_on = day("告知书送达日")
    mode = forms.ChoiceField(
        label="送达方式",
        choices=SERVICE_MODES,
        initial="direct",
        required=False,
        help_text="公告送达的，送达日填写发出公告之日：经过三十日视为送达，陈述申辩、听证申请期限自该日起算"
        "（民事诉讼法第九十五条）。",
    )


class StatementForm(StepForm):
    received_on = day("收到日")
    content = text("陈述申辩内容", required=False)
    oral = forms.BooleanField(label="口头陈述（已制作笔录）", required=False)
    waive_statement = forms.BooleanField(label="当事人书面放弃陈述申辩", required=False)
    waive_hearing = forms.BooleanField(
        label="当事人书面放弃听证",
        required=False,
        help_text="放弃听证不等于放弃陈述申辩（第六十二条）：当事人也书面放弃陈述申辩的，请同时勾选上一项；"
        "否则须待陈述申辩期限届满后方可决定。",
    )
    file = forms.FileField(label="材料", required=False)


class ReviewStatementForm(StepForm):
    statement = forms.ModelChoiceField(label="陈述申辩", queryset=None)
    result = forms.ChoiceField(label="复核结果", choices=Statement.Review.choices)
    opinion = text("复核意见", required=True)
    reviewed_on = day("复核日")

    def setup(self) -> None:
        self.fields["statement"].queryset = Statement.objects.filter(
            case=self.case, review_result=""
        )


class HearingRequestForm(StepForm):
    requested_on = day("申请日")


class ScheduleHearingForm(StepForm):
    scheduled_for = forms.DateField(label="听证日期", widget=DateInput)
    location = forms.CharField(label="听证地点", max_length=200)
    chair = forms.ModelChoiceField(label="主持人（非本案调查人员）", queryset=None)
    notified_on = day("通知日")
    public = forms.BooleanField(label="公开举行", required=False, initial=True)

    def setup(self) -> None:
        self.fields["chair"].queryset = self.staff()


class RecordHearingForm(StepForm):
    held_on = day("举行日")
    outcome = forms.ChoiceField(label="结果", choices=Hearing.Outcome.choices)
    record = text("听证笔录", required=False, rows=4)
    file = forms.FileField(label="笔录文件", required=False)


class SubmitReviewForm(StepForm):
    submitted_on = day("送审日")
    materials = text("送审材料说明", required=False, rows=2)


class CompleteReviewForm(StepForm):
    result = forms.ChoiceField(
        label="审核结论", choices=[("passed", "同意（审核通过）"), ("returned", "存在问题（退回）")]
    )
    opinion = text("书面审核意见", required=False)
    completed_on = day("审核完成日")

    def setup(self) -> None:
        for code, label in rules.REVIEW_CHECKLIST:
            self.fields[f"ok_{code}"] = forms.BooleanField(label=f"{label}：无问题", required=False)
            self.fields[f"note_{code}"] = forms.CharField(label="意见", required=False)

    def clean(self) -> dict[str, Any]:
        """The conclusion with its checklist (each item: no problem, or the reviewer's note)."""
        d = super().clean()
        return {
            "result": d.get("result"),
            "checklist": {
                code: {"ok": bool(d.get(f"ok_{code}")), "note": d.get(f"note_{code}", "")}
                for code, _ in rules.REVIEW_CHECKLIST
            },
            "opinion": d.get("opinion", ""),
            "completed_on": d.get("completed_on"),
        }


class DiscussionForm(StepForm):
    held_on = day("讨论日")
    chair = forms.CharField(label="主持人", max_length=64)
    attendees = forms.CharField(
        label="参加人员（每行一人）", widget=forms.Textarea(attrs={"rows": 3})
    )
    minutes = text("讨论记录", required=True)
    result = text("讨论决定", required=True, rows=2)

    def clean_attendees(self) -> list[str]:
        return [
            a.strip()
            for a in self.cleaned_data["attendees"]
            .replace("，", "\n")
            .replace("、", "\n")
            .splitlines()
            if a.strip()
        ]


class DecideForm(StepForm):
    outcome = forms.ChoiceField(
        label="处理结果",
        choices=[(Outcome.PENALTY, "给予行政处罚"), (Outcome.NO_PENALTY, "不予行政处罚")],
    )
    types = forms.MultipleChoiceField(
        label="处罚种类",
        choices=PenaltyType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fine = forms.DecimalField(label="罚款（元）", required=False, **MONEY)
    confiscation = forms.DecimalField(label="没收金额（元）", required=False, **MONEY)
    detail = forms.CharField(label="处罚内容说明", required=False)
    reasons = text("决定理由", required=True)
    deviation_reason = text("偏离裁量基准建议幅度的理由", required=False, rows=2)
    no_penalty_reason = text(
        "符合首违不罚情形（第三十三条第一款）仍予处罚的理由", required=False, rows=2
    )
    no_fault_exception = forms.CharField(
        label="无主观过错仍予处罚的法律、行政法规依据（第三十三条第二款）",
        required=False,
        max_length=300,
    )
    education = text("教育情况（不予处罚时必填）", required=False, rows=2)
    decided_on = day("决定日期")


class ServeDecisionForm(StepForm):
    served_on = day("送达日")
    mode = forms.ChoiceField(label="送达方式", choices=ServiceMode.choices)
    consent = forms.BooleanField(label="当事人已签订电子送达确认书", required=False)


class PaymentForm(StepForm):
    amount = forms.DecimalField(label="缴纳罚没款（元）", **MONEY)
    surcharge = forms.DecimalField(label="缴纳加处罚款（元）", required=False, **MONEY)
    paid_on = day("缴款日")
    receipt_number = forms.CharField(label="票据号", max_length=64, required=False)
    on_spot = forms.BooleanField(label="执法人员当场收缴", required=False)
    on_spot_ground = forms.ChoiceField(
        label="当场收缴的情形（第六十八条）",
        choices=[
            ("", "—"),
            ("small", "依法给予一百元以下罚款"),
            ("hard", "不当场收缴事后难以执行"),
        ],
        required=False,
    )
    on_spot_reason = text("不当场收缴事后难以执行的情况", required=False, rows=2)
    on_water = forms.BooleanField(label="在水上当场收缴", required=False)
    landed_on = forms.DateField(label="抵岸日", required=False, widget=DateInput)

    def clean_surcharge(self) -> Decimal:
        return self.cleaned_data["surcharge"] or Decimal(0)


class DeferralForm(StepForm):
    kind = forms.ChoiceField(label="方式", choices=Deferral.Kind.choices)
    until = forms.DateField(label="缴纳期限", widget=DateInput)
    reason = text("当事人申请理由", required=True, rows=2)
    approved_on = day("批准日")


class RemedyForm(StepForm):
    kind = forms.ChoiceField(label="类别", choices=Remedy.Kind.choices)
    body = forms.CharField(label="复议机关（法院）", max_length=128, required=False)
    filed_on = day("申请（起诉）日")


class RemedyOutcomeForm(StepForm):
    remedy = forms.ModelChoiceField(label="复议诉讼", queryset=None)
    result = forms.ChoiceField(label="结果", choices=Remedy.Result.choices)
    ended_on = day("结束日")

    def setup(self) -> None:
        self.fields["remedy"].queryset = Remedy.objects.filter(
            case=self.case, ended_on__isnull=True
        )


class CourtForm(StepForm):
    court = forms.CharField(label="受理法院", max_length=128)
    demand_served_on = forms.DateField(
        label="催告书送达日",
        widget=DateInput,
        help_text="公告送达的，填写发出公告之日：经过三十日视为送达（民事诉讼法第九十五条）。",
    )
    demand_mode = forms.ChoiceField(
        label="催告书送达方式", choices=SERVICE_MODES, initial="direct", required=False
    )
    applied_on = day("申请日")
    late_reason = text("逾期申请的正当理由（超过三个月申请期限时填写）", required=False, rows=2)


class CloseForm(StepForm):
    closed_on = day("结案日")
    reason = text("结案（撤销立案）理由", required=False, rows=2)
    outcome = forms.ChoiceField(
        label="撤销立案的结果",
        required=False,
        choices=[("", "—"), ("dropped", "撤销立案"), ("transferred", "移送司法机关")],
    )


class ArchiveForm(StepForm):
    archived_on = day("归档日")


class WithdrawForm(StepForm):
    reason = text("撤回理由（公开）", required=True, rows=2)
    on = day("撤回日期")
    changed_on = forms.DateField(label="原决定变更（撤销）日期", required=False, widget=DateInput)


class TransferStepForm(StepForm):
    transfer = forms.ModelChoiceField(label="移送", queryset=None)
    step = forms.ChoiceField(
        label="步骤",
        choices=[
            ("transfer", "移送公安机关"),
            ("receive", "公安机关接收"),
            ("accept", "公安机关立案"),
            ("return", "公安机关不予立案（退回）"),
            ("conclude", "登记处理结果"),
            ("dismiss", "经审查不涉嫌犯罪"),
        ],
    )
    on = day("日期")
    receiver = forms.CharField(label="接收机关", max_length=128, required=False)
    documents = forms.MultipleChoiceField(
        label="移送材料", required=False, choices=(), widget=forms.CheckboxSelectMultiple
    )
    reason = text("理由", required=False, rows=2)
    outcome = text("处理结果", required=False, rows=2)

    def setup(self) -> None:
        from .models import Transfer

        self.fields["transfer"].queryset = Transfer.objects.filter(case=self.case)
        if self.case is None:
            return
        files = [
            (d.file_id, f"{d.get_kind_display()}（第{d.version}版）")
            for d in CaseDocument.objects.filter(case=self.case)
        ]
        files += [
            (e.file_id, f"证据：{e.title}")
            for e in Evidence.objects.filter(case=self.case, file__isnull=False)
        ]
        self.fields["documents"].choices = files


class DocumentForm(StepForm):
    kind = forms.ChoiceField(
        label="文书",
        # The 涉嫌犯罪案件移送书 comes with the 移送 step (documents.BY_STEP_ONLY).
        choices=[c for c in CaseDocument.Kind.choices if c[0] != CaseDocument.Kind.TRANSFER_LETTER],
    )
