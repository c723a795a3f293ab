"""The downloadable .xlsx template of an :class:`Importer`: Chinese headers (required ones
marked ``*``, frozen), an example row, column widths, drop-down lists for enumerations, codes
formatted as text, and a 说明 sheet that explains each column and its rule."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .run import example_values
from .spec import Importer

TEMPLATE_ROWS = 5000  # rows covered by the drop-down lists
EXAMPLE_NOTE = "示例行：保持不变时导入会自动跳过；可以直接覆盖为实际数据，也可以删除。"
GENERAL_NOTES = (
    "第一行是列名，请勿修改；从第二行起每行一条数据。带 * 的列必须填写。",
    "第二行是示例：保持原样时导入会自动跳过。",
    "导入时逐行逐列校验，全部通过才导入；任何一行有误，整个文件不导入，并列出每一处错误（行号、列名、原因）。",
    "代码类的列（统一社会信用代码、公民身份号码、区划代码、电话）已设为文本格式，请勿改为数字格式，否则 Excel 会丢失前导零或末几位。",
)


def template_bytes(importer: Importer) -> bytes:
    """The template of ``importer`` as .xlsx bytes."""
    wb = Workbook()
    ws = wb.active
    ws.title = importer.title
    _data_sheet(ws, importer)
    _help_sheet(wb.create_sheet("说明"), importer)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _data_sheet(ws, importer: Importer) -> None:
    example = example_values(importer)
    head_fill = PatternFill("solid", fgColor="F2E6E5")
    for i, column in enumerate(importer.columns, start=1):
        letter = get_column_letter(i)
        cell = ws.cell(row=1, column=i, value=column.header + ("*" if column.required else ""))
        cell.font = Font(bold=True, color="B3261E" if column.required else "1F2328")
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center")
        if column.rule:
            cell.comment = Comment(column.rule, "法治平台")
        ws.column_dimensions[letter].width = max(column.width, len(column.header) * 2 + 4)
        sample = ws.cell(row=2, column=i, value=example.get(column.key))
        sample.font = Font(italic=True, color="5B6470")
        if column.text:
            # A column style: Excel formats every cell typed into the column as text.
            ws.column_dimensions[letter].number_format = "@"
            sample.number_format = "@"
        if column.choices and len(",".join(column.choices)) <= 255:
            # Excel refuses an inline list longer than 255 characters; the 说明 sheet lists them.
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=True,
                showErrorMessage=column.strict_choices,
                errorTitle="不是可选值",
                error="请从下拉列表中选择。",
                promptTitle=column.header[:32],
                prompt=column.rule[:250],
                showInputMessage=True,
            )
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            ws.add_data_validation(validation)
    ws.cell(row=2, column=1).comment = Comment(EXAMPLE_NOTE, "法治平台")
    ws.freeze_panes = "A2"


def _help_sheet(ws, importer: Importer) -> None:
    ws.append([f"{importer.label}导入说明"])
    ws["A1"].font = Font(bold=True, size=14)
    for note in (*GENERAL_NOTES, *importer.notes):
        ws.append([note])
    ws.append([])
    ws.append(["列名", "是否必填", "填写规则", "可选值", "示例"])
    header_row = ws.max_row
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    example = example_values(importer)
    for column in importer.columns:
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
