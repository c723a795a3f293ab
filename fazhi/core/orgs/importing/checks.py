"""Cell-level checks shared by the three importers. Each check records a :class:`RowError`
naming the row and the column, and returns the parsed value (or ``None`` when it failed)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from fazhi.kernel import ids

from .reader import Row
from .report import RowError
from .spec import NO, YES, Sheet

_TRUE = {YES, "Y", "YES", "TRUE", "1", "√"}
_FALSE = {NO, "N", "NO", "FALSE", "0", "×"}


class Checker:
    """Collects the errors of one file."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.errors: list[RowError] = []

    def error(self, row: Row, key: str, message: str) -> None:
        self.errors.append(RowError(row.number, self.sheet.column(key).header, message))

    def required(self, row: Row, key: str) -> str | None:
        value = row[key]
        if not value:
            self.error(row, key, "必填，不能为空。")
            return None
        return value

    def length(self, row: Row, key: str, value: str, limit: int) -> str | None:
        if len(value) > limit:
            self.error(row, key, f"不能超过 {limit} 个字符（现有 {len(value)} 个）。")
            return None
        return value

    def choice(
        self, row: Row, key: str, mapping: Mapping[str, str], default: str | None
    ) -> str | None:
        """Map a Chinese label (or the code itself) to its code."""
        value = row[key]
        if not value:
            if default is None:
                self.error(row, key, "必填，不能为空。")
            return default
        if value in mapping:
            return mapping[value]
        if value in mapping.values():
            return value
        allowed = "、".join(k for k in mapping if k not in mapping.values())
        self.error(row, key, f"“{value}”不是可选值，应为：{allowed}。")
        return None

    def boolean(self, row: Row, key: str, default: bool) -> bool | None:
        value = row[key].upper()
        if not value:
            return default
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        self.error(row, key, f"应填写“{YES}”或“{NO}”，不能是“{row[key]}”。")
        return None

    def integer(self, row: Row, key: str, default: int) -> int | None:
        value = row[key]
        if not value:
            return default
        if not value.isdigit():
            self.error(row, key, f"应为非负整数，不能是“{value}”。")
            return None
        return int(value)

    def uscc(self, row: Row, key: str) -> str | None:
        """统一社会信用代码 (GB 32100-2015): the kernel checks shape and check character."""
        value = self.required(row, key)
        if value is None:
            return None
        value = value.upper()
        result = ids.check_uscc(value)
        if not result.ok:
            self.error(row, key, result.reason or "格式不正确。")
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
            self.error(row, key, result.reason or "格式不正确。")
            return None
        return value

    def division_code(self, row: Row, key: str) -> str | None:
        value = self.required(row, key)
        if value is None:
            return None
        problem = division_code_problem(value)
        if problem:
            self.error(row, key, problem)
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


def division_code_problem(code: str) -> str | None:
    """Why ``code`` is not a division code, or None.

    County level and above: six digits (GB/T 2260, checked by the kernel). Township level: the
    county code followed by three digits (GB/T 10114-2003 县级以下行政区划代码编制规则); the
    twelve-digit statistical code is accepted as well.
    """
    if not code.isdigit():
        return f"“{code}”应全部为数字。"
    if len(code) == 6:
        result = ids.check_division_code(code)
        return None if result.ok else result.reason
    if len(code) in (9, 12):
        result = ids.check_division_code(code[:6])
        if not result.ok:
            return f"前 6 位县级代码有误：{result.reason}"
        return None
    return f"“{code}”应为 6 位（县级及以上，GB/T 2260）或 9 位（乡级，GB/T 10114-2003）数字。"


def division_level(code: str) -> str:
    """The level a code names: ``XX0000`` a province, ``XXXX00`` a city, other six digits a
    county, nine or twelve digits a township."""
    if len(code) > 6:
        return "township"
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def parent_codes(code: str) -> list[str]:
    """Candidate parent division codes, nearest first."""
    if len(code) > 6:
        return [code[:6], code[:4] + "00", code[:2] + "0000"]
    level = division_level(code)
    if level == "county":
        return [code[:4] + "00", code[:2] + "0000"]
    if level == "city":
        return [code[:2] + "0000"]
    return []


USERNAME = re.compile(r"^[\w.@+-]{1,150}$", re.ASCII)
PHONE = re.compile(r"^[0-9 +\-()（）转]{5,32}$")
