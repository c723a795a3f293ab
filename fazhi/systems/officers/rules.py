"""The rules the officers app enforces, as data with their source.

Statutory rules quote the instrument. The certificate-expiry reminder is a management requirement
of this platform, not a statute, and says so: it can be changed in settings
(``FAZHI_OFFICERS["EXPIRY_NOTICE_DAYS"]``). The renewal window and the other certificate rules
belong to the province's 行政执法证件管理办法 (纲要 （十五）), a local rule whose name and window
are configured in the same setting and which is marked as local, not national, law.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings

from fazhi.kernel.instruments import GANGYAO, XZCF
from fazhi.kernel.instruments import GBF118 as GUOBAN_118


@dataclass(frozen=True)
class RuleData:
    """One rule: its value, where it comes from, and whether it binds as law."""

    code: str
    value: object
    instrument: str
    article: str
    quote: str
    statutory: bool = True

    @property
    def citation(self) -> str:
        return f"{self.instrument}{self.article}"

    def cite(self) -> str:
        """``《…》第…条：「…」`` for messages shown to users."""
        return f"{self.citation}：「{self.quote}」" if self.quote else self.citation


# 行政处罚法 第四十二条: at least two certified officers.
TWO_OFFICERS = RuleData(
    code="penalty.two_officers",
    value=2,
    instrument=XZCF,
    article="第四十二条",
    quote="行政处罚应当由具有行政执法资格的执法人员实施。执法人员不得少于两人，法律另有规定的除外。",
)

# 行政处罚法 第五十八条第二款: first-time reviewers hold a 法律职业资格. The law is in force from
# 2021-07-15 (第八十六条 「本法自2021年7月15日起施行。」), so a reviewer who already reviewed
# before that day is not "初次从事".
REVIEWER_QUALIFICATION = RuleData(
    code="penalty.reviewer_qualification",
    value=date(2021, 7, 15),
    instrument=XZCF,
    article="第五十八条第二款",
    quote="行政机关中初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格。",
)

# 纲要 （三十四）: ≥60 学时 a year of 业务知识和法律法规 training, on top of political education.
ANNUAL_TRAINING_HOURS = RuleData(
    code="officers.annual_training_hours",
    value=Decimal("60"),
    instrument=GANGYAO,
    article="（三十四）",
    quote="加强行政执法队伍专业化职业化建设，在完成政治理论教育和党性教育学时的基础上，确保每人每年接受不少于60学时的业务知识和法律法规培训。",
)

# 118号 四（十一）: reviewers ≥ 5% of the agency's enforcement officers.
REVIEWER_RATIO = RuleData(
    code="officers.reviewer_ratio",
    value=Decimal("0.05"),
    instrument=GUOBAN_118,
    article="四（十一）",
    quote="原则上各级行政执法机关的法制审核人员不少于本单位执法人员总数的5%。",
)

_EXPIRY_DEFAULT_DAYS = 60


def expiry_notice() -> RuleData:
    """How many days before expiry a certificate enters the supervisor's 待办.

    这是管理要求，不是法定期限: the provincial 证件管理办法 that govern renewal were not collected
    (docs/statutes.md, NOT VERIFIED item 6), so the platform warns 60 days ahead by default, long
    enough to organise the renewal training and exam. Override with
    ``FAZHI_OFFICERS = {"EXPIRY_NOTICE_DAYS": n}`` in settings.
    """
    days = int(
        getattr(settings, "FAZHI_OFFICERS", {}).get("EXPIRY_NOTICE_DAYS", _EXPIRY_DEFAULT_DAYS)
    )
    return RuleData(
        code="officers.expiry_notice_days",
        value=days,
        instrument="本平台管理要求",
        article="（执法证件到期提醒）",
        quote=f"行政执法证件有效期届满前{days}日列入监督机构待办，及时组织换证。此为管理要求，非法定期限。",
        statutory=False,
    )


def expiry_notice_days() -> int:
    return int(expiry_notice().value)


# 纲要 （十五）: the province runs the qualification exam and issues the certificates; validity,
# renewal, suspension and revocation are therefore set by the province's 行政执法证件管理办法.
QUALIFICATION_EXAM = RuleData(
    code="officers.qualification_exam",
    value=None,
    instrument=GANGYAO,
    article="（十五）",
    quote="统一行政执法人员资格管理，除中央垂直管理部门外由省级政府统筹本地区行政执法人员资格考试、证件制发、在岗轮训等工作",
)

_RENEWAL_DEFAULT_DAYS = 90


def certificate_rules() -> RuleData:
    """The provincial 行政执法证件管理办法 that governs 换证、暂扣、注销 (a local rule).

    Its text is not part of the platform's statute collection, so the platform names it as
    configured by the deployment — ``FAZHI_OFFICERS = {"CERTIFICATE_RULES": "《…省行政执法证件管理
    办法》"}`` — and marks it as local, not national, law.
    """
    name = getattr(settings, "FAZHI_OFFICERS", {}).get(
        "CERTIFICATE_RULES", "本省行政执法证件管理办法"
    )
    return RuleData(
        code="officers.certificate_rules",
        value=None,
        instrument=name if name.startswith("《") else f"《{name}》",
        article="（地方规定）",
        quote="",
        statutory=False,
    )


def renewal_window() -> RuleData:
    """How many days before expiry a still-valid certificate may be renewed (a local rule).

    The window belongs to the provincial 证件管理办法; 90 days by default, and
    never shorter than the expiry reminder of :func:`expiry_notice`, so that every reminded
    certificate can be renewed. Override with ``FAZHI_OFFICERS = {"RENEWAL_WINDOW_DAYS": n}``.
    """
    days = renewal_window_days()
    local = certificate_rules()
    return RuleData(
        code="officers.renewal_window_days",
        value=days,
        instrument=local.instrument,
        article="（换证期间，地方规定，可配置）",
        quote=f"行政执法证件有效期届满前{days}日内可以申请换证。",
        statutory=False,
    )


def renewal_window_days() -> int:
    configured = getattr(settings, "FAZHI_OFFICERS", {}).get(
        "RENEWAL_WINDOW_DAYS", _RENEWAL_DEFAULT_DAYS
    )
    return max(int(configured), expiry_notice_days())
