"""The report's title, year and own dates, checked against 第二十三条 and 第二十四条.

The reported year comes from the title ("2023年法治政府建设情况报告" → 2023). The document's own
dates are the 成文日期 / 发布日期 of a government web page's metadata and the 落款 date under
the signature. The 成文日期 (else the 落款 date) stands for the submission date, since a report
does not say when it was sent; the 发布日期 stands for the publication date.
"""

from __future__ import annotations

import re
from datetime import date

from fazhi.kernel.formatting import zh_date

from .model import DateCheck, DateFinding
from .rules import INSTRUMENT, LATE_CONSEQUENCE, REPORTING_LEVELS, AnnualDeadline
from .segment import Document

_CN_YEAR_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_CN_YEAR_DIGITS.update({"六": 6, "七": 7, "八": 8, "九": 9})
_DATE = (
    r"(?:(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"|(?P<iy>20\d{2})[-/.](?P<im>\d{1,2})[-/.](?P<id>\d{1,2})(?!\d)"
    r"|(?P<cy>[〇零一二三四五六七八九]{4})年(?P<cm>[一二三四五六七八九十]{1,2})月"
    r"(?P<cd>[一二三四五六七八九十]{1,3})日)"
)
_META = re.compile(
    r"(?P<label>成文日期|发文日期|印发日期|发布日期|公开日期|发布时间)\s*[：]?\s*\|?\s*" + _DATE
)
_META_KIND = {"成文日期": "written", "发文日期": "written", "印发日期": "written"}
_SIGNATURE_LINE = re.compile(
    r"^(?:[^\d，。；|]{0,40}?\s*)?" + _DATE + r"\s*(?:\(此件[^)]{0,6}\))?$"
)
_SIGNATURE_INLINE = re.compile(_DATE + r"\s*\(此件(?:公开发布|主动公开)\)")
_TITLE_META = re.compile(r"^(?:名称|标题|题名)\s*：\s*\|?\s*(?P<t>.+?)\s*\|?\s*$")
_TITLE_PLAN = re.compile(r"印发|工作要点|工作计划|实施方案|工作方案|工作安排")
_TITLE_REPORT = re.compile(r"情况(?:的)?报告|年度报告|工作报告")
_SIGNATURE_WINDOW = 6


def find_title(doc: Document) -> tuple[str | None, int | None]:
    """The report's title and its line: a 名称 metadata field, else an early short title line."""
    for no, line in enumerate(doc.lines[:10], start=1):
        m = _TITLE_META.match(line)
        if m:
            return m.group("t").strip(" |"), no
    seen = 0
    for no, line in enumerate(doc.lines, start=1):
        if not line.strip():
            continue
        seen += 1
        if seen > 5:
            break
        if len(line) <= 60 and (
            "报告" in line or ("法治政府" in line and re.search(r"要点|计划|方案|安排", line))
        ):
            return line.strip(" |"), no
    return None, None


def title_year(title: str | None) -> int | None:
    """The year a title names ("关于2023年度法治政府建设情况的报告" → 2023)."""
    if not title:
        return None
    m = re.search(r"(20\d{2})\s*年", title)
    return int(m.group(1)) if m else None


def document_kind(title: str | None, parts_with_headings: int) -> str:
    """ "report", "work_plan" (工作要点/计划/方案, often issued by a 印发 notice) or "unknown"."""
    if title:
        if _TITLE_PLAN.search(title) and not _TITLE_REPORT.search(title):
            return "work_plan"
        if "报告" in title:
            return "report"
    return "report" if parts_with_headings >= 2 else "unknown"


def _to_date(m: re.Match[str]) -> date | None:
    try:
        if m.group("y"):
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if m.group("iy"):
            return date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        year = int("".join(str(_CN_YEAR_DIGITS[c]) for c in m.group("cy")))
        return date(year, _cn_small(m.group("cm")), _cn_small(m.group("cd")))
    except (ValueError, KeyError):
        return None


def _cn_small(s: str) -> int:
    """一 … 三十一 (month and day numerals)."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    if "十" not in s:
        return digits[s]
    tens, _, ones = s.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def find_dates(doc: Document) -> list[DateFinding]:
    """成文日期/发布日期 metadata and the 落款 date(s) of the document."""
    found: list[DateFinding] = []
    for m in _META.finditer(doc.text):
        d = _to_date(m)
        if d is not None:
            kind = _META_KIND.get(m.group("label"), "published")
            found.append(DateFinding(kind, d, m.group(0), doc.line_of(m.start())))
    lines = [(no, line) for no, line in enumerate(doc.lines, start=1) if line.strip()]
    for no, line in lines[-_SIGNATURE_WINDOW:]:
        m = _SIGNATURE_LINE.match(line)
        if m and not _META.search(line):
            d = _to_date(m)
            if d is not None:
                found.append(DateFinding("signed", d, line, no))
    for m in _SIGNATURE_INLINE.finditer(doc.text):
        d = _to_date(m)
        no = doc.line_of(m.start())
        if d is not None and not any(f.kind == "signed" and f.line == no for f in found):
            found.append(DateFinding("signed", d, m.group(0), no))
    return found


def check_dates(
    found: list[DateFinding],
    *,
    reported_year: int | None,
    level: str,
    kind: str,
) -> list[DateCheck]:
    """Submission (第二十三条) and publication (第二十四条) checked against the document's dates."""
    rules = REPORTING_LEVELS[level]
    written = next((f for f in found if f.kind == "written"), None)
    signed = next((f for f in found if f.kind == "signed"), None)
    published = next((f for f in found if f.kind == "published"), None)
    return [
        _check("submission", rules.submit, written or signed, reported_year, kind, rules.label),
        _check("publication", rules.publish, published, reported_year, kind, rules.label),
    ]


def _check(
    rule: str,
    deadline_rule: AnnualDeadline,
    finding: DateFinding | None,
    reported_year: int | None,
    kind: str,
    level_label: str,
) -> DateCheck:
    citation = f"{INSTRUMENT}{deadline_rule.citation}"
    what = "报送" if rule == "submission" else "向社会公开"
    basis = f"{deadline_rule.citation}：每年{deadline_rule.month}月{deadline_rule.day}日之前{what}上一年度报告"
    dated = finding.date if finding else None
    date_kind = finding.kind if finding else None
    if kind == "work_plan":
        return DateCheck(
            rule, citation, None, dated, date_kind, "not_applicable",
            f"本文件是工作要点/计划，不是年度报告，不适用{basis}",
        )  # fmt: skip
    if reported_year is None:
        return DateCheck(
            rule, citation, None, dated, date_kind, "unknown",
            f"未能从标题确定报告所属年度，无法核对{basis}",
        )  # fmt: skip
    deadline = date(reported_year + 1, deadline_rule.month, deadline_rule.day)
    if finding is None:
        label = "成文日期或落款日期" if rule == "submission" else "发布日期"
        return DateCheck(
            rule, citation, deadline, None, None, "unknown",
            f"文中未见{label}，无法核对{basis}（时限{zh_date(deadline)}）",
        )  # fmt: skip
    label = {"written": "成文日期", "signed": "落款日期", "published": "发布日期"}[finding.kind]
    on_time = finding.date <= deadline if deadline_rule.inclusive else finding.date < deadline
    if on_time:
        message = f"{label}{zh_date(finding.date)}，在{what}时限{zh_date(deadline)}之前（{basis}）"
        status = "on_time"
    else:
        message = (
            f"{label}{zh_date(finding.date)}，晚于{what}时限{zh_date(deadline)}（{basis}，{level_label}）；"
            f"{LATE_CONSEQUENCE[0]}：{LATE_CONSEQUENCE[1]}"
        )
        status = "late"
    return DateCheck(rule, citation, deadline, finding.date, finding.kind, status, message)
