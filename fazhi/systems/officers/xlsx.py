"""Row-validated .xlsx import and export, shared by the officers and matters importers.

Built on the platform's organisation importer (:mod:`fazhi.core.orgs.importing`): the same
column specification (:class:`Sheet`/:class:`Column`), :class:`Row` with Excel row numbers,
per-cell :class:`Checker` and :class:`ImportResult` report. Two differences: the reader here keeps
text verbatim (statute quotes keep their full-width punctuation; only headers, choices, dates and
amounts are NFKC-folded), and it adds the cell types those files lack (amounts, dates, lists).
Every importer here is all rows or none: any error leaves the database untouched and names each
row and column.
Export writes with :func:`fazhi.core.ui.excel.workbook_bytes`, using the column headers the
importer reads, so an exported file imports back unchanged.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.core.ledger.services import record, store_file
from fazhi.core.orgs.importing.checks import Checker
from fazhi.core.orgs.importing.reader import FileRefused, Row
from fazhi.core.orgs.importing.report import ImportResult, RowError
from fazhi.core.orgs.importing.spec import NO, YES, Column, Sheet
from fazhi.core.ui.excel import XLSX, workbook_bytes

__all__ = [
    "NO",
    "YES",
    "Column",
    "FileRefused",
    "ImportResult",
    "Row",
    "RowChecker",
    "RowError",
    "Sheet",
    "commit",
    "export_bytes",
    "read_source",
    "start",
]

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
_LIST_SEPARATORS = re.compile(r"[、,，;；/\n]+")
#: Labels may themselves contain 、 and ，: they are separated by semicolons or new lines only.
LABEL_SEPARATORS = re.compile(r"[;；\n]+")


def fold(text: str) -> str:
    """NFKC: full-width letters, digits and brackets as their ASCII forms (for matching only)."""
    return unicodedata.normalize("NFKC", text).strip()


class RowChecker(Checker):
    """:class:`Checker` with the cell types of rules-as-data files."""

    def choice(
        self, row: Row, key: str, mapping: Mapping[str, str], default: str | None
    ) -> str | None:
        folded = {fold(k): v for k, v in mapping.items()}
        value = fold(row[key])
        if value and value not in folded and value not in mapping.values():
            allowed = "、".join(k for k in mapping if k not in mapping.values())
            self.error(row, key, f"“{row[key]}”不是可选值，应为：{allowed}。")
            return None
        return folded.get(value, value) if value else self._missing(row, key, default)

    def _missing(self, row: Row, key: str, default: str | None) -> str | None:
        if default is None:
            self.error(row, key, "必填，不能为空。")
        return default

    def boolean(self, row: Row, key: str, default: bool) -> bool | None:
        return super().boolean(Row(row.number, {**row.values, key: fold(row[key])}), key, default)

    def amount(
        self, row: Row, key: str, *, required: bool = False, minimum: Decimal | None = Decimal("0")
    ) -> Decimal | None:
        value = fold(row[key]).replace(",", "").replace("元", "").strip()
        if not value:
            if required:
                self.error(row, key, "必填，不能为空。")
            return None
        try:
            d = Decimal(value)
        except InvalidOperation:
            self.error(row, key, f"应为金额数字（元），不能是“{row[key]}”。")
            return None
        if not d.is_finite() or (minimum is not None and d < minimum):
            self.error(row, key, f"应为不小于 {minimum} 的数字，不能是“{row[key]}”。")
            return None
        return d.quantize(Decimal("0.01"))

    def day(self, row: Row, key: str, *, required: bool = False) -> date | None:
        value = fold(row[key])
        if not value:
            if required:
                self.error(row, key, "必填，不能为空。")
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(row, key, f"“{value}”不是日期，请按 2024-01-31 的格式填写。")
        return parsed

    def items(
        self, row: Row, key: str, separators: re.Pattern[str] = _LIST_SEPARATORS
    ) -> list[str]:
        """A list cell: values separated by 、 ， ； / or new lines (or ``separators``)."""
        return [p.strip() for p in separators.split(row[key]) if p.strip()]

    def text(self, row: Row, key: str, limit: int, *, required: bool = False) -> str:
        value = row[key]
        if required and not value:
            self.error(row, key, "必填，不能为空。")
            return ""
        return self.length(row, key, value, limit) or ""

    def sorted_errors(self) -> list[RowError]:
        order = {c.header: i for i, c in enumerate(self.sheet.columns)}
        return sorted(self.errors, key=lambda e: (e.row or 0, order.get(e.column, 0)))


def _cell(value: Any) -> str:
    """A cell as text, verbatim but trimmed; whole numbers without ``.0``; dates as ISO."""
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
    return str(value).strip()


def read_rows(data: bytes, sheet: Sheet) -> list[Row]:
    """Rows of the sheet named ``sheet.title`` (else the first), empty rows dropped.

    Raises :class:`FileRefused` for an unreadable file, unknown or duplicated columns, or a
    missing required column.
    """
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRefused(
            [RowError(None, "", "无法读取文件，请上传 .xlsx 格式的 Excel 文件。")]
        ) from exc
    try:
        ws = wb[sheet.title] if sheet.title in wb.sheetnames else wb[wb.sheetnames[0]]
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None) or ()
        by_header = {fold(c.header): c for c in sheet.columns}
        positions: dict[str, int] = {}
        errors: list[RowError] = []
        for i, cell in enumerate(header):
            text = fold(_cell(cell)).rstrip("*")
            column = by_header.get(text)
            if not text:
                continue
            if column is None:
                errors.append(RowError(1, text, "无法识别的列，请使用导出的文件或平台提供的列名。"))
            elif column.key in positions:
                errors.append(RowError(1, text, "列重复。"))
            else:
                positions[column.key] = i
        errors += [
            RowError(1, c.header, "缺少必填列。")
            for c in sheet.columns
            if c.required and c.key not in positions
        ]
        if errors:
            raise FileRefused(errors)
        out: list[Row] = []
        for number, raw in enumerate(rows, start=2):
            values = {k: _cell(raw[i]) if i < len(raw) else "" for k, i in positions.items()}
            if any(values.values()):
                out.append(Row(number, values))
        return out
    finally:
        wb.close()


def parse_date(value: str) -> date | None:
    value = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def read_source(source: bytes | BinaryIO | Path | str) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, Path | str):
        return Path(source).read_bytes()
    return source.read()


def start(
    sheet: Sheet, source: bytes | BinaryIO | Path | str, *, dry_run: bool
) -> tuple[ImportResult, bytes, list[Row] | None]:
    """The import's result, the file's bytes and its data rows (``None`` when the file cannot
    be read: ``result.errors`` then says why)."""
    result = ImportResult(kind=sheet.kind, label=sheet.label, dry_run=dry_run)
    data = read_source(source)
    try:
        rows = read_rows(data, sheet)
    except FileRefused as refused:
        result.errors = refused.errors
        return result, data, None
    result.rows = len(rows)
    return result, data, rows


class RowFailed(Exception):
    """A write refused by a service: undoes the whole file and names the row."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(message)
        self.row, self.message = row, message


def messages_of(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "；".join(m for msgs in exc.message_dict.values() for m in msgs)
    return "；".join(exc.messages)


def commit(
    result: ImportResult,
    data: bytes,
    plans: Sequence[Any],
    write: Callable[[Any], str],
    *,
    filename: str,
    subject: str,
    action: str,
    actor: Any,
    extra: dict[str, Any] | None = None,
    finish: Callable[[str, dict[str, int]], None] | None = None,
) -> ImportResult:
    """Write every plan (each has ``.row``) in one transaction, or nothing.

    Nothing is written when ``result`` already has errors, on a dry run, or without plans.

    ``write(plan)`` calls the app's services and returns what it did in Chinese (e.g. "新发证件"),
    counted in ``result.created``. A service's ``ValidationError`` undoes the whole file and is
    reported against the plan's row. The file itself is kept by digest and the import ledgered;
    ``finish(file_digest, counts)`` runs last, in the same transaction (e.g. to record a version).
    """
    if result.errors or result.dry_run or not plans:
        return result
    counts: dict[str, int] = {}
    try:
        with transaction.atomic():
            for plan in plans:
                try:
                    outcome = write(plan)
                except ValidationError as exc:
                    raise RowFailed(plan.row, messages_of(exc)) from exc
                counts[outcome] = counts.get(outcome, 0) + 1
            stored = store_file(
                data, name=filename, content_type=XLSX, actor=actor, subject=subject
            )
            if finish is not None:
                finish(stored.digest, counts)
            entry = record(
                subject,
                action,
                {
                    "file_digest": stored.digest,
                    "rows": result.rows,
                    "outcome": counts,
                    **(extra or {}),
                },
                actor=actor,
            )
    except RowFailed as failed:
        result.errors = [RowError(failed.row, "", f"{failed.message}（整个文件未导入）")]
        return result
    result.created = counts
    result.ledger_seq = entry.seq
    return result


def _excel(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool):
        return YES if value else NO
    return value


def export_bytes(
    sheet: Sheet, records: Iterable[Any], values: Callable[[Any], dict[str, Any]]
) -> bytes:
    """An .xlsx of ``records`` with ``sheet``'s headers; ``values(record)`` maps column keys."""
    headers: Sequence[str] = sheet.headers
    keys = [c.key for c in sheet.columns]

    def rows() -> Iterable[list[Any]]:
        for rec in records:
            v = values(rec)
            yield [_excel(v.get(k)) for k in keys]

    return workbook_bytes(sheet.title, headers, rows())
