"""Quarterly bulletins (每季度通报): per supervising body and quarter, every registered
indicator as a table of the agencies it supervises, with rank and change against the previous
quarter (环比), the problems found, and an SVG bar chart rendered offline.

Indicators come only from the registry, so a new one appears without this module changing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from html import escape
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Indicator, Period, Value
from fazhi.core.indicators.selectors import records_url, safe_compute
from fazhi.core.orgs.models import Agency
from fazhi.core.orgs.selectors import supervised_agency_ids

from . import docx as gbdoc
from .composer import is_bad


@dataclass
class Row:
    agency: Agency
    value: Value
    previous: Value
    change: str
    rank: int | None
    url: str
    bad: bool = False


@dataclass
class Table:
    indicator: Indicator
    rows: list[Row]

    @property
    def chart(self) -> str:
        return chart_svg(self)


@dataclass
class Bulletin:
    supervisor: Agency
    period: Period
    tables: list[Table]
    problems: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.supervisor.name}关于{self.period.label}法治政府建设工作情况的通报"


def bulletin_agencies(supervisor: Agency) -> list[Agency]:
    """The agencies a bulletin ranks: those the body supervises, governments excepted (their
    figures aggregate the departments already listed)."""
    ids = supervised_agency_ids(supervisor)
    return list(
        Agency.objects.filter(pk__in=ids, active=True)
        .exclude(kind=Agency.Kind.GOVERNMENT)
        .order_by("order", "name")
    )


def ranks(indicator: Indicator, values: list[Value]) -> list[int | None]:
    """Competition ranking (1, 2, 2, 4) in the indicator's good direction; no rank for a
    neutral indicator or a missing value."""
    if indicator.higher_is_better is None:
        return [None] * len(values)
    sign = -1 if indicator.higher_is_better else 1
    present = sorted(Decimal(v.value) * sign for v in values if v.value is not None)
    out: list[int | None] = []
    for v in values:
        out.append(None if v.value is None else present.index(Decimal(v.value) * sign) + 1)
    return out


def _change(indicator: Indicator, now: Value, before: Value) -> str:
    if now.value is None or before.value is None:
        return "—"
    delta = Decimal(now.value) - Decimal(before.value)
    if delta == 0:
        return "持平"
    unit = "个百分点" if indicator.unit == "%" else indicator.unit
    shown = int(delta) if delta == delta.to_integral_value() else delta.normalize()
    return f"{'+' if delta > 0 else '−'}{abs(shown)}{unit}"


def build_bulletin(supervisor: Agency, year: int, quarter: int) -> Bulletin:
    """The bulletin of ``supervisor`` for the given quarter."""
    period = Period.quarter(year, quarter)
    previous = period.previous()
    agencies = bulletin_agencies(supervisor)
    tables: list[Table] = []
    problems: list[str] = []
    indicators = registry.all_indicators()
    values = registry.compute_by_agency(
        indicators, [a.pk for a in agencies], (period, previous), one=safe_compute
    )
    for ind in indicators:
        now = [values[(ind.code, period)][a.pk] for a in agencies]
        before = [values[(ind.code, previous)][a.pk] for a in agencies]
        rows = [
            Row(
                a,
                v,
                b,
                _change(ind, v, b),
                r,
                records_url(ind.code, a.pk, period),
                is_bad(ind, v, b),
            )
            for a, v, b, r in zip(agencies, now, before, ranks(ind, now), strict=True)
        ]
        rows.sort(
            key=lambda row: (row.rank is None, row.rank or 0, row.agency.order, row.agency.name)
        )
        tables.append(Table(ind, rows))
        for row in rows:
            if row.bad:
                problems.append(
                    f"{row.agency.display_name}{ind.name}为{row.value.display}{ind.unit}"
                    f"（环比{row.change}）。"
                )
    return Bulletin(supervisor, period, tables, problems)


def chart_svg(table: Table, *, width: int = 520, bar: int = 18) -> str:
    """A horizontal bar chart of one table as self-contained SVG (no script, no external file)."""
    rows = [r for r in table.rows if r.value.value is not None]
    label_w, gap = 180, 6
    height = max(1, len(rows)) * (bar + gap) + 30
    top = max((float(r.value.value) for r in rows), default=0.0) or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(table.indicator.name)}">',
        f'<text x="0" y="14" font-size="13">{escape(table.indicator.name)}'
        f"（{escape(table.indicator.unit)}）</text>",
    ]
    for i, r in enumerate(rows):
        y = 24 + i * (bar + gap)
        w = int((width - label_w - 60) * float(r.value.value) / top)
        colour = "#c0392b" if r.bad else "#2e6da4"
        parts.append(
            f'<text x="0" y="{y + bar - 4}" font-size="12">{escape(r.agency.display_name)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{max(w, 1)}" height="{bar}" fill="{colour}"/>'
            f'<text x="{label_w + max(w, 1) + 4}" y="{y + bar - 4}" font-size="12">'
            f"{escape(r.value.display)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


BAR_MM = 40  # the chart column of the .docx table
TABLE_MM = (15, 49, 22, 30, BAR_MM)  # 排名, 单位, 本季度, 环比, 图示 (= the 156 mm type area)


def _bar(cell, row: Row, top: float) -> None:
    """A horizontal bar drawn as a shaded paragraph whose right indent leaves the rest of the
    cell empty: a chart in the document's own layout, no image, no font needed."""
    p = gbdoc.set_cell(cell, "")
    if row.value.value is None or top <= 0 or float(row.value.value) <= 0:
        return  # nothing to draw: an empty cell, not a hairline
    share = min(1.0, float(row.value.value) / top)
    p.paragraph_format.right_indent = Mm((BAR_MM - 3) * (1 - share))
    ppr = p._p.get_or_add_pPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), "C0392B" if row.bad else "2E6DA4")
    # CT_PPr keeps its children in schema order: w:shd goes before tabs, spacing, ind and jc.
    after = [ppr.find(qn(f"w:{tag}")) for tag in ("tabs", "spacing", "ind", "jc")]
    following = next((el for el in after if el is not None), None)
    if following is not None:
        following.addprevious(shd)
    else:
        ppr.append(shd)
    run = p.add_run("\u00a0")
    gbdoc._set_run_font(run, gbdoc.BODY_FONTS, 8)


def bulletin_docx(b: Bulletin, *, dated: date | None = None) -> bytes:
    """The bulletin as .docx in the GB/T 9704 layout: one table per indicator, ranked, with its
    bar chart in the last column (red where the figure needs attention), then the problems."""
    doc = gbdoc.new_document()
    gbdoc.add_title(doc, b.title)
    gbdoc.add_paragraph(doc, "一、各单位指标情况", fonts=gbdoc.HEADING_FONTS)
    for n, t in enumerate(b.tables, start=1):
        caption = gbdoc.add_paragraph(
            doc, f"{n}. {t.indicator.name}（{t.indicator.unit}）", indent=False
        )
        values = {r.value.value for r in t.rows}
        if values <= {None, 0}:  # nothing to rank: one line instead of a table of zeros
            what = "均无可计算的数据" if values == {None} else f"均为0{t.indicator.unit}"
            gbdoc.add_paragraph(doc, f"本季度各单位{what}。")
            continue
        caption.paragraph_format.keep_with_next = True
        grid = doc.add_table(rows=1, cols=len(TABLE_MM))
        grid.style = "Table Grid"
        for cell, text in zip(
            grid.rows[0].cells, ("排名", "单位", "本季度", "环比", "图示"), strict=True
        ):
            gbdoc.set_cell(cell, text, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        top = max((float(r.value.value) for r in t.rows if r.value.value is not None), default=0.0)
        for row in t.rows:
            cells = grid.add_row().cells
            gbdoc.set_cell(cells[0], str(row.rank or "—"), align=WD_ALIGN_PARAGRAPH.CENTER)
            gbdoc.set_cell(cells[1], row.agency.display_name)
            gbdoc.set_cell(cells[2], row.value.display, align=WD_ALIGN_PARAGRAPH.RIGHT)
            gbdoc.set_cell(cells[3], row.change, align=WD_ALIGN_PARAGRAPH.CENTER)
            _bar(cells[4], row, top)
        gbdoc.set_widths(grid, TABLE_MM)
    gbdoc.add_paragraph(doc, "二、发现的问题", fonts=gbdoc.HEADING_FONTS)
    for problem in b.problems or ["本季度未发现指标异常。"]:
        last = gbdoc.add_paragraph(doc, problem)
    last.paragraph_format.keep_with_next = True  # the signature never stands alone on a page
    gbdoc.add_paragraph(doc, "", indent=False).paragraph_format.keep_with_next = True
    gbdoc.add_signature(doc, b.supervisor.name, dated)
    return gbdoc.to_bytes(doc)


def period_of(value: Any) -> tuple[int, int]:
    """(year, quarter) from a ``2025Q3`` code; the Chinese PeriodError otherwise."""
    p = Period.parse(str(value))
    if p.kind != "quarter":
        raise registry.PeriodError(f"通报按季度编制，请选择季度（如 2025Q3），收到“{value}”。")
    return p.start.year, (p.start.month - 1) // 3 + 1
