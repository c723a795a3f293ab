"""Import of an existing 依申请公开 register (.xlsx), row by row through the services.

Each row is registered (receipt date by channel, 第三十一条) and, if the register gives an
answer, answered (第三十六条 with its required content), exactly as if entered on the page, so
the same guards apply. The import is all or nothing: every row is tried, every problem is
reported with its row and column, and if any row fails nothing is kept.
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

#: (header, key, required) — the key is the service's keyword.
COLUMNS: list[tuple[str, str, bool]] = [
    ("受理机关", "agency", True),
    ("申请编号", "number", False),
    ("申请人类型", "applicant_kind", False),
    ("申请人姓名或名称", "applicant_name", True),
    ("身份证明号码", "applicant_id_number", False),
    ("联系方式", "applicant_contact", False),
    ("通讯地址", "applicant_address", False),
    ("申请公开的政府信息", "content", True),
    ("获取信息的方式", "delivery_form", False),
    ("提交渠道", "channel", True),
    ("提交（到达）日", "submitted_on", True),
    ("签收日", "signed_on", False),
    ("确认日", "confirmed_on", False),
    ("答复类型", "answer_type", False),
    ("答复日", "answered_on", False),
    ("不予公开依据", "refusal_ground", False),
    ("不予处理情形", "not_processed_reason", False),
    ("理由", "reason", False),
    ("提供的信息或获取方式、途径", "access_way", False),
    ("负责公开的机关及联系方式", "responsible_agency", False),
    ("有特别规定的法律、行政法规", "special_law", False),
    ("答复书文号", "letter_number", False),
]
HEADERS = [h for h, _, _ in COLUMNS]
HEADER_OF = {k: h for h, k, _ in COLUMNS}
EXAMPLE = [
    "示范县人民政府",
    "",
    "自然人",
    "王某某",
    "",
    "13800000000",
    "示范县城关镇",
    "2024年城关镇旧城改造项目征收补偿方案",
    "纸质文本（邮寄或自取）",
    "当面提交",
    "2025-03-03",
    "",
    "",
    "已主动公开",
    "2025-03-10",
    "",
    "",
    "",
    "已在县政府门户网站“政府信息公开—重点领域—征收”栏目公开",
    "",
    "",
    "",
]
CHOICES: dict[str, dict[str, str]] = {
    "applicant_kind": dict(rules.APPLICANT_KIND_CHOICES),
    "delivery_form": rules.DELIVERY_FORMS,
    "channel": dict(rules.CHANNEL_CHOICES),
    "answer_type": dict(rules.ANSWER_TYPE_CHOICES),
    "refusal_ground": dict(rules.REFUSAL_GROUND_CHOICES),
    "not_processed_reason": dict(rules.NOT_PROCESSED_CHOICES),
}
DATES = ("submitted_on", "signed_on", "confirmed_on", "answered_on")
ANSWER_KEYS = (
    "answer_type",
    "answered_on",
    "refusal_ground",
    "not_processed_reason",
    "reason",
    "access_way",
    "responsible_agency",
    "special_law",
    "letter_number",
)


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


def read(data: bytes) -> tuple[list[tuple[int, dict[str, str]]], list[RowError]]:
    """The data rows keyed by column, with their Excel row numbers; or the file's problems."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        return [], [RowError(None, "", "无法读取文件，请上传 .xlsx 格式的 Excel 文件。")]
    try:
        rows = wb.worksheets[0].iter_rows(values_only=True)
        header = [unicodedata.normalize("NFKC", _clean(h)).rstrip("*") for h in next(rows, ())]
        known = {unicodedata.normalize("NFKC", h): k for h, k, _ in COLUMNS}
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


def _parse(
    number: int, values: dict[str, str], agencies: dict[str, Agency]
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
            agency = agencies.get(value)
            if agency is None:
                errors.append(
                    RowError(
                        number, header, f"找不到机关“{value}”，或您不是该机关的信息公开工作人员。"
                    )
                )
            data[key] = agency
        elif key in DATES:
            try:
                data[key] = date.fromisoformat(value[:10])
            except ValueError:
                errors.append(RowError(number, header, f"“{value}”不是日期，请写成 2025-03-01。"))
        elif key in CHOICES:
            options = CHOICES[key]
            code = (
                value
                if value in options
                else next(
                    (
                        c
                        for c, label in options.items()
                        if unicodedata.normalize("NFKC", label) == value
                    ),
                    None,
                )
            )
            if code is None:
                errors.append(
                    RowError(
                        number, header, f"“{value}”不是可选值（{'、'.join(options.values())}）。"
                    )
                )
            data[key] = code
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


def import_workbook(file: Any, *, actor: Any) -> ImportResult:
    """Import the register in ``file`` (bytes or an uploaded file) as ``actor``."""
    from . import policies

    data = file if isinstance(file, bytes) else file.read()
    result = ImportResult()
    rows, errors = read(data)
    if errors:
        result.errors = errors
        return result
    agencies = {}
    for a in policies.registering_agencies(actor):
        agencies[a.name] = agencies[a.short_name or a.name] = a
    result.rows = len(rows)
    with transaction.atomic():
        for number, values in rows:
            parsed, row_errors = _parse(number, values, agencies)
            if row_errors:
                result.errors += row_errors
                continue
            answer = {k: parsed.pop(k) for k in ANSWER_KEYS if k in parsed}
            try:
                with transaction.atomic():
                    req = services.register_request(actor=actor, handler=actor, **parsed)
                    if answer:
                        if "answered_on" not in answer:
                            raise ValidationError({"answered_on": "有答复类型的，请填写答复日。"})
                        services.answer_request(req, actor=actor, **answer)
            except (Refused, ValidationError, InvalidTransition, PermissionDenied) as exc:
                result.errors += [RowError(number, col, msg) for col, msg in _messages(exc)]
            else:
                result.created += 1
        if result.errors:
            result.created = 0
            transaction.set_rollback(True)
    return result
