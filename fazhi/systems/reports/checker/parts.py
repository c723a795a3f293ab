"""The five parts of 第二十五条: which ones a report has, under which heading, in which order.

Real reports vary: top headings numbered 一、 (sometimes （一） or 1.), the 第一责任人 part
placed second, two parts under one heading (三、存在的不足和下一步打算), a part given no
heading but written into another one. The finder therefore reads headings first (top level,
then lower levels for parts still missing) and only then looks for a part mentioned in the
body, which it reports as "mentioned", never as "present".
"""

from __future__ import annotations

import re

from .model import Heading, PartFinding, PartsReport
from .rules import REPORT_PARTS
from .segment import Document

_CN = "一二三四五六七八九十"
_NUMBERING = re.compile(
    rf"(?P<top>第[{_CN}]+部分[、.：\s]?|[{_CN}]+[、.])"
    rf"|(?P<sub>\([{_CN}]+\))"
    r"|(?P<num>\d{1,2}[、.](?!\d))"
    r"|(?P<sub2>\(\d{1,2}\))"
)
_INLINE_START = re.compile(r"(?:^|(?<=[\s。：！？]))(?=[第(\d" + _CN + "])")
_HEADING_END = re.compile(
    rf"[。！？；]|\s*(?=\(\d{{1,2}}\)|\([{_CN}]+\))|\s(?=[{_CN}]+、)|\s(?=\d{{1,2}}[、.]\D)"
)
_MAX_HEADING = 50
_MAX_UNNUMBERED = 30

# What a heading for each part says (第二十五条 wording and the variants units use).
_PART_PATTERNS: dict[int, re.Pattern[str]] = {
    1: re.compile(r"举措|成效|主要工作|主要做法|工作(?:开展|推进|进展)?情况|取得的成绩|工作总结"),
    2: re.compile(r"不足|存在(?:的)?(?:主要)?问题|问题(?:和|与|及)不足|差距|短板|薄弱环节"),
    3: re.compile(r"第一责任人|主要负责人|党政(?:主要)?负责人|一把手"),
    4: re.compile(
        r"下一(?:年|年度|步)|明年|今后|来年|(?:主要|工作|重点)(?:安排|打算|计划|思路)|努力方向|工作展望"
    ),
    5: re.compile(r"其他需要报告|需要报告的其他|其他(?:有关)?(?:事项|情况)"),
}
# Stricter wording required of a lower-level heading ((一), 1.) before it is taken as a part.
_STRONG_PATTERNS: dict[int, re.Pattern[str]] = {
    1: re.compile(r"举措|成效"),
    2: re.compile(r"不足|存在(?:的)?(?:主要)?问题"),
    3: re.compile(r"第一责任人|主要负责人"),
    4: re.compile(r"下一(?:年|年度|步)|明年|今后|来年"),
    5: re.compile(r"其他需要报告"),
}
# A part with no heading may still be written into another part's text.
_MENTION_PATTERNS: dict[int, re.Pattern[str]] = {
    2: re.compile(r"(?:存在|还有|仍有)[^。；]{0,8}(?:不足|差距|短板)"),
    3: re.compile(
        r"(?:主要负责人|第一责任人)[^。]*(?:履行|履职|职责)|(?:履行|履职)[^。]*第一责任人"
    ),
    4: re.compile(r"(?:下一年度|下一步|明年|来年)[^。]{0,6}(?:将|计划|打算|安排)"),
}


def find_headings(doc: Document) -> list[Heading]:
    """Every numbered heading (also inline ones in flattened text) and short unnumbered lines."""
    headings: list[Heading] = []
    for line_no, (line_start, line) in enumerate(
        zip(doc.line_starts, doc.lines, strict=True), start=1
    ):
        numbered = False
        for start in _INLINE_START.finditer(line):
            m = _NUMBERING.match(line, start.start())
            if not m:
                continue
            rest = line[m.end() :]
            end = _HEADING_END.search(rest)
            text = (rest[: end.start()] if end else rest).strip()
            if not text or len(text) > _MAX_HEADING:
                continue
            level = next(k for k in ("top", "sub", "num", "sub2") if m.group(k))
            level = "sub" if level == "sub2" else level
            headings.append(
                Heading(text, m.group(0).strip(), level, line_no, line_start + m.start())
            )
            numbered = numbered or m.start() == 0
        if (
            not numbered
            and 2 <= len(line) <= _MAX_UNNUMBERED
            and not line.endswith(("。", "：", "|"))
            and "报告" not in line
            and "关于" not in line
        ):
            headings.append(Heading(line, "", "none", line_no, line_start))
    return headings


def classify_heading(text: str, next_year: int | None = None, *, strict: bool = False) -> set[int]:
    """The parts (1–5) a heading's text announces; empty when it announces none."""
    patterns = _STRONG_PATTERNS if strict else _PART_PATTERNS
    found = {n for n in (2, 3, 5) if patterns[n].search(text)}
    next_year_plan = bool(
        next_year and re.search(rf"{next_year}年[^，。]*(?:安排|打算|计划|思路|重点|工作)", text)
    )
    if patterns[4].search(text) or next_year_plan:
        found.add(4)
    if patterns[1].search(text):
        if not found:
            found.add(1)
        elif found == {3} and re.search(r"举措|成效", text):
            found.add(1)  # 一、主要举措成效和第一责任人履职情况
    return found


def find_parts(
    doc: Document, *, reported_year: int | None = None, look_for_mentions: bool = True
) -> PartsReport:
    """Locate the five parts of 第二十五条 in the report."""
    headings = find_headings(doc)
    next_year = reported_year + 1 if reported_year else None
    chosen: dict[int, Heading] = {}
    by_heading: dict[int, set[int]] = {}
    for strict, levels in ((False, ("top", "none")), (True, ("sub", "num"))):
        for h in headings:
            if h.level not in levels or (h.level == "none" and not _strongly(h.text, next_year)):
                continue
            numbers = classify_heading(h.text, next_year, strict=strict) - set(chosen)
            for n in numbers:
                chosen[n] = h
            if numbers:
                by_heading.setdefault(h.offset, set()).update(numbers)

    findings: list[PartFinding] = []
    for part in REPORT_PARTS:
        h = chosen.get(part.number)
        if h is None:
            findings.append(PartFinding(part.number, part.name, part.citation, "missing"))
            continue
        others = sorted(by_heading[h.offset] - {part.number})
        findings.append(
            PartFinding(
                part.number,
                part.name,
                part.citation,
                "combined" if others else "present",
                heading=f"{h.numbering}{h.text}",
                line=h.line,
                offset=h.offset,
                heading_level=h.level,
                combined_with=others,
            )
        )
    order = [n for _, n in sorted((f.offset, f.number) for f in findings if f.offset is not None)]
    if look_for_mentions:
        _find_mentions(doc, findings)
    used = {id(h) for h in chosen.values()}
    others_top = [h for h in headings if h.level == "top" and id(h) not in used]
    return PartsReport(
        parts=findings,
        order_found=order,
        order_matches=(order == sorted(order)) if len(order) >= 2 else None,
        other_headings=others_top,
    )


def _strongly(text: str, next_year: int | None) -> bool:
    return bool(classify_heading(text, next_year, strict=True))


def part_at(parts: PartsReport, offset: int) -> int | None:
    """The part whose section holds ``offset`` (None before the first part heading).

    Under a heading that announces two parts the lower number is given.
    """
    best: PartFinding | None = None
    for f in parts.parts:
        if f.status not in ("present", "combined") or f.offset is None or f.offset > offset:
            continue
        if (
            best is None
            or best.offset is None
            or (f.offset, -f.number) > (best.offset, -best.number)
        ):
            best = f
    return best.number if best else None


def _find_mentions(doc: Document, findings: list[PartFinding]) -> None:
    """Mark a missing part "mentioned" when another part's text covers it (e.g. 第一责任人)."""
    report = PartsReport(findings, [], None, [])
    for f in findings:
        pattern = _MENTION_PATTERNS.get(f.number)
        if f.status != "missing" or pattern is None:
            continue
        for s in doc.sentences:
            if pattern.search(doc.without_quoted(s.start, s.end)):
                f.status = "mentioned"
                f.line = s.line
                f.offset = s.start
                f.mention = s.text
                f.mentioned_in_part = part_at(report, s.start)
                break
