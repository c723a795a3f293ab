"""The demo county: deterministic, idempotent, valid identifiers, working logins."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.core.accounts.models import RoleAssignment, SecurityEvent, StaffMember, User
from fazhi.core.accounts.policies import principal
from fazhi.core.accounts.roles import Role
from fazhi.core.demo import county as spec
from fazhi.core.demo import registry
from fazhi.core.demo.generator import load, plan
from fazhi.core.orgs.models import Agency, Division, Unit
from fazhi.kernel.ids import check_division_code, check_id_number, check_uscc

pytestmark = pytest.mark.django_db

MODELS = (Division, Agency, Unit, StaffMember, User, RoleAssignment, SecurityEvent)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def test_loading_twice_leaves_the_same_counts(demo):
    first = counts()
    load(run_registered=False)
    assert counts() == first
    assert first["StaffMember"] >= 300 and first["Agency"] >= 25


def test_the_same_seed_gives_the_same_county():
    a, b = plan(), plan()
    assert [(s.name, s.id_number) for s in a.staff] == [(s.name, s.id_number) for s in b.staff]
    assert [x.uscc for x in a.agencies] == [x.uscc for x in b.agencies]
    assert [s.id_number for s in plan(seed=7).staff] != [s.id_number for s in a.staff]


def test_county_structure(demo):
    county = Division.objects.get(code=spec.COUNTY_CODE)
    assert county.level == "county" and check_division_code(county.code).ok
    assert county.children.filter(level="township").count() == len(spec.TOWNSHIPS) >= 12
    government = demo.government
    assert government.kind == "government" and not government.is_supervisor
    assert demo.justice.kind == "justice" and demo.justice.is_supervisor
    assert demo.justice.government == government
    office = demo.agency("office")
    assert office.kind == "office" and office.is_supervisor
    departments = Agency.objects.filter(government=government, kind="department")
    assert departments.count() >= 20
    names = set(departments.values_list("name", flat=True))
    for wanted in (
        "市场监督管理局",
        "自然资源和规划局",
        "综合行政执法局",
        "退役军人事务局",
        "林业局",
    ):
        assert spec.COUNTY_NAME + wanted in names
    market = demo.agency("market")
    stations = market.units.filter(kind="station")
    assert stations.count() == len(spec.TOWNSHIPS)
    assert stations.filter(name="城关市场监督管理所").exists()


def test_every_uscc_and_id_number_passes_the_kernel_checks(demo):
    usccs = list(Agency.objects.values_list("uscc", flat=True))
    assert usccs and all(check_uscc(u).ok for u in usccs)
    assert all(
        u.startswith("11" + spec.COUNTY_CODE) for u in usccs
    )  # 机构编制·机关, county registrar
    numbers = list(StaffMember.objects.values_list("id_number", flat=True))
    assert len(numbers) >= 300
    bad = [n for n in numbers if not check_id_number(n).ok]
    assert bad == []
    assert all(n.startswith(spec.COUNTY_CODE) for n in numbers)


@pytest.mark.parametrize("login", spec.LOGINS, ids=lambda login: login.username)
def test_each_role_login_signs_in_through_the_login_page(client, demo, login):
    user = User.objects.get(username=login.username)
    assert user.role_assignments.filter(role=login.role, agency=demo.agency(login.agency)).exists()
    assert user.staff.agency == demo.agency(login.agency)
    response = client.post(
        reverse("accounts:login"), {"username": login.username, "password": spec.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    home = client.get(reverse("ui:home"))
    assert home.status_code == 200  # not sent to the password change form
    assert str(user) in home.content.decode()


def test_demo_password_satisfies_the_password_rules(demo):
    from django.contrib.auth.password_validation import validate_password

    for login in spec.LOGINS:
        validate_password(spec.DEMO_PASSWORD, User.objects.get(username=login.username))


def test_supervisor_sees_every_county_agency_and_an_officer_only_its_own(demo):
    county_agencies = set(
        Agency.objects.filter(division__code__startswith=spec.COUNTY_CODE).values_list(
            "pk", flat=True
        )
    )
    supervisor = User.objects.get(username="sifaju")
    assert principal(supervisor).visible_agency_ids == county_agencies
    officer = User.objects.get(username="zhifa")
    assert principal(officer).visible_agency_ids == {demo.agency("market").pk}


def test_administrators_hold_no_business_role(demo):
    for username in ("sysadmin", "secadmin", "auditor"):
        roles = set(
            User.objects.get(username=username).role_assignments.values_list("role", flat=True)
        )
        assert len(roles) == 1 and roles <= {
            Role.SYSTEM_ADMIN,
            Role.SECURITY_ADMIN,
            Role.AUDIT_ADMIN,
        }


def test_role_grants_are_in_the_audit_trail(demo):
    events = SecurityEvent.objects.filter(kind="role_granted")
    assert events.count() == len(spec.LOGINS)
    assert all(e.ledger_leaf and e.actor == "system:bootstrap" for e in events)


def test_registered_loaders_run_in_order_with_the_county(demo):
    calls: list[tuple[str, str]] = []
    registry.register("zz_second", lambda c: calls.append(("second", c.government.name)), order=20)
    registry.register(
        "aa_first", lambda c: calls.append(("first", str(c.rng("x").random()))), order=10
    )
    try:
        county = load(only={"aa_first", "zz_second"})
        load(only={"aa_first", "zz_second"})
    finally:
        registry.unregister("zz_second")
        registry.unregister("aa_first")
    assert [c[0] for c in calls] == ["first", "second", "first", "second"]
    assert calls[0] == calls[2]  # the loader's generator is seeded: same draw each time
    assert calls[1][1] == county.government.name == demo.government.name
    assert [run.name for run in county.loaded] == ["aa_first", "zz_second"]


def test_command_prints_the_login_table(demo):
    out = io.StringIO()
    call_command("demo", "load", "--no-loaders", stdout=out)
    text = out.getvalue()
    for login in spec.LOGINS:
        assert f"`{login.username}`" in text
    assert spec.DEMO_PASSWORD in text
