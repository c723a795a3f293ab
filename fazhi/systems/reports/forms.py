"""Forms of the reports pages (Chinese labels and errors)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from . import rules


class CreateReportForm(forms.Form):
    agency = forms.ModelChoiceField(label="报告机关", queryset=None)
    year = forms.IntegerField(label="报告年度", min_value=2019, max_value=2100)

    def __init__(self, *args: Any, agencies: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.fields["agency"].queryset = agencies
        self.fields["year"].initial = timezone.localdate().year - 1


class DraftForm(forms.Form):
    """One textarea per part of 第二十五条, plus a note on what changed."""

    note = forms.CharField(label="修改说明", max_length=200, required=False)

    def __init__(self, *args: Any, headings: dict[str, str], **kw: Any) -> None:
        super().__init__(*args, **kw)
        for key in rules.PART_KEYS:
            self.fields[key] = forms.CharField(
                label=headings.get(key, rules.DEFAULT_HEADINGS[key]),
                widget=forms.Textarea(attrs={"rows": 6}),
                required=False,
            )


class LayoutForm(forms.Form):
    title = forms.CharField(label="标题", max_length=200, required=False)
    part_order = forms.CharField(
        label="各部分顺序", help_text="用逗号分隔：" + ",".join(rules.PART_KEYS), required=False
    )

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        for key in rules.PART_KEYS:
            self.fields[f"h_{key}"] = forms.CharField(
                label=f"标题：{rules.DEFAULT_HEADINGS[key]}", max_length=100, required=False
            )

    def clean_part_order(self) -> list[str]:
        raw = [k.strip() for k in self.cleaned_data["part_order"].split(",") if k.strip()]
        try:
            return rules.normalise_order(raw or None)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None

    def headings(self) -> dict[str, str]:
        return {k: self.cleaned_data.get(f"h_{k}", "") for k in rules.PART_KEYS}


class CheckUploadForm(forms.Form):
    file = forms.FileField(label="报告文件（.txt / .docx / .pdf）")
