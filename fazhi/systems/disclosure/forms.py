"""Forms of 依申请公开: registration and one form per step. Their fields are the keyword
arguments of the matching service; the API builds its serializers from the same forms."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.acts.resolve import resolve_act
from fazhi.core.acts.widgets import act_field
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.forms import day, text

from . import rules
from .models import DisclosureRequest


class RegisterForm(forms.Form):
    """登记申请 (第二十九条、第三十一条)."""

    agency = forms.ModelChoiceField(label="受理机关", queryset=Agency.objects.none())
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=rules.APPLICANT_KIND_CHOICES)
    applicant_name = forms.CharField(label="申请人姓名或名称", max_length=128)
    applicant_id_number = forms.CharField(label="身份证明号码", max_length=32, required=False)
    applicant_contact = forms.CharField(label="联系方式", max_length=64, required=False)
    applicant_address = forms.CharField(label="通讯地址", max_length=200, required=False)
    content = text("申请公开的政府信息", required=True, help_text=rules.REQUEST_CONTENT.quote)
    delivery_form = forms.ChoiceField(
        label="获取信息的方式", choices=list(rules.DELIVERY_FORMS.items())
    )
    channel = forms.ChoiceField(label="提交渠道", choices=rules.CHANNEL_CHOICES)
    submitted_on = day("提交（到达）日", help_text="当面提交之日，或信件、网上申请、传真到达之日。")
    signed_on = day(
        "签收日",
        required=False,
        help_text="需签收的邮寄：以签收之日为收到申请之日（第三十一条第（二）项）。",
    )
    confirmed_on = day(
        "确认日",
        required=False,
        help_text="平常信函、互联网、传真：以（双方）确认之日为收到申请之日（第三十一条第（二）（三）项）。",
    )
    act = act_field()
    act_description = forms.CharField(label="所涉行政行为", max_length=300, required=False)

    def __init__(self, *args: Any, agencies=None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if agencies is not None:
            self.fields["agency"].queryset = agencies
            if agencies.count() == 1:
                self.fields["agency"].initial = agencies.first()

    def clean_act(self):
        return resolve_act(self.cleaned_data.get("act", ""), self.user)


class ReviewForm(forms.Form):
    reviewed_on = day("审查确认日")


class CorrectionForm(forms.Form):
    notice_on = day("补正告知日", help_text="自收到申请之日起7个工作日内一次性告知（第三十条）。")
    correction_items = text("需要补正的事项", required=True)
    correction_due = day("补正期限", help_text="给申请人的合理补正期限。")


class CorrectionReceivedForm(forms.Form):
    received_on = day("收到补正申请之日", help_text="答复期限自此日起重新计算（第三十条）。")


class CloseForm(forms.Form):
    closed_on = day("日期")


class ConsultForm(forms.Form):
    kind = forms.ChoiceField(label="征求意见对象", choices=rules.CONSULTATION_CHOICES)
    party = forms.CharField(label="第三方或机关名称", max_length=200)
    sent_on = day(
        "发出征求意见书日", help_text="自此日起征求意见所需时间不计入答复期限（第三十三条第三款）。"
    )
    delivered_on = day(
        "对方收到征求意见书日", required=False, help_text="对方提出意见的15个工作日自此起算。"
    )


class OpinionForm(forms.Form):
    opinion = forms.ChoiceField(label="意见", choices=rules.OPINION_CHOICES)
    replied_on = day("收到意见日（或登记日）")
    opinion_text = text("意见内容及理由")


class ExtendForm(forms.Form):
    approver = forms.CharField(
        label="批准人（政府信息公开工作机构负责人）", max_length=64, required=False
    )
    approved_on = day("批准日", required=False)
    notified_on = day("告知申请人日", required=False)
    length = forms.IntegerField(
        label="延长工作日数",
        required=False,
        min_value=1,
        help_text="不填即延长至最长期限；延长的期限最长不得超过20个工作日（第三十三条第二款）。",
    )
    reason = text("延长理由")


class AnswerForm(forms.Form):
    answer_type = forms.ChoiceField(
        label="答复类型", choices=[("", "——请选择——"), *rules.ANSWER_TYPE_CHOICES], required=False
    )
    answered_on = day("答复日")
    refusal_ground = forms.ChoiceField(
        label="不予公开依据",
        required=False,
        choices=[("", "——"), *rules.REFUSAL_GROUND_CHOICES],
        help_text="不予公开、部分公开时必选。",
    )
    not_processed_reason = forms.ChoiceField(
        label="不予处理情形", required=False, choices=[("", "——"), *rules.NOT_PROCESSED_CHOICES]
    )
    reason = text(
        "理由",
        help_text="不予公开、信息不存在、非本机关负责公开、部分公开等须说明理由（第三十六条）。",
    )
    access_way = text("提供的信息或获取方式、途径")
    responsible_agency = forms.CharField(
        label="负责公开的机关及联系方式", max_length=200, required=False
    )
    previous_request = forms.ModelChoiceField(
        label="原申请（重复申请）", required=False, queryset=DisclosureRequest.objects.none()
    )
    special_law = forms.CharField(
        label="有特别规定的法律、行政法规", max_length=200, required=False
    )
    public_interest_reason = text("决定公开的公共利益理由（第三方不同意公开时）")
    letter_number = forms.CharField(
        label="答复书文号", max_length=64, required=False, help_text="留空自动编号。"
    )

    def __init__(self, *args: Any, previous=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if previous is not None:
            self.fields["previous_request"].queryset = previous

    def clean_previous_request(self):
        value = self.cleaned_data.get("previous_request")
        return value.pk if value is not None else None
