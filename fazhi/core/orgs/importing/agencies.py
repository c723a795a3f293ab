"""Importing agencies (机关): validation of every row first, then one write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fazhi.core.importing.reader import Row

from ..models import Agency, Division
from .checks import Checker, division_level, parent_codes
from .spec import AGENCIES

KINDS = {label: code for code, label in Agency.Kind.choices}
# 本级人民政府 is required for these kinds: the supervisor's view follows ``government``.
NEEDS_GOVERNMENT = {
    Agency.Kind.DEPARTMENT,
    Agency.Kind.JUSTICE,
    Agency.Kind.OFFICE,
    Agency.Kind.TOWNSHIP,
}
GOVERNMENT_KINDS = {Agency.Kind.GOVERNMENT, Agency.Kind.TOWNSHIP}


@dataclass
class AgencyPlan:
    row: int
    fields: dict[str, Any]
    division_code: str
    government: str  # name: an existing agency or an earlier row


@dataclass
class DivisionPlan:
    code: str
    name: str


def validate(rows: list[Row]) -> tuple[list[AgencyPlan | DivisionPlan], list]:
    check = Checker(AGENCIES)
    existing_names = dict(Agency.objects.values_list("name", "kind"))
    existing_uscc = dict(Agency.objects.values_list("uscc", "name"))
    known_divisions = set(Division.objects.values_list("code", flat=True))
    names: dict[str, int] = {}
    usccs: dict[str, int] = {}
    row_kinds: dict[str, tuple[int, str]] = {}  # name -> (row, kind) for rows seen so far
    later = {row["name"]: row.number for row in rows if row["name"]}
    new_divisions: dict[str, str] = {}
    plans: list[AgencyPlan | DivisionPlan] = []
    for row in rows:
        name = check.required(row, "name")
        if (
            name
            and check.length(row, "name", name, 128)
            and check.unique(row, "name", name, names)
            and name in existing_names
        ):
            check.error(row, "name", f"机关“{name}”已在平台中，不能重复导入。")
        short_name = check.length(row, "short_name", row["short_name"], 32)
        uscc = check.uscc(row, "uscc")
        if uscc and check.unique(row, "uscc", uscc, usccs) and uscc in existing_uscc:
            check.error(
                row, "uscc", f"“{uscc}”已是平台中“{existing_uscc[uscc]}”的统一社会信用代码。"
            )
        kind = check.choice(row, "kind", KINDS, None)
        code = check.division_code(row, "division_code")
        if code and code not in known_divisions and code not in new_divisions:
            division_name = row["division_name"]
            if not division_name:
                check.error(
                    row,
                    "division_name",
                    f"区划代码“{code}”尚未录入平台，须填写区划名称以便新建该区划。",
                )
            else:
                new_divisions[code] = division_name
                plans.append(DivisionPlan(code, division_name))
        government = row["government"]
        if government == name and name:
            check.error(row, "government", "所属人民政府不能是本机关自己。")
        elif government:
            found = existing_names.get(government) or row_kinds.get(government, (0, None))[1]
            if found is None:
                if government in later and later[government] >= row.number:
                    check.error(
                        row,
                        "government",
                        f"“{government}”在本文件第 {later[government]} 行，须排在引用它的行之前。",
                    )
                else:
                    check.error(row, "government", f"平台和本文件中都没有机关“{government}”。")
            elif found not in GOVERNMENT_KINDS:
                check.error(
                    row, "government", f"“{government}”不是人民政府，不能作为所属人民政府。"
                )
        elif kind in NEEDS_GOVERNMENT:
            check.error(
                row, "government", f"类别为“{Agency.Kind(kind).label}”的机关必须填写所属人民政府。"
            )
        is_supervisor = check.boolean(row, "is_supervisor", False)
        enforcement = check.boolean(row, "enforcement_subject", False)
        order = check.integer(row, "order", 100)
        if name and kind:
            row_kinds.setdefault(name, (row.number, kind))
        plans.append(
            AgencyPlan(
                row.number,
                {
                    "name": name,
                    "short_name": short_name or "",
                    "uscc": uscc,
                    "kind": kind,
                    "is_supervisor": bool(is_supervisor),
                    "enforcement_subject": bool(enforcement),
                    "order": order if order is not None else 100,
                },
                code or "",
                government,
            )
        )
    return plans, check.errors


def write(plans: list[AgencyPlan | DivisionPlan]) -> tuple[dict[str, int], list[int]]:
    """Create the planned divisions and agencies in file order (references point backwards)."""
    divisions = {d.code: d for d in Division.objects.all()}
    referenced = {p.government for p in plans if isinstance(p, AgencyPlan) and p.government}
    agencies = {a.name: a for a in Agency.objects.filter(name__in=referenced)}
    created_divisions = 0
    created: list[int] = []
    for division in sorted(
        (p for p in plans if isinstance(p, DivisionPlan)), key=lambda p: len(p.code)
    ):
        parent = next((divisions[c] for c in parent_codes(division.code) if c in divisions), None)
        divisions[division.code] = Division.objects.create(
            code=division.code,
            name=division.name,
            level=division_level(division.code),
            parent=parent,
        )
        created_divisions += 1
    for plan in plans:
        if not isinstance(plan, AgencyPlan):
            continue
        agency = Agency.objects.create(
            **plan.fields,
            division=divisions[plan.division_code],
            government=agencies[plan.government] if plan.government else None,
        )
        agencies[agency.name] = agency
        created.append(agency.pk)
    return {"区划": created_divisions, "机关": len(created)}, created
