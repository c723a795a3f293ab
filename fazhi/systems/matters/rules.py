"""The statutory rules of discretion (行政处罚法 第三十条至第三十七条, 国办发〔2022〕27号) as data.

A *circumstance* (情节) is a code with a Chinese label, the way it pulls a penalty (lighter,
heavier, none) and its citation. Benchmarks and the four lists name circumstances by code;
a local benchmark may add its own codes with their labels (they carry no statutory effect).
Quotes are copied from docs/statutes.md §1 and §9.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fazhi.kernel.instruments import GBF27 as GUOBAN_27
from fazhi.kernel.instruments import XZCF

# Effects of a circumstance on the recommendation.
LENIENT, SEVERE, NO_PENALTY, NEUTRAL = "lenient", "severe", "no_penalty", "neutral"


@dataclass(frozen=True)
class Circumstance:
    code: str
    label: str
    effect: str  # lenient | severe | no_penalty | neutral
    mandatory: bool = False  # the law says 应当 (not 可以)
    citation: str = ""


_ART30 = f"{XZCF}第三十条"
_ART31 = f"{XZCF}第三十一条"
_ART32 = f"{XZCF}第三十二条"
_ART33_1 = f"{XZCF}第三十三条第一款"
_ART33_2 = f"{XZCF}第三十三条第二款"
_ART49 = f"{XZCF}第四十九条"
_BENCHMARK = "裁量基准规定的情形"

CIRCUMSTANCES: dict[str, Circumstance] = {
    c.code: c
    for c in (
        # 第三十二条: 「当事人有下列情形之一，应当从轻或者减轻行政处罚」
        Circumstance(
            "eliminated_harm",
            "主动消除或者减轻违法行为危害后果",
            LENIENT,
            True,
            f"{_ART32}第（一）项",
        ),
        Circumstance(
            "coerced", "受他人胁迫或者诱骗实施违法行为", LENIENT, True, f"{_ART32}第（二）项"
        ),
        Circumstance(
            "confessed", "主动供述行政机关尚未掌握的违法行为", LENIENT, True, f"{_ART32}第（三）项"
        ),
        Circumstance(
            "meritorious",
            "配合行政机关查处违法行为有立功表现",
            LENIENT,
            True,
            f"{_ART32}第（四）项",
        ),
        Circumstance(
            "statutory_lenient",
            "法律、法规、规章规定其他应当从轻或者减轻行政处罚的",
            LENIENT,
            True,
            f"{_ART32}第（五）项",
        ),
        # 第三十条: minors
        Circumstance("minor_14_17", "已满十四周岁不满十八周岁的未成年人", LENIENT, True, _ART30),
        Circumstance("under_14", "不满十四周岁的未成年人", NO_PENALTY, True, _ART30),
        # 第三十一条: mental illness
        Circumstance(
            "mental_incapable",
            "精神病人、智力残疾人在不能辨认或者不能控制自己行为时违法",
            NO_PENALTY,
            True,
            _ART31,
        ),
        Circumstance(
            "mental_partial",
            "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人",
            LENIENT,
            False,
            _ART31,
        ),
        # 第三十三条: the elements of 不予处罚 (combined in NO_PENALTY_RULES below)
        Circumstance("minor_violation", "违法行为轻微", LENIENT, False, _ART33_1),
        Circumstance("no_harm", "没有造成危害后果", LENIENT, False, _ART33_1),
        Circumstance("corrected", "及时改正", LENIENT, False, _ART33_1),
        Circumstance("first_violation", "初次违法", LENIENT, False, _ART33_1),
        Circumstance("minor_harm", "危害后果轻微", LENIENT, False, _ART33_1),
        Circumstance("no_fault", "有证据足以证明没有主观过错", NO_PENALTY, True, _ART33_2),
        # Common benchmark circumstances without statutory force of their own.
        Circumstance("cooperative", "积极配合调查、如实陈述违法事实", LENIENT, False, _BENCHMARK),
        Circumstance("small_amount", "违法所得或者货值金额较小", LENIENT, False, _BENCHMARK),
        Circumstance("short_duration", "违法行为持续时间短", LENIENT, False, _BENCHMARK),
        Circumstance("repeat", "多次实施违法行为或者被处罚后再次实施", SEVERE, False, _BENCHMARK),
        Circumstance("serious_harm", "造成严重危害后果或者恶劣社会影响", SEVERE, False, _BENCHMARK),
        Circumstance(
            "obstruction", "拒绝、阻碍或者以暴力威胁执法人员依法执行职务", SEVERE, False, _BENCHMARK
        ),
        Circumstance(
            "evidence_destroyed", "隐匿、销毁违法证据或者拒不改正", SEVERE, False, _BENCHMARK
        ),
        Circumstance(
            "vulnerable_victims",
            "侵害未成年人、老年人、残疾人等群体权益",
            SEVERE,
            False,
            _BENCHMARK,
        ),
        # 第四十九条: 「…依法快速、从重处罚。」
        Circumstance("emergency", "突发事件期间违反突发事件应对措施", SEVERE, False, _ART49),
    )
}

#: 第三十条、第三十二条: 「应当从轻或者减轻行政处罚」 — neither 一般 nor 从重 may be applied.
MANDATORY_LENIENT = frozenset(
    c.code for c in CIRCUMSTANCES.values() if c.effect == LENIENT and c.mandatory
)
#: The words that make each mandatory circumstance binding, by article.
MANDATORY_LENIENT_QUOTES = {
    _ART32: f"{_ART32}：「当事人有下列情形之一，应当从轻或者减轻行政处罚」",
    _ART30: f"{_ART30}：「已满十四周岁不满十八周岁的未成年人有违法行为的，应当从轻或者减轻行政处罚。」",
}


def mandatory_lenient_citations(codes: Iterable[str]) -> str:
    """The quotes that bind for these mandatory circumstances, e.g. only 第三十条 for a minor."""
    quotes = [
        q
        for article, q in MANDATORY_LENIENT_QUOTES.items()
        if any(CIRCUMSTANCES[c].citation.startswith(article) for c in codes if c in CIRCUMSTANCES)
    ]
    return "；".join(quotes)


@dataclass(frozen=True)
class NoPenaltyRule:
    """A combination of circumstances under which the law says 不予处罚 (must or may)."""

    codes: frozenset[str]
    mandatory: bool
    citation: str
    quote: str


NO_PENALTY_RULES: tuple[NoPenaltyRule, ...] = (
    NoPenaltyRule(
        frozenset({"under_14"}),
        True,
        _ART30,
        "不满十四周岁的未成年人有违法行为的，不予行政处罚，责令监护人加以管教",
    ),
    NoPenaltyRule(
        frozenset({"mental_incapable"}),
        True,
        _ART31,
        "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为的，不予行政处罚",
    ),
    NoPenaltyRule(
        frozenset({"minor_violation", "corrected", "no_harm"}),
        True,
        _ART33_1,
        "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。",
    ),
    NoPenaltyRule(
        frozenset({"first_violation", "minor_harm", "corrected"}),
        False,
        _ART33_1,
        "初次违法且危害后果轻微并及时改正的，可以不予行政处罚。",
    ),
    NoPenaltyRule(
        frozenset({"no_fault"}),
        True,
        _ART33_2,
        "当事人有证据足以证明没有主观过错的，不予行政处罚。",
    ),
)

#: 第三十二条 without a 裁量基准: 从轻 means the lighter part of the statutory range. The law
#: gives no figure; by default the lower half (法定幅度中间值以下), configurable per deployment.
LENIENT_SHARE = Decimal("0.5")
LENIENT_SHARE_RULE = (
    f"{_ART32}：「应当从轻或者减轻行政处罚」；没有裁量基准的，从轻按法定罚款幅度中间值以下掌握"
    "（比例按本地裁量规则配置）"
)


def lenient_ceiling(low: Decimal | None, high: Decimal | None) -> Decimal | None:
    """The highest 从轻 fine in the statutory range ``low``–``high`` (None: no upper limit)."""
    if high is None:
        return None
    low = low or Decimal(0)
    return (low + (high - low) * LENIENT_SHARE).quantize(Decimal("0.01"))


#: 第三十三条第三款: 「对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。」
EDUCATION_REQUIRED = f"{XZCF}第三十三条第三款：「对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育。」"

#: 第三十四条: benchmarks must be published.
PUBLICATION_RULE = f"{XZCF}第三十四条：「行政处罚裁量基准应当向社会公布。」"

#: 第三十七条: 从旧兼从轻.
APPLICABLE_LAW = (
    f"{XZCF}第三十七条：「实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。但是，作出行政处罚决定时，"
    "法律、法规、规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。」"
)

#: 27号 五（十二）: departing from the benchmark needs approval recorded in the case file.
DEPARTURE_RULE = (
    f"{GUOBAN_27}五（十二）：「经本行政机关主要负责人批准或者集体讨论通过后可以调整适用，"
    "批准材料或者集体讨论记录应作为执法案卷的一部分归档保存。」"
)

#: 27号 三（六）: tiers stay within the statutory range; 减轻 goes below it.
RANGE_RULE = (
    f"{GUOBAN_27}三（六）：「罚款数额的从轻、一般、从重档次情形要明确具体，严格限定在法定幅度内」"
)
MITIGATION_RULE = f"{GUOBAN_27}三（六）：「需要在法定处罚种类或幅度以下减轻处罚的，要严格进行评估，明确具体情节、适用条件和处罚标准。」"


def label_of(code: str, fallback: str = "") -> str:
    c = CIRCUMSTANCES.get(code)
    return c.label if c else (fallback or code)


def labelled(codes: Iterable[str], labels: dict[str, str] | None = None) -> list[dict[str, str]]:
    """``[{"code": …, "label": …}]`` as stored in benchmark tiers and list items."""
    labels = labels or {}
    return [{"code": c, "label": labels.get(c) or label_of(c)} for c in codes]


def age_circumstance(birth_date: date, violation_date: date) -> str | None:
    """第三十条: the age circumstance of a natural person on the day of the act, if any."""
    age = (
        violation_date.year
        - birth_date.year
        - ((violation_date.month, violation_date.day) < (birth_date.month, birth_date.day))
    )
    if age < 14:
        return "under_14"
    if age < 18:
        return "minor_14_17"
    return None
