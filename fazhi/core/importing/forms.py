"""The upload form of every import page. An importer's ``options_form`` subclasses it to add
its own fields (taking ``user=`` when built)."""

from __future__ import annotations

from typing import Any

from django import forms


class ImportForm(forms.Form):
    """Upload one .xlsx file."""

    file = forms.FileField(label="Excel 文件（.xlsx）")
    dry_run = forms.BooleanField(label="仅校验，不导入", required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("请上传 .xlsx 格式的 Excel 文件。")
        return f

    def options(self) -> dict[str, Any]:
        """The cleaned fields an importer's ``run`` takes as keywords."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("file", "dry_run")}
