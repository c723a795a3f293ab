"""Importing staff (工作人员), their login accounts and, for the security administrator, their
roles.

三员分立 (GB/T 22239-2019 8.1.4.2 d): granting roles belongs to the security administrator. A
staff file imported by anyone else must leave the 角色 column empty, or it is refused as a whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fazhi.core.accounts import provisioning
from fazhi.core.accounts import roles as registry
from fazhi.core.accounts.models import StaffMember, User
from fazhi.core.accounts.roles import Role
from fazhi.core.importing.reader import Row

from ..models import Agency, Unit
from .checks import PHONE, USERNAME, Checker
from .spec import STAFF
from .units import agency_index, find_agency

_ROLE_SEPARATORS = re.compile(r"[、，,;；/\s]+")


def parse_roles(text: str) -> tuple[list[str], list[str]]:
    """Role codes named in a cell (Chinese names or codes), and the names not recognised."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in filter(None, _ROLE_SEPARATORS.split(text)):
        code = registry.by_name(part)
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


@dataclass
class StaffPlan:
    row: int
    fields: dict[str, object]
    username: str
    roles: list[str] = field(default_factory=list)


def validate(rows: list[Row], *, may_grant_roles: bool) -> tuple[list[StaffPlan], list]:
    check = Checker(STAFF)
    index = agency_index()
    units = {(a, n): pk for pk, a, n in Unit.objects.values_list("pk", "agency_id", "name")}
    existing_ids = dict(StaffMember.objects.values_list("id_number", "agency__name"))
    existing_users = set(User.objects.values_list("username", flat=True))
    id_seen: dict[str, int] = {}
    user_seen: dict[str, int] = {}
    plans: list[StaffPlan] = []
    for row in rows:
        name = check.required(row, "name")
        if name:
            name = check.length(row, "name", name, 64)
        id_number = check.id_number(row, "id_number")
        if (
            id_number
            and check.unique(row, "id_number", id_number, id_seen)
            and id_number in existing_ids
        ):
            check.error(
                row,
                "id_number",
                f"该公民身份号码已登记在“{existing_ids[id_number]}”，不能重复导入。",
            )
        agency = find_agency(check, row, "agency", index)
        unit_id = None
        if row["unit"] and agency is not None:
            unit_id = units.get((agency.pk, row["unit"]))
            if unit_id is None:
                check.error(
                    row, "unit", f"“{agency.name}”没有内设机构“{row['unit']}”，请先导入内设机构。"
                )
        position = check.length(row, "position", row["position"], 64)
        phone = row["phone"]
        if phone and not PHONE.match(phone):
            check.error(row, "phone", f"“{phone}”不是电话号码（只能含数字、空格、“-”和括号）。")
        username = row["username"]
        if username:
            if not USERNAME.match(username):
                check.error(
                    row, "username", "只能由字母、数字及 @ . + - _ 组成，不超过 150 个字符。"
                )
            elif check.unique(row, "username", username, user_seen) and username in existing_users:
                check.error(row, "username", f"登录账号“{username}”已被占用。")
        roles = _roles(check, row, username, agency, may_grant_roles)
        active = check.boolean(row, "active", True)
        if name and id_number and agency:
            plans.append(
                StaffPlan(
                    row.number,
                    {
                        "name": name,
                        "id_number": id_number,
                        "agency_id": agency.pk,
                        "unit_id": unit_id,
                        "position": position or "",
                        "phone": phone,
                        "active": active is not False,
                    },
                    username,
                    roles,
                )
            )
    return plans, check.errors


def _roles(check: Checker, row: Row, username: str, agency, may_grant_roles: bool) -> list[str]:
    text = row["roles"]
    if not text:
        return []
    if not may_grant_roles:
        check.error(
            row,
            "roles",
            "三员分立：角色只能由安全保密管理员授予，其他人导入人员时本列须留空"
            "（整个文件未导入，请清空本列后重新导入，或交由安全保密管理员导入）。",
        )
        return []
    codes, unknown = parse_roles(text)
    if unknown:
        check.error(
            row,
            "roles",
            f"无法识别的角色：{'、'.join(unknown)}；可填写：{'、'.join(registry.labels())}。",
        )
    if not username:
        check.error(row, "roles", "授予角色须同时填写登录账号。")
    problem = provisioning.separation_problem(codes)
    if problem:
        check.error(row, "roles", problem)
    if Role.SUPERVISOR in codes and agency is not None and not agency.is_supervisor:
        check.error(
            row,
            "roles",
            f"“{agency.name}”不是法治监督机构，不能授予“{Role.SUPERVISOR.label}”角色。",
        )
    return codes


def write(plans: list[StaffPlan], *, actor: User | str) -> tuple[dict[str, int], list[int]]:
    """Create accounts one by one (each is an audited security event), then the staff rows,
    then the roles through :func:`provisioning.provision_roles`."""
    users: dict[str, User] = {}
    for plan in plans:
        if plan.username:
            users[plan.username] = provisioning.create_account(
                plan.username, display_name=str(plan.fields["name"]), actor=actor, source="import"
            )
    staff = StaffMember.objects.bulk_create(
        [StaffMember(user=users.get(p.username), **p.fields) for p in plans]
    )
    agencies = Agency.objects.in_bulk({p.fields["agency_id"] for p in plans if p.roles})
    granted = 0
    for plan in plans:
        if plan.roles:
            grants = provisioning.provision_roles(
                users[plan.username],
                plan.roles,
                agencies[plan.fields["agency_id"]],
                actor=actor,
                source="import",
            )
            granted += len(grants)
    ids = [s.pk for s in staff if s.pk is not None]
    if len(ids) != len(staff):
        ids = list(
            StaffMember.objects.filter(
                id_number__in=[p.fields["id_number"] for p in plans]
            ).values_list("pk", flat=True)
        )
    return {"人员": len(staff), "登录账号": len(users), "角色": granted}, ids
