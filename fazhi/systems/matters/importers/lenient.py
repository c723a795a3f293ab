"""四张清单 ⇄ .xlsx: one row per item; rows of the same 清单类别 and 版本 form one list version.
All rows or none; a published version is frozen (unchanged re-import is a no-op)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from fazhi.core.importing import Column, Importer, ImportResult
from fazhi.core.importing.checks import Checker
from fazhi.core.importing.export import export_bytes
from fazhi.core.importing.run import commit, start
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.engine import register_action

from .. import forms, policies, services
from ..models import LenientList, Matter
from .benchmarks import CODE_RULE, circumstances
from .pages import export_url

IMPORTED = register_action("matters.import.lenient", "四张清单·导入")
KIND_LABELS = {label: code for code, label in LenientList.Kind.choices}

LENIENT = Importer(
    name="matters.lenient",
    label="四张清单",
    title="四张清单",
    run=lambda source, *, agency, **kw: import_lenient_lists(agency, source, **kw),
    allowed=lambda user: policies.manageable_agencies(user).exists(),
    refused="只有本机关法制审核人员或负责人可以导入四张清单。",
    options_form=forms.AgencyImportForm,
    verbatim=True,
    export=export_url("lenient"),
    columns=(
        Column("kind", "清单类别", True, "", "不予处罚清单", tuple(KIND_LABELS)),
        Column(
            "title",
            "清单名称",
            False,
            "空白为清单类别名称。",
            "市场监管领域轻微违法行为不予处罚清单",
            width=30,
        ),
        Column("version", "版本", True, "同一清单同一版本各行相同。", "2024版"),
        Column("effective_from", "施行日期", True, "", "2024-01-01"),
        Column("effective_to", "失效日期", False, "", ""),
        Column("document_number", "文号", False, "", ""),
        Column("published_on", "公布日期", False, "已公布的版本不能再修改。", ""),
        Column("matter_code", "事项编码", False, "空白：适用于本机关所有事项。", "330217001"),
        Column("description", "违法行为", True, "", "未按规定公示营业执照", width=30),
        Column(
            "codes",
            "条件代码",
            True,
            "须全部具备。" + CODE_RULE,
            "first_violation、minor_harm、corrected",
            width=30,
        ),
        Column(
            "labels",
            "条件说明",
            False,
            "与条件代码一一对应，用分号“；”分隔；预置条件可空。",
            "初次违法；危害后果轻微；及时改正",
            width=30,
        ),
        Column(
            "legal_basis",
            "法律依据",
            False,
            "",
            "《中华人民共和国行政处罚法》第三十三条第一款",
            width=30,
        ),
        Column("measure", "处理措施", False, "", "责令改正，并进行教育"),
    ),
)

_HEAD = ("title", "effective_from", "effective_to", "document_number", "published_on")


@dataclass
class _Plan:
    row: int
    kind: str
    version: str
    head: dict[str, Any]
    items: list[dict[str, Any]] = field(default_factory=list)


def import_lenient_lists(
    agency: Agency,
    source: bytes | BinaryIO | Path | str,
    *,
    actor: Any,
    dry_run: bool = False,
    filename: str = "四张清单.xlsx",
) -> ImportResult:
    result, data, rows = start(LENIENT, source, dry_run=dry_run)
    if rows is None:
        return result
    check = Checker(LENIENT)
    matters = {m.code: m for m in Matter.objects.filter(agency=agency)}
    plans: dict[tuple[str, str], _Plan] = {}
    for row in rows:
        kind = check.choice(row, "kind", KIND_LABELS, None)
        version = check.text(row, "version", 32, required=True)
        head = {
            "title": check.text(row, "title", 200),
            "effective_from": check.day(row, "effective_from", required=True),
            "effective_to": check.day(row, "effective_to"),
            "document_number": check.text(row, "document_number", 64),
            "published_on": check.day(row, "published_on"),
        }
        matter = None
        if row["matter_code"]:
            matter = matters.get(row["matter_code"])
            if matter is None:
                check.error(
                    row, "matter_code", f"本机关执法事项清单中没有事项“{row['matter_code']}”。"
                )
        conditions = circumstances(check, row, "codes", "labels")
        if not check.items(row, "codes"):
            check.error(row, "codes", "必填，不能为空：写明须全部具备的条件。")
        item = {
            "matter": matter,
            "description": check.text(row, "description", 300, required=True),
            "conditions": conditions,
            "legal_basis": row["legal_basis"],
            "measure": check.text(row, "measure", 200),
        }
        if not (kind and version and head["effective_from"]):
            continue
        plan = plans.get((kind, version))
        if plan is None:
            plans[(kind, version)] = plan = _Plan(row.number, kind, version, head)
        elif any(head[k] != plan.head[k] for k in _HEAD):
            check.error(row, "version", f"与第 {plan.row} 行同一清单版本的名称、日期或文号不一致。")
        plan.items.append(item)
    result.errors = check.sorted_errors()

    def write(plan: _Plan) -> str:
        existed = LenientList.objects.filter(
            agency=agency, kind=plan.kind, version=plan.version
        ).exists()
        services.save_lenient_list(
            agency, kind=plan.kind, version=plan.version, items=plan.items, actor=actor, **plan.head
        )
        return "已有清单版本" if existed else "新增清单版本"

    return commit(
        result,
        data,
        list(plans.values()),
        write,
        filename=filename,
        subject=f"matters:import:lenient:{agency.pk}",
        action=IMPORTED,
        actor=actor,
    )


def lenient_lists_xlsx(agency: Agency) -> bytes:
    lists = (
        LenientList.objects.filter(agency=agency)
        .prefetch_related("items", "items__matter")
        .order_by("kind", "effective_from", "version")
    )

    def rows():
        for lst in lists:
            for item in lst.items.all():
                yield {
                    "kind": lst.get_kind_display(),
                    "title": lst.title,
                    "version": lst.version,
                    "effective_from": lst.effective_from,
                    "effective_to": lst.effective_to,
                    "document_number": lst.document_number,
                    "published_on": lst.published_on,
                    "matter_code": item.matter.code if item.matter else "",
                    "description": item.description,
                    "codes": "、".join(item.codes),
                    "labels": "；".join(c.get("label", "") for c in item.conditions),
                    "legal_basis": item.legal_basis,
                    "measure": item.measure,
                }

    return export_bytes(LENIENT, rows(), lambda r: r)
