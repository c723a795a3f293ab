"""Importing units (内设机构、分局、执法中队、乡镇所站)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from fazhi.core.importing.reader import Row

from ..models import Agency, Unit
from .checks import Checker
from .spec import UNITS

KINDS = {label: code for code, label in Unit.Kind.choices}


class AgencyRef(NamedTuple):
    pk: int
    name: str
    is_supervisor: bool


def agency_index() -> dict[str, AgencyRef]:
    """Every agency by full name and by 统一社会信用代码 (the two ways a file may name it)."""
    index: dict[str, AgencyRef] = {}
    for pk, name, uscc, supervisor in Agency.objects.values_list(
        "pk", "name", "uscc", "is_supervisor"
    ):
        ref = AgencyRef(pk, name, supervisor)
        index[name] = ref
        index[uscc] = ref
    return index


def find_agency(
    check: Checker, row: Row, key: str, index: dict[str, AgencyRef]
) -> AgencyRef | None:
    value = check.required(row, key)
    if value is None:
        return None
    ref = index.get(value) or index.get(value.upper())
    if ref is None:
        check.error(row, key, f"平台中没有机关“{value}”，请先导入机关或核对名称。")
    return ref


@dataclass
class UnitPlan:
    row: int
    agency_id: int
    name: str
    kind: str
    parent: str


def validate(rows: list[Row]) -> tuple[list[UnitPlan], list]:
    check = Checker(UNITS)
    index = agency_index()
    existing = set(Unit.objects.values_list("agency_id", "name"))
    seen: dict[tuple[int, str], int] = {}
    plans: list[UnitPlan] = []
    for row in rows:
        agency = find_agency(check, row, "agency", index)
        name = check.required(row, "name")
        if name:
            name = check.length(row, "name", name, 128)
        kind = check.choice(row, "kind", KINDS, Unit.Kind.SECTION)
        parent = row["parent"]
        if agency is None or not name:
            continue
        key = (agency.pk, name)
        if key in seen:
            check.error(row, "name", f"“{agency.name}”的“{name}”与第 {seen[key]} 行重复。")
        elif key in existing:
            check.error(row, "name", f"“{agency.name}”已有内设机构“{name}”，不能重复导入。")
        seen.setdefault(key, row.number)
        if parent:
            if parent == name:
                check.error(row, "parent", "上级机构不能是本机构自己。")
            elif (agency.pk, parent) not in existing and (agency.pk, parent) not in seen:
                check.error(
                    row,
                    "parent",
                    f"“{agency.name}”没有内设机构“{parent}”（须已在平台中或在本文件中排在本行之前）。",
                )
        if kind:
            plans.append(UnitPlan(row.number, agency.pk, name, kind, parent))
    return plans, check.errors


def write(plans: list[UnitPlan]) -> tuple[dict[str, int], list[int]]:
    agencies = {p.agency_id for p in plans}
    units = {(u.agency_id, u.name): u for u in Unit.objects.filter(agency_id__in=agencies)}
    created: list[int] = []
    for plan in plans:
        unit = Unit.objects.create(
            agency_id=plan.agency_id,
            name=plan.name,
            kind=plan.kind,
            parent=units[(plan.agency_id, plan.parent)] if plan.parent else None,
        )
        units[(plan.agency_id, plan.name)] = unit
        created.append(unit.pk)
    return {"内设机构": len(created)}, created
