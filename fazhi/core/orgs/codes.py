"""Building well-formed identifiers (for templates' example rows and the demo county).

The check characters come from the kernel (:mod:`fazhi.kernel.ids`); this module only assembles
the parts each standard prescribes.
"""

from __future__ import annotations

from datetime import date

from fazhi.kernel.ids import id_check_digit, uscc_check_character

# GB 11714-1997 全国组织机构代码编制规则: weights of the eight body characters.
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_CODE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def organisation_code(body: str) -> str:
    """The nine-character 组织机构代码 (GB 11714-1997): eight body characters and the check
    character ``11 - Σ(c·w) mod 11`` (10 → ``X``, 11 → ``0``)."""
    if len(body) != 8 or any(c not in _ORG_CODE_CHARS for c in body):
        raise ValueError(f"organisation code body must be 8 of 0-9/A-Z: {body!r}")
    total = sum(_ORG_CODE_CHARS.index(c) * w for c, w in zip(body, _ORG_CODE_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def make_uscc(region: str, body: str, *, registrar: str = "1", category: str = "1") -> str:
    """统一社会信用代码 (GB 32100-2015): 登记管理部门代码 (1 = 机构编制), 机构类别代码
    (1 = 机关), the registrar's six-digit region, the nine-character 组织机构代码, and the check
    character."""
    first17 = registrar + category + region + organisation_code(body)
    return first17 + uscc_check_character(first17)


def make_id_number(region: str, birth: date, sequence: int) -> str:
    """公民身份号码 (GB 11643-1999): address code, birth date, three-digit sequence (odd for
    men, even for women), check digit."""
    if not 0 <= sequence <= 999:
        raise ValueError("sequence must be 0..999")
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + id_check_digit(first17)
