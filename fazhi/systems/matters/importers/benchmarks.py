"""行政裁量权基准 ⇄ .xlsx: one row per tier; rows of the same 事项编码 and 版本 form one version.

All rows or none. A version already published imports as a no-op when unchanged and is refused
(naming the row) when changed: a change is a new version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from fazhi.core.importing import Column, Importer, ImportResult
from fazhi.core.importing.checks import LABEL_SEPARATORS, Checker
from fazhi.core.importing.export import export_bytes
from fazhi.core.importing.reader import Row
from fazhi.core.importing.run import commit, start
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.engine import register_action

from .. import forms, policies, services
from ..models import BenchmarkTier, BenchmarkVersion, Matter
from ..rules import CIRCUMSTANCES
from .pages import export_url

IMPORTED = register_action("matters.import.benchmarks", "裁量基准·导入")
TIER_LABELS = {label: code for code, label in BenchmarkTier.Tier.choices}
SEVERITY_LABELS = {label: code for code, label in BenchmarkTier.Severity.choices}
CODE_RULE = "平台预置情形代码：" + "、".join(
    f"{c.code}（{c.label}）" for c in CIRCUMSTANCES.values()
)

BENCHMARKS = Importer(
    name="matters.benchmarks",
    label="裁量基准",
    title="裁量基准",
    run=lambda source, *, agency, **kw: import_benchmarks(agency, source, **kw),
    allowed=lambda user: policies.manageable_agencies(user).exists(),
    refused="只有本机关法制审核人员或负责人可以导入裁量基准。",
    options_form=forms.AgencyImportForm,
    verbatim=True,
    export=export_url("benchmarks"),
    columns=(
        Column("code", "事项编码", True, "本机关执法事项清单中的事项。", "330217001"),
        Column("violation", "违法行为", False, "", "生产经营不符合食品安全标准的食品", width=30),
        Column(
            "basis_text",
            "法定依据",
            False,
            "",
            "《中华人民共和国食品安全法》第一百二十四条",
            width=30,
        ),
        Column("version", "版本", True, "同一事项的同一版本各行相同。", "2024版"),
        Column("effective_from", "施行日期", True, "", "2024-01-01"),
        Column("effective_to", "失效日期", False, "", ""),
        Column(
            "published_on", "公布日期", False, "已向社会公布的填写（行政处罚法第三十四条）。", ""
        ),
        Column("document_number", "公布文号", False, "", ""),
        Column("tier", "裁量阶次", True, "", "从轻", tuple(TIER_LABELS)),
        Column("severity", "违法情节", False, "", "情节较轻", tuple(SEVERITY_LABELS)),
        Column("codes", "情形代码", False, CODE_RULE, "first_violation、corrected", width=30),
        Column(
            "labels",
            "情形说明",
            False,
            "与情形代码一一对应，用分号“；”分隔；预置情形可空。",
            "初次违法；及时改正",
            width=30,
        ),
        Column("min_amount", "罚款下限（元）", False, "", "50000"),
        Column("max_amount", "罚款上限（元）", False, "", "65000"),
        Column("standard", "具体标准", False, "", "", width=40),
    ),
)


def circumstances(
    check: Checker, row: Row, codes_key: str, labels_key: str
) -> list[dict[str, str]]:
    """The 情形代码 / 情形说明 pair of cells as ``[{"code", "label"}]``."""
    codes = check.items(row, codes_key)
    labels = check.items(row, labels_key, LABEL_SEPARATORS)
    if labels and len(labels) != len(codes):
        check.error(
            row, labels_key, f"情形说明有 {len(labels)} 项，与情形代码的 {len(codes)} 项不对应。"
        )
        return []
    out = []
    for i, code in enumerate(codes):
        label = labels[i] if labels else ""
        if code not in CIRCUMSTANCES and not label:
            check.error(row, codes_key, f"“{code}”不是平台预置情形代码，请在情形说明列写明其含义。")
            continue
        out.append({"code": code, "label": label or CIRCUMSTANCES[code].label})
    return out


@dataclass
class _Plan:
    row: int
    matter: Matter
    label: str
    head: dict[str, Any]
    tiers: list[dict[str, Any]] = field(default_factory=list)


_HEAD = (
    "violation",
    "basis_text",
    "effective_from",
    "effective_to",
    "published_on",
    "document_number",
)


def import_benchmarks(
    agency: Agency,
    source: bytes | BinaryIO | Path | str,
    *,
    actor: Any,
    dry_run: bool = False,
    filename: str = "裁量基准.xlsx",
) -> ImportResult:
    result, data, rows = start(BENCHMARKS, source, dry_run=dry_run)
    if rows is None:
        return result
    check = Checker(BENCHMARKS)
    matters = {m.code: m for m in Matter.objects.filter(agency=agency)}
    plans: dict[tuple[str, str], _Plan] = {}
    seen_tiers: dict[str, int] = {}
    for row in rows:
        code = check.text(row, "code", 64, required=True)
        matter = matters.get(code) if code else None
        if code and matter is None:
            check.error(row, "code", f"本机关执法事项清单中没有事项“{code}”，请先导入事项清单。")
        label = check.text(row, "version", 32, required=True)
        head = {
            "violation": check.text(row, "violation", 300),
            "basis_text": row["basis_text"],
            "effective_from": check.day(row, "effective_from", required=True),
            "effective_to": check.day(row, "effective_to"),
            "published_on": check.day(row, "published_on"),
            "document_number": check.text(row, "document_number", 64),
        }
        tier = {
            "tier": check.choice(row, "tier", TIER_LABELS, None),
            "severity": check.choice(row, "severity", SEVERITY_LABELS, "") or "",
            "circumstances": circumstances(check, row, "codes", "labels"),
            "min_amount": check.amount(row, "min_amount"),
            "max_amount": check.amount(row, "max_amount"),
            "standard": row["standard"],
        }
        if tier["tier"]:
            check.unique(row, "tier", f"{code}|{label}|{tier['tier']}", seen_tiers)
        if not (matter and label and head["effective_from"]):
            continue
        plan = plans.get((code, label))
        if plan is None:
            plans[(code, label)] = plan = _Plan(row.number, matter, label, head)
        elif any(head[k] != plan.head[k] for k in _HEAD):
            check.error(
                row, "version", f"与第 {plan.row} 行同一版本的违法行为、依据、日期或文号不一致。"
            )
        plan.tiers.append(tier)
    result.errors = check.sorted_errors()

    def write(plan: _Plan) -> str:
        existed = BenchmarkVersion.objects.filter(
            benchmark__matter=plan.matter, label=plan.label
        ).exists()
        services.save_benchmark_version(
            plan.matter, label=plan.label, tiers=plan.tiers, actor=actor, **plan.head
        )
        return "已有版本" if existed else "新增版本"

    return commit(
        result,
        data,
        list(plans.values()),
        write,
        filename=filename,
        subject=f"matters:import:benchmarks:{agency.pk}",
        action=IMPORTED,
        actor=actor,
    )


def benchmarks_xlsx(agency: Agency) -> bytes:
    versions = (
        BenchmarkVersion.objects.filter(benchmark__matter__agency=agency)
        .select_related("benchmark", "benchmark__matter")
        .prefetch_related("tiers")
        .order_by("benchmark__matter__code", "effective_from", "label")
    )

    def rows():
        for v in versions:
            for t in sorted(v.tiers.all(), key=lambda t: BenchmarkTier.ORDER.get(t.tier, 9)):
                yield {
                    "code": v.benchmark.matter.code,
                    "violation": v.benchmark.violation,
                    "basis_text": v.benchmark.basis_text,
                    "version": v.label,
                    "effective_from": v.effective_from,
                    "effective_to": v.effective_to,
                    "published_on": v.published_on,
                    "document_number": v.document_number,
                    "tier": t.get_tier_display(),
                    "severity": t.get_severity_display() if t.severity else "",
                    "codes": "、".join(t.codes),
                    "labels": "；".join(c.get("label", "") for c in t.circumstances),
                    "min_amount": t.min_amount,
                    "max_amount": t.max_amount,
                    "standard": t.standard,
                }

    return export_bytes(BENCHMARKS, rows(), lambda r: r)
