"""Compose an annual report: registry figures → sentences linked to their records.

Figures come only from the indicator registry, so an indicator any app
registers appears here without this app changing. For a department the figure covers itself;
for a government every agency beneath it (:func:`registry.scope_for`), computed over the set so
that ratios are recomputed, not averaged. Each sentence carries the year-on-year change (同比)
and the URL of the records behind the figure. The 不足 part gets data-driven prompts: figures
that are bad in themselves (a "lower is better" count above zero, a rate below 100 %) or that
moved the bad way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Indicator, Period, Value
from fazhi.core.indicators.selectors import records_url, safe_compute

from . import rules


@dataclass(frozen=True)
class FigureSentence:
    """One quoted figure: the sentence a reader sees and the link to the records behind it."""

    code: str
    name: str
    area: str
    value: Value
    year_before: Value
    sentence: str
    change: str
    url: str
    bad: bool = False  # the figure calls for an entry in the 不足 part
    unit: str = ""

    @property
    def responsible(self) -> bool:
        """A figure of the principal leaders' recorded activities (第二十五条第（三）项)."""
        return any(word in self.name for word in rules.RESPONSIBLE_MARKERS)


@dataclass
class ComposedPart:
    key: str
    number: int  # position in this report (一、二、…)
    heading: str
    text: str
    figures: list[FigureSentence] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)

    @property
    def numbered_heading(self) -> str:
        return f"{rules.NUMERALS[self.number - 1]}、{self.heading}"


@dataclass
class ComposedReport:
    title: str
    agency: Any
    year: int
    parts: list[ComposedPart]
    figures: list[FigureSentence]

    def part(self, key: str) -> ComposedPart:
        return next(p for p in self.parts if p.key == key)


def _num(v: Any) -> Decimal:
    return Decimal(v)


def _shown(d: Decimal) -> str:
    """Digits grouped by thousands, no trailing zeros: 13,416,191.5."""
    return f"{int(d):,}" if d == d.to_integral_value() else f"{d.normalize():,f}"


def change_text(indicator: Indicator, now: Value, before: Value) -> str:
    """同比 in words: "同比增加 3 件", "同比下降 1.5 个百分点", "与上年持平", or "" when either
    year has no value."""
    if now.value is None or before.value is None:
        return ""
    delta = _num(now.value) - _num(before.value)
    if delta == 0:
        return "与上年持平"
    unit = "个百分点" if indicator.unit == "%" else indicator.unit
    if indicator.unit == "%":
        verb = "提高" if delta > 0 else "下降"
    else:
        verb = "增加" if delta > 0 else "减少"
    return f"同比{verb}{_shown(abs(delta))}{unit}"


def is_bad(indicator: Indicator, now: Value, before: Value) -> bool:
    if now.value is None or indicator.higher_is_better is None:
        return False
    v = _num(now.value)
    if indicator.higher_is_better is False and v > 0:
        return True
    if indicator.higher_is_better and indicator.unit == "%" and v < 100:
        return True
    if before.value is not None:
        delta = v - _num(before.value)
        return delta != 0 and (delta > 0) != indicator.higher_is_better
    return False


def sentence_for(indicator: Indicator, period: Period, now: Value, before: Value) -> str:
    """ "2025年，法定期限按期完成率为 95.5%（42/44），同比提高 2 个百分点。" """
    if now.value is None:
        return f"{period.label}，{indicator.name}：本年度无可计算的数据。"
    unit = now.unit or indicator.unit
    detail = ""
    if indicator.aggregate == "ratio" and now.denominator:
        detail = f"（{_shown(_num(now.numerator))}/{_shown(_num(now.denominator))}）"
    change = change_text(indicator, now, before)
    tail = f"，{change}" if change else ""
    return f"{period.label}，{indicator.name}为{now.display}{unit}{detail}{tail}。"


def figure_sentences(
    agency: Any, year: int, *, visible: Sequence[int] | None = None
) -> list[FigureSentence]:
    """Every registered indicator for ``agency`` (aggregated for a government) and ``year``."""
    period = Period.year(year)
    before_period = period.year_before()
    ids = registry.scope_for(agency, visible)
    indicators = registry.all_indicators()
    values = registry.compute_many(indicators, ids, (period, before_period), one=safe_compute)
    out: list[FigureSentence] = []
    for ind in indicators:
        now, before = values[(ind.code, period)], values[(ind.code, before_period)]
        out.append(
            FigureSentence(
                code=ind.code,
                name=ind.name,
                area=ind.area,
                value=now,
                year_before=before,
                sentence=sentence_for(ind, period, now, before),
                change=change_text(ind, now, before),
                url=records_url(ind.code, agency.pk, period),
                bad=is_bad(ind, now, before),
                unit=now.unit or ind.unit,
            )
        )
    return out


def shortcoming_prompts(figures: Sequence[FigureSentence]) -> list[str]:
    """Prompts for the 不足 part (第二十五条第（二）项): the figures that need explaining."""
    return [f"{f.sentence[:-1]}，请分析原因并提出改进措施。" for f in figures if f.bad]


def compose(
    agency: Any,
    year: int,
    *,
    part_order: Sequence[str] | None = None,
    headings: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
    title: str | None = None,
    visible: Sequence[int] | None = None,
) -> ComposedReport:
    """The report: the five parts of 第二十五条 in ``part_order`` with ``headings`` (defaults:
    the statute's order and the common headings), the staff's ``texts``, the registry's figures
    in the 主要举措和成效 part (those of the leaders' recorded activities in the 第一责任人
    part) and the data-driven prompts in the 不足 part."""
    order = rules.normalise_order(list(part_order) if part_order else None)
    heads = {**rules.DEFAULT_HEADINGS, **{k: v for k, v in (headings or {}).items() if v}}
    texts = texts or {}
    figures = figure_sentences(agency, year, visible=visible)
    parts = []
    for i, key in enumerate(order, start=1):
        part = ComposedPart(key, i, heads[key], str(texts.get(key, "")).strip())
        if key == rules.FIGURES_PART:
            part.figures = [f for f in figures if not f.responsible]
        if key == rules.RESPONSIBLE_PART:
            part.figures = [f for f in figures if f.responsible]
            if not part.text:
                part.prompts = [rules.RESPONSIBLE_PROMPT]
        if key == rules.PROMPTS_PART:
            part.prompts = shortcoming_prompts(figures)
        parts.append(part)
    return ComposedReport(
        title=title or rules.title_for(agency.name, year),
        agency=agency,
        year=year,
        parts=parts,
        figures=figures,
    )


def compose_report(report: Any, *, visible: Sequence[int] | None = None) -> ComposedReport:
    """Compose a stored :class:`~fazhi.systems.reports.models.AnnualReport` at its current
    revision."""
    current = report.current
    return compose(
        report.agency,
        report.year,
        part_order=report.part_order or None,
        headings=report.headings,
        texts=current.parts if current else {},
        title=report.title,
        visible=visible,
    )


def figures_by_area(figures: Sequence[FigureSentence]) -> list[tuple[str, list[FigureSentence]]]:
    groups: dict[str, list[FigureSentence]] = {}
    for f in figures:
        groups.setdefault(f.area, []).append(f)
    return list(groups.items())
