"""The figures of the 政府信息公开工作年度报告 computed from the records (条例 第五十条).

Section 三 of the national template (国办公开办函〔2021〕30号): requests received this year,
carried over from last year, the results by answer category, and those carried into next year,
each by applicant category; its consistency rule is 「第一项加第二项之和，等于第三项加第四项之和」.
Section 四: 行政复议 and 行政诉讼 about disclosure, read from the disputes app's public selector.
Also the on-time figures the county's own reports quote ("全部按期准确答复").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q

from . import rules
from .models import DisclosureRequest

COLUMNS: list[tuple[str, str]] = [*rules.APPLICANT_KINDS.items(), ("total", "总计")]
PARENTS = ("refused", "unable", "ignored", "other")
DISPUTE_COLUMNS = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
]


@dataclass
class Row:
    code: str
    label: str
    level: int
    cells: dict[str, int] = field(default_factory=dict)

    def values(self) -> list[int]:
        return [self.cells.get(k, 0) for k, _ in COLUMNS]


@dataclass
class AnnualFigures:
    """One year's figures for a set of agencies."""

    year: int
    agency_ids: frozenset[int]
    new: Row
    carried_in: Row
    results: list[Row]
    total: Row
    carried_out: Row
    answered: int
    answered_on_time: int
    disputes: dict[str, dict[str, int]]
    disputes_note: str = ""

    @property
    def consistent(self) -> bool:
        """「第一项加第二项之和，等于第三项加第四项之和」 (the template's check), column by column."""
        return all(
            self.new.cells.get(k, 0) + self.carried_in.cells.get(k, 0)
            == self.total.cells.get(k, 0) + self.carried_out.cells.get(k, 0)
            for k, _ in COLUMNS
        )

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.answered_on_time / self.answered, 1) if self.answered else None

    def rows(self) -> list[Row]:
        return [self.new, self.carried_in, *self.results, self.total, self.carried_out]


def _by_kind(qs) -> dict[str, int]:
    counts = {k: 0 for k, _ in COLUMNS}
    for row in qs.values("applicant_kind").annotate(n=Count("id")):
        counts[row["applicant_kind"]] = row["n"]
    counts["total"] = sum(v for k, v in counts.items() if k != "total")
    return counts


def _base(agency_ids: Iterable[int]):
    return DisclosureRequest.objects.filter(agency_id__in=list(agency_ids)).exclude(state="new")


def annual_figures(agency_ids: Iterable[int], year: int) -> AnnualFigures:
    """Count the year's requests of ``agency_ids`` the way the national template asks."""
    ids = frozenset(agency_ids)
    start, end = date(year, 1, 1), date(year, 12, 31)
    base = _base(ids)
    new = Row(
        "new",
        "一、本年新收政府信息公开申请数量",
        0,
        _by_kind(base.filter(received_on__gte=start, received_on__lte=end)),
    )
    carried_in = Row(
        "carried_in",
        "二、上年结转政府信息公开申请数量",
        0,
        _by_kind(
            base.filter(received_on__lt=start).filter(
                Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)
            )
        ),
    )
    concluded = base.filter(concluded_on__gte=start, concluded_on__lte=end)
    grid: dict[str, dict[str, int]] = {
        code: {k: 0 for k, _ in COLUMNS} for code, _, _ in rules.REPORT_ROWS
    }
    for row in concluded.values("report_row", "applicant_kind").annotate(n=Count("id")):
        code = row["report_row"] if row["report_row"] in grid else "other.other"
        grid[code][row["applicant_kind"]] += row["n"]
        grid[code]["total"] += row["n"]
    for parent in PARENTS:
        for k, _ in COLUMNS:
            grid[parent][k] = sum(v[k] for code, v in grid.items() if code.startswith(parent + "."))
    results = [Row(code, label, level + 1, grid[code]) for code, label, level in rules.REPORT_ROWS]
    total_cells = {
        k: sum(grid[code][k] for code, _, level in rules.REPORT_ROWS if level == 0)
        for k, _ in COLUMNS
    }
    total = Row("total", "（七）总计", 1, total_cells)
    carried_out = Row(
        "carried_out",
        "四、结转下年度继续办理",
        0,
        _by_kind(
            base.filter(received_on__lte=end).filter(
                Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)
            )
        ),
    )
    answered = concluded.filter(state="answered", on_time__isnull=False)
    disputes, note = dispute_figures(ids, year)
    return AnnualFigures(
        year=year,
        agency_ids=ids,
        new=new,
        carried_in=carried_in,
        results=results,
        total=total,
        carried_out=carried_out,
        answered=answered.count(),
        answered_on_time=answered.filter(on_time=True).count(),
        disputes=disputes,
        disputes_note=note,
    )


def dispute_figures(agency_ids: frozenset[int], year: int) -> tuple[dict[str, dict[str, int]], str]:
    """Section 四 (行政复议、行政诉讼 about disclosure) from the disputes app, if installed."""
    from django.apps import apps

    empty = {k: 0 for k, _ in DISPUTE_COLUMNS}
    blank = {
        "reconsideration": dict(empty),
        "litigation_direct": dict(empty),
        "litigation_after": dict(empty),
    }
    if not apps.is_installed("fazhi.systems.disputes"):
        return blank, "行政复议与应诉系统未安装，本部分为零。"
    try:
        from fazhi.systems.disputes.selectors import disclosure_dispute_figures
    except ImportError:
        return blank, "行政复议与应诉系统尚未提供统计接口，本部分为零。"
    return disclosure_dispute_figures(agency_ids, year), ""


def table(figures: AnnualFigures) -> tuple[list[str], list[list[Any]]]:
    """Section 三 as headers and rows (for the page and the .xlsx export)."""
    headers = ["项目", *[label for _, label in COLUMNS]]
    rows = [["　" * r.level + r.label, *r.values()] for r in figures.rows()]
    return headers, rows
