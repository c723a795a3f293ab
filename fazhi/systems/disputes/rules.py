"""The statutory content of 行政复议 and 行政应诉, as data with its citation.

Quotes are copied from docs/statutes.md §2 (行政复议法 2023), §3 (行政诉讼法 2017,
行诉法解释 2018) and §12 (最高人民法院关于行政机关负责人出庭应诉若干问题的规定, 法释〔2020〕3号).
Decision and judgment types name their article only (the enumerations are not quoted there).
The time limits are kernel rules (``fazhi/kernel/data/timelimits.toml``); this module names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.kernel.instruments import CCYS, XZFY, XZSS, XZSS_JS
from fazhi.kernel.timelimits import get_rule


@dataclass(frozen=True)
class Cited:
    label: str
    citation: str
    quote: str = ""


# -- kernel rules ------------------------------------------------------------------------------

R_APPLICATION = "reconsideration.application"  # 第二十条第一款, 60 ND
R_APPLICATION_CAP = "reconsideration.application_unnotified"  # 第二十条第三款, 1 Y
R_ABSOLUTE = "reconsideration.absolute_limit"  # 第二十一条, 5 Y from the act
R_ABSOLUTE_PROPERTY = "reconsideration.absolute_limit_property"  # 第二十一条, 20 Y (不动产)
L_ABSOLUTE = "litigation.absolute_limit"  # 行诉法 第四十六条第二款, 5 Y from the act
L_ABSOLUTE_PROPERTY = "litigation.absolute_limit_property"  # 同款, 20 Y (不动产)
R_ACCEPTANCE = "reconsideration.acceptance"  # 第三十条, 5 WD
R_CORRECTION_NOTICE = "reconsideration.correction_notice"  # 第三十一条, 5 WD
R_CORRECTION_REPLY = "reconsideration.correction_reply"  # 第三十一条, 10 WD
R_COPY = "reconsideration.copy"  # 第四十八条, 7 WD
R_SIMPLE_COPY = "reconsideration.simplified_copy"  # 第五十四条, 3 WD
R_ANSWER = "reconsideration.answer"  # 第四十八条, 10 WD
R_SIMPLE_ANSWER = "reconsideration.simplified_answer"  # 第五十四条, 5 WD
R_HEARING_NOTICE = "reconsideration.hearing_notice"  # 第五十一条, 5 WD before
R_DECISION = "reconsideration.decision"  # 第六十二条第一款, 60 ND + 30
R_SIMPLE_DECISION = "reconsideration.simplified_decision"  # 第六十二条第二款, 30 ND
R_OPINION_REPORT = "reconsideration.opinion_report"  # 第七十六条, 60 ND

L_DEFENCE = "litigation.defence"  # 行诉法 第六十七条, 15 ND
L_EVIDENCE_EXTENSION = "litigation.evidence_extension_request"  # 解释 第三十四条, 15 ND
L_APPEAL_JUDGMENT = "litigation.appeal_judgment"  # 第八十五条, 15 ND
L_APPEAL_RULING = "litigation.appeal_ruling"  # 第八十五条, 10 ND

ORDINARY = "ordinary"
SIMPLIFIED = "simplified"
PROCEDURES = {ORDINARY: "普通程序", SIMPLIFIED: "简易程序"}

#: What the matter is about (the category the annual reports count by).
CATEGORIES = {
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "licence": "行政许可",
    "disclosure": "政府信息公开",
    "levy": "行政征收征用",
    "registration": "行政确认、登记",
    "omission": "不履行法定职责",
    "other": "其他",
}
DISCLOSURE = "disclosure"

APPLICANT_KINDS = {"person": "自然人", "organisation": "法人或者其他组织"}

# -- 行政复议法 ---------------------------------------------------------------------------------

APPLICATION_PERIOD = Cited(
    "申请期限",
    f"{XZFY}第二十条第一款",
    "可以自知道或者应当知道该行政行为之日起六十日内提出行政复议申请；但是法律规定的申请期限超过"
    "六十日的除外。",
)
DELAY_EXCUSED = Cited(
    "耽误申请期限",
    f"{XZFY}第二十条第二款",
    "因不可抗力或者其他正当理由耽误法定申请期限的，申请期限自障碍消除之日起继续计算。",
)
UNNOTIFIED_CAP = Cited(
    "未告知复议权利",
    f"{XZFY}第二十条第三款",
    "申请期限自公民、法人或者其他组织知道或者应当知道申请行政复议的权利、行政复议机关和申请期限"
    "之日起计算，但是自知道或者应当知道行政行为内容之日起最长不得超过一年。",
)
ACCEPTANCE = Cited(
    "受理审查",
    f"{XZFY}第三十条",
    "行政复议申请的审查期限届满，行政复议机关未作出不予受理决定的，审查期限届满之日起视为受理。",
)
CORRECTION = Cited(
    "补正",
    f"{XZFY}第三十一条",
    "应当自收到申请之日起五日内书面通知申请人补正。补正通知应当一次性载明需要补正的事项。",
)
CORRECTION_REPLY = Cited(
    "补正期限", f"{XZFY}第三十一条", "申请人应当自收到补正通知之日起十日内提交补正材料。"
)
ANSWER = Cited(
    "书面答复并提交证据",
    f"{XZFY}第四十八条",
    "被申请人应当自收到行政复议申请书副本或者行政复议申请笔录复印件之日起十日内，提出书面答复，"
    "并提交作出行政行为的证据、依据和其他有关材料。",
)
NO_ANSWER = Cited(
    "逾期不答复的后果",
    f"{XZFY}第七十条",
    "被申请人不按照本法第四十八条、第五十四条的规定提出书面答复、提交作出行政行为的证据、依据和"
    "其他有关材料的，视为该行政行为没有证据、依据",
)
HEARING_REQUIRED = Cited(
    "组织听证", f"{XZFY}第五十条", "审理重大、疑难、复杂的行政复议案件，行政复议机构应当组织听证。"
)
HEARING_PANEL = Cited(
    "听证组成",
    f"{XZFY}第五十条",
    "听证由一名行政复议人员任主持人，两名以上行政复议人员任听证员，一名记录员制作听证笔录。",
)
HEARING_NOTICE = Cited(
    "听证通知",
    f"{XZFY}第五十一条",
    "应当于举行听证的五日前将听证的时间、地点和拟听证事项书面通知当事人。",
)
HEARING_HEAD = Cited(
    "被申请人负责人参加听证",
    f"{XZFY}第五十一条",
    "被申请人的负责人应当参加听证。不能参加的，应当说明理由并委托相应的工作人员参加听证。",
)
COMMITTEE = Cited(
    "行政复议委员会咨询",
    f"{XZFY}第五十二条第二款",
    "审理行政复议案件涉及下列情形之一的，行政复议机构应当提请行政复议委员会提出咨询意见：",
)
SUSPENSION = Cited(
    "中止", f"{XZFY}第三十九条", "行政复议机关中止、恢复行政复议案件的审理，应当书面告知当事人。"
)
EXTENSION = Cited(
    "延长审理期限",
    f"{XZFY}第六十二条第一款",
    "情况复杂，不能在规定期限内作出行政复议决定的，经行政复议机构的负责人批准，可以适当延长，并"
    "书面告知当事人；但是延长期限最多不得超过三十日。",
)
#: 第六十二条第一款: the longest extension, in calendar days (same as the kernel rule's).
MAX_EXTENSION_DAYS = 30
DECISION_APPROVAL = Cited(
    "决定的作出",
    f"{XZFY}第六十一条",
    "经行政复议机关的负责人同意或者集体讨论通过后，以行政复议机关的名义作出行政复议决定。",
)
PUBLICATION = Cited(
    "决定书公开",
    f"{XZFY}第七十九条",
    "行政复议机关根据被申请行政复议的行政行为的公开情况，按照国家有关规定将行政复议决定书向社会"
    "公开。",
)
OPINION_REPORT = Cited(
    "意见书纠正情况报送",
    f"{XZFY}第七十六条",
    "有关机关应当自收到行政复议意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送"
    "行政复议机关。",
)

UPHELD, CORRECTED, OTHER = "upheld", "corrected", "other"


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str
    citation: str
    result: str  # upheld | corrected | other (the annual reports' 维持 / 纠正 / 其他)


RECONSIDERATION_DECISIONS: dict[str, Outcome] = {
    o.code: o
    for o in (
        Outcome("change", "变更", f"{XZFY}第六十三条", CORRECTED),
        Outcome("revoke", "撤销或者部分撤销（可责令重作）", f"{XZFY}第六十四条", CORRECTED),
        Outcome("unlawful", "确认违法", f"{XZFY}第六十五条", CORRECTED),
        Outcome("perform", "责令履行", f"{XZFY}第六十六条", CORRECTED),
        Outcome("invalid", "确认无效", f"{XZFY}第六十七条", CORRECTED),
        Outcome("uphold", "维持", f"{XZFY}第六十八条", UPHELD),
        Outcome("dismiss", "驳回行政复议请求", f"{XZFY}第六十九条", UPHELD),
        Outcome("mediation", "调解", f"{XZFY}第七十三条", OTHER),
        Outcome("terminate", "终止（含撤回申请）", f"{XZFY}第四十一条", OTHER),
    )
}

# -- 行政诉讼法 / 法释〔2020〕3号 -----------------------------------------------------------------

HEAD_MUST_APPEAR = Cited(
    "负责人出庭应诉",
    f"{XZSS}第三条第三款",
    "被诉行政机关负责人应当出庭应诉。不能出庭的，应当委托行政机关相应的工作人员出庭。",
)
WHO_IS_HEAD = Cited(
    "负责人的范围",
    f"{CCYS}第二条",
    "行政诉讼法第三条第三款规定的被诉行政机关负责人，包括行政机关的正职、副职负责人、参与分管被诉"
    "行政行为实施工作的副职级别的负责人以及其他参与分管的负责人。",
)
VALID_ABSENCE = Cited("不能出庭的正当理由", f"{CCYS}第八条", "（一）不可抗力；")
SPEAK_ON_RESOLUTION = Cited(
    "出庭且出声",
    f"{CCYS}第十一条第三款",
    "行政机关负责人出庭应诉的，应当就实质性解决行政争议发表意见。",
)
ONE_PER_INSTANCE = Cited(
    "每一审级出庭",
    f"{CCYS}第七条",
    "行政机关负责人在一个审理程序中出庭应诉，不免除其在其他审理程序出庭应诉的义务。",
)
HEAD_SUMMONS = Cited(
    "出庭通知书",
    f"{CCYS}第五条第二款",
    "人民法院通知行政机关负责人出庭的，应当在开庭三日前送达出庭通知书",
)
DEFENCE = Cited(
    "提交证据并答辩",
    f"{XZSS}第六十七条第一款",
    "被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所依据的规范性文件，"
    "并提出答辩状。",
)
LATE_EVIDENCE = Cited(
    "逾期举证的后果",
    f"{XZSS}第三十四条第二款",
    "被告不提供或者无正当理由逾期提供证据，视为没有相应证据。",
)
EVIDENCE_EXTENSION = Cited(
    "申请延期提供证据",
    f"{XZSS_JS}第三十四条",
    "被告申请延期提供证据的，应当在收到起诉状副本之日起十五日内以书面方式向人民法院提出。",
)
APPEAL = Cited(
    "上诉期限",
    f"{XZSS}第八十五条",
    "当事人不服人民法院第一审判决的，有权在判决书送达之日起十五日内向上一级人民法院提起上诉。当事人"
    "不服人民法院第一审裁定的，有权在裁定书送达之日起十日内向上一级人民法院提起上诉。",
)

#: 法释〔2020〕3号 第二条: positions that count as the agency's 负责人 (正职、副职、参与分管的负责人).
HEAD_POSITIONS = {
    "principal": "正职负责人",
    "deputy": "副职负责人",
    "deputy_level_in_charge": "参与分管的副职级别负责人",
    "other_in_charge": "其他参与分管的负责人",
}
#: 法释〔2020〕3号 第八条: the reasons for which a head may be absent.
ABSENCE_REASONS = {
    "force_majeure": "不可抗力",
    "accident": "意外事件",
    "irreplaceable_duty": "需要履行他人不能代替的公务",
    "other_just_cause": "无法出庭的其他正当事由",
}

FIRST, SECOND, RETRIAL = "first", "second", "retrial"
INSTANCES = {FIRST: "第一审", SECOND: "第二审", RETRIAL: "再审"}

JUDGMENT, RULING, MEDIATION = "judgment", "ruling", "mediation"
DOCUMENT_KINDS = {JUDGMENT: "判决", RULING: "裁定", MEDIATION: "调解书"}

LITIGATION_OUTCOMES: dict[str, Outcome] = {
    o.code: o
    for o in (
        Outcome("dismiss_claim", "驳回诉讼请求", f"{XZSS}第六十九条", UPHELD),
        Outcome("revoke", "撤销或者部分撤销", f"{XZSS}第七十条", CORRECTED),
        Outcome("perform", "判决履行法定职责", f"{XZSS}第七十二条", CORRECTED),
        Outcome("pay", "判决给付", f"{XZSS}第七十三条", CORRECTED),
        Outcome("unlawful", "确认违法", f"{XZSS}第七十四条", CORRECTED),
        Outcome("invalid", "确认无效", f"{XZSS}第七十五条", CORRECTED),
        Outcome("change", "变更", f"{XZSS}第七十七条", CORRECTED),
        Outcome("dismiss_suit", "裁定驳回起诉", f"{XZSS_JS}第六十九条", OTHER),
        Outcome("withdrawn", "准予撤诉", f"{XZSS}第六十二条", OTHER),
        Outcome("mediated", "调解结案", f"{XZSS}第六十条", OTHER),
        Outcome("appeal_upheld", "二审驳回上诉、维持原判", f"{XZSS}第八十九条", UPHELD),
        Outcome("appeal_reversed", "二审改判或者发回重审", f"{XZSS}第八十九条", OTHER),
    )
}

RECOMMENDATION_KINDS = {"judicial": "司法建议", "procuratorial": "检察建议"}
#: The written feedback date the 建议书 states: a kernel rule of unit set_date (no statute), for
#: 司法建议 and 检察建议 other than the 诉前检察建议 of a 行政公益诉讼.
RULE_RECOMMENDATION_FEEDBACK = "litigation.recommendation_feedback"
#: 诉前检察建议 (行政公益诉讼): two months from receipt to act and reply in writing, fifteen days
#: where the harm to the public interest keeps spreading (检察公益诉讼解释 第二十一条第二款).
RULE_PROCURATORIAL_FEEDBACK = "litigation.procuratorial_feedback"
RULE_PROCURATORIAL_URGENT = "litigation.procuratorial_feedback_urgent"
RECOMMENDATION_RULES = (
    RULE_RECOMMENDATION_FEEDBACK,
    RULE_PROCURATORIAL_FEEDBACK,
    RULE_PROCURATORIAL_URGENT,
)
PUBLIC_INTEREST_PERIOD = get_rule(RULE_PROCURATORIAL_FEEDBACK)
