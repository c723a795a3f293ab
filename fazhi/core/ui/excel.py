"""Export of any list to .xlsx, streamed row by row (openpyxl write-only mode).

A sheet a user can work with in Excel: amounts are numbers (``Decimal`` → ``#,##0.00``, so a
column sums), dates are dates (``yyyy-mm-dd``), yes/no are 是/否, the header row is frozen and
carries an autofilter, and each column is as wide as its header and its first rows need (a
Chinese character counts two, as Excel draws it). Memory stays bounded on a big list: only the
first :data:`SAMPLE_ROWS` rows are held (to size the columns, which write-only mode must write
before any row); the rest stream straight through.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, islice
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

AMOUNT_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"

#: Rows read ahead to size the columns.
SAMPLE_ROWS = 200
MIN_WIDTH = 6
MAX_WIDTH = 60
#: Room for the autofilter's drop-down button beside a header.
FILTER_BUTTON = 3

_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def workbook_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet named ``title``: a bold, frozen, filterable header row, then ``rows``."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title(title))
    rows_iter: Iterator[Sequence[Any]] = iter(rows)
    sample = [[excel_value(v) for v in row] for row in islice(rows_iter, SAMPLE_ROWS)]
    for i, width in enumerate(column_widths(headers, sample), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=str(h))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    ws.append(header_cells)
    count = 0
    rest = ([excel_value(v) for v in row] for row in rows_iter)
    for values in chain(sample, rest):
        ws.append([_cell(ws, v) for v in values])
        count += 1
    if headers:
        # Written after the rows by openpyxl (the autoFilter element follows sheetData).
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sheet_title(title: str) -> str:
    """A title Excel accepts: at most 31 characters, none of ``[]:*?/\\``."""
    return _BAD_TITLE.sub("_", str(title))[:31] or "Sheet"


def excel_value(value: Any) -> Any:
    """A value as Excel should hold it: numbers and dates stay numbers and dates (a datetime in
    local time, without its zone, which Excel cannot store), yes/no become 是/否, anything else
    (lazy strings, model instances, choices) its text."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, int | float | Decimal | date):
        return value
    return str(value)


def _cell(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """A cell that needs a format of its own, else the bare value (openpyxl writes a bare value
    through one reused cell, much faster; it gives a bare ``date`` the format yyyy-mm-dd)."""
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = AMOUNT_FORMAT
        return cell
    if isinstance(value, datetime):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, str) and value.startswith("="):
        # Text is text: a value beginning with "=" must not become a formula in Excel.
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def display_width(text: str) -> int:
    """Columns ``text`` takes in Excel's default font: a wide (CJK) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return "0000-00-00 00:00"
    if isinstance(value, date):
        return "0000-00-00"
    # A cell of several lines is as wide as its longest line.
    return max(str(value).splitlines() or [""], key=display_width)


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """A width per column from its header and ``rows`` (the values as written), capped."""
    out: list[float] = []
    for i, header in enumerate(headers):
        widest = display_width(str(header)) + FILTER_BUTTON
        for row in rows:
            if i < len(row):
                widest = max(widest, display_width(_shown(row[i])) + 2)
        out.append(float(min(max(widest, MIN_WIDTH), MAX_WIDTH)))
    return out


def xlsx_response(
    filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(workbook_bytes(title, headers, rows), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


Column = tuple[str, str, Callable[[Any], Any] | None]
