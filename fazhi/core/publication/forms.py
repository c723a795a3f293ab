"""The staff withdrawal form (the service does the checking; the form only reads input)."""

from __future__ import annotations

from django import forms


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label="撤回理由（将向社会公开）",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="行政处罚法第四十八条：撤回行政处罚决定信息应当公开说明理由。",
    )
    changed_on = forms.DateField(
        label="原决定变更、撤销、确认违法或者确认无效之日",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="撤回期限自该日起算（行政处罚决定为三个工作日）。",
    )
    on = forms.DateField(
        label="撤回日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="不填则为今天。",
    )
