"""Side by side: the figures a report quotes against the platform's own indicator values.

The platform computes figures from records (architecture principle 6: indicators come from a
registry); a unit's report quotes them by hand. ``compare`` matches each indicator value to the
report figure that names the same thing, by keyword, and says whether they agree. It is a pure
function: the caller reads the values from the indicator registry and passes them in.

The indicator codes below are placeholders until the registry's codes exist; a caller with
other codes passes its own ``keywords`` map.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .figures import UNITS
from .model import CheckResult, Figure, jsonable

# indicator code -> phrases a report uses for it (most specific first)
INDICATOR_KEYWORDS: dict[str, tuple[str, ...]] = {
    "penalty.cases": ("行政处罚案件",),
    "penalty.fines": ("罚款",),
    "enforcement.published_cases": ("公示行政执法案件", "行政执法案件"),
    "reconsideration.applications": ("行政复议申请", "行政复议案件"),
    "litigation.first_instance_cases": ("一审行政案件", "行政诉讼案件", "行政应诉案件"),
    "litigation.head_appearance_rate": ("出庭",),
    "disclosure.requests": ("依申请公开", "依申请信息公开"),
    "petition.tickets": ("信访",),
    "normative_documents.issued": ("规范性文件",),
    "officers.certified": ("行政执法人员", "执法证"),
    "deputy_suggestions.handled": ("人大代表建议",),
    "cppcc_proposals.handled": ("政协委员提案", "政协提案"),
    "study.sessions_before_meetings": ("会前学法",),
}
_COMPATIBLE_UNITS = ({"件", "起", "宗"}, {"人", "名"})
_CONTEXT_BEFORE = 24
_PLAN_PART = 4  # 第二十五条（四）: next year's targets are not results


@dataclass
class Comparison:
    """One platform indicator value beside the report figure that names the same thing."""

    code: str
    keywords: tuple[str, ...]
    platform_value: float
    platform_unit: str
    status: str  # "equal" | "differs" | "approximate" | "not_in_report" | "no_keywords"
    message: str
    figure: Figure | None = None
    difference: float | None = None  # platform − report, in the base unit
    alternatives: list[Figure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return jsonable(self)


def _unit_spec(unit: str) -> tuple[str, str, float]:
    """(kind, base unit, factor) of a platform unit; an unknown unit counts itself."""
    spec = UNITS.get(unit)
    if spec is None and unit[:1] in ("万", "亿") and unit[1:] in UNITS:
        inner = UNITS[unit[1:]]
        return inner.kind, inner.base_unit, inner.factor * (1e4 if unit[0] == "万" else 1e8)
    if spec is None:
        return "count", unit, 1.0
    return spec.kind, spec.base_unit, spec.factor


def _units_match(a: str, b: str) -> bool:
    return a == b or any(a in g and b in g for g in _COMPATIBLE_UNITS)


def compare(
    result: CheckResult,
    platform_figures: Mapping[str, tuple[float, str]],
    *,
    keywords: Mapping[str, Sequence[str]] | None = None,
) -> list[Comparison]:
    """Match each platform indicator value (code → (value, unit)) to a figure of the report.

    A figure matches when its unit is of the same kind and base unit, and one of the
    indicator's phrases is in the figure's subject (preferred) or just before it in its
    sentence. Figures in the next-year plan (第二十五条（四）) are targets and never match.
    """
    kw_map = INDICATOR_KEYWORDS if keywords is None else keywords
    out: list[Comparison] = []
    for code, (value, unit) in platform_figures.items():
        phrases = tuple(kw_map.get(code, ()))
        if not phrases:
            out.append(
                Comparison(code, (), value, unit, "no_keywords", f"指标“{code}”没有对应的关键词")
            )
            continue
        kind, base_unit, factor = _unit_spec(unit)
        platform_base = value * factor
        ranked = _candidates(result, phrases, kind, base_unit)
        if not ranked:
            out.append(
                Comparison(
                    code,
                    phrases,
                    value,
                    unit,
                    "not_in_report",
                    f"报告中未找到与“{'、'.join(phrases)}”对应、单位为{unit}的数字",
                )
            )
            continue
        best, *rest = ranked
        difference = round(platform_base - best.base_value, 6)
        if not best.exact:
            status = "approximate"
            message = f"报告写“{best.text}”（约数），平台为{_num(value)}{unit}"
        elif abs(difference) <= 1e-6 * max(1.0, abs(platform_base)):
            status = "equal"
            message = f"报告“{best.text}”与平台{_num(value)}{unit}一致"
        else:
            status = "differs"
            message = f"报告写“{best.text}”，平台为{_num(value)}{unit}，不一致"
        out.append(
            Comparison(
                code, phrases, value, unit, status, message, best, difference, alternatives=rest
            )
        )
    return out


def _candidates(
    result: CheckResult, phrases: tuple[str, ...], kind: str, base_unit: str
) -> list[Figure]:
    """Figures naming one of ``phrases``, best first: subject match, then earlier phrase."""
    scored: list[tuple[int, int, Figure]] = []
    for f in result.figures:
        if f.kind != kind or not _units_match(f.base_unit, base_unit) or f.part == _PLAN_PART:
            continue
        context = result.text[max(0, f.offset - _CONTEXT_BEFORE) : f.offset]
        context = context[max(context.rfind(ch) for ch in "。！？\n") + 1 :]
        for rank, phrase in enumerate(phrases):
            if f.subject and phrase in f.subject:
                scored.append((0, rank, f))
                break
            if phrase in context:
                scored.append((1, rank, f))
                break
    scored.sort(key=lambda t: (t[0], t[1], t[2].offset))
    return [f for _, _, f in scored]


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
