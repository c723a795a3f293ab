"""Checker for the annual 法治政府建设情况报告 that units send to their supervisor.

Pure Python (no Django): ``check_report(path_or_text)`` reads a .txt/.docx/.pdf (or takes the
text itself) and reports, per 法治政府建设与责任落实督察工作规定 (厅字〔2019〕28号):

- the five parts of 第二十五条: present, combined, only mentioned, or missing; their headings,
  lines and order;
- every figure quoted, with its sentence (figures.py);
- totals whose 其中 breakdown does not add up, and 100 % claims with no count behind them
  (consistency.py);
- the report's own dates against 第二十三条 (报送: 3月1日 / 4月1日) and 第二十四条 (公开: 4月1日).
"""

from __future__ import annotations

from pathlib import Path

from .compare import INDICATOR_KEYWORDS, Comparison, compare
from .consistency import find_breakdowns, inconsistencies_of, unsupported_full_rates
from .dates import check_dates, document_kind, find_dates, find_title, title_year
from .extract import (
    SUPPORTED_SUFFIXES,
    ExtractedText,
    ReportReadError,
    normalize_text,
    read_report_bytes,
    read_report_file,
)
from .figures import find_figures
from .model import CheckResult, DateCheck, DatesReport, PartsReport, ReportWarning
from .parts import find_parts, part_at
from .rules import INSTRUMENT, REPORT_PARTS, REPORTING_LEVELS
from .segment import Document

__all__ = [
    "INDICATOR_KEYWORDS",
    "REPORTING_LEVELS",
    "REPORT_PARTS",
    "SUPPORTED_SUFFIXES",
    "CheckResult",
    "Comparison",
    "ReportReadError",
    "check_report",
    "check_text",
    "compare",
    "normalize_text",
]

_MAX_PATH_LENGTH = 1024


def check_report(
    path_or_text: str | Path | bytes,
    *,
    filename: str | None = None,
    level: str = "county_department",
) -> CheckResult:
    """Check one report.

    ``path_or_text`` is a Path; a str naming an existing file or ending in .txt/.docx/.pdf
    (read as a file); any other str (taken as the report's text); or bytes (an upload, whose
    format ``filename``'s suffix decides). ``level`` is a key of REPORTING_LEVELS and decides
    the 第二十三条 deadline. Raises ReportReadError when a file cannot be read and ValueError
    for an unknown level.
    """
    _check_level(level)
    extracted = _extract(path_or_text, filename)
    return check_text(
        extracted.text,
        filename=filename or extracted.filename,
        level=level,
        source_format=extracted.source_format,
    )


def _check_level(level: str) -> None:
    if level not in REPORTING_LEVELS:
        raise ValueError(
            f"未知的报告主体层级“{level}” / unknown level {level!r}; "
            f"expected one of {', '.join(REPORTING_LEVELS)}"
        )


def _extract(path_or_text: str | Path | bytes, filename: str | None) -> ExtractedText:
    if isinstance(path_or_text, bytes):
        if not filename:
            raise ReportReadError("上传的文件缺少文件名", "bytes given without a filename")
        return read_report_bytes(path_or_text, filename)
    if isinstance(path_or_text, Path):
        return read_report_file(path_or_text)
    looks_like_path = (
        "\n" not in path_or_text
        and len(path_or_text) <= _MAX_PATH_LENGTH
        and (
            Path(path_or_text).suffix.lower() in SUPPORTED_SUFFIXES or Path(path_or_text).is_file()
        )
    )
    if looks_like_path:
        return read_report_file(path_or_text)
    return ExtractedText(normalize_text(path_or_text), "text", filename)


def check_text(
    text: str,
    *,
    filename: str | None = None,
    level: str = "county_department",
    source_format: str = "text",
) -> CheckResult:
    """Check a report given as text; the text is normalised first (extract.normalize_text)."""
    _check_level(level)
    text = normalize_text(text)
    doc = Document(text)
    title, _ = find_title(doc)
    year = title_year(title)
    headed = find_parts(doc, reported_year=year, look_for_mentions=False)
    kind = document_kind(title, len(headed.order_found))
    parts = (
        find_parts(doc, reported_year=year, look_for_mentions=True)
        if kind != "work_plan"
        else headed
    )
    figures = find_figures(doc)
    for f in figures:
        f.part = part_at(parts, f.offset)
    breakdowns = find_breakdowns(doc, figures)
    inconsistencies = inconsistencies_of(breakdowns)
    warnings: list[ReportWarning] = []
    if kind == "work_plan":
        warnings.append(
            ReportWarning(
                "not_a_report",
                f"本文件是工作要点/计划（标题：{title}），不是{INSTRUMENT}第二十五条规定的"
                "法治政府建设年度报告",
                "第二十五条",
            )
        )
    warnings.extend(_part_warnings(parts))
    if kind != "work_plan":  # a work plan's 100 % are targets, not claims
        warnings.extend(unsupported_full_rates(doc, figures))
    found_dates = find_dates(doc)
    reported_year = year if kind == "report" else None
    checks = check_dates(found_dates, reported_year=reported_year, level=level, kind=kind)
    warnings.extend(_date_warnings(checks, kind, reported_year))
    dates = DatesReport(
        title=title,
        title_year=year,
        reported_year=reported_year,
        level=level,
        level_label=REPORTING_LEVELS[level].label,
        found=found_dates,
        checks=checks,
    )
    return CheckResult(
        filename=filename,
        source_format=source_format,
        document_kind=kind,
        parts=parts,
        figures=figures,
        breakdowns=breakdowns,
        inconsistencies=inconsistencies,
        warnings=warnings,
        dates=dates,
        text=text,
    )


def _part_warnings(parts: PartsReport) -> list[ReportWarning]:
    """One finding per part of 第二十五条 without a heading of its own.

    The order of the parts is reported in ``parts.order_matches`` but is not a warning: the
    article lists contents, and units commonly put the 第一责任人 part second. A missing
    （五）其他需要报告的情况 is only "info": a unit with nothing else to report leaves it out.
    """
    out: list[ReportWarning] = []
    for f in parts.parts:
        quote = REPORT_PARTS[f.number - 1].quote
        if f.status == "missing":
            out.append(
                ReportWarning(
                    "part_missing",
                    f"未找到第二十五条要求的内容{quote}",
                    REPORT_PARTS[f.number - 1].citation,
                    severity="info" if f.number == 5 else "warning",
                )
            )
        elif f.status == "mentioned":
            where = (
                f"“{REPORT_PARTS[f.mentioned_in_part - 1].name}”部分"
                if f.mentioned_in_part
                else "正文"
            )
            out.append(
                ReportWarning(
                    "part_without_heading",
                    f"{quote}没有单独标题，仅在{where}中提及",
                    REPORT_PARTS[f.number - 1].citation,
                    f.line,
                    f.offset,
                    f.mention,
                )
            )
    return out


def _date_warnings(
    checks: list[DateCheck], kind: str, reported_year: int | None
) -> list[ReportWarning]:
    """Late dates (第二十六条: 通报批评), and a report whose year or date cannot be found."""
    out: list[ReportWarning] = []
    for c in checks:
        if c.status == "late":
            code = "late_submission" if c.rule == "submission" else "late_publication"
            out.append(ReportWarning(code, c.message, c.citation, severity="error"))
    if kind != "report":
        return out
    submission = next(c for c in checks if c.rule == "submission")
    if reported_year is None:
        out.append(
            ReportWarning(
                "no_reported_year",
                "标题中未找到报告年度（如“2023年法治政府建设情况报告”），"
                "无法核对第二十三条报送时限和第二十四条公开时限",
                f"{INSTRUMENT}第二十三条、第二十四条",
            )
        )
    if submission.date is None:
        out.append(
            ReportWarning(
                "undated",
                "文中未见成文日期或落款日期，无法核对第二十三条报送时限",
                submission.citation,
            )
        )
    return out
