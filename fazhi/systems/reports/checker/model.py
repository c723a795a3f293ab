"""The checker's result, as plain dataclasses that serialise to JSON.

Offsets are character offsets into :attr:`CheckResult.text` (the normalised text); line numbers
are 1-based and, for a .txt file, are the file's own line numbers (normalisation keeps lines).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any


@dataclass
class Figure:
    """One figure quoted in the report: a count, an amount, a rate, an area or study hours."""

    value: float  # the number as written ("112.23" in 112.23万元)
    unit: str  # the unit as written, multiplier included ("万元", "人次", "%")
    kind: str  # "count" | "amount" | "rate" | "area" | "hours"
    base_value: float  # the value in base_unit (1122300 for 112.23万元)
    base_unit: str  # "元", "平方米", "%", or the count unit ("件", "人次")
    text: str  # the literal matched, qualifier included ("约300万元", "350余本")
    sentence: str
    offset: int
    line: int
    subject: str | None = None  # the noun phrase the figure counts, when it can be found
    qualifier: str | None = None  # "约", "余", "不少于", … — the figure is not exact
    part: int | None = None  # the 第二十五条 part (1–5) whose section holds the figure

    @property
    def exact(self) -> bool:
        """True when the report states the figure exactly (no 约/余/以上…)."""
        return self.qualifier is None


@dataclass
class Heading:
    """A heading line (or an inline heading in flattened text) found in the report."""

    text: str
    numbering: str  # "一、", "(一)", "1.", "" …
    level: str  # "top" | "sub" | "num" | "none"
    line: int
    offset: int


#: The Chinese label of each :attr:`PartFinding.status`.
PART_STATUS_LABELS = {
    "present": "有",
    "combined": "与其他部分合并",
    "mentioned": "无标题，正文提及",
    "missing": "缺少",
}


@dataclass
class PartFinding:
    """Whether one of the five parts of 第二十五条 is in the report, and where."""

    number: int
    name: str
    citation: str
    status: str  # "present" | "combined" | "mentioned" | "missing"
    heading: str | None = None
    line: int | None = None
    offset: int | None = None
    heading_level: str | None = None
    combined_with: list[int] = field(default_factory=list)
    mentioned_in_part: int | None = None
    mention: str | None = None  # the sentence that mentions the part when it has no heading

    @property
    def status_label(self) -> str:
        """The status as the checker page shows it."""
        return PART_STATUS_LABELS.get(self.status, self.status)


@dataclass
class PartsReport:
    """The five parts, the order in which the report has them and its other top headings."""

    parts: list[PartFinding]
    order_found: list[int]
    order_matches: bool | None  # None when fewer than two parts have headings
    other_headings: list[Heading]


@dataclass
class Breakdown:
    """A stated total with its stated parts ("共…N件。其中，A a件；B b件…")."""

    total: Figure
    parts: list[Figure]
    parts_sum: float
    difference: float  # total − sum of the parts, in the base unit
    adds_up: bool | None  # None when a figure is approximate (约/余) and cannot be checked
    status: str  # "consistent" | "exceeds_total" | "short_of_total" | "approximate"
    continued: bool  # parts include figures from the sentence after the 其中 sentence
    sentence: str
    line: int


@dataclass
class Inconsistency:
    """An arithmetic inconsistency a supervisor should ask the unit about."""

    kind: str  # "breakdown_sum"
    severity: str  # "error" | "warning"
    message: str
    total: Figure
    parts: list[Figure]
    parts_sum: float
    difference: float
    sentence: str
    line: int


@dataclass
class ReportWarning:
    """A finding that is not arithmetic: a missing part, a late date, a bare 100 % claim…"""

    code: str
    message: str
    citation: str | None = None
    line: int | None = None
    offset: int | None = None
    sentence: str | None = None
    severity: str = "warning"  # "error" | "warning" | "info"


@dataclass
class DateFinding:
    """A date the report gives for itself."""

    kind: str  # "written" (成文日期) | "published" (发布日期) | "signed" (落款)
    date: date
    text: str
    line: int


@dataclass
class DateCheck:
    """One deadline of 第二十三条/第二十四条 checked against the report's own date."""

    rule: str  # "submission" | "publication"
    citation: str
    deadline: date | None
    date: date | None
    date_kind: str | None
    status: str  # "on_time" | "late" | "unknown" | "not_applicable"
    message: str


@dataclass
class DatesReport:
    """The report's title year, its own dates and the deadline checks."""

    title: str | None
    title_year: int | None
    reported_year: int | None
    level: str
    level_label: str
    found: list[DateFinding]
    checks: list[DateCheck]


@dataclass
class CheckResult:
    """Everything the checker found in one report."""

    filename: str | None
    source_format: str  # "txt" | "docx" | "pdf" | "text"
    document_kind: str  # "report" | "work_plan" | "unknown"
    parts: PartsReport
    figures: list[Figure]
    breakdowns: list[Breakdown]
    inconsistencies: list[Inconsistency]
    warnings: list[ReportWarning]
    dates: DatesReport
    text: str = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (dates as ISO strings; the full text is left out)."""
        data = {f.name: jsonable(getattr(self, f.name)) for f in fields(self) if f.name != "text"}
        data["char_count"] = len(self.text)
        data["summary"] = {
            "parts_present": [p.number for p in self.parts.parts if p.status != "missing"],
            "parts_missing": [p.number for p in self.parts.parts if p.status == "missing"],
            "figures": len(self.figures),
            "breakdowns": len(self.breakdowns),
            "inconsistencies": len(self.inconsistencies),
            "warnings": len(self.warnings),
        }
        return data


def jsonable(value: Any) -> Any:
    """Convert dataclasses, dates and integral floats into plain JSON values."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 6)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value
