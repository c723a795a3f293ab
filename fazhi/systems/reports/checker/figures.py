"""Every figure a report quotes: counts, amounts, rates, areas and study hours.

A figure is only useful to a supervisor with the sentence around it, so each one carries its
sentence, offset, line, the noun phrase it counts when that can be found, and a qualifier when
the report does not state it exactly (约300万元, 350余本, 不少于10学时). Names and slogans in
《》/“” are skipped: “三项制度” and 《…30条措施》 are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Figure
from .segment import Document

_KIND_COUNT, _KIND_AMOUNT, _KIND_RATE, _KIND_AREA, _KIND_HOURS = (
    "count",
    "amount",
    "rate",
    "area",
    "hours",
)


@dataclass(frozen=True)
class _Unit:
    kind: str
    base_unit: str
    factor: float = 1.0
    # characters that, right after the unit, make it part of another word (部门, 条例, 项目…)
    not_before: str = ""


UNITS: dict[str, _Unit] = {
    # compound counts first so that the longest spelling wins
    "人次": _Unit(_KIND_COUNT, "人次"),
    "家次": _Unit(_KIND_COUNT, "家次"),
    "场次": _Unit(_KIND_COUNT, "场次"),
    "批次": _Unit(_KIND_COUNT, "批次"),
    "件次": _Unit(_KIND_COUNT, "件次"),
    "户次": _Unit(_KIND_COUNT, "户次"),
    "学时": _Unit(_KIND_HOURS, "学时"),
    "课时": _Unit(_KIND_HOURS, "课时"),
    "件": _Unit(_KIND_COUNT, "件"),
    "项": _Unit(_KIND_COUNT, "项", not_before="目"),
    "次": _Unit(_KIND_COUNT, "次", not_before="日年月要生"),
    "人": _Unit(_KIND_COUNT, "人", not_before="民"),
    "名": _Unit(_KIND_COUNT, "名", not_before="单录称义"),
    "场": _Unit(_KIND_COUNT, "场", not_before="所地景合"),
    "份": _Unit(_KIND_COUNT, "份", not_before="额"),
    "宗": _Unit(_KIND_COUNT, "宗", not_before="旨教"),
    "条": _Unit(_KIND_COUNT, "条", not_before="例件款线"),
    "个": _Unit(_KIND_COUNT, "个", not_before="月"),
    "家": _Unit(_KIND_COUNT, "家", not_before="庭属长乡园"),
    "本": _Unit(_KIND_COUNT, "本", not_before="级地年市区县单"),
    "期": _Unit(_KIND_COUNT, "期", not_before="间限满末内"),
    "批": _Unit(_KIND_COUNT, "批", not_before="准复示评"),
    "篇": _Unit(_KIND_COUNT, "篇"),
    "部": _Unit(_KIND_COUNT, "部", not_before="门署分长委队"),
    "支": _Unit(_KIND_COUNT, "支", not_before="持付出部"),
    "起": _Unit(_KIND_COUNT, "起", not_before="草诉来到步点始"),
    "户": _Unit(_KIND_COUNT, "户", not_before="籍口外"),
    "卷": _Unit(_KIND_COUNT, "卷"),
    "台": _Unit(_KIND_COUNT, "台", not_before="账阶风"),
    "辆": _Unit(_KIND_COUNT, "辆"),
    "套": _Unit(_KIND_COUNT, "套"),
    "亿元": _Unit(_KIND_AMOUNT, "元", 1e8),
    "万元": _Unit(_KIND_AMOUNT, "元", 1e4),
    "千元": _Unit(_KIND_AMOUNT, "元", 1e3),
    "元": _Unit(_KIND_AMOUNT, "元"),
    "平方公里": _Unit(_KIND_AREA, "平方米", 1e6),
    "平方千米": _Unit(_KIND_AREA, "平方米", 1e6),
    "平方米": _Unit(_KIND_AREA, "平方米"),
    "公顷": _Unit(_KIND_AREA, "平方米", 1e4),
    "亩": _Unit(_KIND_AREA, "亩"),
    "个百分点": _Unit(_KIND_RATE, "个百分点"),
    "%": _Unit(_KIND_RATE, "%"),
}
# units a Chinese-numeral count may take (三次, 两批, 八个方面); others stay Arabic-only
_CN_UNITS = ("次", "件", "项", "场", "批", "名", "人", "个", "家", "期", "篇", "份", "起", "宗")
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_MULTIPLIERS = {"万": 1e4, "亿": 1e8}

_ARABIC = re.compile(
    rf"(?<![\d.A-Za-z第/])(?P<num>\d+(?:\.\d+)?)\s?(?P<q1>余|多)?(?P<mult>万|亿)?(?P<q2>余|多)?"
    rf"(?P<unit>{_UNIT_ALT})"
)
_CN_DIGITS = "零〇一二两三四五六七八九十百千万"
_CHINESE = re.compile(
    rf"(?<![{_CN_DIGITS}第其之初周])(?P<cn>[{_CN_DIGITS}]+)(?P<q2>余|多)?"
    rf"(?P<unit>{'|'.join(_CN_UNITS)})"
)
_PERCENT_WORDS = re.compile(r"百分之(?P<cn>百|[零〇一二两三四五六七八九十点]+|\d+(?:\.\d+)?)")
# Fixed phrases that look like counts but name a policy (“三项制度” is usually quoted, not always)
_FIXED_PHRASES = (
    "三项制度",
    "四个意识",
    "四个自信",
    "两个维护",
    "两个确立",
    "四个全面",
    "三个代表",
    "两个责任",
    "四张清单",
)
_PRE_QUALIFIERS = (
    "不少于",
    "不低于",
    "不超过",
    "超过",
    "多于",
    "高于",
    "低于",
    "大约",
    "约",
    "近",
    "逾",
)
_POST_QUALIFIERS = ("以上", "以下", "左右")

_CLAUSE_DELIMS = "，。；：、！？|()\n"
_RATE_DELIMS = "，。；：！？|()\n"  # 报备率、报备及时率、规范率均达100%: one claim over a list
_LEAD_FILLER = re.compile(
    r"^(?:截至目前|截止目前|截至|截止|今年以来|今年|全年|本年度|年内|目前|同时|此外|其中|另外|"
    r"20\d\d年(?:度)?(?:\d{1,2}-\d{1,2}月)?|共计|共有|共|累计|合计|总计|全市|全县|全区|全局|我局|我市|"
    r"我县|我区|本局|各部门|先后|已)+"
)
_TAIL_FILLER = re.compile(r"(?:共计|合计|总计|累计|共|约|近|超过|逾|不少于|不低于)+$")
_RATE_LEAD = re.compile(r"^(?:使得|使|确保|实现|做到|保持|保证|落实)+")
_RATE_TAIL = re.compile(r"(?:均|已|分别|达到|达|为|是)+$")
_VERBS = (
    "办理", "受理", "收到", "审结", "办结", "审查", "审核", "公示", "公布", "发布", "制定", "制发",
    "印发", "出台", "清理出", "完成", "开展", "组织", "举办", "召开", "报送", "聘请", "设置",
    "建成", "录入", "梳理", "推出", "明确", "修订完善", "答复", "颁发", "收缴", "作出", "制止",
    "查处", "拆除", "恢复", "补充完善", "发放", "劝导", "督导", "悬挂", "设立", "适用", "抽取",
    "处理", "化解", "接待", "提出", "编制", "整编", "成交", "节约", "保留",
    "废止", "拟修订", "督察", "参与", "参加", "涉及", "实现", "查办", "移送", "报备", "入住",
)  # fmt: skip
_AFTER_STOP = re.compile(
    r"[，。；：、！？|()\s\d]|积极|参加|参与|参演|参训|参考|已|均|全部|并|取得|入选|获|通过|完成|"
    r"实现|开展|进行|的|和|及|等|实行|纳入|向|适用"
)


def parse_chinese_number(text: str) -> float | None:
    """Value of a simple Chinese numeral (三, 十二, 二十三, 一百零五, 两千, 九十五点五)."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
    digits.update({"六": 6, "七": 7, "八": 8, "九": 9})
    scales = {"十": 10, "百": 100, "千": 1000, "万": 10000}
    if "点" in text:
        whole, _, frac = text.partition("点")
        head = parse_chinese_number(whole)
        if head is None or not frac or any(ch not in digits for ch in frac):
            return None
        return float(f"{int(head)}.{''.join(str(digits[ch]) for ch in frac)}")
    total, section, current = 0, 0, None
    for ch in text:
        if ch in digits:
            if current is not None and current != 0:
                return None  # "二三": not a simple numeral
            current = digits[ch]
        elif ch in scales:
            scale = scales[ch]
            if scale == 10000:
                total += (section + (current or 0)) * scale
                section, current = 0, None
            else:
                section += (1 if current is None else current) * scale
                current = None
        else:
            return None
    return float(total + section + (current or 0))


def find_figures(doc: Document) -> list[Figure]:
    """All figures of the text, in order of appearance."""
    found: list[Figure] = []
    text = doc.text
    for m in _ARABIC.finditer(text):
        unit = m.group("unit")
        if not _unit_stands_alone(text, m.end(), unit) or _is_range_end(text, m.start()):
            continue
        mult = m.group("mult")
        value = float(m.group("num"))
        shown_unit = (mult or "") + unit
        factor = UNITS[unit].factor * (_MULTIPLIERS[mult] if mult else 1.0)
        q = m.group("q1") or m.group("q2")
        _add(found, doc, m.start(), m.end(), value, shown_unit, unit, factor, q)
    for m in _CHINESE.finditer(text):
        value = parse_chinese_number(m.group("cn"))
        unit = m.group("unit")
        if value is None or value < 2 or not _unit_stands_alone(text, m.end(), unit):
            continue
        if any(text.startswith(p, m.start()) for p in _FIXED_PHRASES):
            continue
        if unit == "个" and m.end() < len(text) and text[m.end()] in _CN_DIGITS + "“":
            continue  # “三个一”, 六个“再提升”: slogans
        _add(found, doc, m.start(), m.end(), value, unit, unit, 1.0, m.group("q2"))
    for m in _PERCENT_WORDS.finditer(text):
        raw = m.group("cn")
        value = 100.0 if raw == "百" else _number_or_chinese(raw)
        if value is not None:
            _add(found, doc, m.start(), m.end(), value, "%", "%", 1.0, None)
    found.sort(key=lambda f: f.offset)
    return found


def _number_or_chinese(raw: str) -> float | None:
    try:
        return float(raw)
    except ValueError:
        return parse_chinese_number(raw)


def _unit_stands_alone(text: str, end: int, unit: str) -> bool:
    """False when the unit is the start of another word (部门, 条例, 项目, 3个月…)."""
    nxt = text[end : end + 1]
    if nxt and nxt in UNITS[unit].not_before:
        return False
    return not (unit == "个" and text.startswith("工作日", end))


def _is_range_end(text: str, start: int) -> bool:
    """True for the second number of a range such as 5-10件 or 5至10件."""
    return bool(re.search(r"\d\s?[-~至]\s?$", text[max(0, start - 4) : start]))


def _add(
    found: list[Figure],
    doc: Document,
    start: int,
    end: int,
    value: float,
    shown_unit: str,
    unit: str,
    factor: float,
    inner_qualifier: str | None,
) -> None:
    if doc.in_quotes(start):
        return
    sentence = doc.sentence_at(start)
    if sentence is None:
        return
    text = doc.text
    spec = UNITS[unit]
    before = text[sentence.start : start]
    pre = next((q for q in _PRE_QUALIFIERS if before.endswith(q)), None)
    post = next((q for q in _POST_QUALIFIERS if text.startswith(q, end)), None)
    qualifier = pre or inner_qualifier or post
    literal_start = start - len(pre) if pre else start
    literal_end = end + len(post) if post else end
    found.append(
        Figure(
            value=value,
            unit=shown_unit,
            kind=spec.kind,
            base_value=round(value * factor, 6),
            base_unit=spec.base_unit,
            text=text[literal_start:literal_end],
            sentence=sentence.text,
            offset=start,
            line=sentence.line,
            subject=_subject(text, sentence.start, start, end, spec.kind),
            qualifier=qualifier,
        )
    )


def _subject(text: str, sentence_start: int, start: int, end: int, kind: str) -> str | None:
    """The noun phrase a figure counts.

    Chinese puts it after a measure word (132名行政执法人员) or before the figure
    (办理行政处罚案件690件); the phrase after wins when there is one.
    """
    if kind in (_KIND_COUNT, _KIND_HOURS):
        after = text[end : end + 30]
        stop = _AFTER_STOP.search(after)
        after = _strip_quotes_marks(after[: stop.start()] if stop else after)
        if len(after) >= 2:
            return after[:12]
    delims = _RATE_DELIMS if kind == _KIND_RATE else _CLAUSE_DELIMS
    clause_start = max(text.rfind(d, sentence_start, start) for d in delims) + 1
    clause_start = max(clause_start, sentence_start)
    before = _strip_quotes_marks(text[clause_start:start])
    # start after an earlier figure of the same clause (8个重点执法领域行政执法案卷350余本)
    before = re.split(r"\d+(?:\.\d+)?(?:余|多)?[^\d\s]?", before)[-1]
    before = _TAIL_FILLER.sub("", _LEAD_FILLER.sub("", before.lstrip("、，")))
    if kind == _KIND_RATE:
        # a rate's name holds verbs (录入率, 办结率): keep the whole clause
        before = _RATE_LEAD.sub("", _RATE_TAIL.sub("", before))
        return before[-32:] if len(before) >= 2 else None
    if not before or before.endswith("的"):
        return None
    ends = sorted({before.rfind(v) + len(v) for v in _VERBS if v in before}, reverse=True)
    for pos in ends:
        rest = before[pos:].lstrip("了的")
        if len(rest) >= 2:
            return rest[-24:]
    if len(before) >= 2 and before not in _VERBS:
        return before[-24:]
    return None


def _strip_quotes_marks(s: str) -> str:
    return s.replace("“", "").replace("”", "").replace("《", "").replace("》", "").strip()
