"""The downloadable .xlsx templates: Chinese headers (required ones marked ``*``), an example
row, drop-down lists for enumerations, codes formatted as text, and a 说明 sheet that explains
each column and its rule."""

from __future__ import annotations

import io
from datetime import date
from functools import cache

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..codes import make_id_number, make_uscc
from .reader import clean
from .spec import SHEETS, Sheet

TEMPLATE_ROWS = 5000  # rows covered by the drop-down lists
EXAMPLE_NOTE = "示例行：保持不变时导入会自动跳过；可以直接覆盖为实际数据，也可以删除。"
GENERAL_NOTES = (
    "第一行是列名，请勿修改；从第二行起每行一条数据。带 * 的列必须填写。",
    "第二行是示例：保持原样时导入会自动跳过。",
    "导入时逐行逐列校验，全部通过才导入；任何一行有误，整个文件不导入，并列出每一处错误（行号、列名、原因）。",
    "代码类的列（统一社会信用代码、公民身份号码、区划代码、电话）已设为文本格式，请勿改为数字格式，否则 Excel 会丢失前导零或末几位。",
)


@cache
def _computed_examples() -> dict[str, str]:
    return {
        "uscc": make_uscc("331225", "00255001"),
        "id_number": make_id_number("331225", date(1980, 1, 1), 1),
    }


def example_values(sheet: Sheet) -> dict[str, str]:
    """The example row as the importer would read it (empty cells left out)."""
    values = {c.key: _computed_examples().get(c.key, c.example) for c in sheet.columns}
    return {k: clean(v) for k, v in values.items() if clean(v)}


def template_bytes(kind: str) -> bytes:
    """The template of ``kind`` as .xlsx bytes."""
    sheet = SHEETS[kind]
    wb = Workbook()
    ws = wb.active
    ws.title = sheet.title
    _data_sheet(ws, sheet)
    _help_sheet(wb.create_sheet("说明"), sheet)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _data_sheet(ws, sheet: Sheet) -> None:
    example = example_values(sheet)
    head_fill = PatternFill("solid", fgColor="F2E6E5")
    for i, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i, value=column.header + ("*" if column.required else ""))
        cell.font = Font(bold=True, color="B3261E" if column.required else "1F2328")
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center")
        if column.rule:
            cell.comment = Comment(column.rule, "法治平台")
        ws.column_dimensions[letter].width = column.width
        sample = ws.cell(row=2, column=i, value=example.get(column.key))
        sample.font = Font(italic=True, color="5B6470")
        if column.text:
            # A column style: Excel formats every cell typed into the column as text.
            ws.column_dimensions[letter].number_format = "@"
            sample.number_format = "@"
        if column.choices:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=True,
                showErrorMessage=column.strict_choices,
                errorTitle="不是可选值",
                error="请从下拉列表中选择。",
                promptTitle=column.header,
                prompt=column.rule[:250],
                showInputMessage=True,
            )
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(validation)
    ws.cell(row=2, column=1).comment = Comment(EXAMPLE_NOTE, "法治平台")
    ws.freeze_panes = "A2"


def _help_sheet(ws, sheet: Sheet) -> None:
    ws.append([f"{sheet.label}导入说明"])
    ws["A1"].font = Font(bold=True, size=14)
    for note in (*GENERAL_NOTES, *sheet.notes):
        ws.append([note])
    ws.append([])
    ws.append(["列名", "是否必填", "填写规则", "可选值", "示例"])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    example = example_values(sheet)
    for column in sheet.columns:
        ws.append(
            [
                column.header,
                "必填" if column.required else "选填",
                column.rule,
                "、".join(column.choices),
                example.get(column.key, ""),
            ]
        )
    for letter, width in zip("ABCDE", (18, 10, 80, 40, 24), strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=header_row + 1):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")
