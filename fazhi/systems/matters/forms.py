"""Forms of the matters pages: they collect input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.importing.forms import ImportForm
from fazhi.core.ui.forms import DateInput

from . import policies
from .models import EnforcementSubject
from .rules import CIRCUMSTANCES


class AgencyImportForm(ImportForm):
    """The platform's upload form with the agency whose rules the file holds."""

    agency = forms.ModelChoiceField(label="机关", queryset=None)
    field_order = ["agency", "file", "dry_run"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = policies.manageable_agencies(self.user)
        self.order_fields(self.field_order)


class MatterImportForm(AgencyImportForm):
    effective_from = forms.DateField(
        label="本版清单施行日期", widget=DateInput, initial=timezone.localdate
    )
    note = forms.CharField(label="版本说明", max_length=300, required=False)
    field_order = ["agency", "effective_from", "note", "file", "dry_run"]


class SubjectForm(forms.ModelForm):
    class Meta:
        model = EnforcementSubject
        fields = [
            "nature",
            "basis",
            "duties",
            "address",
            "phone",
            "complaint_phone",
            "procedure",
            "remedies",
        ]


class TrialForm(forms.Form):
    """试算: what the platform would recommend for given circumstances on a given day."""

    on = forms.DateField(label="决定日期", widget=DateInput, initial=timezone.localdate)
    violation_date = forms.DateField(label="违法行为发生日", widget=DateInput, required=False)
    circumstances = forms.MultipleChoiceField(
        label="情节",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(c.code, c.label) for c in CIRCUMSTANCES.values()],
    )
    amount = forms.DecimalField(
        label="拟罚款（元）", required=False, min_value=0, decimal_places=2, max_digits=14
    )
