"""Statutory figures of the 行政处罚 procedure, each as data with its citation and quoted text.

Nothing in the workflow, the services or the views writes one of these numbers itself: they read
it from here, so that a reader (and a test) can see where every threshold comes from, and a
deployment can adjust the configurable ones (hearing thresholds, 备案 rule) in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from fazhi.kernel.instruments import GBF27 as GBF27  # re-exported: the guards cite it
from fazhi.kernel.instruments import GBF118, XZCF, XZQZ


@dataclass(frozen=True)
class Cited:
    """A statutory figure: its value, the article it comes from and the words of that article."""

    value: Any
    citation: str
    quote: str = ""
    configurable: bool = False

    def __str__(self) -> str:
        return str(self.value)


# -- 第五十一条: summary (on-the-spot) procedure ---------------------------------------------

SUMMARY_FINE_LIMIT = {
    "person": Cited(
        Decimal("200"),
        f"{XZCF}第五十一条",
        "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款"
        "或者警告的行政处罚的，可以当场作出行政处罚决定。",
    ),
    "organisation": Cited(
        Decimal("3000"),
        f"{XZCF}第五十一条",
        "违法事实确凿并有法定依据，对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款"
        "或者警告的行政处罚的，可以当场作出行政处罚决定。",
    ),
}
SUMMARY_TYPES = Cited(frozenset({"warning", "fine"}), f"{XZCF}第五十一条")

# Which province's 备案 period applies to on-the-spot decisions (第五十二条第三款 sets none).
SUMMARY_FILING_RULE = Cited(
    "penalty.summary_filing",
    "《浙江省行政程序办法》第六十条（按所在省配置；山东为 penalty.summary_filing_shandong）",
    "执法人员当场作出的行政处罚决定，应当报所属行政机关备案。",
    configurable=True,
)

# -- 简易程序: the steps the summary procedure shares with every decision ----------------------

#: 第四十四条 applies to every decision, the on-the-spot one included.
SUMMARY_NOTICE = Cited(
    True,
    f"{XZCF}第四十四条",
    "行政机关在作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，"
    "并告知当事人依法享有的陈述、申辩、要求听证等权利。",
)
#: 第四十五条, 第六十二条: the party's statement is heard (recorded), or the party waived it.
SUMMARY_STATEMENT = Cited(
    True,
    f"{XZCF}第四十五条第一款、第六十二条",
    "未依照本法第四十四条、第四十五条的规定向当事人告知拟作出的行政处罚内容及事实、理由、依据，"
    "或者拒绝听取当事人的陈述、申辩，不得作出行政处罚决定；当事人明确放弃陈述或者申辩权利的除外。",
)
#: 第五十二条第一款: the officers show their certificates when deciding on the spot.
SUMMARY_CERTIFICATE = Cited(
    True,
    f"{XZCF}第五十二条第一款",
    "执法人员当场作出行政处罚决定的，应当向当事人出示执法证件，填写预定格式、编有号码的"
    "行政处罚决定书，并由执法人员签名或者盖章。",
)
#: Whether this deployment exempts on-the-spot decisions from 公示. 118号 二（六） makes no
#: exception for the summary procedure, so the default is no exemption; a deployment whose local
#: rules exempt them sets the value to True and the citation to that local rule.
SUMMARY_PUBLICATION_EXEMPT = Cited(
    False,
    "国办发〔2018〕118号 二（六）（未规定简易程序除外；地方另有规定的按本地配置）",
    "行政许可、行政处罚的执法决定信息要在执法决定作出之日起7个工作日内公开，"
    "但法律、行政法规另有规定的除外。",
    configurable=True,
)

# -- 第六十八条 to 第七十一条: fines collected on the spot -----------------------------------------

ON_SPOT_LIMIT = Cited(
    Decimal("100"),
    f"{XZCF}第六十八条第一项",
    "依照本法第五十一条的规定当场作出行政处罚决定，有下列情形之一，执法人员可以当场收缴罚款："
    "（一）依法给予一百元以下罚款的；（二）不当场收缴事后难以执行的。",
)
#: The grounds of 第六十八条 a collection on the spot rests on.
ON_SPOT_GROUNDS = {
    "small": "依法给予一百元以下罚款（第六十八条第一项）",
    "hard": "不当场收缴事后难以执行（第六十八条第二项）",
}
ON_SPOT_RECEIPT = Cited(
    True,
    f"{XZCF}第七十条",
    "行政机关及其执法人员当场收缴罚款的，必须向当事人出具国务院财政部门或者省、自治区、直辖市"
    "人民政府财政部门统一制发的专用票据；不出具财政部门统一制发的专用票据的，当事人有权拒绝缴纳罚款。",
)
RULE_CASH_HANDOVER = "penalty.cash_handover"  # 第七十一条: officer → agency, 二日 (WD, 第八十五条)
RULE_CASH_DEPOSIT = "penalty.cash_deposit"  # 第七十一条: agency → the designated bank, 二日

# -- 第四十二条: at least two certified officers ---------------------------------------------

MIN_OFFICERS = Cited(
    2,
    f"{XZCF}第四十二条",
    "行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。",
)

# -- 第三十六条: limitation -----------------------------------------------------------------

LIMITATION_YEARS = Cited(
    2,
    f"{XZCF}第三十六条",
    "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，"
    "上述期限延长至五年。法律另有规定的除外。",
)
LIMITATION_YEARS_GRAVE = Cited(5, LIMITATION_YEARS.citation, LIMITATION_YEARS.quote)

# -- 第三十条: minors ---------------------------------------------------------------------------

AGE_NO_PENALTY = Cited(
    14,
    f"{XZCF}第三十条",
    "不满十四周岁的未成年人有违法行为的，不予行政处罚，责令监护人加以管教；已满十四周岁不满十八周岁"
    "的未成年人有违法行为的，应当从轻或者减轻行政处罚。",
)
AGE_LENIENT = Cited(18, AGE_NO_PENALTY.citation, AGE_NO_PENALTY.quote)

# Tiers that count as 从轻 / 减轻 / 不予处罚 (the benchmark's tier codes, matters.BenchmarkTier).
LENIENT_TIERS = frozenset({"lenient", "mitigated", "no_penalty"})
TIER_LABELS = {
    "mitigated": "减轻",
    "lenient": "从轻",
    "ordinary": "一般",
    "severe": "从重",
    "no_penalty": "不予处罚",
}

# -- 第六十三条: when the party has the right to a hearing (较大数额 is configurable) -----------

HEARING_FINE_THRESHOLD = {
    "person": Cited(
        Decimal("10000"),
        "《市场监督管理行政处罚听证办法》第五条（“较大数额”由省级规定，按部门配置）",
        "对自然人处以一万元以上、对法人或者其他组织处以十万元以上罚款",
        configurable=True,
    ),
    "organisation": Cited(
        Decimal("100000"),
        "《市场监督管理行政处罚听证办法》第五条（“较大数额”由省级规定，按部门配置）",
        "对自然人处以一万元以上、对法人或者其他组织处以十万元以上罚款",
        configurable=True,
    ),
}
HEARING_TYPES = Cited(
    frozenset({"downgrade", "revoke_licence", "suspend_business", "close", "ban", "restrict"}),
    f"{XZCF}第六十三条",
    "（三）降低资质等级、吊销许可证件；（四）责令停产停业、责令关闭、限制从业；",
)

_ART63 = f"{XZCF}第六十三条第一款"
_HEARING_RULE_SAMR = (
    "《市场监督管理行政处罚听证办法》第五条（“较大数额”“较大价值”由省级规定，按领域配置）"
)
_HEARING_QUOTE_SAMR = (
    "（三）对自然人处以一万元以上、对法人或者其他组织处以十万元以上罚款；（四）对自然人、法人或者"
    "其他组织作出没收违法所得和非法财物价值总额达到第三项所列数额的行政处罚；……各省、自治区、"
    "直辖市人大常委会或者人民政府对前款第三项、第四项所列罚没数额有具体规定的，可以从其规定。"
)

#: 第六十三条第一款第二项: 「没收较大数额违法所得、没收较大价值非法财物」. The law sets no amount:
#: by 执法领域 (the matter's ``field``) and party kind, ``""`` the default for every other field.
HEARING_CONFISCATION_THRESHOLD: dict[str, dict[str, Cited]] = {
    "": {
        "person": Cited(Decimal("10000"), _HEARING_RULE_SAMR, _HEARING_QUOTE_SAMR, True),
        "organisation": Cited(Decimal("100000"), _HEARING_RULE_SAMR, _HEARING_QUOTE_SAMR, True),
    },
    "市场监管": {
        "person": Cited(Decimal("10000"), _HEARING_RULE_SAMR, _HEARING_QUOTE_SAMR, True),
        "organisation": Cited(Decimal("100000"), _HEARING_RULE_SAMR, _HEARING_QUOTE_SAMR, True),
    },
}
#: The kinds of penalty that count as confiscation for 第六十三条第一款第二项.
CONFISCATION_TYPES = frozenset({"confiscate_gains", "confiscate_property"})
#: 第六十三条第一款第五项 「其他较重的行政处罚」: 暂扣许可证件 (configurable: a sector may add more).
HEARING_HEAVIER_TYPES = Cited(
    frozenset({"suspend_licence"}),
    f"{_ART63}第五项",
    "（五）其他较重的行政处罚；",
    configurable=True,
)

#: The six grounds of 第六十三条第一款, by item, with the words of each (and the officer's grant).
HEARING_GROUNDS: dict[str, Cited] = {
    "fine": Cited("一", f"{_ART63}第一项", "（一）较大数额罚款；"),
    "confiscation": Cited(
        "二", f"{_ART63}第二项", "（二）没收较大数额违法所得、没收较大价值非法财物；"
    ),
    "licence": Cited("三", f"{_ART63}第三项", "（三）降低资质等级、吊销许可证件；"),
    "business": Cited("四", f"{_ART63}第四项", "（四）责令停产停业、责令关闭、限制从业；"),
    "heavier": Cited("五", f"{_ART63}第五项", "（五）其他较重的行政处罚（如暂扣许可证件）；"),
    "other_law": Cited("六", f"{_ART63}第六项", "（六）法律、法规、规章规定的其他情形。"),
    # Not a ground of the law: the agency may always give more procedure than it must.
    "granted": Cited("", "行政机关依职权告知听证权利", ""),
}
_GROUND_TYPES = {
    "licence": frozenset({"downgrade", "revoke_licence"}),
    "business": frozenset({"suspend_business", "close", "ban", "restrict"}),
}

# -- 第七十二条, 第七十三条: late-payment surcharge ------------------------------------------------

SURCHARGE_DAILY_RATE = Cited(
    Decimal("0.03"),
    f"{XZCF}第七十二条第一款第一项",
    "到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额；",
)
SURCHARGE_CAP = Cited(
    "fine",
    f"{XZCF}第七十二条第一款第一项；{XZQZ}第四十五条第二款",
    "加处罚款或者滞纳金的数额不得超出金钱给付义务的数额。",
)
SURCHARGE_FROZEN = Cited(
    "reconsideration_or_suit",
    f"{XZCF}第七十三条第三款",
    "当事人申请行政复议或者提起行政诉讼的，加处罚款的数额在行政复议或者行政诉讼期间不予计算。",
)

# -- court enforcement (行政强制法 第五十三条, 第五十四条): the periods are catalogue rules -------------
# The party's 复议 and 诉讼 periods run out, then the agency has three months to apply to the
# court (第五十三条; 行诉法解释 第一百五十六条), after a 催告 served more than ten working days
# before (第五十四条; ten days are working days, 第六十九条). Each id names a rule of
# fazhi/kernel/data/timelimits.toml with its article and quote.

RULE_RECONSIDERATION = "reconsideration.application"  # 行政复议法 第二十条第一款: 60 日
RULE_LITIGATION = "litigation.filing"  # 行政诉讼法 第四十六条第一款: 6 个月
RULE_SUIT_AFTER_RECONSIDERATION = "litigation.filing_after_reconsideration"  # 第四十五条: 15 日
RULE_COURT_APPLICATION = "enforcement.court_application"  # 行政强制法 第五十三条: 3 个月
RULE_DEMAND_WAIT = "enforcement.demand_wait"  # 行政强制法 第五十四条: 催告书送达十日后
DEFERRAL_RESTARTS_COURT_WINDOW = Cited(
    True,
    f"{XZCF}第七十二条第二款",
    "……申请人民法院强制执行的期限，自暂缓或者分期缴纳罚款期限结束之日起计算。",
)

# -- 第五十九条: the remedy route printed on every decision -------------------------------------

RECONSIDERATION_PERIOD = Cited(
    "六十日",
    "《中华人民共和国行政复议法》第二十条第一款",
    "可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请",
)
LITIGATION_PERIOD = Cited(
    "六个月",
    "《中华人民共和国行政诉讼法》第四十六条第一款",
    "应当自知道或者应当知道作出行政行为之日起六个月内提出。",
)
SUMMARY_RECONSIDERATION_FIRST = Cited(
    True,
    "《中华人民共和国行政复议法》第二十三条",
    "（一）对当场作出的行政处罚决定不服；……行政机关在作出行政行为时应当告知公民、法人或者其他组织"
    "先向行政复议机关申请行政复议。",
)

# -- 118号 四（十三）: the legal-review checklist ------------------------------------------------

REVIEW_CHECKLIST: tuple[tuple[str, str], ...] = (
    ("subject", "行政执法主体是否合法"),
    ("qualification", "行政执法人员是否具备执法资格"),
    ("procedure", "行政执法程序是否合法"),
    ("facts", "案件事实是否清楚，证据是否合法充分"),
    ("law", "适用法律、法规、规章是否准确，裁量基准运用是否适当"),
    ("authority", "执法是否超越执法机关法定权限"),
    ("documents", "行政执法文书是否完备、规范"),
    ("crime", "违法行为是否涉嫌犯罪、需要移送司法机关"),
)
REVIEW_CHECKLIST_CITATION = f"{GBF118}四（十三）"

# -- working-day windows named by the statute --------------------------------------------------

RULE_DECISION = "penalty.decision"  # 第六十条, the national rule (sectors: see sectors.py)
RULE_DECISION_SCJG = "penalty.decision.scjg"  # 《市场监督管理行政处罚程序规定》第六十四条
RULE_DECISION_ZHIAN = "penalty.decision.zhian"  # 《治安管理处罚法》 治安案件
RULE_LEAD_CHECK = "penalty.lead_check"  # 案源核查并决定是否立案 (configured per sector)
RULE_LEGAL_REVIEW = "penalty.legal_review"  # 法制审核 (configured per sector)
RULE_HEARING_REQUEST = "penalty.hearing_request"
RULE_HEARING_NOTICE = "penalty.hearing_notice"
RULE_PRESERVATION = "penalty.preservation"
RULE_SERVICE = "penalty.service"
RULE_PAYMENT = "penalty.payment"
RULE_PUBLICATION = "penalty.publication"
RULE_WITHDRAWAL = "penalty.withdrawal"


# -- pure computations ------------------------------------------------------------------------


def years_after(d: date, years: int) -> date:
    """The same day ``years`` later (29 February → 28 February), 民法典 第二百零二条."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return d.replace(year=d.year + years, day=28)


def limitation_years(grave: bool) -> Cited:
    """2 years, or 5 where life, health or financial safety was harmed (第三十六条)."""
    return LIMITATION_YEARS_GRAVE if grave else LIMITATION_YEARS


def within_limitation(act_ended: date, discovered: date, *, grave: bool) -> bool:
    """Whether the act was discovered within the limitation period of 第三十六条.

    The period runs from the day the act happened, or ended if it was continuing; a discovery
    on the anniversary itself is still within the period.
    """
    return discovered <= years_after(act_ended, limitation_years(grave).value)


def age_on(birth: date, on: date) -> int:
    """Full years of age (周岁) on ``on``."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def summary_allowed(
    party_kind: str, types: set[str] | frozenset[str], fine: Decimal | None
) -> bool:
    """第五十一条: only a warning and/or a fine up to 200 元 (person) / 3,000 元 (organisation)."""
    if not types or not set(types) <= SUMMARY_TYPES.value:
        return False
    if "fine" in types:
        limit = SUMMARY_FINE_LIMIT[party_kind].value
        return fine is not None and Decimal(0) < fine <= limit
    return True


def confiscation_threshold(sector: str, party_kind: str) -> Cited:
    """较大数额 of confiscation for a hearing (第六十三条第一款第二项) in ``sector``."""
    table = HEARING_CONFISCATION_THRESHOLD.get(sector or "") or HEARING_CONFISCATION_THRESHOLD[""]
    return table[party_kind]


def hearing_grounds(
    party_kind: str,
    types: set[str] | frozenset[str],
    fine: Decimal | None,
    confiscation: Decimal | None = None,
    *,
    sector: str = "",
    other_basis: str = "",
) -> list[str]:
    """The grounds of 第六十三条第一款 the proposed penalty meets, as keys of HEARING_GROUNDS.

    ``other_basis`` is the provision of a law, regulation or rule that gives a hearing in a case
    the first five items do not cover (第六项); recorded, it is a ground of its own.
    """
    types = set(types)
    found = []
    if "fine" in types and fine is not None and fine >= HEARING_FINE_THRESHOLD[party_kind].value:
        found.append("fine")
    if (
        types & CONFISCATION_TYPES
        and confiscation is not None
        and confiscation >= confiscation_threshold(sector, party_kind).value
    ):
        found.append("confiscation")
    found += [k for k, kinds in _GROUND_TYPES.items() if types & kinds]
    if types & HEARING_HEAVIER_TYPES.value:
        found.append("heavier")
    if other_basis.strip():
        found.append("other_law")
    return found


def hearing_right(
    party_kind: str,
    types: set[str] | frozenset[str],
    fine: Decimal | None,
    confiscation: Decimal | None = None,
    *,
    sector: str = "",
    other_basis: str = "",
) -> bool:
    """第六十三条: any of its six grounds (large fine or confiscation, grave kinds, other law)."""
    return bool(
        hearing_grounds(
            party_kind, types, fine, confiscation, sector=sector, other_basis=other_basis
        )
    )


def hearing_grounds_text(grounds: list[str]) -> str:
    """The items of 第六十三条第一款 named on the 告知书, e.g. 「第一款第（二）项」."""
    items = [HEARING_GROUNDS[g].value for g in grounds if g in HEARING_GROUNDS]
    items = [i for i in items if i]
    return "、".join(f"第（{i}）项" for i in items)


def _money(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def overdue_days(due: date, until: date, frozen: list[tuple[date, date | None]] = ()) -> int:
    """Days after ``due`` up to ``until`` inclusive, less the days frozen by 复议/诉讼.

    A frozen interval ``(filed, ended)`` covers ``filed..ended`` inclusive; an interval still
    running (``ended`` None) covers everything from ``filed``.
    """
    if until <= due:
        return 0
    days = 0
    ordinal = due.toordinal() + 1
    last = until.toordinal()
    spans = [(a.toordinal(), (b or until).toordinal()) for a, b in frozen]
    while ordinal <= last:
        if not any(a <= ordinal <= b for a, b in spans):
            days += 1
        ordinal += 1
    return days


def surcharge(
    fine: Decimal, due: date, until: date, frozen: list[tuple[date, date | None]] = ()
) -> Decimal:
    """加处罚款 owed on ``until`` (第七十二条第一款第一项, 第七十三条第三款).

    ``fine × 3 % × overdue days``, never more than the fine itself; the days between the filing
    of a 复议 or 诉讼 and its end are not counted.
    """
    if fine <= 0:
        return Decimal("0.00")
    days = overdue_days(due, until, frozen)
    raw = fine * SURCHARGE_DAILY_RATE.value * days
    return _money(min(raw, fine))
