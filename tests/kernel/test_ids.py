"""Identifier checks: 统一社会信用代码 (GB 32100-2015), 公民身份号码 (GB 11643-1999) and
行政区划代码 (GB/T 2260). A form shows ``reason`` as is, so each failure must name its rule."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
import time_machine

from fazhi.kernel import ids
from fazhi.kernel.ids import (
    check_division_code,
    check_id_number,
    check_uscc,
    id_check_digit,
    uscc_check_character,
)

SHANGHAI = dt.timezone(dt.timedelta(hours=8))

# Published, real codes: the example in GB 11643-1999, the python-stdnum documentation
# example, 华为技术有限公司 and 深圳市腾讯计算机系统有限公司, and the project's own example.
KNOWN_USCC = (
    "91350100M000100Y43",
    "91110000600037341L",
    "914403001922038216",
    "91440300708461136T",
)
KNOWN_ID = "11010519491231002X"


# ---------------------------------------------------------------- 统一社会信用代码


@pytest.mark.parametrize("code", KNOWN_USCC)
def test_known_real_credit_codes_pass(code: str) -> None:
    assert check_uscc(code) == ids.Check(True)
    assert uscc_check_character(code[:17]) == code[17]


def test_every_authority_and_type_in_the_standard_table_is_accepted() -> None:
    # GB 32100-2015: 登记管理部门代码 × 机构类别代码, e.g. 1 机构编制 / 1 机关 for an agency.
    for authority, (_, kinds) in ids.REGISTRATION_AUTHORITIES.items():
        for kind in kinds:
            body = f"{authority}{kind}350102MA2Y0K7B8"
            assert check_uscc(body + uscc_check_character(body)), body


def test_national_registrations_use_100000() -> None:
    body = "11100000MB0143028"
    assert check_uscc(body + uscc_check_character(body))


@pytest.mark.parametrize(
    ("code", "rule", "words"),
    [
        ("9135010", "length", "应为18位"),
        ("91350100M000100Y43A", "length", "实为19位"),
        ("91350100M000I00Y43", "charset", "不使用字母I、O、Z、S、V"),
        ("91350100m000100Y43", "charset", "应使用大写字母"),
        ("91350100 000100Y43", "charset", "不能含有空格"),
        ("B1350100M000100Y43", "registration_authority", "登记管理部门代码“B”不存在"),
        ("94350100M000100Y43", "organisation_type", "不属于登记管理部门“工商”"),
        ("91990100M000100Y43", "division", "前两位“99”不是省级行政区划代码"),
        ("9135A100M000100Y43", "division", "应为6位数字"),
        ("91350100M000100Y44", "check_character", "第18位校验码应为“3”"),
    ],
)
def test_each_credit_code_rule_is_named(code: str, rule: str, words: str) -> None:
    result = check_uscc(code)
    assert not result and result.rule == rule
    assert words in result.reason
    assert "GB 32100-2015" in result.reason or "GB/T 2260" in result.reason


def test_any_single_character_error_is_caught() -> None:
    # The weighted mod-31 check of GB 32100 catches every single substitution (a typo) …
    code = KNOWN_USCC[0]
    for position in range(18):
        for char in ids.USCC_CHARSET:
            if char != code[position]:
                typo = code[:position] + char + code[position + 1 :]
                assert not check_uscc(typo), typo


def test_adjacent_transpositions_are_caught() -> None:
    # … and every swap of two different adjacent characters (weights differ by a factor 3).
    for code in KNOWN_USCC:
        for i in range(17):
            if code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                assert not check_uscc(swapped), swapped


def test_check_character_needs_seventeen_code_characters() -> None:
    with pytest.raises(ValueError):
        uscc_check_character("9135010")
    with pytest.raises(ValueError):
        uscc_check_character("91350100M000I00Y4")


# ---------------------------------------------------------------- 公民身份号码


def test_standard_example_id_number_passes() -> None:
    assert check_id_number(KNOWN_ID)
    assert id_check_digit(KNOWN_ID[:17]) == "X"


@time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=SHANGHAI), tick=False)
def test_generated_id_numbers_pass() -> None:
    for division, birth, sequence in itertools.product(
        ("350102", "429004", "650102"),
        ("19000101", "19850612", "20000229", "20260501"),
        ("001", "998"),
    ):
        body = division + birth + sequence
        assert check_id_number(body + id_check_digit(body)), body


def test_residence_permit_numbers_pass() -> None:
    # 港澳台居民居住证 numbers use the address codes 810000, 820000, 830000; the first two are
    # the sample numbers published with the permit's design.
    assert check_id_number("810000199408230021") and check_id_number("830000199201300022")
    for division in ids.RESIDENCE_PERMIT_DIVISIONS:
        body = division + "19900101001"
        assert check_id_number(body + id_check_digit(body))


@time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=SHANGHAI), tick=False)
@pytest.mark.parametrize(
    ("number", "rule", "words"),
    [
        ("11010519491231002", "length", "应为18位"),
        ("110105491231002", "length", "15位旧号码已停止使用"),
        ("11010519491231002x", "charset", "校验码X应大写"),
        ("1101051949123100XX", "charset", "第17位为“X”"),
        ("990105194912310020", "division", "前两位“99”不是省级"),
        ("110105194902300020", "birth_date", "不是真实的日期"),
        ("110105190002290020", "birth_date", "不是真实的日期"),  # 1900 was not a leap year
        ("110105202605020020", "birth_date", "晚于今天"),
        ("110105189912310020", "birth_date", "早于1900年1月1日"),
        ("110105194912310021", "check_character", "第18位校验码应为“X”"),
    ],
)
def test_each_id_number_rule_is_named(number: str, rule: str, words: str) -> None:
    result = check_id_number(number)
    assert not result and result.rule == rule
    assert words in result.reason


@time_machine.travel(dt.datetime(2026, 5, 1, 12, tzinfo=SHANGHAI), tick=False)
def test_born_today_is_not_the_future() -> None:
    body = "35010220260501001"
    assert check_id_number(body + id_check_digit(body))
    tomorrow = "35010220260502001"
    assert check_id_number(tomorrow + id_check_digit(tomorrow)).rule == "birth_date"


def test_any_single_digit_error_is_caught() -> None:
    # ISO 7064 MOD 11-2 (GB 11643-1999) catches every single-digit substitution.
    for position in range(17):
        for digit in "0123456789":
            if digit != KNOWN_ID[position]:
                typo = KNOWN_ID[:position] + digit + KNOWN_ID[position + 1 :]
                result = check_id_number(typo)
                assert not result, typo


# ---------------------------------------------------------------- 行政区划代码


@pytest.mark.parametrize(
    "code", ["110000", "110101", "350102", "429004", "652300", "810000", "339001"]
)
def test_valid_division_shapes(code: str) -> None:
    assert check_division_code(code)


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("35010", "length"),
        ("3501020", "length"),
        ("35O102", "charset"),
        ("000000", "province"),
        ("990102", "province"),
        ("357102", "prefecture"),  # 71–89 are not prefecture codes
        ("359902", "prefecture"),
        ("350001", "county"),  # a province-level code ends in 0000
        ("810100", "prefecture"),  # 香港 has no lower divisions in GB/T 2260
    ],
)
def test_invalid_division_shapes(code: str, rule: str) -> None:
    result = check_division_code(code)
    assert not result and result.rule == rule
    assert "GB/T 2260" in result.reason
