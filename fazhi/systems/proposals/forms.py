"""Forms of 建议提案办理: registration and one form per step. Their fields are the keyword
arguments of the matching service; the API accepts the same forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core.orgs.models import Agency
from fazhi.core.ui.forms import day, text

from . import rules


def _limit(form: forms.BaseForm, name: str, queryset: QuerySet) -> None:
    """Offer only ``queryset`` in the model choice field ``name`` of this form instance."""
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)  # a multiple choice field is one too
    field.queryset = queryset


def units() -> Any:
    return Agency.objects.filter(active=True).exclude(kind=Agency.Kind.GOVERNMENT)


class RegisterForm(forms.Form):
    agency = forms.ModelChoiceField(label="交办机关", queryset=Agency.objects.none())
    kind = forms.ChoiceField(label="类别", choices=rules.KIND_CHOICES)
    number = forms.CharField(label="编号", max_length=64)
    session = forms.CharField(label="届次会议", max_length=64, help_text="如：县十八届人大三次会议")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    author = forms.CharField(label="代表（委员）", max_length=128)
    co_authors = forms.CharField(label="附议（联名）", max_length=300, required=False)
    author_contact = forms.CharField(label="联系方式", max_length=64, required=False)
    title = forms.CharField(label="案由（标题）", max_length=200)
    content = text("内容", required=True, rows=6)
    received_on = day("收到日")

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "agency", agencies if agencies is not None else Agency.objects.none())
        self.fields["year"].initial = timezone.localdate().year


class AssignForm(forms.Form):
    lead_unit = forms.ModelChoiceField(label="主办单位", queryset=Agency.objects.none())
    co_units = forms.ModelMultipleChoiceField(
        label="协办单位", queryset=Agency.objects.none(), required=False
    )
    assigned_on = day("交办日")
    answer_due = day(
        "答复期限",
        required=False,
        help_text="政协委员提案由交办单位确定。人大代表建议的答复期限依法计算（自交办之日起三个月，"
        "载明涉及面广、处理难度大的理由的六个月，代表法第五十一条第二款），无须填写；"
        "填写晚于法定期限的日期将被拒绝。",
    )
    broad_ground = text(
        "涉及面广、处理难度大的理由（人大代表建议）",
        help_text="载明理由的，建议的答复期限为自交办之日起六个月。",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "lead_unit", units())
        _limit(self, "co_units", units())


class OpinionForm(forms.Form):
    unit = forms.ModelChoiceField(label="协办单位", queryset=Agency.objects.none(), required=False)
    opinion = text("协办意见", required=True)
    submitted_on = day("送达主办单位日")

    def __init__(self, *args: Any, unit_ids: list[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit(self, "unit", Agency.objects.filter(pk__in=unit_ids or []))


class AnswerForm(forms.Form):
    result = forms.ChoiceField(label="办理结果", choices=[("", "——"), *rules.RESULT_CHOICES])
    answer = text("答复内容", required=True, rows=6)
    answer_number = forms.CharField(label="答复文号", max_length=64, required=False)
    answered_on = day("答复日")

    def clean_result(self) -> str:
        return self.cleaned_data["result"]


class FeedbackForm(forms.Form):
    satisfaction = forms.ChoiceField(label="代表（委员）意见", choices=rules.SATISFACTION_CHOICES)
    feedback_on = day("反馈日")
    feedback_note = text("反馈意见")
    answer_due = day(
        "重新办理的答复期限", required=False, help_text="不满意时填写：由交办单位重新确定。"
    )
