"""Import of an existing 信访 register (.xlsx), row by row through the services.

Each row is registered (the 第二十二条 / 第二十三条 clocks from its receipt date, the 复核
finality check of 第三十六条第三款) and, when the register gives them, routed, accepted and
answered exactly as on the pages. All or nothing: every row is tried, every problem reported with
its row and column (:class:`RowError`), nothing kept if any fails.
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

from . import policies, rules, services

COLUMNS: list[tuple[str, str, bool]] = [
    ("登记机关", "agency", True),
    ("编号", "number", False),
    ("信访形式", "channel", True),
    ("收到日", "received_on", True),
    ("信访人", "petitioner_name", True),
    ("联系方式", "petitioner_contact", False),
    ("投诉请求", "content", True),
    ("事实和理由", "facts_reasons", False),
    ("所涉行政行为", "act_description", False),
    ("承办机关", "handler_agency", False),
    ("转送交办日", "routed_on", False),
    ("受理日", "accepted_on", False),
    ("处理意见日", "opinion_on", False),
    ("处理意见", "opinion", False),
    ("法律法规依据", "legal_basis", False),
]
HEADERS = [h for h, _, _ in COLUMNS]
HEADER_OF = {k: h for h, k, _ in COLUMNS}
DATES = ("received_on", "routed_on", "accepted_on", "opinion_on")
EXAMPLE = [
    "示范县信访局",
    "",
    "来访",
    "2025-03-03",
    "张某",
    "13800000000",
    "要求撤销对其经营场所的查封",
    "认为查封程序违法",
    "示市监强〔2025〕3号查封决定",
    "示范县市场监督管理局",
    "2025-03-10",
    "2025-03-12",
    "2025-04-20",
    "经调查，查封程序合法，维持原处理",
    "《中华人民共和国行政强制法》第二十四条",
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


def _parse(number: int, values: dict[str, str], own: dict[str, Agency], every: dict[str, Agency]):
    data: dict[str, Any] = {}
    errors: list[RowError] = []
    channels = {v: k for k, v in rules.CHANNELS.items()}
    for header, key, required in COLUMNS:
        value = values.get(key, "")
        if not value:
            if required:
                errors.append(RowError(number, header, "必填。"))
            continue
        if key == "agency":
            data[key] = own.get(value)
            if data[key] is None:
                errors.append(
                    RowError(number, header, f"找不到机关“{value}”，或您不是该机关的信访工作人员。")
                )
        elif key == "handler_agency":
            data[key] = every.get(value)
            if data[key] is None:
                errors.append(RowError(number, header, f"找不到机关“{value}”。"))
        elif key in DATES:
            try:
                data[key] = date.fromisoformat(value[:10])
            except ValueError:
                errors.append(RowError(number, header, f"“{value}”不是日期，请写成 2025-03-01。"))
        elif key == "channel":
            data[key] = value if value in rules.CHANNELS else channels.get(value)
            if data[key] is None:
                errors.append(
                    RowError(
                        number,
                        header,
                        f"“{value}”不是可选值（{'、'.join(rules.CHANNELS.values())}）。",
                    )
                )
        else:
            data[key] = value
    if "routed_on" in data and "handler_agency" not in data:
        errors.append(
            RowError(number, HEADER_OF["handler_agency"], "填写了转送交办日的，须填写承办机关。")
        )
    if "opinion_on" in data and "accepted_on" not in data:
        errors.append(
            RowError(number, HEADER_OF["accepted_on"], "填写了处理意见日的，须填写受理日。")
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


def _work(p: Any, actor: Any, data: dict[str, Any]) -> None:
    if "handler_agency" in data:
        p = services.route(
            p,
            actor=actor,
            route=rules.TRANSFER,
            handler_agency=data["handler_agency"],
            routed_on=data.get("routed_on") or data["received_on"],
        )
    handler = data.get("handler_agency")
    if "accepted_on" in data and handler is not None and not policies.can_act(actor, handler.pk):
        raise ValidationError(
            {"accepted_on": "受理和处理意见须由承办机关的信访工作人员登记或导入。"}
        )
    if "accepted_on" in data:
        p = services.accept(p, actor=actor, accepted_on=data["accepted_on"])
    if "opinion_on" in data:
        services.decide(
            p,
            actor=actor,
            opinion_on=data["opinion_on"],
            opinion=data.get("opinion", ""),
            legal_basis=data.get("legal_basis", ""),
        )


def import_petitions(file: Any, *, actor: Any) -> ImportResult:
    """Import the 信访 register in ``file`` (bytes or an upload) as ``actor``. Acceptance and the
    opinion are the handling body's steps: a row giving them for another body is an error."""
    data = file if isinstance(file, bytes) else file.read()
    result = ImportResult()
    rows, errors = _read(data)
    if errors:
        result.errors = errors
        return result
    own: dict[str, Agency] = {}
    for a in policies.staff_agencies(actor):
        own[a.name] = own[a.short_name or a.name] = a
    every: dict[str, Agency] = {}
    for a in Agency.objects.filter(active=True):
        every[a.name] = every[a.short_name or a.name] = a
    result.rows = len(rows)
    with transaction.atomic():
        for number, values in rows:
            parsed, row_errors = _parse(number, values, own, every)
            if row_errors:
                result.errors += row_errors
                continue
            steps = {k: parsed.pop(k) for k in list(parsed) if k in _STEP_KEYS}
            try:
                with transaction.atomic():
                    p = services.register_petition(actor=actor, **parsed)
                    _work(p, actor, {**steps, "received_on": parsed["received_on"]})
            except (Refused, ValidationError, InvalidTransition, PermissionDenied) as exc:
                result.errors += [RowError(number, col, msg) for col, msg in _messages(exc)]
            else:
                result.created += 1
        if result.errors:
            result.created = 0
            transaction.set_rollback(True)
    return result


_STEP_KEYS = ("handler_agency", "routed_on", "accepted_on", "opinion_on", "opinion", "legal_basis")
