"""Reading an uploaded workbook into rows keyed by column, with the spreadsheet's own row
numbers (so that "第 5 行" is the row the user sees in Excel)."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .report import RowError
from .spec import Sheet

HELP_SHEETS = ("说明", "选项")


@dataclass
class Row:
    number: int  # the row number in the sheet, 1-based as Excel shows it
    values: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")


class FileRefused(Exception):
    """The file as a whole cannot be read (not .xlsx, no data sheet, missing columns)."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def clean(value: Any) -> str:
    """A cell as the importer sees it: text, trimmed, full-width characters folded (NFKC), and
    whole numbers without a trailing ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    text = unicodedata.normalize("NFKC", str(value))
    return text.strip()


def _header(value: Any) -> str:
    return clean(value).rstrip("*＊").strip()


def read_rows(data: bytes, sheet: Sheet) -> list[Row]:
    """Rows of the data sheet, empty rows dropped. Raises :class:`FileRefused`."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRefused(
            [RowError(None, "", "无法读取文件，请上传 .xlsx 格式的 Excel 文件。")]
        ) from exc
    try:
        if sheet.title in wb.sheetnames:
            ws = wb[sheet.title]
        else:
            candidates = [n for n in wb.sheetnames if n not in HELP_SHEETS]
            if not candidates:
                raise FileRefused([RowError(None, "", f"文件中没有“{sheet.title}”工作表。")])
            ws = wb[candidates[0]]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise FileRefused([RowError(None, "", f"“{ws.title}”工作表是空的。")])
        positions = _map_headers(header, sheet)
        result: list[Row] = []
        for number, raw in enumerate(rows, start=2):
            values = {key: clean(raw[i]) if i < len(raw) else "" for key, i in positions.items()}
            if any(values.values()):
                result.append(Row(number, values))
        return result
    finally:
        wb.close()


def _map_headers(header: tuple[Any, ...], sheet: Sheet) -> dict[str, int]:
    by_header = {c.header: c for c in sheet.columns}
    positions: dict[str, int] = {}
    errors: list[RowError] = []
    for i, cell in enumerate(header):
        text = _header(cell)
        if not text:
            continue
        column = by_header.get(text)
        if column is None:
            errors.append(RowError(1, text, "无法识别的列，请使用平台提供的导入模板。"))
        elif column.key in positions:
            errors.append(RowError(1, text, "列重复。"))
        else:
            positions[column.key] = i
    for column in sheet.columns:
        if column.required and column.key not in positions:
            errors.append(RowError(1, column.header, "缺少必填列。"))
    if errors:
        raise FileRefused(errors)
    return positions
