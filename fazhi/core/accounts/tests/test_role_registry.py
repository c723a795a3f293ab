"""Roles come from a registry: a system registers the roles it acts with, and a role nobody
registered cannot be granted. Adding a role needs neither a core edit nor a migration."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command
from django.urls import reverse

from fazhi.core.accounts import provisioning, roles, services
from fazhi.core.accounts.models import RoleAssignment, User
from fazhi.core.accounts.policies import principal
from fazhi.core.accounts.roles import Role
from fazhi.core.orgs.filters import StaffFilterSet
from fazhi.core.orgs.importing.staff import parse_roles
from tests import factories as f

#: The roles the platform has always had, with the codes stored in the database.
PLATFORM_ROLES = [
    ("officer", "行政执法人员"),
    ("legal_reviewer", "法制审核人员"),
    ("agency_head", "机关负责人"),
    ("supervisor", "法治监督人员（司法局）"),
    ("disclosure_staff", "信息公开工作人员"),
    ("petition_staff", "信访工作人员"),
    ("litigation_staff", "复议应诉工作人员"),
    ("proposal_staff", "建议提案办理人员"),
    ("system_admin", "系统管理员"),
    ("security_admin", "安全保密管理员"),
    ("audit_admin", "安全审计员"),
]


@pytest.fixture
def archivist():
    """The role of a system the platform does not ship (a fake 档案 system)."""
    code = roles.register("archive_staff", "档案管理人员", order=90, aliases=("档案员",))
    yield code
    roles.forget("archive_staff")


def test_the_installed_systems_register_the_platform_roles_unchanged():
    assert roles.choices() == PLATFORM_ROLES
    assert Role.OFFICER == "officer" and Role.OFFICER.label == "行政执法人员"


@pytest.mark.django_db
def test_a_registered_role_is_offered_and_granted_on_the_security_page(client, archivist):
    gov = f.county()[1]
    dept = f.agency("示范县档案馆")
    secadmin = f.user("sec", (Role.SECURITY_ADMIN, gov))
    clerk = f.user("dangan")
    client.force_login(secadmin)

    assert archivist == Role.ARCHIVE_STAFF
    page = client.get(reverse("accounts:security")).content.decode()
    assert '<option value="archive_staff">档案管理人员</option>' in page

    response = client.post(
        reverse("accounts:security"),
        {"user": clerk.pk, "role": "archive_staff", "agency": dept.pk},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.filter(user=clerk, role="archive_staff", agency=dept).exists()
    # A system's role is a business role: its holder works on the agency's data.
    clerk = User.objects.get(pk=clerk.pk)
    assert principal(clerk).is_business_user and dept.pk in principal(clerk).visible_agency_ids


@pytest.mark.django_db
def test_a_registered_role_filters_the_staff_list_and_is_read_from_a_staff_file(archivist):
    assert ("archive_staff", "档案管理人员") in list(StaffFilterSet().form.fields["role"].choices)
    assert parse_roles("档案管理人员、档案员、执法人员、法治监督人员、保洁员") == (
        ["archive_staff", "officer", "supervisor"],
        ["保洁员"],
    )


@pytest.mark.django_db
def test_a_registered_role_needs_no_migration(archivist):
    # The field reads the registry (so the role is valid on the model), and its migration
    # names the registry, not a list: registering a role changes no migration.
    choices = RoleAssignment._meta.get_field("role").choices
    assert choices is not None
    assert ("archive_staff", "档案管理人员") in choices
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_a_role_nobody_registered_is_refused():
    gov = f.county()[1]
    secadmin = f.user("sec", (Role.SECURITY_ADMIN, gov))
    clerk = f.user("dangan")
    with pytest.raises(ValidationError) as exc:
        services.assign_role(clerk, "archive_staff", gov, actor=secadmin)
    assert "未知角色：archive_staff" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        provisioning.provision_roles(clerk, ["archive_staff"], gov, actor=provisioning.BOOTSTRAP)
    assert "未知角色：archive_staff" in exc.value.messages[0]
    assert not RoleAssignment.objects.filter(user=clerk).exists()
    with pytest.raises(AttributeError):
        Role.ARCHIVE_STAFF  # noqa: B018


def test_one_code_cannot_carry_two_labels(archivist):
    assert roles.register("archive_staff", "档案管理人员") is archivist  # the same role again
    with pytest.raises(ImproperlyConfigured):
        roles.register("archive_staff", "档案工作人员")
    for bad in ("档案", "Archive", "a" * 33):  # the role field stores 32 lower-case characters
        with pytest.raises(ImproperlyConfigured):
            roles.register(bad, "档案管理人员")


@pytest.mark.django_db
def test_three_administrators_stay_apart_from_a_registered_role(archivist):
    """三员分立 (GB/T 22239-2019 8.1.4.2 d): an administrator holds no business role, whichever
    system registered it."""
    gov = f.county()[1]
    secadmin = f.user("sec", (Role.SECURITY_ADMIN, gov))
    auditor = f.user("aud", (Role.AUDIT_ADMIN, gov))
    with pytest.raises(ValidationError):
        services.assign_role(auditor, archivist, gov, actor=secadmin)
