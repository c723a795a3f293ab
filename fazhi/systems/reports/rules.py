"""The rules the composer and the workflow apply, as data with their citations.

Source: 法治政府建设与责任落实督察工作规定（厅字〔2019〕28号）第二十三–二十五条, quoted in
docs/statutes.md §11; the five parts themselves come from the checker's ``REPORT_PARTS``.
"""

from __future__ import annotations

from fazhi.systems.reports.checker.rules import INSTRUMENT, PUBLISH_BY_APR_1, REPORT_PARTS

#: Stable keys of the five parts of 第二十五条, in the statute's order.
PART_KEYS: tuple[str, ...] = ("measures", "shortcomings", "first_responsible", "next_year", "other")
PART_NUMBER: dict[str, int] = {
    key: part.number for key, part in zip(PART_KEYS, REPORT_PARTS, strict=True)
}
PART_CITATION: dict[str, str] = {
    key: part.citation for key, part in zip(PART_KEYS, REPORT_PARTS, strict=True)
}

#: The headings common in real reports (the seeds), one per part; each report may override them.
DEFAULT_HEADINGS: dict[str, str] = {
    "measures": "本年度推进法治政府建设的主要举措和成效",
    "shortcomings": "存在的不足和原因",
    "first_responsible": "党政主要负责人履行推进法治建设第一责任人职责情况",
    "next_year": "下一年度推进法治政府建设的主要安排",
    "other": "其他需要报告的情况",
}

#: Where the registry's figures are quoted and where the data-driven prompts go.
FIGURES_PART = "measures"
PROMPTS_PART = "shortcomings"

#: 第二十五条第（三）项: the 第一责任人 part reports what the principal leaders did. Figures of
#: recorded activities (学法 sessions, meetings chaired, 负责人出庭应诉…) are quoted there instead
#: of in 主要举措和成效. An indicator is such a figure when its name contains one of these words,
#: so a new system's indicator ("政府常务会议会前学法次数") lands there without this app changing.
RESPONSIBLE_PART = "first_responsible"
RESPONSIBLE_MARKERS: tuple[str, ...] = ("负责人", "学法", "第一责任人", "述法", "主持")
RESPONSIBLE_PROMPT = (
    "本部分请写明党政主要负责人履行推进法治建设第一责任人职责的情况（第二十五条第（三）项）："
    "会前学法、主持研究法治工作、出庭应诉、述法等；平台暂无相关记录的，请据实填写。"
)

#: Kernel time-limit rules (fazhi/kernel/data/timelimits.toml): 第二十三条第二款 (报送, 3月1日)
#: and 第二十四条 (公开, 4月1日).
RULE_SUBMISSION = "report.annual_submission"
RULE_PUBLICATION = "report.annual_publication"

#: 第二十三条第二款: the recipients depend on the reporter's level (a routing table). A department
#: reports to 本级党委和政府 (and to 上一级政府有关部门, which the platform cannot name: staff add it),
#: copied to 本级督察单位; a government below the province reports to 上一级党委和政府, copied to
#: 上一级督察单位. Where the platform holds no upper government (the top of its hierarchy) the
#: government reports to 同级党委、人大常委会, copied to its own 督察单位. The defaults are
#: proposals: the person who performs 报送 may change them.
SUBMISSION_CITATION = f"{INSTRUMENT}第二十三条第二款"
PARTY_COMMITTEE = "中共{division}委员会"
PEOPLES_CONGRESS = "{division}人民代表大会常务委员会"
RECIPIENT_SEPARATOR = "、"
MAIN_RECIPIENT_MESSAGE = "请填写主送机关（第二十三条第二款：向本级或上一级党委和政府报告）"

#: 第二十四条: the report is published "除涉及党和国家秘密的" — so a 保密审查 must have cleared it.
SECRECY_CITATION = f"{INSTRUMENT}{PUBLISH_BY_APR_1.citation}"
SECRECY_MESSAGE = (
    "报告未经保密审查，不能向社会公开：第二十四条规定年度报告“除涉及党和国家秘密的”应当向社会公开，"
    "须先经保密审查确认不含党和国家秘密"
)

#: Chinese numerals for the part headings (一、二、…).
NUMERALS = "一二三四五六七八九十"


def title_for(agency_name: str, year: int) -> str:
    """The common title form: 〔机关〕关于〔年〕年度法治政府建设情况的报告."""
    return f"{agency_name}关于{year}年度法治政府建设情况的报告"


def normalise_order(order: list[str] | tuple[str, ...] | None) -> list[str]:
    """A permutation of the five parts: unknown keys are refused, missing ones appended in the
    statute's order — a report must still contain all five parts (第二十五条)."""
    order = list(order or PART_KEYS)
    unknown = [k for k in order if k not in PART_KEYS]
    if unknown or len(set(order)) != len(order):
        raise ValueError(f"报告部分顺序无效：{order}；应为 {', '.join(PART_KEYS)} 的一种排列。")
    return order + [k for k in PART_KEYS if k not in order]
