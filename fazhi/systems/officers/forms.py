"""Forms of the personnel pages. They only collect input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.accounts.models import StaffMember
from fazhi.core.ui.forms import DateInput

from .models import Certificate, TrainingRecord
from .services import split_fields


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: StaffMember) -> str:
        return f"{obj.name}（{obj.agency.display_name}{'·' + obj.unit.name if obj.unit else ''}）"


def staff_field(agency_ids) -> StaffChoiceField:
    qs = StaffMember.objects.filter(agency_id__in=agency_ids, active=True).select_related(
        "agency", "unit"
    )
    return StaffChoiceField(label="人员", queryset=qs.order_by("agency__order", "name"))


class CertificateIssueForm(forms.Form):
    kind = forms.ChoiceField(label="证件类别", choices=Certificate.Kind.choices)
    number = forms.CharField(label="证件编号", max_length=32)
    areas = forms.CharField(
        label="执法领域", max_length=200, required=False, help_text="多个用顿号“、”分隔。"
    )
    issuer = forms.CharField(label="发证机关", max_length=100, required=False)
    issued_on = forms.DateField(label="发证日期", widget=DateInput)
    expires_on = forms.DateField(label="有效期至", widget=DateInput)

    def __init__(self, *args, agency_ids=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"staff": staff_field(agency_ids), **self.fields}

    def cleaned_areas(self) -> list[str]:
        return split_fields(self.cleaned_data.get("areas") or "")


class CertificateStatusForm(forms.Form):
    """暂扣、恢复使用、注销: the service verbs' ``on`` and ``reason``."""

    on = forms.DateField(label="生效日期", widget=DateInput, initial=timezone.localdate)
    reason = forms.CharField(label="原因", max_length=300, required=False)


class CertificateRenewForm(forms.Form):
    on = forms.DateField(label="换证日期", widget=DateInput, initial=timezone.localdate)
    expires_on = forms.DateField(label="新的有效期至", widget=DateInput)
    areas = forms.CharField(
        label="执法领域", max_length=200, required=False, help_text="空白则不变。"
    )
    reason = forms.CharField(label="说明", max_length=300, required=False)

    def clean(self) -> dict:
        """``renew_certificate``'s keyword arguments: the areas as its ``fields`` (None: keep)."""
        data = super().clean() or {}
        data["fields"] = split_fields(data.pop("areas", "") or "") or None
        return data


class TrainingForm(forms.Form):
    category = forms.ChoiceField(label="类别", choices=TrainingRecord.Category.choices)
    title = forms.CharField(label="培训名称", max_length=200)
    date = forms.DateField(label="培训日期", widget=DateInput)
    hours = forms.DecimalField(label="学时", max_digits=5, decimal_places=1, min_value=0.5)
    provider = forms.CharField(label="主办单位", max_length=100, required=False)

    def __init__(self, *args, agency_ids=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"staff": staff_field(agency_ids), **self.fields}
