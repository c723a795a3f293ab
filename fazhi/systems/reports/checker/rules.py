"""The statutory rules the checker applies, as data with their citations.

Source: 法治政府建设与责任落实督察工作规定 (中办、国办印发, 厅字〔2019〕28号), 第二十三–二十六条,
as quoted in docs/statutes.md §11.
"""

from __future__ import annotations

from dataclasses import dataclass

INSTRUMENT = "法治政府建设与责任落实督察工作规定（厅字〔2019〕28号）"


@dataclass(frozen=True)
class ReportPart:
    """One of the five parts that 第二十五条 requires in the annual report."""

    number: int
    name: str
    quote: str
    citation: str


# 第二十五条: the report's contents, in the statute's order.
REPORT_PARTS: tuple[ReportPart, ...] = (
    ReportPart(
        1,
        "主要举措和成效",
        "（一）上一年度推进法治政府建设的主要举措和成效；",
        "第二十五条第（一）项",
    ),
    ReportPart(
        2,
        "存在的不足和原因",
        "（二）上一年度推进法治政府建设存在的不足和原因；",
        "第二十五条第（二）项",
    ),
    ReportPart(
        3,
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        "（三）上一年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况；",
        "第二十五条第（三）项",
    ),
    ReportPart(
        4,
        "下一年度主要安排",
        "（四）下一年度推进法治政府建设的主要安排；",
        "第二十五条第（四）项",
    ),
    ReportPart(
        5,
        "其他需要报告的情况",
        "（五）其他需要报告的情况。",
        "第二十五条第（五）项",
    ),
)

PARTS_BY_NUMBER: dict[int, ReportPart] = {part.number: part for part in REPORT_PARTS}


@dataclass(frozen=True)
class AnnualDeadline:
    """A fixed calendar day in the year after the reported year (type CAL in docs/statutes.md)."""

    month: int
    day: int
    citation: str
    quote: str
    # 「每年3月1日之前」: read as "on or before"; a report dated on the day itself is on time.
    inclusive: bool = True


SUBMIT_BY_MAR_1 = AnnualDeadline(
    3,
    1,
    "第二十三条第二款",
    "每年3月1日之前，县级以上地方各级政府部门应当向本级党委和政府、上一级政府有关部门报告"
    "上一年度法治政府建设情况……",
)
SUBMIT_BY_APR_1 = AnnualDeadline(
    4,
    1,
    "第二十三条第一款",
    "每年4月1日之前，各省（自治区、直辖市）党委和政府、国务院各部门应当向党中央、国务院报告"
    "上一年度法治政府建设情况……",
)
# 第二十四条: publication by 4月1日 for 地方各级政府和县级以上政府部门.
PUBLISH_BY_APR_1 = AnnualDeadline(
    4,
    1,
    "第二十四条",
    "每年4月1日之前，地方各级政府和县级以上政府部门的法治政府建设年度报告，除涉及党和国家秘密的，"
    "应当通过报刊、网站等新闻媒体向社会公开，接受人民群众监督。",
)


@dataclass(frozen=True)
class ReportingLevel:
    """Who reports: decides the submission deadline and the recipients (第二十三条)."""

    code: str
    label: str
    recipients: str
    submit: AnnualDeadline
    publish: AnnualDeadline


REPORTING_LEVELS: dict[str, ReportingLevel] = {
    level.code: level
    for level in (
        ReportingLevel(
            "county_department",
            "县级以上地方各级政府部门",
            "本级党委和政府、上一级政府有关部门（抄送本级督察单位）",
            SUBMIT_BY_MAR_1,
            PUBLISH_BY_APR_1,
        ),
        ReportingLevel(
            "local_government",
            "县级以上地方各级政府",
            "同级党委、人大常委会",
            SUBMIT_BY_MAR_1,
            PUBLISH_BY_APR_1,
        ),
        ReportingLevel(
            "sub_provincial_party_government",
            "省级以下地方各级党委和政府",
            "上一级党委和政府（抄送上一级督察单位）",
            SUBMIT_BY_MAR_1,
            PUBLISH_BY_APR_1,
        ),
        ReportingLevel(
            "province",
            "省（自治区、直辖市）党委和政府",
            "党中央、国务院（抄送中央全面依法治国委员会办公室）",
            SUBMIT_BY_APR_1,
            PUBLISH_BY_APR_1,
        ),
        ReportingLevel(
            "state_council_department",
            "国务院各部门",
            "党中央、国务院（抄送中央全面依法治国委员会办公室）",
            SUBMIT_BY_APR_1,
            PUBLISH_BY_APR_1,
        ),
    )
}

# 第二十六条: what happens when a report is late or unpublished.
LATE_CONSEQUENCE = ("第二十六条", "对未按照要求报送、公开的，应当通报批评。")
