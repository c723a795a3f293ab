"""Import of an existing 建议、提案 register (.xlsx), row by row through the services.

Each row is registered, and — if the register says so — assigned, answered and given its
feedback, exactly as on the pages, so the same guards apply. All or nothing: every row is
tried, every problem is reported with its row and column, and if any row fails nothing is kept.
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
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.engine import InvalidTransition, Refused

from . import rules, services

#: (header, key, required)
COLUMNS: list[tuple[str, str, bool]] = [
    ("交办机关", "agency", True),
    ("类别", "kind", True),
    ("编号", "number", True),
    ("届次会议", "session", True),
    ("年度", "year", True),
    ("代表（委员）", "author", True),
    ("附议（联名）", "co_authors", False),
    ("案由", "title", True),
    ("内容", "content", False),
    ("收到日", "received_on", True),
    ("主办单位", "lead_unit", False),
    ("协办单位", "co_units", False),
    ("交办日", "assigned_on", False),
    ("答复期限", "answer_due", False),
    ("答复日", "answered_on", False),
    ("办理结果", "result", False),
    ("答复内容", "answer", False),
    ("答复文号", "answer_number", False),
    ("代表（委员）意见", "satisfaction", False),
    ("反馈日", "feedback_on", False),
]
HEADERS = [h for h, _, _ in COLUMNS]
HEADER_OF = {k: h for h, k, _ in COLUMNS}
EXAMPLE = [
    "示范县人民政府",
    "人大代表建议",
    "第12号",
    "县十八届人大四次会议",
    "2025",
    "李某某",
    "",
    "关于加强城区学校周边交通安全管理的建议",
    "建议在学校周边增设减速带和护学岗。",
    "2025-02-20",
    "县公安局",
    "县教育局",
    "2025-03-10",
    "2025-06-10",
    "2025-05-20",
    "A类：所提问题已经解决或采纳",
    "已在城区六所学校周边增设减速带，设立护学岗。",
    "示公建复〔2025〕12号",
    "满意",
    "2025-05-30",
]
DATES = ("received_on", "assigned_on", "answer_due", "answered_on", "feedback_on")
CHOICES = {
    "kind": rules.KINDS,
    "result": rules.RESULTS,
    "satisfaction": rules.SATISFACTION,
}
ASSIGN = ("lead_unit", "co_units", "assigned_on", "answer_due")
ANSWER = ("result", "answer", "answer_number", "answered_on")
FEEDBACK = ("satisfaction", "feedback_on")


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
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def read(data: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    """The data rows keyed by column, with their Excel row numbers; or the file's problems."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], [RowError(None, "", "无法读取文件，请上传 .xlsx 格式的 Excel 文件。")]
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [_clean(h).rstrip("*") for h in next(rows, ())]
        known = {_norm(h): k for h, k, _ in COLUMNS}
        positions = {known[h]: i for i, h in enumerate(header) if h in known}
        errors = [
            RowError(1, h, "无法识别的列，请使用导入模板。") for h in header if h and h not in known
        ]
        errors += [
            RowError(1, h, "缺少必填列。") for h, k, req in COLUMNS if req and k not in positions
        ]
        if errors:
            return [], errors
        out = []
        for number, raw in enumerate(rows, start=2):
            values = {k: _clean(raw[i]) if i < len(raw) else "" for k, i in positions.items()}
            if any(values.values()):
                out.append((number, values))
        return out, []
    finally:
        wb.close()


def _agency(value: str, pool: dict[str, Agency]) -> Agency | None:
    return pool.get(_norm(value))


def _parse(
    number: int, values: dict[str, str], governments: dict[str, Agency], units: dict[str, Agency]
) -> tuple[dict[str, Any], list[RowError]]:
    errors: list[RowError] = []
    data: dict[str, Any] = {}
    for header, key, required in COLUMNS:
        value = values.get(key, "")
        if required and not value:
            errors.append(RowError(number, header, "必填。"))
            continue
        if not value:
            continue
        if key == "agency":
            data[key] = _agency(value, governments)
            if data[key] is None:
                errors.append(
                    RowError(number, header, f"找不到“{value}”，或您不是其建议提案办理人员。")
                )
        elif key == "lead_unit":
            data[key] = _agency(value, units)
            if data[key] is None:
                errors.append(RowError(number, header, f"找不到单位“{value}”。"))
        elif key == "co_units":
            names = [n.strip() for n in value.replace("，", "、").replace(",", "、").split("、")]
            found = [_agency(n, units) for n in names if n]
            missing = [n for n, a in zip([n for n in names if n], found, strict=True) if a is None]
            if missing:
                errors.append(RowError(number, header, f"找不到单位“{'、'.join(missing)}”。"))
            data[key] = [a for a in found if a is not None]
        elif key == "year":
            try:
                data[key] = int(value)
            except ValueError:
                errors.append(RowError(number, header, f"“{value}”不是年度，请写成 2025。"))
        elif key in DATES:
            try:
                data[key] = date.fromisoformat(value[:10])
            except ValueError:
                errors.append(RowError(number, header, f"“{value}”不是日期，请写成 2025-03-01。"))
        elif key in CHOICES:
            options = CHOICES[key]
            if key == "kind":  # "建议" / "提案" as well as the full names
                value = next((c for c, s in rules.KIND_SHORT.items() if s == value), value)
            code = value if value in options else None
            if code is None:
                code = next((c for c, lbl in options.items() if _norm(lbl) == value), None)
            if code is None:
                errors.append(
                    RowError(
                        number,
                        header,
                        f"“{value}”不是可选值（{'、'.join(dict.fromkeys(options.values()))}）。",
                    )
                )
            data[key] = code
        else:
            data[key] = value
    if errors:
        return data, errors
    if any(k in data for k in ANSWER) and "lead_unit" not in data:
        errors.append(RowError(number, HEADER_OF["lead_unit"], "已答复的，请填写主办单位。"))
    if "satisfaction" in data and "answered_on" not in data:
        errors.append(
            RowError(number, HEADER_OF["answered_on"], "有代表（委员）意见的，请填写答复日。")
        )
    return data, errors


def _messages(exc: Exception) -> list[tuple[str, str]]:
    if isinstance(exc, Refused):
        return [("", m) for m in exc.messages]
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [(HEADER_OF.get(k, ""), "；".join(v)) for k, v in exc.message_dict.items()]
    if isinstance(exc, ValidationError):
        return [("", "；".join(exc.messages))]
    return [("", str(exc))]


def _pool(agencies: Any) -> dict[str, Agency]:
    out: dict[str, Agency] = {}
    for a in agencies:
        out[_norm(a.name)] = out[_norm(a.short_name or a.name)] = a
    return out


def import_workbook(file: Any, *, actor: Any) -> ImportResult:
    """Import the register in ``file`` (bytes or an uploaded file) as ``actor``."""
    from . import forms, policies

    data = file if isinstance(file, bytes) else file.read()
    result = ImportResult()
    rows, errors = read(data)
    if errors:
        result.errors = errors
        return result
    governments = _pool(policies.registering_agencies(actor))
    units = _pool(forms.units())
    result.rows = len(rows)
    with transaction.atomic():
        for number, values in rows:
            parsed, row_errors = _parse(number, values, governments, units)
            if row_errors:
                result.errors += row_errors
                continue
            assign = {k: parsed.pop(k) for k in ASSIGN if k in parsed}
            answer = {k: parsed.pop(k) for k in ANSWER if k in parsed}
            feedback = {k: parsed.pop(k) for k in FEEDBACK if k in parsed}
            try:
                with transaction.atomic():
                    p = services.register_proposal(actor=actor, **parsed)
                    if assign:
                        assign.setdefault("answer_due", None)
                        p = services.assign(p, actor=actor, **assign)
                    if answer:
                        p = services.answer(p, actor=actor, **answer)
                    if feedback:
                        services.record_satisfaction(p, actor=actor, **feedback)
            except (Refused, ValidationError, InvalidTransition, PermissionDenied) as exc:
                result.errors += [RowError(number, col, msg) for col, msg in _messages(exc)]
            else:
                result.created += 1
        if result.errors:
            result.created = 0
            transaction.set_rollback(True)
    return result
