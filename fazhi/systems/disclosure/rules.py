"""The statutory content of 依申请公开, as data with its citation and the words of the article.

Nothing in the workflow, the services, the letters or the annual report writes an article or a
category itself: it reads it from here. Quotes are copied from 《中华人民共和国政府信息公开条例》
(国务院令第711号, 2019 revision, in force 2019-05-15) as given in docs/statutes.md
§4 and, for the articles that file does not quote (第十四—十六、二十九、三十二、三十五、三十八、
三十九、四十二条), from the same source it names ([LRB], LawRefBook/Laws, 行政法规/政府信息公开条例.md).

The time limits themselves (20 working days, 7, 15, the 20-day extension) are kernel rules in
``fazhi/kernel/data/timelimits.toml``; this module only names them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from fazhi.kernel.instruments import XXGK, XZFY, XZSS

#: 国务院办公厅政府信息与政务公开办公室 template of the annual report (条例 第五十条第二款).
REPORT_FORMAT = "《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"

# -- kernel time-limit rules (fazhi/kernel/data/timelimits.toml) -----------------------------

RULE_ANSWER = "disclosure.answer"  # 第三十三条第二款, restart 第三十条, pause 第三十三条第三款
RULE_CORRECTION_NOTICE = "disclosure.correction_notice"  # 第三十条
RULE_THIRD_PARTY = "disclosure.third_party"  # 第三十二条
RULE_OTHER_AGENCY = "disclosure.other_agency"  # 第三十四条


@dataclass(frozen=True)
class Cited:
    """A statutory provision: what it is called, its article and its words."""

    label: str
    citation: str
    quote: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.label


# -- 第三十一条: the date of receipt by channel ----------------------------------------------

IN_PERSON = "in_person"
REGISTERED_POST = "registered_post"
ORDINARY_LETTER = "ordinary_letter"
ONLINE = "online"
FAX = "fax"

ART31 = f"{XXGK}第三十一条"
CHANNELS: dict[str, Cited] = {
    IN_PERSON: Cited(
        "当面提交",
        f"{ART31}第（一）项",
        "申请人当面提交政府信息公开申请的，以提交之日为收到申请之日；",
        {"date_field": "submitted_on"},
    ),
    REGISTERED_POST: Cited(
        "邮寄（需签收）",
        f"{ART31}第（二）项",
        "申请人以邮寄方式提交政府信息公开申请的，以行政机关签收之日为收到申请之日；",
        {"date_field": "signed_on"},
    ),
    ORDINARY_LETTER: Cited(
        "平常信函等无需签收的邮寄",
        f"{ART31}第（二）项",
        "以平常信函等无需签收的邮寄方式提交政府信息公开申请的，政府信息公开工作机构应当于收到"
        "申请的当日与申请人确认，确认之日为收到申请之日；",
        {"date_field": "confirmed_on"},
    ),
    ONLINE: Cited(
        "互联网渠道",
        f"{ART31}第（三）项",
        "申请人通过互联网渠道或者政府信息公开工作机构的传真提交政府信息公开申请的，以双方确认之日"
        "为收到申请之日。",
        {"date_field": "confirmed_on"},
    ),
    FAX: Cited(
        "传真",
        f"{ART31}第（三）项",
        "申请人通过互联网渠道或者政府信息公开工作机构的传真提交政府信息公开申请的，以双方确认之日"
        "为收到申请之日。",
        {"date_field": "confirmed_on"},
    ),
}
CHANNEL_CHOICES = [(k, v.label) for k, v in CHANNELS.items()]
DATE_FIELD_LABELS = {
    "submitted_on": "提交（到达）日",
    "signed_on": "签收日",
    "confirmed_on": "确认日",
}

# -- 第二十九条: what a request contains -----------------------------------------------------

REQUEST_CONTENT = Cited(
    "申请内容",
    f"{XXGK}第二十九条第二款",
    "（二）申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；",
)
APPLICANT_IDENTITY = Cited(
    "申请人",
    f"{XXGK}第二十九条第二款",
    "（一）申请人的姓名或者名称、身份证明、联系方式；",
)

# -- the applicant categories of the annual report -------------------------------------------

PERSON = "person"
APPLICANT_KINDS: dict[str, str] = {
    PERSON: "自然人",
    "business": "商业企业",
    "research": "科研机构",
    "public_welfare": "社会公益组织",
    "legal_service": "法律服务机构",
    "other_org": "其他组织",
}
APPLICANT_KIND_CHOICES = list(APPLICANT_KINDS.items())

DELIVERY_FORMS = {
    "paper": "纸质文本（邮寄或自取）",
    "electronic": "电子数据（电子邮件等）",
    "inspection": "当场查阅、抄录",
    "other": "其他",
}

# -- 第三十条: 补正 -------------------------------------------------------------------------

CORRECTION = Cited(
    "一次性告知补正",
    f"{XXGK}第三十条",
    "政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内"
    "一次性告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自行政机关收到补正的"
    "申请之日起计算。申请人无正当理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息"
    "公开申请。",
)

# -- 第三十二条 / 第三十四条: consultation; 第三十三条: periods -------------------------------

THIRD_PARTY = "third_party"
OTHER_AGENCY = "other_agency"
CONSULTATIONS: dict[str, Cited] = {
    THIRD_PARTY: Cited(
        "征求第三方意见",
        f"{XXGK}第三十二条",
        "依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见。第三方"
        "应当自收到征求意见书之日起15个工作日内提出意见。第三方逾期未提出意见的，由行政机关依照"
        "本条例的规定决定是否公开。第三方不同意公开且有合理理由的，行政机关不予公开。行政机关认为"
        "不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由"
        "书面告知第三方。",
        {"rule": RULE_THIRD_PARTY},
    ),
    OTHER_AGENCY: Cited(
        "征求其他机关意见",
        f"{XXGK}第三十四条",
        "申请公开的政府信息由两个以上行政机关共同制作的，牵头制作的行政机关收到政府信息公开申请后"
        "可以征求相关行政机关的意见，被征求意见机关应当自收到征求意见书之日起15个工作日内提出意见，"
        "逾期未提出意见的视为同意公开。",
        {"rule": RULE_OTHER_AGENCY},
    ),
}
CONSULTATION_CHOICES = [(k, v.label) for k, v in CONSULTATIONS.items()]
CONSULTATION_PAUSE = Cited(
    "征求意见时间不计入答复期限",
    f"{XXGK}第三十三条第三款",
    "行政机关征求第三方和其他机关意见所需时间不计算在前款规定的期限内。",
)

CONSENT = "consent"
OBJECTION = "objection"
NO_REPLY = "no_reply"
DEEMED_CONSENT = "deemed_consent"
OPINIONS = {
    CONSENT: "同意公开",
    OBJECTION: "不同意公开",
    NO_REPLY: "逾期未提出意见（由本机关依法决定）",
    DEEMED_CONSENT: "逾期未提出意见，视为同意公开",
}
OPINION_CHOICES = list(OPINIONS.items())

EXTENSION = Cited(
    "延长答复期限",
    f"{XXGK}第三十三条第二款",
    "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，应当"
    "经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。",
)

# -- 第三十六条 / 第三十七条 and the other answers: the answer types --------------------------

ART36 = f"{XXGK}第三十六条"
PUBLIC_ALREADY = "public_already"
DISCLOSED = "disclosed"
REFUSED = "refused"
NOT_EXIST = "not_exist"
NOT_RESPONSIBLE = "not_responsible"
REPEAT = "repeat"
SPECIAL_LAW = "special_law"
PARTIAL = "partial"
NEEDS_CREATION = "needs_creation"
NOT_PROCESSED = "not_processed"


@dataclass(frozen=True)
class AnswerType:
    """One way of answering, with what the article requires the answer to contain.

    ``requires`` maps a field of the answer to the Chinese name of what must be stated there.
    ``discloses`` is true when information goes to the applicant (a third party's objection then
    needs the public-interest decision of 第三十二条).
    """

    code: str
    label: str
    citation: str
    quote: str
    requires: dict[str, str]
    discloses: bool = False


ANSWER_TYPES: dict[str, AnswerType] = {
    t.code: t
    for t in (
        AnswerType(
            PUBLIC_ALREADY,
            "已主动公开",
            f"{ART36}第（一）项",
            "所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径；",
            {"access_way": "获取该政府信息的方式、途径"},
            discloses=True,
        ),
        AnswerType(
            DISCLOSED,
            "予以公开",
            f"{ART36}第（二）项",
            "所申请公开信息可以公开的，向申请人提供该政府信息，或者告知申请人获取该政府信息的方式、"
            "途径和时间；",
            {"access_way": "提供的政府信息或者获取的方式、途径和时间"},
            discloses=True,
        ),
        AnswerType(
            REFUSED,
            "不予公开",
            f"{ART36}第（三）项",
            "行政机关依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由；",
            {"refusal_ground": "不予公开的依据", "reason": "不予公开的理由"},
        ),
        AnswerType(
            NOT_EXIST,
            "信息不存在",
            f"{ART36}第（四）项",
            "经检索没有所申请公开信息的，告知申请人该政府信息不存在；",
            {"reason": "检索的范围和情况"},
        ),
        AnswerType(
            NOT_RESPONSIBLE,
            "不属于本机关负责公开",
            f"{ART36}第（五）项",
            "所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府"
            "信息的行政机关的，告知申请人该行政机关的名称、联系方式；",
            {"reason": "不属于本机关负责公开的理由"},
        ),
        AnswerType(
            REPEAT,
            "重复申请",
            f"{ART36}第（六）项",
            "行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，"
            "告知申请人不予重复处理；",
            {"previous_request": "已作出答复的原申请"},
        ),
        AnswerType(
            SPECIAL_LAW,
            "依照特别规定办理",
            f"{ART36}第（七）项",
            "所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定"
            "的，告知申请人依照有关法律、行政法规的规定办理。",
            {"special_law": "对信息获取有特别规定的法律、行政法规"},
        ),
        AnswerType(
            PARTIAL,
            "部分公开",
            f"{XXGK}第三十七条",
            "申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，行政机关"
            "应当向申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由。",
            {
                "access_way": "提供的可以公开的政府信息内容",
                "refusal_ground": "不予公开部分的依据",
                "reason": "不予公开部分的理由",
            },
            discloses=True,
        ),
        AnswerType(
            NEEDS_CREATION,
            "需另行制作，不予提供",
            f"{XXGK}第三十八条",
            "行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。除依照本条例第三十七条的"
            "规定能够作区分处理的外，需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予"
            "提供。",
            {"reason": "需要加工、分析的理由"},
        ),
        AnswerType(
            NOT_PROCESSED,
            "不予处理",
            f"{XXGK}第三十五条、第三十九条",
            "申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。"
            "行政机关认为申请理由不合理的，告知申请人不予处理；",
            {"not_processed_reason": "不予处理的情形", "reason": "不予处理的理由"},
        ),
    )
}
ANSWER_TYPE_CHOICES = [(k, v.label) for k, v in ANSWER_TYPES.items()]


@dataclass(frozen=True)
class Ground:
    """A ground for not disclosing, with its article and the annual-report row it counts in."""

    code: str
    label: str
    citation: str
    quote: str
    report_row: str


REFUSAL_GROUNDS: dict[str, Ground] = {
    g.code: g
    for g in (
        Ground(
            "state_secret",
            "属于国家秘密",
            f"{XXGK}第十四条",
            "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家"
            "安全、公共安全、经济安全、社会稳定的政府信息，不予公开。",
            "refused.state_secret",
        ),
        Ground(
            "law_prohibits",
            "其他法律行政法规禁止公开",
            f"{XXGK}第十四条",
            "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家"
            "安全、公共安全、经济安全、社会稳定的政府信息，不予公开。",
            "refused.law_prohibits",
        ),
        Ground(
            "safety",
            "危及“三安全一稳定”",
            f"{XXGK}第十四条",
            "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家"
            "安全、公共安全、经济安全、社会稳定的政府信息，不予公开。",
            "refused.safety",
        ),
        Ground(
            "third_party",
            "保护第三方合法权益",
            f"{XXGK}第十五条",
            "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，"
            "第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。",
            "refused.third_party",
        ),
        Ground(
            "internal",
            "属于三类内部事务信息",
            f"{XXGK}第十六条第一款",
            "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。",
            "refused.internal",
        ),
        Ground(
            "process",
            "属于四类过程性信息",
            f"{XXGK}第十六条第二款",
            "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
            "以及行政执法案卷信息，可以不予公开。",
            "refused.process",
        ),
        Ground(
            "case_file",
            "属于行政执法案卷",
            f"{XXGK}第十六条第二款",
            "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
            "以及行政执法案卷信息，可以不予公开。",
            "refused.case_file",
        ),
        Ground(
            "query",
            "属于行政查询事项",
            f"{XXGK}第三十六条第（七）项",
            "所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定"
            "的，告知申请人依照有关法律、行政法规的规定办理。",
            "refused.query",
        ),
    )
}
REFUSAL_GROUND_CHOICES = [(k, v.label) for k, v in REFUSAL_GROUNDS.items()]

NOT_PROCESSED_REASONS: dict[str, Ground] = {
    g.code: g
    for g in (
        Ground(
            "petition",
            "信访举报投诉类申请",
            f"{XXGK}第三十九条第一款",
            "申请人以政府信息公开申请的形式进行信访、投诉、举报等活动，行政机关应当告知申请人不作为"
            "政府信息公开申请处理并可以告知通过相应渠道提出。",
            "ignored.petition",
        ),
        Ground(
            "publication",
            "要求提供公开出版物",
            f"{XXGK}第三十九条第二款",
            "申请人提出的申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物的，行政机关可以"
            "告知获取的途径。",
            "ignored.publication",
        ),
        Ground(
            "excessive",
            "无正当理由大量反复申请",
            f"{XXGK}第三十五条",
            "申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。行政"
            "机关认为申请理由不合理的，告知申请人不予处理；",
            "ignored.excessive",
        ),
        Ground(
            "confirmation",
            "要求行政机关确认或重新出具已获取信息",
            f"{XXGK}第二条",
            "本条例所称政府信息，是指行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、"
            "保存的信息。",
            "ignored.confirmation",
        ),
    )
}
NOT_PROCESSED_CHOICES = [(k, v.label) for k, v in NOT_PROCESSED_REASONS.items()]

PUBLIC_INTEREST = Cited(
    "第三方不同意公开而决定公开",
    f"{XXGK}第三十二条",
    "行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息"
    "内容和理由书面告知第三方。",
)

# -- the annual report (条例 第五十条; 国办公开办函〔2021〕30号 section 三) --------------------

#: The rows of "本年度办理结果", in the template's order: (code, label, indent level).
REPORT_ROWS: list[tuple[str, str, int]] = [
    ("disclosed", "（一）予以公开", 0),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 0),
    ("refused", "（三）不予公开", 0),
    ("refused.state_secret", "1.属于国家秘密", 1),
    ("refused.law_prohibits", "2.其他法律行政法规禁止公开", 1),
    ("refused.safety", "3.危及“三安全一稳定”", 1),
    ("refused.third_party", "4.保护第三方合法权益", 1),
    ("refused.internal", "5.属于三类内部事务信息", 1),
    ("refused.process", "6.属于四类过程性信息", 1),
    ("refused.case_file", "7.属于行政执法案卷", 1),
    ("refused.query", "8.属于行政查询事项", 1),
    ("unable", "（四）无法提供", 0),
    ("unable.not_held", "1.本机关不掌握相关政府信息", 1),
    ("unable.needs_creation", "2.没有现成信息需要另行制作", 1),
    ("unable.unclear", "3.补正后申请内容仍不明确", 1),
    ("ignored", "（五）不予处理", 0),
    ("ignored.petition", "1.信访举报投诉类申请", 1),
    ("ignored.repeat", "2.重复申请", 1),
    ("ignored.publication", "3.要求提供公开出版物", 1),
    ("ignored.excessive", "4.无正当理由大量反复申请", 1),
    ("ignored.confirmation", "5.要求行政机关确认或重新出具已获取信息", 1),
    ("other", "（六）其他处理", 0),
    ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1),
    ("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 1),
    ("other.other", "3.其他", 1),
]
REPORT_LABELS = {code: label for code, label, _ in REPORT_ROWS}

#: Where an answer without a finer ground counts.
ANSWER_REPORT_ROW = {
    PUBLIC_ALREADY: "disclosed",
    DISCLOSED: "disclosed",
    PARTIAL: "partial",
    NOT_EXIST: "unable.not_held",
    NOT_RESPONSIBLE: "unable.not_held",
    NEEDS_CREATION: "unable.needs_creation",
    REPEAT: "ignored.repeat",
    SPECIAL_LAW: "other.other",
}
#: How a request closed without an answer counts.
CLOSE_REASONS = {
    "abandoned": ("申请人逾期不补正，视为放弃申请", "other.no_correction"),
    "withdrawn": ("申请人撤回申请", "other.other"),
}
CLOSE_REASON_CHOICES = [(k, v[0]) for k, v in CLOSE_REASONS.items()]


def report_row(answer_type: str, refusal_ground: str = "", not_processed_reason: str = "") -> str:
    """The annual-report row an answer counts in (partial disclosure counts only as partial)."""
    if answer_type == REFUSED:
        ground = REFUSAL_GROUNDS.get(refusal_ground)
        return ground.report_row if ground else "refused"
    if answer_type == NOT_PROCESSED:
        reason = NOT_PROCESSED_REASONS.get(not_processed_reason)
        return reason.report_row if reason else "ignored"
    return ANSWER_REPORT_ROW.get(answer_type, "other.other")


# -- remedies stated in every answer letter --------------------------------------------------

REMEDY_RECONSIDERATION = Cited(
    "申请行政复议",
    f"{XZFY}第二十条第一款",
    "可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；",
)
REMEDY_LITIGATION = Cited(
    "提起行政诉讼",
    f"{XZSS}第四十六条第一款",
    "应当自知道或者应当知道作出行政行为之日起六个月内提出。",
)
#: 行政复议法 第二十三条（四）: a refusal must say that 复议 comes first.
RECONSIDERATION_FIRST = Cited(
    "复议前置",
    f"{XZFY}第二十三条",
    "（四）申请政府信息公开，行政机关不予公开；",
)
