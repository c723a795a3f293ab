"""Import of an existing 行政应诉 register (.xlsx), row by row through the services.

Each row is registered (the 15-day defence clock from the complaint copy, 行政诉讼法 第六十七条)
and, when the register gives it, its defence recorded, exactly as on the page. All or nothing:
every row is tried, every problem reported with its row and column, nothing kept if any fails.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from fazhi.core.orgs.importing.report import RowError
from fazhi.core.workflow.engine import InvalidTransition, Refused

from . import policies, rules, services

COLUMNS: list[tuple[str, str, bool]] = [
    ("被告", "agency", True),
    ("人民法院", "court", True),
    ("案号", "number", True),
    ("原告", "plaintiff_name", True),
    ("收到起诉状副本之日", "complaint_received_on", True),
    ("类别", "category", False),
    ("被诉行政行为", "act_description", True),
    ("经复议后起诉", "after_reconsideration", False),
    ("提交答辩状和证据日", "submitted_on", False),
    ("证据和规范性文件", "evidence", False),
]
HEADERS = [h for h, _, _ in COLUMNS]
HEADER_OF = {k: h for h, k, _ in COLUMNS}
EXAMPLE = [
    "示范县市场监督管理局",
    "示范县人民法院",
    "（2025）浙1225行初1号",
    "张某",
    "2025-03-03",
    "行政处罚",
    "示市监罚〔2024〕88号行政处罚决定",
    "否",
    "2025-03-12",
    "证据目录及证据10份",
]


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _read(data: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], [RowError(None, "", "无法读取文件，请上传 .xlsx 格式的 Excel 文件。")]
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [_clean(h).rstrip("*") for h in next(rows, ())]
        known = {unicodedata.normalize("NFKC", h): k for h, k, _ in COLUMNS}
        positions = {known[h]: i for i, h in enumerate(header) if h in known}
        errors = [
            RowError(1, h, "无法识别的列，请使用导入模板。") for h in header if h and h not in known
        ]
        errors += [
            RowError(1, h, "缺少必填列。") for h, k, req in COLUMNS if req and k not in positions
        ]
        out = []
        for number, raw in enumerate(rows, start=2):
            values = {k: _clean(raw[i]) if i < len(raw) else "" for k, i in positions.items()}
            if any(values.values()):
                out.append((number, values))
        return ([], errors) if errors else (out, [])
    finally:
        wb.close()


def _parse(
    number: int, values: dict[str, str], agencies: dict[str, Any]
) -> tuple[dict[str, Any], list[RowError]]:
    data: dict[str, Any] = {}
    errors: list[RowError] = []
    categories = {unicodedata.normalize("NFKC", v): k for k, v in rules.CATEGORIES.items()}
    for header, key, required in COLUMNS:
        value = values.get(key, "")
        if not value:
            if required:
                errors.append(RowError(number, header, "必填。"))
            continue
        if key == "agency":
            data[key] = agencies.get(value)
            if data[key] is None:
                errors.append(
                    RowError(
                        number, header, f"找不到机关“{value}”，或您不是该机关的复议应诉工作人员。"
                    )
                )
        elif key in ("complaint_received_on", "submitted_on"):
            try:
                data[key] = date.fromisoformat(value[:10])
            except ValueError:
                errors.append(RowError(number, header, f"“{value}”不是日期，请写成 2025-03-01。"))
        elif key == "category":
            data[key] = value if value in rules.CATEGORIES else categories.get(value)
            if data[key] is None:
                errors.append(
                    RowError(
                        number,
                        header,
                        f"“{value}”不是可选值（{'、'.join(rules.CATEGORIES.values())}）。",
                    )
                )
        elif key == "after_reconsideration":
            data[key] = value in ("是", "1", "true", "True", "Y")
        else:
            data[key] = value
    return data, errors


def _messages(exc: Exception) -> list[tuple[str, str]]:
    if isinstance(exc, Refused):
        return [("", m) for m in exc.messages]
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [(HEADER_OF.get(k, ""), "；".join(v)) for k, v in exc.message_dict.items()]
    if isinstance(exc, ValidationError):
        return [("", "；".join(exc.messages))]
    return [("", str(exc))]


def import_litigation(file: Any, *, actor: Any) -> ImportResult:
    """Import the 应诉 register in ``file`` (bytes or an upload) as ``actor``."""
    data = file if isinstance(file, bytes) else file.read()
    result = ImportResult()
    rows, errors = _read(data)
    if errors:
        result.errors = errors
        return result
    agencies: dict[str, Any] = {}
    for a in policies.own_agencies(actor):
        agencies[a.name] = agencies[a.short_name or a.name] = a
    result.rows = len(rows)
    with transaction.atomic():
        for number, values in rows:
            parsed, row_errors = _parse(number, values, agencies)
            if row_errors:
                result.errors += row_errors
                continue
            defence = {k: parsed.pop(k) for k in ("submitted_on", "evidence") if k in parsed}
            try:
                with transaction.atomic():
                    suit = services.register_litigation(actor=actor, **parsed)
                    if defence:
                        if "submitted_on" not in defence:
                            raise ValidationError(
                                {"submitted_on": "填写了证据的，请填写提交答辩状和证据日。"}
                            )
                        services.submit_defence(
                            suit,
                            actor=actor,
                            submitted_on=defence["submitted_on"],
                            evidence=defence.get("evidence", ""),
                        )
            except (Refused, ValidationError, InvalidTransition, PermissionDenied) as exc:
                result.errors += [RowError(number, col, msg) for col, msg in _messages(exc)]
            else:
                result.created += 1
        if result.errors:
            result.created = 0
            transaction.set_rollback(True)
    return result
