"""Forms of 行政复议与应诉: registration per kind and one form per step. Their fields are the
keyword arguments of the matching service; the API builds its serializers from the same forms."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.acts.resolve import resolve_act
from fazhi.core.acts.widgets import act_field
from fazhi.core.deadlines.service import SERVICE_MODES
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.forms import day, text

from . import rules


def C(label: str, choices: dict[str, Any], required: bool = True) -> forms.ChoiceField:  # noqa: N802
    items = [(k, getattr(v, "label", v)) for k, v in choices.items()]
    return forms.ChoiceField(
        label=label, choices=items if required else [("", "——"), *items], required=required
    )


class _ActMixin(forms.Form):
    act = act_field()

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_act(self):
        return resolve_act(self.cleaned_data.get("act", ""), self.user)


class ReconsiderationRegisterForm(_ActMixin):
    office = forms.ModelChoiceField(label="行政复议机构", queryset=Agency.objects.none())
    applicant_kind = C("申请人类型", rules.APPLICANT_KINDS)
    applicant_name = forms.CharField(label="申请人", max_length=128)
    applicant_contact = forms.CharField(label="联系方式", max_length=64, required=False)
    respondent = forms.ModelChoiceField(
        label="被申请人（平台上的机关）",
        queryset=Agency.objects.filter(active=True),
        required=False,
    )
    respondent_name = forms.CharField(
        label="被申请人名称（平台外的）", max_length=128, required=False
    )
    category = C("类别", rules.CATEGORIES)
    act_description = forms.CharField(label="申请复议的行政行为", max_length=300)
    known_on = day("知道或者应当知道该行政行为之日", help_text=rules.APPLICATION_PERIOD.quote)
    acted_on = day(
        "行政行为作出之日",
        required=False,
        help_text="自此超过五年（因不动产的二十年）的申请不予受理（行政复议法第二十一条）。",
    )
    real_property = forms.BooleanField(label="因不动产提出的申请", required=False)
    rights_notified = forms.BooleanField(
        label="行政行为已告知复议权利、复议机关和期限", required=False, initial=True
    )
    rights_known_on = day(
        "知道申请复议权利之日（未告知的）", required=False, help_text=rules.UNNOTIFIED_CAP.quote
    )
    received_on = day("收到申请之日")
    procedure = C("程序", rules.PROCEDURES)
    major = forms.BooleanField(label="重大、疑难、复杂", required=False)
    request_text = text("行政复议请求")
    delay_reason = text("耽误申请期限的正当理由", help_text=rules.DELAY_EXCUSED.quote)

    def __init__(self, *args: Any, offices=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if offices is not None:
            self.fields["office"].queryset = offices


class RespondenceRegisterForm(_ActMixin):
    agency = forms.ModelChoiceField(label="被申请人", queryset=Agency.objects.none())
    body_name = forms.CharField(label="行政复议机关", max_length=128)
    number = forms.CharField(label="案号", max_length=64)
    applicant_name = forms.CharField(label="申请人", max_length=128)
    copy_received_on = day("收到申请书副本之日", help_text=rules.ANSWER.quote)
    procedure = C("程序", rules.PROCEDURES)
    category = C("类别", rules.CATEGORIES)
    act_description = forms.CharField(label="申请复议的行政行为", max_length=300)

    def __init__(self, *args: Any, agencies=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies


class LitigationRegisterForm(_ActMixin):
    agency = forms.ModelChoiceField(label="被告", queryset=Agency.objects.none())
    court = forms.CharField(label="人民法院", max_length=128)
    number = forms.CharField(label="案号", max_length=64)
    plaintiff_name = forms.CharField(label="原告", max_length=128)
    complaint_received_on = day("收到起诉状副本之日", help_text=rules.DEFENCE.quote)
    category = C("类别", rules.CATEGORIES)
    act_description = forms.CharField(label="被诉行政行为", max_length=300)
    after_reconsideration = forms.BooleanField(label="经复议后起诉", required=False)
    acted_on = day("被诉行政行为作出之日", required=False)
    filed_on = day(
        "原告起诉日",
        required=False,
        help_text="自行政行为作出之日起超过五年（因不动产的二十年）起诉的，人民法院不予受理"
        "（行政诉讼法第四十六条第二款）。",
    )
    real_property = forms.BooleanField(label="因不动产提起的诉讼", required=False)

    def __init__(self, *args: Any, agencies=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies


def _form(name: str, **fields: forms.Field) -> type[forms.Form]:
    return type(name, (forms.Form,), fields)


HEAD = {
    "head_attended": forms.BooleanField(label="被申请人负责人参加", required=False),
    "head_name": forms.CharField(label="参加的负责人", max_length=64, required=False),
    "absence_reason": forms.CharField(label="负责人不能参加的理由", max_length=200, required=False),
    "delegate": forms.CharField(label="受委托参加的工作人员", max_length=64, required=False),
}
DECISION = C("决定类型", rules.RECONSIDERATION_DECISIONS, required=False)

STEP_FORMS: dict[str, dict[str, type[forms.Form]]] = {
    "reconsideration": {
        "request_correction": _form(
            "CorrectionForm",
            notice_on=day("补正通知日"),
            correction_items=text("需要补正的事项（一次性载明）"),
            delivered_on=day("申请人收到通知日（公告送达的填发出公告日）", required=False),
            mode=forms.ChoiceField(
                label="送达方式", choices=SERVICE_MODES, initial="direct", required=False
            ),
        ),
        "receive_correction": _form("CorrectionReceivedForm", received_on=day("收到补正材料日")),
        "abandon": _form("AbandonForm", closed_on=day("日期")),
        "accept": _form("AcceptForm", accepted_on=day("受理日")),
        "deem_accepted": _form("DeemForm", on=day("登记日")),
        "reject": _form(
            "RejectForm", rejected_on=day("决定日"), rejection_reason=text("不予受理理由")
        ),
        "send_copy": _form(
            "CopyForm", sent_on=day("发送日"), delivered_on=day("被申请人收到日", required=False)
        ),
        "extend": _form(
            "ExtendForm",
            extension_days=forms.IntegerField(label="延长天数", required=False),
            approver=forms.CharField(label="批准人（行政复议机构负责人）", required=False),
            notified_on=day("书面告知当事人日", required=False),
        ),
        "suspend": _form(
            "SuspendForm",
            suspended_on=day("中止日"),
            reason=text("中止理由（第三十九条情形）"),
            notified_on=day("书面告知当事人日", required=False),
        ),
        "resume": _form(
            "ResumeForm",
            resumed_on=day("恢复日"),
            notified_on=day("书面告知当事人日", required=False),
        ),
        "hold_hearing": _form(
            "HearingForm",
            held_on=day("听证日"),
            notice_on=day("书面通知日"),
            chair=forms.CharField(label="主持人", required=False),
            members=forms.CharField(label="听证员（以顿号分隔）", required=False),
            recorder=forms.CharField(label="记录员", required=False),
            **HEAD,
        ),
        "consult_committee": _form(
            "CommitteeForm", consulted_on=day("提请日"), committee_opinion=text("咨询意见")
        ),
        "decide": _form(
            "DecideForm",
            decision_type=DECISION,
            decided_on=day("决定日"),
            approval=forms.CharField(label="负责人同意或集体讨论（会议、日期）", required=False),
            decision_summary=text("决定内容及所责令事项"),
            opinion_letter=forms.BooleanField(label="同时制发行政复议意见书", required=False),
        ),
        "terminate": _form(
            "TerminateForm", closed_on=day("终止日"), reason=text("终止理由", required=True)
        ),
    },
    "respondence": {
        "submit_answer": _form(
            "AnswerForm",
            answered_on=day("提交日"),
            answer_summary=text("书面答复"),
            evidence=text("证据、依据和其他有关材料（清单）"),
        ),
        "attend_hearing": _form("AttendForm", held_on=day("听证日"), **HEAD),
        "record_decision": _form(
            "RecordDecisionForm",
            decision_type=DECISION,
            decided_on=day("决定日"),
            decision_summary=text("决定内容"),
        ),
        "receive_opinion": _form("OpinionForm", received_on=day("收到意见书日")),
        "report_correction": _form(
            "ReportForm", reported_on=day("报送日"), correction_report=text("纠正情况")
        ),
        "close": _form("CloseForm", closed_on=day("结案日")),
    },
    "litigation": {
        "request_evidence_extension": _form(
            "EvidenceExtensionForm", requested_on=day("书面申请日")
        ),
        "submit_defence": _form(
            "DefenceForm", submitted_on=day("提交日"), evidence=text("证据和规范性文件（清单）")
        ),
        "record_hearing": _form(
            "CourtHearingForm",
            held_on=day("开庭日"),
            summons_received_on=day("收到出庭通知书日", required=False),
            head_appeared=forms.BooleanField(label="负责人出庭", required=False),
            head_name=forms.CharField(label="出庭负责人", required=False),
            head_position=C("负责人职务类别", rules.HEAD_POSITIONS, required=False),
            spoke_on_resolution=forms.BooleanField(
                label="就实质性解决争议发表意见", required=False
            ),
            absence_reason=C("不能出庭的理由", rules.ABSENCE_REASONS, required=False),
            absence_proof=text("理由及证明材料"),
            delegate=forms.CharField(label="委托出庭的工作人员", required=False),
        ),
        "record_judgment": _form(
            "JudgmentForm",
            document_kind=C("裁判文书", rules.DOCUMENT_KINDS, required=False),
            outcome=C("裁判结果", rules.LITIGATION_OUTCOMES, required=False),
            served_on=day("送达日"),
            lost=forms.NullBooleanField(label="败诉（留空按裁判结果判断）", required=False),
            loss_reason=text("败诉原因"),
            responsible_unit=forms.CharField(label="责任单位", required=False),
            responsible_officer=forms.CharField(label="责任人", required=False),
        ),
        "appeal": _form(
            "AppealForm",
            appealed_on=day("上诉日"),
            appeal_by=forms.ChoiceField(
                label="上诉人", choices=[("agency", "本机关"), ("other", "对方当事人")]
            ),
            second_instance_heard=forms.BooleanField(label="第二审开庭审理", required=False),
        ),
        "record_performance": _form(
            "PerformanceForm",
            performed_on=day("履行日"),
            performance=text("履行情况", required=True),
        ),
        "close": _form(
            "CloseLitigationForm",
            closed_on=day("结案日"),
            no_hearing_reason=text("未开庭审理的原因（如撤诉）"),
        ),
    },
}


class RecommendationForm(forms.Form):
    agency = forms.ModelChoiceField(label="被建议机关", queryset=Agency.objects.none())
    kind = C("类别", rules.RECOMMENDATION_KINDS)
    issuer = forms.CharField(label="制发机关", max_length=128)
    number = forms.CharField(label="文号", max_length=64, required=False)
    received_on = day("收到日")
    content = text("建议内容", required=True)
    feedback_due = day(
        "书面回复期限（按建议书载明）",
        required=False,
        help_text="诉前检察建议（行政公益诉讼）的期限依法计算，可不填；填写的不得晚于法定期限。",
    )
    public_interest = forms.BooleanField(
        label="诉前检察建议（行政公益诉讼）",
        required=False,
        help_text=rules.PUBLIC_INTEREST_PERIOD.quote,
    )
    urgent_ground = text("损害继续扩大等紧急情形（十五日内书面回复）")

    def __init__(self, *args: Any, agencies=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies


class FeedbackForm(forms.Form):
    feedback_on = day("书面回复日")
    feedback = text("回复内容", required=True)
