"""Checks of the national identifiers the platform records.

- 统一社会信用代码 (GB 32100-2015): every agency and every enterprise party has one.
- 公民身份号码 (GB 11643-1999): natural-person parties and officers.
- 行政区划代码 (GB/T 2260): six digits, shape only (the list of codes changes every year).

Each check returns a :class:`Check` whose ``reason`` is a Chinese sentence naming the rule and
the standard, so a form can show it as is. The tables below are the standards' data, kept here
with their source rather than as bare values in the code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

USCC_STANDARD = "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》"
ID_STANDARD = "GB 11643-1999《公民身份号码》"
DIVISION_STANDARD = "GB/T 2260《中华人民共和国行政区划代码》"

# GB 32100-2015: the 31 code characters (digits and capitals without I, O, Z, S, V) and their
# values 0..30, which the check-character algorithm uses.
USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
# Weight of position i (1..17) is 3**(i-1) mod 31; C18 = 31 - (sum mod 31), with 31 written 0.
USCC_WEIGHTS: tuple[int, ...] = tuple(pow(3, i, 31) for i in range(17))

# GB 32100-2015 (with its amendments adding A and N): 登记管理部门代码 (position 1) and the
# 机构类别代码 (position 2) each may use.
REGISTRATION_AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": (
        "机构编制",
        {"1": "机关", "2": "事业单位", "3": "中央编办直接管理机构编制的群众团体", "9": "其他"},
    ),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": (
        "司法行政",
        {
            "1": "律师执业机构",
            "2": "公证处",
            "3": "基层法律服务所",
            "4": "司法鉴定机构",
            "5": "仲裁委员会",
            "9": "其他",
        },
    ),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": (
        "旅游",
        {
            "1": "外国旅游部门常驻代表机构",
            "2": "港澳台地区旅游部门常驻内地（大陆）代表机构",
            "9": "其他",
        },
    ),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": (
        "农业",
        {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"},
    ),
    "Y": ("其他", {"1": "其他"}),
}
# Positions 3-8 of a code registered by a national-level authority.
NATIONAL_DIVISION = "100000"

# GB/T 2260: the province-level codes (first two digits).
PROVINCES: dict[str, str] = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
    "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
    "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省", "36": "江西省",
    "37": "山东省",
    "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
    "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区", "65": "新疆维吾尔自治区",
    "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
}  # fmt: skip
# Province codes with no lower divisions in the code list (only xx0000 is a code).
_WHOLE_ONLY = frozenset({"71", "81", "82"})
# 港澳台居民居住证 numbers follow GB 11643 with address codes 810000, 820000 and 830000.
RESIDENCE_PERMIT_DIVISIONS: dict[str, str] = {
    "810000": "香港居民", "820000": "澳门居民", "830000": "台湾居民",
}  # fmt: skip

# GB 11643-1999: ISO 7064 MOD 11-2. Weight of position i (1..17) is 2**(18-i) mod 11; the
# check character is the value c with (sum + c) ≡ 1 (mod 11), written X for 10.
ID_WEIGHTS: tuple[int, ...] = tuple(pow(2, 17 - i, 11) for i in range(17))
_ID_CHECK = "10X98765432"  # indexed by the weighted sum mod 11
ID_EARLIEST_BIRTH = dt.date(1900, 1, 1)
_TIMEZONE = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Check:
    """The outcome of an identifier check: ``rule`` is a short code, ``reason`` a sentence."""

    ok: bool
    rule: str | None = None
    reason: str | None = None

    def __bool__(self) -> bool:
        return self.ok


_OK = Check(True)


def _fail(rule: str, reason: str) -> Check:
    return Check(False, rule, reason)


def uscc_check_character(first17: str) -> str:
    """The 18th character of the 统一社会信用代码 whose first 17 characters are given."""
    if len(first17) != 17 or any(c not in _USCC_VALUE for c in first17):
        raise ValueError(f"应为17位统一社会信用代码字符：{first17!r} / need 17 code characters")
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def id_check_digit(first17: str) -> str:
    """The 18th character (校验码) of the 公民身份号码 whose first 17 digits are given."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError(f"应为17位数字：{first17!r} / need 17 digits")
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _division_shape(code: str, *, whole_only: frozenset[str] = _WHOLE_ONLY) -> Check:
    """GB/T 2260 shape of six digits already known to be ASCII digits."""
    province, prefecture, county = code[:2], code[2:4], code[4:]
    if province not in PROVINCES:
        return _fail(
            "province",
            f"前两位“{province}”不是省级行政区划代码（{DIVISION_STANDARD}：11—15、21—23、31—37、"
            f"41—46、50—54、61—65、71、81、82）",
        )
    if province in whole_only and code[2:] != "0000":
        return _fail(
            "prefecture",
            f"{PROVINCES[province]}在{DIVISION_STANDARD}中只有代码{province}0000，"
            f"“{code}”不是有效的区划代码",
        )
    # 第三、四位：01—20、51—70 省辖市，21—50 地区、自治州、盟，90 省直辖县级行政区划
    if not (prefecture == "00" or "01" <= prefecture <= "70" or prefecture == "90"):
        return _fail(
            "prefecture",
            f"第三、四位“{prefecture}”不是地级代码（{DIVISION_STANDARD}：00、01—70 或 90）",
        )
    if prefecture == "00" and county != "00":
        return _fail(
            "county",
            f"省级代码（第三、四位为00）的第五、六位也应为00，实为“{county}”（{DIVISION_STANDARD}）",
        )
    return _OK


def check_division_code(code: str) -> Check:
    """Six digits in the GB/T 2260 shape: a real province, a prefecture part 00/01–70/90."""
    if not isinstance(code, str) or len(code) != 6:
        size = len(code) if isinstance(code, str) else 0
        return _fail("length", f"行政区划代码应为6位数字（{DIVISION_STANDARD}），实为{size}位")
    if not (code.isascii() and code.isdigit()):
        return _fail("charset", f"行政区划代码只能由数字组成（{DIVISION_STANDARD}）：“{code}”")
    return _division_shape(code)


def _bad_character(code: str, allowed: str, what: str, standard: str) -> Check | None:
    for position, char in enumerate(code, 1):
        if char in allowed:
            continue
        if char.upper() in allowed and char != char.upper():
            hint = "应使用大写字母"
        elif char in "IOZSV":
            hint = "代码不使用字母I、O、Z、S、V"
        elif char.isspace():
            hint = "不能含有空格"
        else:
            hint = "不是代码字符"
        return _fail("charset", f"{what}第{position}位为“{char}”：{hint}（{standard}）")
    return None


def check_uscc(code: str) -> Check:
    """统一社会信用代码 per GB 32100-2015.

    18 characters from the 31-character set; position 1 a registration authority and
    position 2 an organisation type of that authority; positions 3–8 a GB/T 2260 division (or
    100000 for national registrations); position 18 the weighted mod-31 check character.
    """
    what = "统一社会信用代码"
    if not isinstance(code, str) or len(code) != 18:
        size = len(code) if isinstance(code, str) else 0
        return _fail("length", f"{what}应为18位（{USCC_STANDARD}），实为{size}位")
    bad = _bad_character(code, USCC_CHARSET, what, USCC_STANDARD)
    if bad is not None:
        return bad
    authority = REGISTRATION_AUTHORITIES.get(code[0])
    if authority is None:
        known = "、".join(f"{k} {v[0]}" for k, v in REGISTRATION_AUTHORITIES.items())
        return _fail(
            "registration_authority",
            f"第1位登记管理部门代码“{code[0]}”不存在（{USCC_STANDARD}：{known}）",
        )
    name, kinds = authority
    if code[1] not in kinds:
        known = "、".join(f"{k} {v}" for k, v in kinds.items())
        return _fail(
            "organisation_type",
            f"第2位机构类别代码“{code[1]}”不属于登记管理部门“{name}”（{USCC_STANDARD}：{known}）",
        )
    division = code[2:8]
    if not division.isdigit():
        return _fail(
            "division",
            f"第3至8位登记管理机关行政区划码应为6位数字，实为“{division}”（{USCC_STANDARD}）",
        )
    if division != NATIONAL_DIVISION:
        shape = _division_shape(division)
        if not shape:
            return _fail(
                "division", f"第3至8位登记管理机关行政区划码“{division}”有误：{shape.reason}"
            )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        return _fail(
            "check_character",
            f"第18位校验码应为“{expected}”，实为“{code[17]}”（{USCC_STANDARD} 校验码算法），"
            f"代码可能有录入错误",
        )
    return _OK


def check_id_number(number: str, *, today: dt.date | None = None) -> Check:
    """公民身份号码 per GB 11643-1999.

    18 characters: a six-digit address code (GB/T 2260 shape, or a 港澳台居民居住证 code),
    a real birth date YYYYMMDD not before 1900 and not after ``today`` (default: today in
    Asia/Shanghai), a three-digit sequence code, and the MOD 11-2 check character (X for 10).
    """
    what = "公民身份号码"
    if not isinstance(number, str) or len(number) != 18:
        size = len(number) if isinstance(number, str) else 0
        hint = "（15位旧号码已停止使用）" if size == 15 else ""
        return _fail("length", f"{what}应为18位（{ID_STANDARD}），实为{size}位{hint}")
    body, last = number[:17], number[17]
    bad = _bad_character(body, "0123456789", what, ID_STANDARD)
    if bad is not None:
        return bad
    if last not in "0123456789X":
        hint = "，校验码X应大写" if last == "x" else ""
        return _fail("charset", f"{what}第18位应为数字或X，实为“{last}”{hint}（{ID_STANDARD}）")
    division = number[:6]
    if division not in RESIDENCE_PERMIT_DIVISIONS:
        shape = _division_shape(division)
        if not shape:
            return _fail("division", f"前6位地址码“{division}”有误：{shape.reason}")
    birth_text = number[6:14]
    try:
        birth = dt.date(int(birth_text[:4]), int(birth_text[4:6]), int(birth_text[6:]))
    except ValueError:
        return _fail(
            "birth_date", f"第7至14位出生日期“{birth_text}”不是真实的日期（{ID_STANDARD}）"
        )
    today = today or dt.datetime.now(_TIMEZONE).date()
    if birth > today:
        return _fail("birth_date", f"第7至14位出生日期{birth.isoformat()}晚于今天（{ID_STANDARD}）")
    if birth < ID_EARLIEST_BIRTH:
        return _fail("birth_date", f"第7至14位出生日期{birth.isoformat()}早于1900年1月1日，不可信")
    expected = id_check_digit(body)
    if last != expected:
        return _fail(
            "check_character",
            f"第18位校验码应为“{expected}”，实为“{last}”（{ID_STANDARD} MOD 11-2 校验），"
            f"号码可能有录入错误",
        )
    return _OK
