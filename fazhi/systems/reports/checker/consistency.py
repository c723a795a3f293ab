"""Arithmetic a supervisor can check from the report alone.

1. A stated total with a stated breakdown: "共…690件。其中，不予行政处罚320件；从轻…213件；…".
   The parts are the figures after 其中 with the total's unit, up to the end of that sentence;
   parenthesised figures are sub-details and are left out. When they fall short and the next
   sentence of the paragraph adds figures of the same unit that make the sum exact (report 001 of
   tests/fixtures/seeds: "适用清单外其他柔性执法举措案件4件。"), those are taken as the rest of the breakdown.
   Parts above the total are an error; parts below it (two or more listed) are a warning,
   because a 其中 list need not be exhaustive. Approximate figures (约, 余) are not checked.
2. A 100 % claim (办结率100%) with no count behind it in its sentence or the sentences next to
   it in the same paragraph. Targets in a plan (第二十五条（四）下一年度安排, or a work plan) are
   not claims and are skipped.
"""

from __future__ import annotations

import re

from .model import Breakdown, Figure, Inconsistency, ReportWarning
from .segment import Document

# units that count the same things and may be added together
_COMPATIBLE_UNITS: tuple[frozenset[str], ...] = (
    frozenset({"件", "起", "宗"}),
    frozenset({"人", "名"}),
)
_AFTER_TOTAL = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*[，。；：]?\s*其中[，：]?")
_TOTAL_MARKERS = re.compile(r"共|累计|合计|总计|其中")
_TOLERANCE = 1e-6
_PLAN_PART = 4


def _same_unit(a: Figure, b: Figure) -> bool:
    if a.kind != b.kind:
        return False
    if a.base_unit == b.base_unit:
        return True
    return any(a.base_unit in g and b.base_unit in g for g in _COMPATIBLE_UNITS)


def _in_parentheses(text: str, start: int, offset: int) -> bool:
    """True when ``offset`` is inside an open "(" counted from ``start``."""
    depth = 0
    for ch in text[start:offset]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
    return depth > 0


def find_breakdowns(doc: Document, figures: list[Figure]) -> list[Breakdown]:
    """Every total followed by 其中 and same-unit parts, with whether the parts add up."""
    text = doc.text
    results: list[Breakdown] = []
    for total in figures:
        if total.kind not in ("count", "amount", "area", "hours"):
            continue
        end = _figure_end(text, total)
        m = _AFTER_TOTAL.match(text, end)
        if not m:
            continue
        region_start = m.end()
        sentence = doc.sentence_at(region_start)
        if sentence is None:
            continue
        region_end = sentence.end
        nested = _first_unparenthesised(text, "其中", region_start, region_end)
        if nested is not None:
            region_end = nested  # a nested 其中 starts a sub-breakdown: stop before it
        parts = [
            f
            for f in figures
            if region_start <= f.offset < region_end
            and _same_unit(total, f)
            and not _in_parentheses(text, region_start, f.offset)
        ]
        if not parts:
            continue
        continued = False
        if all(f.exact for f in parts) and total.exact:
            missing = total.base_value - sum(f.base_value for f in parts)
            extra = _continuation(doc, figures, total, sentence.index)
            if missing > _TOLERANCE and extra and _close(sum(f.base_value for f in extra), missing):
                parts = parts + extra
                continued = True
        results.append(_breakdown(total, parts, continued, text[total.offset : region_end], doc))
    return results


def _first_unparenthesised(text: str, word: str, start: int, end: int) -> int | None:
    at = text.find(word, start, end)
    while at != -1:
        if not _in_parentheses(text, start, at):
            return at
        at = text.find(word, at + 1, end)
    return None


def _figure_end(text: str, figure: Figure) -> int:
    """Offset just after the figure's literal (qualifier after the unit included)."""
    start = text.find(figure.text, max(0, figure.offset - 4))
    return start + len(figure.text) if start != -1 else figure.offset + len(figure.text)


def _continuation(
    doc: Document, figures: list[Figure], total: Figure, sentence_index: int
) -> list[Figure]:
    """Same-unit exact figures of the next sentence in the paragraph, if it opens no new total."""
    nxt = sentence_index + 1
    if nxt >= len(doc.sentences):
        return []
    s = doc.sentences[nxt]
    if s.line != doc.sentences[sentence_index].line or _TOTAL_MARKERS.search(s.text):
        return []
    found = [f for f in figures if s.start <= f.offset < s.end and _same_unit(total, f)]
    return found if found and all(f.exact for f in found) else []


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE * max(1.0, abs(a), abs(b))


def _breakdown(
    total: Figure, parts: list[Figure], continued: bool, span: str, doc: Document
) -> Breakdown:
    parts_sum = round(sum(f.base_value for f in parts), 6)
    difference = round(total.base_value - parts_sum, 6)
    if not total.exact or not all(f.exact for f in parts):
        status, adds_up = "approximate", None
    elif _close(total.base_value, parts_sum):
        status, adds_up = "consistent", True
    elif parts_sum > total.base_value:
        status, adds_up = "exceeds_total", False
    else:
        status, adds_up = "short_of_total", False
    return Breakdown(
        total, parts, parts_sum, difference, adds_up, status, continued, span, total.line
    )


def inconsistencies_of(breakdowns: list[Breakdown]) -> list[Inconsistency]:
    """The breakdowns that do not add up, with a message a supervisor can send back."""
    found: list[Inconsistency] = []
    for b in breakdowns:
        if b.adds_up is not False:
            continue
        unit = b.total.base_unit
        listed = "＋".join(_num(f.base_value) for f in b.parts)
        if b.status == "exceeds_total":
            severity = "error"
            message = (
                f"分项之和大于总数：总数{_num(b.total.base_value)}{unit}，"
                f"其中各项{listed}＝{_num(b.parts_sum)}{unit}，多出{_num(-b.difference)}{unit}"
            )
        elif len(b.parts) >= 2:
            severity = "warning"
            message = (
                f"分项之和小于总数：总数{_num(b.total.base_value)}{unit}，"
                f"其中各项{listed}＝{_num(b.parts_sum)}{unit}，相差{_num(b.difference)}{unit}"
                "（如“其中”所列并非全部分项，可忽略）"
            )
        else:
            continue  # a single 其中 item is naturally a subset of the total
        found.append(
            Inconsistency(
                "breakdown_sum",
                severity,
                message,
                b.total,
                b.parts,
                b.parts_sum,
                b.difference,
                b.sentence,
                b.line,
            )
        )
    return found


def unsupported_full_rates(
    doc: Document, figures: list[Figure], *, plan_parts: frozenset[int] = frozenset({_PLAN_PART})
) -> list[ReportWarning]:
    """100 % claims with no count in the same or a neighbouring sentence of the paragraph."""
    counts_by_sentence: dict[int, int] = {}
    for f in figures:
        if f.kind == "count":
            s = doc.sentence_at(f.offset)
            if s is not None:
                counts_by_sentence[s.index] = counts_by_sentence.get(s.index, 0) + 1
    warnings: list[ReportWarning] = []
    for f in figures:
        if f.kind != "rate" or f.base_unit != "%" or f.value != 100 or f.part in plan_parts:
            continue
        s = doc.sentence_at(f.offset)
        if s is None:
            continue
        near = [s, *doc.neighbours(s)]
        if any(counts_by_sentence.get(x.index) for x in near):
            continue
        subject = f.subject or "该项"
        warnings.append(
            ReportWarning(
                "rate_without_count",
                f"“{subject}{f.text}”未给出相应的件数或基数，无法核实（建议补充分子、分母）",
                None,
                f.line,
                f.offset,
                s.text,
            )
        )
    return warnings


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
