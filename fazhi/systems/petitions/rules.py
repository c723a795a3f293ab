"""The statutory content of 信访 and the local settings of 12345 tickets, as data with citations.

Quotes of 《信访工作条例》 (中共中央、国务院 2022-02-25; in force 2022-05-01) are copied from
docs/statutes.md §5. The time limits themselves are kernel rules
(``fazhi/kernel/data/timelimits.toml``, ids ``petition.*``); this module names them.

12345 tickets: docs/statutes.md holds no national text fixing their time limits. The ``hotline.*``
kernel rules are LOCAL, CONFIGURABLE SETTINGS (``verified = false, configurable = true``), not
statute; every message here that rests on them says so (:data:`HOTLINE_SETTING`).
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.kernel.instruments import XFGZ

HOTLINE_SETTING = "12345热线工单办理规则（本地设置，可配置，非法规条文）"

# -- kernel time-limit rules ------------------------------------------------------------------

RULE_ROUTING = "petition.routing"  # 第二十二条: 信访部门 15 日内分类处理
RULE_NOTICE = "petition.notice"  # 第二十三条第二款、第三款: 15 日内书面告知
RULE_OBJECTION = "petition.objection"  # 第二十三条第三款: 5 个工作日内提出异议
RULE_RESOLUTION = "petition.resolution"  # 第三十四条: 60 日办结, 延长 ≤ 30 日
RULE_REVIEW_REQUEST = "petition.review_request"  # 第三十五条: 30 日内请求复查
RULE_REVIEW = "petition.review"  # 第三十五条: 30 日内提出复查意见
RULE_RECHECK_REQUEST = "petition.recheck_request"  # 第三十六条: 30 日内请求复核
RULE_RECHECK = "petition.recheck"  # 第三十六条: 30 日内提出复核意见, 听证时间不计
RULE_SIGN = "hotline.sign"  # local setting
RULE_RETURN = "hotline.return"  # local setting
RULE_REPLY = "hotline.reply"  # local setting

#: A clock started a second time on the same petition (the notice after a transfer).
KEY_TRANSFERRED = "transferred"


@dataclass(frozen=True)
class Cited:
    label: str
    citation: str
    quote: str = ""

    def __str__(self) -> str:
        return self.label


ART22 = Cited(
    "信访部门登记并分类处理",
    f"{XFGZ}第二十二条",
    "各级党委和政府信访部门收到信访事项，应当予以登记，并区分情况，在15日内分别按照下列方式处理：",
)
ART23_2 = Cited(
    "书面告知信访人",
    f"{XFGZ}第二十三条第二款",
    "不能当场告知的，应当自收到信访事项之日起15日内书面告知信访人，但信访人的姓名（名称）、"
    "住址不清的除外。",
)
ART23_3 = Cited(
    "转送、交办事项的告知与异议",
    f"{XFGZ}第二十三条第三款",
    "有关机关、单位应当自收到之日起15日内书面告知信访人接收情况以及处理途径和程序；不属于本机关、"
    "单位或者本系统职权范围的，有关机关、单位应当自收到之日起5个工作日内提出异议",
)
ART31 = Cited("导入法定途径", f"{XFGZ}第三十一条第（一）至（五）项")
ART32 = Cited(
    "信访处理意见书",
    f"{XFGZ}第三十二条",
    "信访处理意见书应当载明信访人投诉请求、事实和理由、处理意见及其法律法规依据",
)
ART34 = Cited(
    "办理期限",
    f"{XFGZ}第三十四条",
    "对本条例第三十一条第六项规定的信访事项应当自受理之日起60日内办结；情况复杂的，经本机关、单位"
    "负责人批准，可以适当延长办理期限，但延长期限不得超过30日，并告知信访人延期理由。",
)
ART35 = Cited(
    "复查",
    f"{XFGZ}第三十五条",
    "信访人对信访处理意见不服的，可以自收到书面答复之日起30日内请求原办理机关、单位的上一级机关、"
    "单位复查。收到复查请求的机关、单位应当自收到复查请求之日起30日内提出复查意见，并予以书面答复。",
)
ART36 = Cited(
    "复核",
    f"{XFGZ}第三十六条",
    "信访人对复查意见不服的，可以自收到书面答复之日起30日内向复查机关、单位的上一级机关、单位请求"
    "复核。收到复核请求的机关、单位应当自收到复核请求之日起30日内提出复核意见。",
)
ART36_HEARING = Cited(
    "听证时间不计入", f"{XFGZ}第三十六条第二款", "听证所需时间不计算在前款规定的期限内。"
)
ART36_FINAL = Cited(
    "复核终结",
    f"{XFGZ}第三十六条第三款",
    "信访人对复核意见不服，仍然以同一事实和理由提出投诉请求的，各级党委和政府信访部门和其他机关、"
    "单位不再受理。",
)
#: 第三十四条: the longest extension of the handling period, in days.
MAX_EXTENSION_DAYS = 30

# -- 信访 channels, routing, diversion --------------------------------------------------------

CHANNELS: dict[str, str] = {
    "letter": "来信",
    "visit": "来访",
    "online": "网上信访",
    "hotline": "12345热线转办",
    "phone": "电话",
    "other": "其他",
}
CHANNEL_CHOICES = list(CHANNELS.items())

TRANSFER = "transfer"
ASSIGN = "assign"
ROUTES: dict[str, str] = {TRANSFER: "转送", ASSIGN: "交办"}
ROUTE_CHOICES = list(ROUTES.items())

#: 第三十一条第（一）至（五）项: matters that go to their own legal procedure (复议, 诉讼, 仲裁,
#: 党纪, 监察…). docs/statutes.md names the items only by number; the labels are the usual names.
DIVERSIONS: dict[str, str] = {
    "litigation": "应当通过诉讼、仲裁、行政复议等法定途径解决",
    "discipline": "应当通过党员申诉、申请复审等途径解决",
    "supervision": "检举控告，按纪检监察程序处理",
    "other_procedure": "其他法律法规规定应当通过其他法定途径解决",
}
DIVERSION_CHOICES = list(DIVERSIONS.items())

# -- 12345 tickets ---------------------------------------------------------------------------

CATEGORIES: dict[str, str] = {
    "consult": "咨询",
    "help": "求助",
    "complaint": "投诉",
    "report": "举报",
    "suggestion": "建议",
}
CATEGORY_CHOICES = list(CATEGORIES.items())

SATISFIED, BASIC, UNSATISFIED = "satisfied", "basic", "unsatisfied"
SATISFACTION: dict[str, str] = {SATISFIED: "满意", BASIC: "基本满意", UNSATISFIED: "不满意"}
SATISFACTION_CHOICES = list(SATISFACTION.items())

ACCEPT_RETURN, REJECT_RETURN = "accept", "reject"
ARBITRATION: dict[str, str] = {
    ACCEPT_RETURN: "同意退单（改派）",
    REJECT_RETURN: "驳回退单（退回原承办单位）",
}
ARBITRATION_CHOICES = list(ARBITRATION.items())
