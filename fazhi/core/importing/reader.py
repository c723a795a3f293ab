"""Reading an uploaded workbook into rows keyed by column, with the spreadsheet's own row
numbers (so that "第 5 行" is the row the user sees in Excel).

The reader is bounded: a file whose uncompressed size, rows or cells exceed the limits in
settings (``FAZHI_IMPORT_MAX_BYTES``, ``FAZHI_IMPORT_MAX_ROWS``, ``FAZHI_IMPORT_MAX_CELLS``) is
refused with a Chinese error before its sheets are parsed: an .xlsx is a zip archive, and a small
upload can unpack to gigabytes of XML.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .report import RowError
from .spec import NO, YES, Importer

HELP_SHEETS = ("说明", "选项")
MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 20_000
MAX_CELLS = 1_000_000
UNREADABLE = "无法读取文件，请上传 .xlsx 格式的 Excel 文件。"


@dataclass(frozen=True)
class Limits:
    bytes: int
    rows: int
    cells: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            getattr(settings, "FAZHI_IMPORT_MAX_BYTES", MAX_BYTES),
            getattr(settings, "FAZHI_IMPORT_MAX_ROWS", MAX_ROWS),
            getattr(settings, "FAZHI_IMPORT_MAX_CELLS", MAX_CELLS),
        )


@dataclass
class Row:
    number: int  # the row number in the sheet, 1-based as Excel shows it
    values: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")


class FileRefused(Exception):
    """The file as a whole cannot be read (not .xlsx, too large, no data sheet, bad columns)."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


def _refuse(message: str) -> FileRefused:
    return FileRefused([RowError(None, "", message)])


def fold(text: str) -> str:
    """NFKC: full-width letters, digits and brackets as their ASCII forms."""
    return unicodedata.normalize("NFKC", text).strip()


def clean(value: Any, *, verbatim: bool = False) -> str:
    """A cell as the importer sees it: text, trimmed, whole numbers without a trailing ``.0``,
    dates as ISO; full-width characters folded (NFKC) unless ``verbatim``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip() if verbatim else fold(str(value))


def _header(value: Any) -> str:
    return clean(value).rstrip("*＊").strip()


def check_size(data: bytes, limits: Limits) -> None:
    """Refuse an archive that unpacks to more than ``limits.bytes`` (read from its directory;
    :mod:`zipfile` never inflates a member beyond the size the directory declares)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(UNREADABLE) from exc
    if size > limits.bytes:
        raise _refuse(
            f"文件解压后有 {_mb(size)}，超过 {_mb(limits.bytes)} 的上限，请分成几个文件导入。"
        )


def check_upload(size: int | None, limits: Limits | None = None) -> None:
    """Refuse an upload larger than the unpacked limit before it is read into memory (an archive
    is never smaller unpacked than its stored members)."""
    limits = limits or Limits.from_settings()
    if size is not None and size > limits.bytes:
        raise _refuse(f"文件有 {_mb(size)}，超过 {_mb(limits.bytes)} 的上限，请分成几个文件导入。")


def _mb(size: int) -> str:
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _too_many(what: str, limit: int) -> FileRefused:
    return _refuse(f"文件的{what}超过 {limit} 的上限，请分成几个文件导入。")


def read_rows(data: bytes, importer: Importer, limits: Limits | None = None) -> list[Row]:
    """Rows of the data sheet (the one named ``importer.title``, else the first that is not a
    help sheet), empty rows dropped. Raises :class:`FileRefused`."""
    limits = limits or Limits.from_settings()
    check_size(data, limits)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise _refuse(UNREADABLE) from exc
    try:
        if importer.title in wb.sheetnames:
            ws = wb[importer.title]
        else:
            candidates = [n for n in wb.sheetnames if n not in HELP_SHEETS]
            if not candidates:
                raise _refuse(f"文件中没有“{importer.title}”工作表。")
            ws = wb[candidates[0]]
        # The declared dimension, when the file gives one, refuses a huge sheet before any row
        # is parsed; the counts below hold the limits when it is absent or wrong.
        declared_rows, declared_columns = ws.max_row or 0, ws.max_column or 0
        if declared_rows - 1 > limits.rows:
            raise _too_many("数据行数", limits.rows)
        if declared_rows * declared_columns > limits.cells:
            raise _too_many("单元格数", limits.cells)
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise _refuse(f"“{ws.title}”工作表是空的。")
        positions = _map_headers(header, importer)
        cells = len(header)
        result: list[Row] = []
        for number, raw in enumerate(rows, start=2):
            cells += len(raw)
            if number - 1 > limits.rows:
                raise _too_many("数据行数", limits.rows)
            if cells > limits.cells:
                raise _too_many("单元格数", limits.cells)
            values = {
                key: clean(raw[i], verbatim=importer.verbatim) if i < len(raw) else ""
                for key, i in positions.items()
            }
            if any(values.values()):
                result.append(Row(number, values))
        return result
    finally:
        wb.close()


def _map_headers(header: tuple[Any, ...], importer: Importer) -> dict[str, int]:
    by_header = {fold(c.header): c for c in importer.columns}
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
    for column in importer.columns:
        if column.required and column.key not in positions:
            errors.append(RowError(1, column.header, "缺少必填列。"))
    if errors:
        raise FileRefused(errors)
    return positions
