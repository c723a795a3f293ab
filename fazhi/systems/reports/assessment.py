"""Assessment frameworks (考核): levels, weights, leaves mapped to a registry indicator with a
scoring rule, or marked as evidence or judgment (scored by a person).

A framework is data (JSON under ``data/``): each node has ``name`` and ``weight`` (the points it
is worth) and either ``children`` or is a leaf with ``indicator`` + ``rule``, or
``kind: "evidence" | "judgment"``. Scoring an organisation for a period computes each indicator
leaf from the registry over the organisation's scope (aggregated for a government) and keeps
the records link for the drill-down; manual leaves take the given score, else stay pending.
Scoring rules:

- ``linear``: ``zero`` → 0 points, ``full`` → all points, straight line between (either way round);
- ``threshold``: all points when the value reaches ``target`` (``lower: true``: at most), else 0;
- ``deduct``: all points minus ``per`` for each unit of the value, never below 0.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Period, UnknownIndicator, Value
from fazhi.core.indicators.selectors import records_url, safe_compute
from fazhi.core.ui.excel import workbook_bytes

DATA_DIR = Path(__file__).resolve().parent / "data"
RULE_TYPES = ("linear", "threshold", "deduct")
MANUAL_KINDS = ("evidence", "judgment")
KIND_LABELS = {"indicator": "指标计分", "evidence": "佐证材料", "judgment": "评议打分"}


class FrameworkError(ValueError):
    """A framework file that cannot be used; the message is Chinese."""


@dataclass
class Node:
    code: str  # dotted position, e.g. "1.2"
    name: str
    weight: Decimal
    kind: str = "group"  # group / indicator / evidence / judgment
    indicator: str = ""
    rule: dict[str, Any] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)


@dataclass
class Framework:
    code: str
    name: str
    note: str
    items: list[Node]

    def leaves(self) -> list[Node]:
        out: list[Node] = []
        stack = list(reversed(self.items))
        while stack:
            n = stack.pop()
            if n.children:
                stack.extend(reversed(n.children))
            else:
                out.append(n)
        return out


def _node(raw: Mapping[str, Any], code: str) -> Node:
    name = str(raw.get("name") or "").strip()
    if not name:
        raise FrameworkError(f"考核项 {code} 缺少名称。")
    try:
        weight = Decimal(str(raw.get("weight", 0)))
    except ArithmeticError:
        raise FrameworkError(f"考核项“{name}”的分值无效。") from None
    children = [_node(c, f"{code}.{i}") for i, c in enumerate(raw.get("children") or (), 1)]
    if children:
        total = sum((c.weight for c in children), Decimal(0))
        if total != weight:
            raise FrameworkError(f"考核项“{name}”的分值 {weight} 与下级分值之和 {total} 不一致。")
        return Node(code, name, weight, children=children)
    if raw.get("indicator"):
        rule = dict(raw.get("rule") or {})
        if rule.get("type") not in RULE_TYPES:
            raise FrameworkError(f"考核项“{name}”的计分规则应为 {'、'.join(RULE_TYPES)} 之一。")
        return Node(code, name, weight, "indicator", str(raw["indicator"]), rule)
    kind = raw.get("kind")
    if kind not in MANUAL_KINDS:
        raise FrameworkError(
            f"考核项“{name}”须关联指标，或标明为佐证材料（evidence）或评议（judgment）。"
        )
    return Node(code, name, weight, kind)


def parse_framework(data: Mapping[str, Any]) -> Framework:
    items = [_node(raw, str(i)) for i, raw in enumerate(data.get("items") or (), 1)]
    if not items:
        raise FrameworkError("考核框架没有任何考核项。")
    return Framework(
        str(data.get("code", "")), str(data.get("name", "")), str(data.get("note", "")), items
    )


def load_framework(name: str = "assessment_county") -> Framework:
    """A framework shipped under ``data/`` by file stem."""
    path = DATA_DIR / f"{name}.json"
    if not path.is_file() or path.parent != DATA_DIR:
        raise FrameworkError(f"没有名为“{name}”的考核框架。")
    return parse_framework(json.loads(path.read_text(encoding="utf-8")))


def available_frameworks() -> list[str]:
    return sorted(p.stem for p in DATA_DIR.glob("*.json"))


def _q(d: Decimal) -> Decimal:
    return d.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def score_value(rule: Mapping[str, Any], weight: Decimal, value: Value) -> Decimal | None:
    """Points for one indicator value under ``rule`` (see the module docstring)."""
    if value.value is None:
        return None
    v = Decimal(value.value)
    kind = rule["type"]
    if kind == "linear":
        zero, full = Decimal(str(rule["zero"])), Decimal(str(rule["full"]))
        share = (v - zero) / (full - zero)
        return _q(weight * min(Decimal(1), max(Decimal(0), share)))
    if kind == "threshold":
        target = Decimal(str(rule["target"]))
        ok = v <= target if rule.get("lower") else v >= target
        return weight if ok else Decimal(0)
    per = Decimal(str(rule["per"]))
    return _q(max(Decimal(0), weight - per * v))


@dataclass
class Scored:
    node: Node
    score: Decimal | None  # None: pending (manual leaf not yet scored, or no data)
    value: Value | None = None
    url: str = ""
    note: str = ""
    children: list[Scored] = field(default_factory=list)
    depth: int = 0

    def flat(self) -> list[Scored]:
        out = [self]
        for c in self.children:
            out.extend(c.flat())
        return out


@dataclass
class Assessment:
    framework: Framework
    agency: Any
    period: Period
    items: list[Scored]

    @property
    def total(self) -> Decimal:
        return sum((s.score or Decimal(0) for s in self.items), Decimal(0))

    @property
    def max_total(self) -> Decimal:
        return sum((s.node.weight for s in self.items), Decimal(0))

    @property
    def pending(self) -> list[Scored]:
        return [
            s for item in self.items for s in item.flat() if not s.node.children and s.score is None
        ]

    def rows(self) -> list[Scored]:
        return [s for item in self.items for s in item.flat()]


def _score(
    node: Node,
    ids: frozenset[int],
    agency: Any,
    period: Period,
    manual: Mapping[str, Any],
    depth: int,
) -> Scored:
    if node.children:
        kids = [_score(c, ids, agency, period, manual, depth + 1) for c in node.children]
        total = sum((k.score or Decimal(0) for k in kids), Decimal(0))
        return Scored(node, total, children=kids, depth=depth)
    if node.kind in MANUAL_KINDS:
        given = manual.get(node.code)
        if given in (None, ""):
            return Scored(node, None, note="待评分", depth=depth)
        points = Decimal(str(given))
        if not Decimal(0) <= points <= node.weight:
            raise FrameworkError(f"“{node.name}”的得分应在 0 至 {node.weight} 之间。")
        return Scored(node, points, depth=depth)
    try:
        ind = registry.get(node.indicator)
    except UnknownIndicator as exc:
        return Scored(node, None, note=str(exc), depth=depth)
    value = safe_compute(ind, ids, period)
    points = score_value(node.rule, node.weight, value)
    return Scored(
        node,
        points,
        value,
        records_url(ind.code, agency.pk, period),
        "" if points is not None else (value.note or "本期无数据"),
        depth=depth,
    )


def score(
    framework: Framework,
    agency: Any,
    period: Period,
    *,
    manual: Mapping[str, Any] | None = None,
    visible: Any = None,
) -> Assessment:
    """Score ``agency`` (a department, or a government over every agency beneath it) for
    ``period``; ``manual`` maps a leaf code to the points given for evidence/judgment leaves."""
    ids = registry.scope_for(agency, visible)
    items = [_score(n, ids, agency, period, manual or {}, 0) for n in framework.items]
    return Assessment(framework, agency, period, items)


def assessment_xlsx(a: Assessment) -> bytes:
    """The scoring sheet: one row per node (indented by level), value, points, maximum."""
    header = ["编号", "考核项", "类型", "关联指标", "指标值", "得分", "分值", "说明"]
    rows = []
    for s in a.rows():
        kind = "分类" if s.node.children else KIND_LABELS[s.node.kind]
        rows.append(
            [
                s.node.code,
                "　" * s.depth + s.node.name,
                kind,
                s.node.indicator,
                s.value.display if s.value is not None else "",
                float(s.score) if s.score is not None else "",
                float(s.node.weight),
                s.note,
            ]
        )
    rows.append(["", "合计", "", "", "", float(a.total), float(a.max_total), ""])
    return workbook_bytes("考核评分", header, rows)
