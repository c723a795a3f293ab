"""Masking of personal information before anything is published, with the ground of each mask.

Publications (行政处罚决定书 under 行政处罚法 第四十八条, 双随机 results, disclosure answers)
must not expose natural persons' personal information: 个人信息保护法 第四条 defines it and
第二十八条 names 特定身份 and 金融账户 as sensitive; 市场监督管理行政处罚信息公示规定 第六条
requires publishers to 「遵守法律法规关于商业秘密和个人信息保护的有关规定，对信息进行必要的
处理」, and 政府信息公开条例 第十五条 withholds 个人隐私 from disclosure.

What is masked (each rule is data in :data:`RULES`, with its ground):

- 公民身份号码 (checked with GB 11643, or ID-shaped with a real birth date): keep the six-digit
  address code and the final check character, mask positions 7–17 (birth date and sequence,
  the part that identifies the person); 15-digit old numbers keep only the address code.
- mobile numbers 1[3-9]x: keep the first 3 and last 4 digits.
- landlines with an area code: keep the area code, mask the number.
- bank cards (16–19 digits passing the Luhn check): keep the last 4 digits.
- e-mail: keep the first character of the user name and the domain.
- names of natural persons the caller gives: keep the surname (张* / 欧阳**).
- addresses the caller gives: keep down to the township (乡、镇、街道), mask the rest.

Never masked: a 统一社会信用代码 (an organisation's, GB 32100; an 18-character run that is a valid
code is not taken for an ID number or a bank card — unless it is also a valid ID number and is
not labelled as a credit code, since about one valid ID number in two hundred also passes the
credit-code check and leaking it is the worse error), an organisation name containing a given
person's name (e.g. a 个体工商户's shop name), document numbers such as 〔2023〕123号, dates and
amounts, and anything passed in ``keep`` (an agency's own telephone or address, say).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from fazhi.kernel.ids import (
    RESIDENCE_PERMIT_DIVISIONS,
    _division_shape,
    check_id_number,
    check_uscc,
)

MASK = "*"
ADDRESS_MASK = "****"  # fixed length: the length of a detailed address says something too

GROUND_PERSONAL = "《中华人民共和国个人信息保护法》第四条 个人信息"
GROUND_SENSITIVE = "《中华人民共和国个人信息保护法》第二十八条 敏感个人信息"
# The statutory text behind each ground, for the publication record and the UI.
GROUNDS: dict[str, str] = {
    GROUND_PERSONAL: "个人信息是以电子或者其他方式记录的与已识别或者可识别的自然人有关的各种信息，"
    "不包括匿名化处理后的信息。",
    GROUND_SENSITIVE: "敏感个人信息是一旦泄露或者非法使用，容易导致自然人的人格尊严受到侵害或者人身、"
    "财产安全受到危害的个人信息，包括生物识别、宗教信仰、特定身份、医疗健康、金融账户、"
    "行踪轨迹等信息，以及不满十四周岁未成年人的个人信息。",
}


@dataclass(frozen=True)
class MaskRule:
    """What is kept and masked for one kind of personal information, and on what ground."""

    kind: str
    rule: str
    ground: str


RULES: dict[str, MaskRule] = {
    rule.kind: rule
    for rule in (
        MaskRule(
            "id_number",
            "公民身份号码：保留前6位地址码和末位校验码，隐去第7至17位（出生日期码和顺序码）；"
            "15位旧号码仅保留前6位",
            GROUND_SENSITIVE,
        ),
        MaskRule("mobile", "手机号码：保留前3位和后4位，隐去中间4位", GROUND_PERSONAL),
        MaskRule("landline", "固定电话：保留区号，隐去电话号码", GROUND_PERSONAL),
        MaskRule("bank_card", "银行卡号：仅保留后4位", GROUND_SENSITIVE),
        MaskRule("email", "电子邮箱：保留用户名首字符和域名，隐去用户名其余部分", GROUND_PERSONAL),
        MaskRule("name", "自然人姓名：保留姓氏，隐去名字", GROUND_PERSONAL),
        MaskRule("address", "详细地址：保留至乡镇（街道），隐去其后的详细地址", GROUND_PERSONAL),
    )
}


@dataclass(frozen=True)
class Finding:
    """One masked span; ``start``/``end`` are offsets in the original text."""

    kind: str
    start: int
    end: int
    replacement: str
    rule: str
    ground: str


@dataclass(frozen=True)
class Redacted:
    """The masked text and what was masked."""

    text: str
    findings: tuple[Finding, ...]


def _finding(kind: str, start: int, end: int, replacement: str, note: str = "") -> Finding:
    rule = RULES[kind]
    return Finding(kind, start, end, replacement, rule.rule + note, rule.ground)


# ---------------------------------------------------------------- masks of single values

# Two-character surnames (复姓) that keep two characters.
COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "太史",
        "端木",
        "上官",
        "司马",
        "东方",
        "独孤",
        "南宫",
        "万俟",
        "闻人",
        "夏侯",
        "诸葛",
        "尉迟",
        "公羊",
        "赫连",
        "澹台",
        "皇甫",
        "宗政",
        "濮阳",
        "公冶",
        "太叔",
        "申屠",
        "公孙",
        "慕容",
        "仲孙",
        "钟离",
        "长孙",
        "宇文",
        "司徒",
        "鲜于",
        "司空",
        "闾丘",
        "子车",
        "亓官",
        "司寇",
        "巫马",
        "公西",
        "颛孙",
        "壤驷",
        "公良",
        "漆雕",
        "乐正",
        "宰父",
        "谷梁",
        "拓跋",
        "夹谷",
        "轩辕",
        "令狐",
        "段干",
        "百里",
        "呼延",
        "东郭",
        "南门",
        "羊舌",
        "微生",
        "梁丘",
        "左丘",
        "东门",
        "西门",
        "第五",
        "南荣",
        "东里",
    ]
)
_NAME_SEPARATORS = "·•・. "


def mask_name(name: str) -> str:
    """Keep the surname (two characters for a 复姓), mask every other letter of the name.

    Names with a separator (少数民族 or foreign names, 阿依古丽·买买提) keep their first
    character and the separators.
    """
    name = name.strip()
    if len(name) <= 1:
        return MASK * len(name)
    if any(sep in name for sep in _NAME_SEPARATORS):
        keep = 1
    else:
        keep = 2 if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:keep] + "".join(c if c in _NAME_SEPARATORS else MASK for c in name[keep:])


_TOWNSHIP = re.compile(r"街道办事处|街道|镇|乡|苏木")
_HIGHER_LEVEL = re.compile(r"[省市县区州盟旗]")  # 镇江市, 乡城县: the marker starts a higher name
# A division name: no digits, separators, level words or street words inside.
_DIVISION_NAME = r"[^\d\s，,、省市区县旗镇乡街道路号村巷弄栋幢室组]"
_COUNTY_PREFIX = re.compile(
    rf"(?:{_DIVISION_NAME}{{2,8}}?(?:省|自治区|特别行政区))?"
    rf"(?:{_DIVISION_NAME}{{1,10}}?(?:市|自治州|地区|盟))?"
    rf"(?:{_DIVISION_NAME}{{1,9}}?(?:(?<![小社园景校厂营院矿])区|县|市|旗))?"
)


def _kept_address_prefix(address: str) -> int:
    """How many leading characters of ``address`` name divisions down to the township."""
    for match in _TOWNSHIP.finditer(address):
        if match.start() == 0:
            continue
        if _HIGHER_LEVEL.search(address, match.end(), match.end() + 3):
            continue
        return match.end()
    prefix = _COUNTY_PREFIX.match(address)
    return prefix.end() if prefix else 0


def mask_address(address: str) -> str:
    """Keep the divisions down to the township (乡/镇/街道) — or the county when there is no
    township — and replace the detailed rest with a fixed mask."""
    address = address.strip()
    kept = _kept_address_prefix(address)
    if kept >= len(address):
        return address
    return address[:kept] + ADDRESS_MASK


def _mask_digits(text: str, keep_first: int, keep_last: int) -> str:
    """Mask the digits of ``text`` except the first and last few; separators stay."""
    positions = [i for i, c in enumerate(text) if c.isdigit() or c in "Xx"]
    hidden = set(positions[keep_first : len(positions) - keep_last])
    return "".join(MASK if i in hidden else c for i, c in enumerate(text))


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


# ---------------------------------------------------------------- detection in free text

_B = r"(?<![0-9A-Za-z])"  # no letter or digit right before
_E = r"(?![0-9A-Za-z])"  # no letter or digit right after
_CODE18 = re.compile(_B + r"[0-9A-Z]{17}[0-9A-Z]" + _E)
_ID18 = re.compile(_B + r"\d{17}[\dXx]" + _E)
_ID15 = re.compile(_B + r"\d{15}" + _E)
_CARD = re.compile(_B + r"(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)" + _E)
_MOBILE = re.compile(_B + r"(?:(?:\+|00)?86[- ]?)?(1[3-9]\d[- ]?\d{4}[- ]?\d{4})" + _E)
_LANDLINE = re.compile(
    r"(?<![0-9A-Za-z-])([(（]?(?:010|02\d|0[3-9]\d{2})[)）]?)[- ]?([2-8]\d{6,7})"
    r"((?:-|转|分机)\d{1,5})?" + _E
)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"
)
# 〔2023〕123号, [2023]12号, (2023)第5号: document and case numbers are never personal.
_DOC_NUMBER = re.compile(r"[〔［\[（(]\s*\d{4}\s*[〕］\]）)]\s*第?\s*\d+\s*号")
_CREDIT_LABEL = re.compile(r"(?:统一社会)?信用代码|注册号|组织机构代码|纳税人识别号")
_REGISTRATION_LABEL = re.compile(r"注册号|营业执照号")

# A given person's name followed by a few name characters and one of these is part of an
# organisation's name (e.g. a 个体工商户's shop), which is published as registered. Weak
# suffixes (店, 医院 …) also need what follows to read like the end of a name.
_STRONG_ORG_SUFFIX = (
    "有限责任公司|股份有限公司|有限公司|分公司|公司|集团|合作社|商行|经营部|门市部|工作室|事务所"
)
_WEAK_ORG_SUFFIX = (
    "小吃店|饭店|酒店|餐厅|餐馆|超市|便利店|商店|商场|药店|药房|诊所|医院|学校|幼儿园|"
    "加工厂|食品厂|养殖场|农场|美容院|理发店|服装店|五金店|批发部|维修部"
)
_NAME_TAIL = r"[^\W\d_的是系在于为与和及向对将把被等从到至其该已未不了着过也都就而并或但由经去来回上下给让叫请找]{0,6}?"
_ORG_TAIL = re.compile(
    rf"{_NAME_TAIL}(?:{_STRONG_ORG_SUFFIX})"
    rf"|{_NAME_TAIL}(?:{_WEAK_ORG_SUFFIX})"
    r"(?=$|[^\u4e00-\u9fff]|的|于|位于|在|系|是|因|未|所|经营|负责人|经营者|法定代表人|投资人|涉嫌|违反|存在|销售|生产)"
)


_ORGANISATION_NAME = re.compile(
    rf"(?:{_STRONG_ORG_SUFFIX}|{_WEAK_ORG_SUFFIX}|局|委员会|人民政府|办事处|个体工商户|[（(]个体工商户[)）])$"
)


def is_organisation_name(value: str) -> bool:
    """True for a name that ends like an organisation's (公司, 合作社, 小吃店, 局 …)."""
    return _ORGANISATION_NAME.search(value.strip()) is not None


def _id_shaped(number: str) -> bool:
    """An 18- or 15-digit run with a plausible address code and a real birth date."""
    division = number[:6]
    if division not in RESIDENCE_PERMIT_DIVISIONS and not _division_shape(division):
        return False
    birth = number[6:14] if len(number) == 18 else "19" + number[6:12]
    year, month, day = int(birth[:4]), int(birth[4:6]), int(birth[6:])
    if not 1900 <= year <= 2100 or not 1 <= month <= 12:
        return False
    return 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _labelled(text: str, start: int, label: re.Pattern[str]) -> bool:
    return label.search(text, max(0, start - 12), start) is not None


def _spans(text: str, needle: str) -> Iterable[tuple[int, int]]:
    if not needle:
        return
    start = text.find(needle)
    while start != -1:
        yield start, start + len(needle)
        start = text.find(needle, start + len(needle))


def _protected(text: str, keep: Iterable[str]) -> list[tuple[int, int]]:
    """Spans that are never masked: kept strings, credit codes, document numbers."""
    spans = [span for item in keep for span in _spans(text, item.strip())]
    for match in _CODE18.finditer(text):
        code = match.group()
        if not check_uscc(code):
            continue
        if check_id_number(code) and not _labelled(text, match.start(), _CREDIT_LABEL):
            continue  # valid as both; unlabelled, it is more likely an ID number (see module doc)
        spans.append(match.span())
    spans.extend(m.span() for m in _DOC_NUMBER.finditer(text))
    return spans


def _numbers(text: str) -> list[Finding]:
    """ID numbers, bank cards, mobile and landline numbers, e-mail addresses."""
    found: list[Finding] = []
    for match in _ID18.finditer(text):
        token, (start, end) = match.group(), match.span()
        if check_id_number(token.upper()):
            found.append(_finding("id_number", start, end, _mask_digits(token, 6, 1)))
        elif token.isdigit() and _luhn(token):
            found.append(_finding("bank_card", start, end, _mask_digits(token, 0, 4)))
        elif _id_shaped(token):
            note = "（校验码不符，仍按公民身份号码隐去）"
            found.append(_finding("id_number", start, end, _mask_digits(token, 6, 1), note))
    for match in _ID15.finditer(text):
        token, (start, end) = match.group(), match.span()
        if _id_shaped(token) and not _labelled(text, start, _REGISTRATION_LABEL):
            found.append(_finding("id_number", start, end, _mask_digits(token, 6, 0)))
    for match in _CARD.finditer(text):
        token, (start, end) = match.group(), match.span()
        digits = re.sub(r"[ -]", "", token)
        if token.isdigit() and len(token) == 18:
            continue  # decided above with the ID number rules
        if 16 <= len(digits) <= 19 and _luhn(digits):
            found.append(_finding("bank_card", start, end, _mask_digits(token, 0, 4)))
    for match in _MOBILE.finditer(text):
        start, end = match.span()
        number_start = match.start(1) - start
        head, number = match.group()[:number_start], match.group(1)
        found.append(_finding("mobile", start, end, head + _mask_digits(number, 3, 4)))
    for match in _LANDLINE.finditer(text):
        start, end = match.span()
        area = match.group(1)
        rest = match.group()[len(area) :]
        found.append(_finding("landline", start, end, area + _mask_digits(rest, 0, 0)))
    for match in _EMAIL.finditer(text):
        local, domain = match.group(1), match.group(2)
        masked = local[0] + MASK * (len(local) - 1) + "@" + domain
        found.append(_finding("email", match.start(), match.end(), masked))
    return found


def _given(text: str, values: Iterable[str], kind: str) -> list[Finding]:
    """Occurrences of the given names or addresses, masked; names inside organisation names
    are left alone."""
    found: list[Finding] = []
    seen: set[str] = set()
    for value in values:
        value = value.strip()
        if not value or value in seen:
            continue
        seen.add(value)
        if kind == "name" and is_organisation_name(value):
            continue  # a party that is an organisation is published by its name
        masked = mask_name(value) if kind == "name" else mask_address(value)
        if masked == value:
            continue
        for start, end in _spans(text, value):
            if kind == "name" and _ORG_TAIL.match(text, end):
                continue
            found.append(_finding(kind, start, end, masked))
    return found


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def redact(
    text: str,
    *,
    names: Iterable[str] = (),
    addresses: Iterable[str] = (),
    keep: Iterable[str] = (),
) -> Redacted:
    """Mask personal information in ``text`` (see the module docstring for what and why).

    ``names`` are natural persons' names and ``addresses`` their addresses, as recorded in the
    case; ``keep`` lists strings that must stay visible. Where findings overlap, the longer
    (then the earlier) wins.
    """
    protected = _protected(text, keep)
    candidates = _numbers(text) + _given(text, addresses, "address") + _given(text, names, "name")
    accepted: list[Finding] = []
    for finding in sorted(candidates, key=lambda f: -(f.end - f.start)):
        span = (finding.start, finding.end)
        if any(_overlaps(span, p) for p in protected):
            continue
        if any(_overlaps(span, (a.start, a.end)) for a in accepted):
            continue
        accepted.append(finding)
    accepted.sort(key=lambda f: f.start)
    parts: list[str] = []
    position = 0
    for finding in accepted:
        parts.append(text[position : finding.start])
        parts.append(finding.replacement)
        position = finding.end
    parts.append(text[position:])
    return Redacted("".join(parts), tuple(accepted))


def redact_fields(
    fields: Mapping[str, str],
    *,
    name_fields: Iterable[str] = (),
    address_fields: Iterable[str] = (),
    text_fields: Iterable[str] | None = None,
    keep: Iterable[str] = (),
) -> tuple[dict[str, str], list[tuple[str, Finding]]]:
    """Mask structured fields: name fields keep the surname, address fields keep down to the
    township, and the text fields (all other fields when ``text_fields`` is None) are scanned
    with :func:`redact`, also masking the names and addresses given in the other fields.

    Returns the masked fields (non-text values pass through) and (field, finding) pairs whose
    offsets are within that field's original value.
    """
    name_keys, address_keys = set(name_fields), set(address_fields)
    text_keys = None if text_fields is None else set(text_fields)
    keep = tuple(keep)
    names = [v for k, v in fields.items() if k in name_keys and isinstance(v, str)]
    addresses = [v for k, v in fields.items() if k in address_keys and isinstance(v, str)]
    out: dict[str, str] = {}
    findings: list[tuple[str, Finding]] = []
    for key, value in fields.items():
        if not isinstance(value, str) or not value.strip():
            out[key] = value
        elif key in name_keys and is_organisation_name(value):
            out[key] = value  # the party is an organisation: its name is published as is
        elif key in name_keys or key in address_keys:
            kind = "name" if key in name_keys else "address"
            masked = mask_name(value) if kind == "name" else mask_address(value)
            out[key] = masked
            if masked != value.strip():
                findings.append((key, _finding(kind, 0, len(value), masked)))
        elif text_keys is None or key in text_keys:
            result = redact(value, names=names, addresses=addresses, keep=keep)
            out[key] = result.text
            findings.extend((key, f) for f in result.findings)
        else:
            out[key] = value
    return out, findings
