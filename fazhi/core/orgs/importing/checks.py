"""The organisation files' own cell checks: 区划代码 and its level and parents, login names and
telephone numbers; every other check is the platform's (:mod:`fazhi.core.importing.checks`)."""

from __future__ import annotations

import re

from fazhi.core.importing.checks import Checker as BaseChecker
from fazhi.core.importing.reader import Row
from fazhi.kernel import ids


class Checker(BaseChecker):
    """The platform's checker with the 区划代码 check."""

    def division_code(self, row: Row, key: str) -> str | None:
        value = self.required(row, key)
        if value is None:
            return None
        problem = division_code_problem(value)
        if problem:
            self.error(row, key, problem)
            return None
        return value


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
