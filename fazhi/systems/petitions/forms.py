"""Forms of 信访 and 12345: registration and one form per step. Their fields are the keyword
arguments of the matching service; the API builds its serializers from the same forms."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.acts.resolve import resolve_act
from fazhi.core.acts.widgets import act_field
from fazhi.core.deadlines.service import SERVICE_MODES
from fazhi.core.orgs.models import Agency
from fazhi.core.ui.forms import day, text

from . import rules


def _agency(label: str, required: bool = True, help_text: str = "") -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Agency.objects.filter(active=True).order_by("name"),
        required=required,
        help_text=help_text,
    )


class _ActMixin(forms.Form):
    act = act_field()
    act_description = forms.CharField(label="所涉行政行为", max_length=300, required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # the act comes after the matter itself on the page
        link = ["act", "act_description"]
        self.order_fields([f for f in self.fields if f not in link] + link)

    def clean_act(self):
        return resolve_act(self.cleaned_data.get("act", ""), self.user)


class PetitionRegisterForm(_ActMixin):
    """登记信访事项 (第二十二条、第二十三条)."""

    agency = forms.ModelChoiceField(label="登记机关", queryset=Agency.objects.none())
    channel = forms.ChoiceField(label="信访形式", choices=rules.CHANNEL_CHOICES)
    received_on = day("收到信访事项之日")
    petitioner_name = forms.CharField(label="信访人", max_length=128)
    petitioner_id_number = forms.CharField(label="身份证明号码", max_length=32, required=False)
    petitioner_contact = forms.CharField(label="联系方式", max_length=64, required=False)
    petitioner_address = forms.CharField(label="住址", max_length=200, required=False)
    identity_unclear = forms.BooleanField(
        label="姓名（名称）、住址不清", required=False, help_text=rules.ART23_2.quote
    )
    content = text("投诉请求", required=True)
    facts_reasons = text("事实和理由")
    concerned_agency = _agency("涉及单位", required=False)
    new_facts = text(
        "新的事实和理由",
        help_text="同一事项已复核终结的，须载明新的事实和理由（第三十六条第三款）。",
    )

    def __init__(self, *args: Any, agencies=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
            if agencies.count() == 1:
                self.fields["agency"].initial = agencies.first()


class RouteForm(forms.Form):
    route = forms.ChoiceField(label="处理方式", choices=rules.ROUTE_CHOICES)
    handler_agency = _agency("承办机关（有权处理的机关、单位）")
    routed_on = day(
        "转送、交办日", help_text="收到之日起15日内（第二十二条）；逾期办理的标记超期。"
    )
    delivered_on = day("承办机关收到日", required=False, help_text="其5个工作日异议期自此起算。")

    def clean_handler_agency(self):
        return self.cleaned_data["handler_agency"].pk


class ObjectionForm(forms.Form):
    objection_on = day("提出异议日", help_text="自收到之日起5个工作日内（第二十三条第三款）。")
    reason = text("异议理由（不属于本机关、单位或者本系统职权范围）")


class AcceptForm(forms.Form):
    accepted_on = day("受理日", help_text="办理期限60日自此起算（第三十四条）。")


class DivertForm(forms.Form):
    diversion = forms.ChoiceField(label="法定途径", choices=rules.DIVERSION_CHOICES)
    closed_on = day("告知日")


class NotifyForm(forms.Form):
    notice_on = day("书面告知日", help_text="15日内书面告知信访人（第二十三条）。")


class ExtendForm(forms.Form):
    days = forms.IntegerField(
        label="延长日数",
        required=False,
        min_value=1,
        help_text="批准延长的日数，办理期限按此延长；延长期限不得超过30日（《信访工作条例》第三十四条）。",
    )
    approver = forms.CharField(label="批准人（本机关、单位负责人）", max_length=64, required=False)
    approved_on = day("批准日", required=False)
    notified_on = day("告知信访人日", required=False)
    reason = text("延期理由")


class DecideForm(forms.Form):
    opinion_on = day("处理意见日")
    facts_reasons = text("事实和理由", help_text="留空沿用登记时的事实和理由。")
    opinion = text("处理意见")
    legal_basis = text("法律法规依据")
    served_on = day(
        "信访人收到书面答复日（公告送达的填发出公告日）",
        required=False,
        help_text="复查请求期30日自此起算；公告送达的，自发出公告之日起经过三十日视为送达。",
    )
    mode = forms.ChoiceField(
        label="送达方式", choices=SERVICE_MODES, initial="direct", required=False
    )
    opinion_number = forms.CharField(label="意见书文号", max_length=64, required=False)


class RequestForm(forms.Form):
    body = _agency("受理请求的上一级机关、单位")
    requested_on = day("收到请求日")

    def clean_body(self):
        return self.cleaned_data["body"].pk


class ReviewDecisionForm(forms.Form):
    decided_on = day("意见日")
    opinion = text("意见")
    served_on = day("书面答复送达日（公告送达的填发出公告日）", required=False)
    mode = forms.ChoiceField(
        label="送达方式", choices=SERVICE_MODES, initial="direct", required=False
    )


class RecheckDecisionForm(forms.Form):
    decided_on = day("复核意见日")
    opinion = text("复核意见")


class HearingStartForm(forms.Form):
    started_on = day("听证开始日", help_text=rules.ART36_HEARING.quote)
    note = text("听证情况")


class HearingEndForm(forms.Form):
    ended_on = day("听证结束日")
    note = text("听证情况")


class CloseForm(forms.Form):
    closed_on = day("办结日")


# -- 12345 -----------------------------------------------------------------------------------


class TicketRegisterForm(_ActMixin):
    office = forms.ModelChoiceField(label="12345热线工作机构", queryset=Agency.objects.none())
    category = forms.ChoiceField(label="诉求类型", choices=rules.CATEGORY_CHOICES)
    received_on = day("来电日")
    caller_name = forms.CharField(label="来电人", max_length=128)
    caller_contact = forms.CharField(label="联系电话", max_length=64, required=False)
    content = text("诉求内容", required=True)
    unit = _agency("承办单位（填写即派单）", required=False)
    dispatched_on = day("派单日", required=False)

    def __init__(self, *args: Any, agencies=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["office"].queryset = agencies
            if agencies.count() == 1:
                self.fields["office"].initial = agencies.first()


class DispatchForm(forms.Form):
    unit = _agency("承办单位")
    dispatched_on = day("派单日")

    def clean_unit(self):
        return self.cleaned_data["unit"].pk


class SignForm(forms.Form):
    signed_on = day("签收日")


class ReturnForm(forms.Form):
    returned_on = day("退单日", help_text=f"派单后1个工作日内（{rules.HOTLINE_SETTING}）。")
    reason = text("退单理由")


class ArbitrateForm(forms.Form):
    decision = forms.ChoiceField(label="仲裁结果", choices=rules.ARBITRATION_CHOICES)
    decided_on = day("仲裁日")
    unit = _agency("改派单位（同意退单时）", required=False)
    note = text("仲裁意见")

    def clean_unit(self):
        unit = self.cleaned_data.get("unit")
        return unit.pk if unit is not None else None


class TicketExtendForm(forms.Form):
    approved_on = day("同意延期日")
    reason = text("延期理由")


class ReplyForm(forms.Form):
    replied_on = day("回复日")
    reply = text("办理结果")


class CallbackForm(forms.Form):
    callback_on = day("回访日")
    satisfaction = forms.ChoiceField(label="满意度", choices=rules.SATISFACTION_CHOICES)


class ReopenForm(forms.Form):
    reopened_on = day("重办日")
