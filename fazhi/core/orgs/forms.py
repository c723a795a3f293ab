from __future__ import annotations

from django import forms

from .importing import SHEETS

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label="导入内容",
        choices=[(k, s.label) for k, s in SHEETS.items()],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label="Excel 文件（.xlsx）", help_text="请使用本页提供的模板填写。")
    dry_run = forms.BooleanField(label="只校验，不导入", required=False)

    def __init__(self, *args, kinds: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if kinds is not None:
            kind = self.fields["kind"]
            assert isinstance(kind, forms.ChoiceField)  # declared above
            kind.choices = [(k, SHEETS[k].label) for k in kinds]
            if len(kinds) == 1:
                kind.initial = kinds[0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("只接受 .xlsx 格式的 Excel 文件（不支持 .xls、.csv）。")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"文件过大（{upload.size // 1024 // 1024} MB），单个文件不超过 10 MB，请拆分后导入。"
            )
        return upload
