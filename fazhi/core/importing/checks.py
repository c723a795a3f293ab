"""Cell-level checks. Each records a :class:`RowError` naming the row and the column (in
Chinese) and returns the parsed value, or ``None`` when the cell is wrong. :meth:`Checker.value`
checks a cell by its column's declared type; the named checks serve importers that validate a
whole file before writing (agencies, certificates, lists)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from fazhi.core.orgs.models import Agency
from fazhi.kernel import ids

from .reader import Row, fold
from .report import RowError
from .spec import NO, YES, Column, Importer

_TRUE = {YES, "Y", "YES", "TRUE", "1", "√"}
_FALSE = {NO, "N", "NO", "FALSE", "0", "×"}
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
LIST_SEPARATORS = re.compile(r"[、,，;；/\n]+")
#: Labels may themselves contain 、 and ，: they are separated by semicolons or new lines only.
LABEL_SEPARATORS = re.compile(r"[;；\n]+")
_AGENCY_SEPARATORS = re.compile(r"[、,，;；\n]+")
REQUIRED = "必填，不能为空。"


def parse_date(value: str) -> date | None:
    value = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    try:  # "2025-03-01 00:00:00" as some registers write it
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class Checker:
    """Collects the errors of one file."""

    def __init__(self, importer: Importer, actor: Any = None) -> None:
        self.importer = importer
        self.actor = actor
        self.errors: list[RowError] = []
        self._pools: dict[str, dict[str, Any]] = {}

    def error(self, row: Row, key: str, message: str) -> None:
        self.errors.append(RowError(row.number, self.importer.column(key).header, message))

    def sorted_errors(self) -> list[RowError]:
        order = {c.header: i for i, c in enumerate(self.importer.columns)}
        return sorted(self.errors, key=lambda e: (e.row or 0, order.get(e.column, 0)))

    # -- by declared type -------------------------------------------------------------------

    def value(self, row: Row, column: Column) -> Any:
        """The cell of ``column`` parsed by its type (None when empty or wrong)."""
        key = column.key
        if not row[key]:
            if column.required:
                self.error(row, key, REQUIRED)
            return None
        kind = column.type
        if kind == "date":
            return self.day(row, key)
        if kind == "int":
            return self.integer(row, key, None)
        if kind == "decimal":
            return self.amount(row, key, minimum=None)
        if kind == "bool":
            return self.boolean(row, key, False)
        if kind == "choice":
            return self.choice(row, key, column.codes or {}, None)
        if kind == "agency":
            return self.agency(row, column)
        if kind == "agencies":
            return self.agency_list(row, column)
        if kind == "list":
            return self.items(row, key)
        if kind == "uscc":
            return self.uscc(row, key)
        if kind == "id_number":
            return self.id_number(row, key)
        if column.max_length is not None:
            return self.length(row, key, row[key], column.max_length)
        return row[key]

    def _pool(self, column: Column) -> dict[str, Any]:
        if column.key not in self._pools:
            found = (
                column.agencies(self.actor)
                if column.agencies is not None
                else Agency.objects.filter(active=True)
            )
            pool: dict[str, Any] = {}
            for agency in found:
                pool[fold(agency.name)] = agency
                pool.setdefault(fold(agency.short_name or agency.name), agency)
            self._pools[column.key] = pool
        return self._pools[column.key]

    def _not_found(self, row: Row, column: Column, value: str) -> None:
        template = column.missing or "找不到机关“{value}”。"
        self.error(row, column.key, template.format(value=value))

    def agency(self, row: Row, column: Column) -> Any:
        value = row[column.key]
        found = self._pool(column).get(fold(value))
        if found is None:
            self._not_found(row, column, value)
        return found

    def agency_list(self, row: Row, column: Column) -> list[Any] | None:
        pool = self._pool(column)
        names = [n.strip() for n in _AGENCY_SEPARATORS.split(row[column.key]) if n.strip()]
        missing = [n for n in names if fold(n) not in pool]
        if missing:
            self._not_found(row, column, "、".join(missing))
            return None
        return list(dict.fromkeys(pool[fold(n)] for n in names))

    # -- named checks -----------------------------------------------------------------------

    def required(self, row: Row, key: str) -> str | None:
        value = row[key]
        if not value:
            self.error(row, key, REQUIRED)
            return None
        return value

    def length(self, row: Row, key: str, value: str, limit: int) -> str | None:
        if len(value) > limit:
            self.error(row, key, f"不能超过 {limit} 个字符（现有 {len(value)} 个）。")
            return None
        return value

    def text(self, row: Row, key: str, limit: int, *, required: bool = False) -> str:
        value = row[key]
        if required and not value:
            self.error(row, key, REQUIRED)
            return ""
        return self.length(row, key, value, limit) or ""

    def choice(
        self, row: Row, key: str, mapping: Mapping[str, str], default: str | None
    ) -> str | None:
        """Map a Chinese label (or the code itself) to its code; full-width forms match."""
        folded = {fold(k): v for k, v in mapping.items()}
        value = fold(row[key])
        if not value:
            if default is None:
                self.error(row, key, REQUIRED)
            return default
        if value in folded:
            return folded[value]
        if value in mapping.values():
            return value
        allowed = "、".join(dict.fromkeys(k for k in mapping if k not in mapping.values()))
        self.error(row, key, f"“{row[key]}”不是可选值，应为：{allowed}。")
        return None

    def boolean(self, row: Row, key: str, default: bool) -> bool | None:
        value = fold(row[key]).upper()
        if not value:
            return default
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        self.error(row, key, f"应填写“{YES}”或“{NO}”，不能是“{row[key]}”。")
        return None

    def integer(self, row: Row, key: str, default: int | None) -> int | None:
        value = fold(row[key])
        if not value:
            return default
        if not value.isdigit():
            self.error(row, key, f"应为非负整数，不能是“{value}”。")
            return None
        return int(value)

    def amount(
        self, row: Row, key: str, *, required: bool = False, minimum: Decimal | None = Decimal("0")
    ) -> Decimal | None:
        value = fold(row[key]).replace(",", "").replace("元", "").strip()
        if not value:
            if required:
                self.error(row, key, REQUIRED)
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
                self.error(row, key, REQUIRED)
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.error(row, key, f"“{value}”不是日期，请按 2025-03-01 的格式填写。")
        return parsed

    def items(self, row: Row, key: str, separators: re.Pattern[str] = LIST_SEPARATORS) -> list[str]:
        """A list cell: values separated by 、 ， ； / or new lines (or ``separators``)."""
        return [p.strip() for p in separators.split(row[key]) if p.strip()]

    def uscc(self, row: Row, key: str) -> str | None:
        """统一社会信用代码 (GB 32100-2015): the kernel checks shape and check character."""
        value = self.required(row, key)
        if value is None:
            return None
        value = value.upper()
        result = ids.check_uscc(value)
        if not result.ok:
            assert result.reason is not None  # a failed check always says why
            self.error(row, key, result.reason)
            return None
        return value

    def id_number(self, row: Row, key: str) -> str | None:
        """公民身份号码 (GB 11643-1999): the kernel checks region, birth date and check digit."""
        value = self.required(row, key)
        if value is None:
            return None
        value = value.upper()
        result = ids.check_id_number(value)
        if not result.ok:
            assert result.reason is not None  # a failed check always says why
            self.error(row, key, result.reason)
            return None
        return value

    def unique(self, row: Row, key: str, value: str, seen: dict[str, int]) -> bool:
        """The value has not appeared in an earlier row of the same file."""
        first = seen.get(value)
        if first is not None:
            self.error(row, key, f"“{value}”与第 {first} 行重复。")
            return False
        seen[value] = row.number
        return True
