"""行政执法事项清单 ⇄ .xlsx: one row per legal basis (matter columns repeated), all rows or none.

The file is the agency's whole list: matters in the file are created or updated, their bases set
to exactly the rows given; active matters missing from the file are deactivated (never deleted:
decided cases refer to them). Each import is a new :class:`MatterListRevision` with the file
kept by digest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from fazhi.core.importing import NO, YES, Column, Importer, ImportResult, RowError
from fazhi.core.importing.checks import Checker
from fazhi.core.importing.export import export_bytes
from fazhi.core.importing.reader import Row
from fazhi.core.importing.run import commit, start
from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.engine import register_action

from .. import forms, policies, services
from ..models import LegalBasis, Matter
from ..services.matters import _overlaps
from .pages import export_url

IMPORTED = register_action("matters.import.matters", "事项清单·导入")
KIND_LABELS = {label: code for code, label in Matter.Kind.choices}
ROLE_LABELS = {label: code for code, label in LegalBasis.Role.choices}

MATTERS = Importer(
    name="matters.matters",
    label="执法事项清单",
    title="执法事项清单",
    run=lambda source, *, agency, **kw: import_matter_list(agency, source, **kw),
    allowed=lambda user: policies.manageable_agencies(user).exists(),
    refused="只有本机关法制审核人员或负责人可以导入执法事项清单。",
    options_form=forms.MatterImportForm,
    verbatim=True,
    export=export_url("matters"),
    columns=(
        Column(
            "code",
            "事项编码",
            True,
            "本机关内唯一；同一事项有多条依据时每条依据一行，事项各列相同。",
            "330217001",
        ),
        Column(
            "name", "事项名称", True, "", "对生产经营不符合食品安全标准的食品的行政处罚", width=40
        ),
        Column("kind", "事项类型", True, "", "行政处罚", tuple(KIND_LABELS)),
        Column("field", "执法领域", True, "与执法证件载明的领域一致。", "市场监管"),
        Column("unit", "承办机构", False, "本机关已有的内设机构名称。", "执法稽查科"),
        Column("fine_min", "罚款下限（元）", False, "行政处罚事项的法定罚款幅度。", "50000"),
        Column("fine_max", "罚款上限（元）", False, "", "100000"),
        Column(
            "in_review_catalogue",
            "纳入法制审核目录",
            False,
            "重大执法决定法制审核目录。空白为否。",
            NO,
            (YES, NO),
        ),
        Column("review_catalogue_reason", "纳入目录理由", False, "纳入目录的必填。", ""),
        Column("criminal_threshold_amount", "涉嫌犯罪移送标准（元）", False, "两法衔接。", ""),
        Column("criminal_threshold_note", "移送标准说明", False, "", ""),
        Column(
            "life_health_finance",
            "涉及生命健康或金融安全",
            False,
            "行政处罚法第三十六条。空白为否。",
            NO,
            (YES, NO),
        ),
        Column("active", "有效", False, "空白为是。", YES, (YES, NO)),
        Column(
            "role",
            "依据类别",
            False,
            "空白为实施（处罚）依据。",
            "实施（处罚）依据",
            tuple(ROLE_LABELS),
        ),
        Column("instrument", "法律文件", False, "", "中华人民共和国食品安全法", width=30),
        Column("article", "条款", False, "", "第一百二十四条第一款"),
        Column("quote", "条文内容", False, "", "", width=60),
        Column("effective_from", "依据施行日期", False, "", "2021-04-29"),
        Column("effective_to", "依据失效日期", False, "空白为现行有效。", ""),
        Column("basis_fine_min", "依据罚款下限（元）", False, "", ""),
        Column("basis_fine_max", "依据罚款上限（元）", False, "", ""),
    ),
)

_MATTER_KEYS = (
    "name",
    "kind",
    "field",
    "unit",
    "fine_min",
    "fine_max",
    "in_review_catalogue",
    "review_catalogue_reason",
    "criminal_threshold_amount",
    "criminal_threshold_note",
    "life_health_finance",
    "active",
)


@dataclass
class _Plan:
    row: int | None
    code: str
    values: dict[str, Any] = field(default_factory=dict)
    bases: list[dict[str, Any]] = field(default_factory=list)
    deactivate: bool = False


def _matter_values(check: Checker, row: Row, units: dict[str, Any]) -> dict[str, Any]:
    unit = None
    if row["unit"]:
        unit = units.get(row["unit"])
        if unit is None:
            check.error(row, "unit", f"本机关没有内设机构“{row['unit']}”。")
    values = {
        "name": check.text(row, "name", 300, required=True),
        "kind": check.choice(row, "kind", KIND_LABELS, None),
        "field": check.text(row, "field", 32, required=True),
        "unit": unit,
        "fine_min": check.amount(row, "fine_min"),
        "fine_max": check.amount(row, "fine_max"),
        "in_review_catalogue": check.boolean(row, "in_review_catalogue", False),
        "review_catalogue_reason": check.text(row, "review_catalogue_reason", 300),
        "criminal_threshold_amount": check.amount(row, "criminal_threshold_amount"),
        "criminal_threshold_note": check.text(row, "criminal_threshold_note", 300),
        "life_health_finance": check.boolean(row, "life_health_finance", False),
        "active": check.boolean(row, "active", True),
    }
    lo, hi = values["fine_min"], values["fine_max"]
    if lo is not None and hi is not None and lo > hi:
        check.error(row, "fine_max", "罚款上限不能低于罚款下限。")
    if values["in_review_catalogue"] and not values["review_catalogue_reason"]:
        check.error(row, "review_catalogue_reason", "纳入重大执法决定法制审核目录的，请写明理由。")
    return values


def _basis(check: Checker, row: Row) -> dict[str, Any] | None:
    keys = (
        "instrument",
        "article",
        "quote",
        "effective_from",
        "effective_to",
        "basis_fine_min",
        "basis_fine_max",
    )
    if not any(row[k] for k in keys):
        return None
    basis = {
        "role": check.choice(row, "role", ROLE_LABELS, LegalBasis.Role.PRIMARY),
        "instrument": check.text(row, "instrument", 200, required=True),
        "article": check.text(row, "article", 100, required=True),
        "quote": check.text(row, "quote", 10000, required=True),
        "effective_from": check.day(row, "effective_from", required=True),
        "effective_to": check.day(row, "effective_to"),
        "fine_min": check.amount(row, "basis_fine_min"),
        "fine_max": check.amount(row, "basis_fine_max"),
    }
    if (
        basis["effective_from"]
        and basis["effective_to"]
        and basis["effective_to"] < basis["effective_from"]
    ):
        check.error(row, "effective_to", "失效日期不能早于施行日期。")
    if (
        basis["fine_min"] is not None
        and basis["fine_max"] is not None
        and basis["fine_min"] > basis["fine_max"]
    ):
        check.error(row, "basis_fine_max", "罚款上限不能低于罚款下限。")
    return basis


def import_matter_list(
    agency: Agency,
    source: bytes | BinaryIO | Path | str,
    *,
    effective_from: date,
    actor: Any,
    note: str = "",
    dry_run: bool = False,
    filename: str = "执法事项清单.xlsx",
) -> ImportResult:
    """Replace ``agency``'s matter list with the file's, as a new revision in force from
    ``effective_from``."""
    result, data, rows = start(MATTERS, source, dry_run=dry_run)
    if rows is None:
        return result
    check = Checker(MATTERS)
    units = {u.name: u for u in agency.units.all()}
    plans: dict[str, _Plan] = {}
    for row in rows:
        code = check.text(row, "code", 64, required=True)
        values = _matter_values(check, row, units)
        basis = _basis(check, row)
        if not code:
            continue
        plan = plans.get(code)
        if plan is None:
            plans[code] = plan = _Plan(row.number, code, values)
        else:
            differing = [
                MATTERS.column(k).header for k in _MATTER_KEYS if values[k] != plan.values[k]
            ]
            if differing and not any(e.row == row.number for e in check.errors):
                check.error(
                    row, "code", f"与第 {plan.row} 行同一事项的“{'、'.join(differing)}”不一致。"
                )
        if basis is not None:
            plan.bases.append(basis)
    for plan in plans.values():
        if all(b["effective_from"] is not None for b in plan.bases):
            problem = _overlaps(plan.bases)
            if problem:
                check.errors.append(
                    RowError(plan.row, MATTERS.column("effective_from").header, problem)
                )
    result.errors = check.sorted_errors()
    todo = list(plans.values()) + [
        _Plan(None, code, deactivate=True)
        for code in Matter.objects.filter(agency=agency, active=True)
        .exclude(code__in=plans)
        .values_list("code", flat=True)
    ]

    def write(plan: _Plan) -> str:
        if plan.deactivate:
            services.save_matter(agency, code=plan.code, active=False, actor=actor)
            return "停用事项"
        existed = Matter.objects.filter(agency=agency, code=plan.code).exists()
        matter = services.save_matter(agency, code=plan.code, actor=actor, **plan.values)
        services.replace_bases(matter, plan.bases, actor=actor)
        return "更新事项" if existed else "新增事项"

    def finish(digest: str, counts: dict[str, int]) -> None:
        services.record_revision(
            agency,
            effective_from=effective_from,
            note=note or f"导入{filename}",
            file_digest=digest,
            counts=counts,
            actor=actor,
        )

    return commit(
        result,
        data,
        todo,
        write,
        filename=filename,
        subject=f"matters:import:{agency.pk}",
        action=IMPORTED,
        actor=actor,
        finish=finish,
    )


def matter_list_xlsx(agency: Agency) -> bytes:
    """The agency's list, one row per basis: :func:`import_matter_list` reads it back unchanged."""
    matters = (
        Matter.objects.filter(agency=agency)
        .select_related("unit")
        .prefetch_related("bases")
        .order_by("code")
    )

    def rows():
        for m in matters:
            head = {
                "code": m.code,
                "name": m.name,
                "kind": m.get_kind_display(),
                "field": m.field,
                "unit": m.unit.name if m.unit else "",
                "fine_min": m.fine_min,
                "fine_max": m.fine_max,
                "in_review_catalogue": m.in_review_catalogue,
                "review_catalogue_reason": m.review_catalogue_reason,
                "criminal_threshold_amount": m.criminal_threshold_amount,
                "criminal_threshold_note": m.criminal_threshold_note,
                "life_health_finance": m.life_health_finance,
                "active": m.active,
            }
            bases = list(m.bases.all())
            if not bases:
                yield head
            for b in bases:
                yield {
                    **head,
                    "role": b.get_role_display(),
                    "instrument": b.instrument,
                    "article": b.article,
                    "quote": b.quote,
                    "effective_from": b.effective_from,
                    "effective_to": b.effective_to,
                    "basis_fine_min": b.fine_min,
                    "basis_fine_max": b.fine_max,
                }

    return export_bytes(MATTERS, rows(), lambda r: r)
