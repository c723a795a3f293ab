"""Small builders shared by tests across apps: valid identifiers, agencies, users with roles."""

from __future__ import annotations

import itertools

from django.utils import timezone

from fazhi.kernel import ids

_counter = itertools.count(1)
PASSWORD = "Fazhi@Test2026"


def uscc(
    serial: int | None = None, *, authority: str = "1", kind: str = "1", division: str = "339001"
) -> str:
    """A valid 统一社会信用代码 of a government body (登记管理部门 1 机构编制, 类别 1 机关)."""
    n = serial if serial is not None else next(_counter)
    body = f"{authority}{kind}{division}{n:09d}"
    return body + ids.uscc_check_character(body)


def id_number(
    serial: int | None = None, *, birth: str = "19850612", division: str = "339001"
) -> str:
    n = serial if serial is not None else next(_counter)
    body = f"{division}{birth}{n % 1000:03d}"
    return body + ids.id_check_digit(body)


def county(code: str = "339001", name: str = "示范县"):
    from fazhi.core.orgs.models import Agency, Division

    division, _ = Division.objects.get_or_create(
        code=code, defaults={"name": name, "level": "county"}
    )
    government, _ = Agency.objects.get_or_create(
        name=f"{name}人民政府",
        defaults={"uscc": uscc(division=code), "kind": "government", "division": division},
    )
    return division, government


def agency(
    name: str,
    *,
    government=None,
    kind: str = "department",
    supervisor: bool = False,
    code: str = "339001",
):
    from fazhi.core.orgs.models import Agency

    division, gov = county(code)
    government = government or gov
    obj, _ = Agency.objects.get_or_create(
        name=name,
        defaults={
            "uscc": uscc(division=code),
            "kind": kind,
            "division": division,
            "government": government,
            "is_supervisor": supervisor,
        },
    )
    return obj


def user(username: str, *grants: tuple[str, object], password: str = PASSWORD, staff_agency=None):
    """A user whose password is current, holding ``grants`` = (role, agency) pairs."""
    from fazhi.core.accounts.models import RoleAssignment, StaffMember, User

    u = User.objects.create_user(username=username, password=password, display_name=username)
    u.password_changed_at = timezone.now()
    u.save(update_fields=["password_changed_at"])
    for role, ag in grants:
        RoleAssignment.objects.create(user=u, role=role, agency=ag)
    if staff_agency is not None:
        StaffMember.objects.create(
            user=u, agency=staff_agency, name=username, id_number=id_number()
        )
    return u
