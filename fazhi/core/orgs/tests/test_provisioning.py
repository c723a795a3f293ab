"""Bulk provisioning of accounts and roles (accounts/provisioning.py) and the staff pages'
one-time password: the same audit rows as the single-grant path, and 三员分立 kept
(GB/T 22239-2019 8.1.4.2 d: 实现管理用户的权限分离)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from fazhi.core.accounts import provisioning
from fazhi.core.accounts.models import SecurityEvent, StaffMember
from fazhi.core.accounts.roles import Role
from fazhi.core.accounts.services import password_expired
from fazhi.core.ledger.selectors import sealed

pytestmark = pytest.mark.django_db


def test_provision_roles_writes_audit_events_sealed_in_the_ledger(world):
    grants = provisioning.provision_roles(
        world.officer, [Role.LEGAL_REVIEWER, Role.AGENCY_HEAD], world.market, actor=world.secadmin
    )
    assert {g.role for g in grants} == {Role.LEGAL_REVIEWER, Role.AGENCY_HEAD}
    events = SecurityEvent.objects.filter(kind="role_granted", username="officer")
    assert events.count() == 2
    for event in events:
        assert event.ledger_leaf is not None
        entry = sealed().get(leaf=event.ledger_leaf)
        assert entry.action == "security.role_granted" and entry.actor == "secadmin"
    provisioning.provision_roles(
        world.officer, [Role.AGENCY_HEAD], world.market, actor=world.secadmin
    )
    assert events.count() == 2  # granting again is a no-op, not a second event


def test_only_the_security_admin_or_bootstrap_provisions_roles(world):
    for actor in (world.sysadmin, world.auditor, world.officer, "cli"):
        with pytest.raises(PermissionDenied):
            provisioning.provision_roles(
                world.officer, [Role.AGENCY_HEAD], world.market, actor=actor
            )
    provisioning.provision_roles(
        world.officer, [Role.AGENCY_HEAD], world.market, actor=provisioning.BOOTSTRAP
    )


def test_separation_of_the_three_administrators_is_enforced_with_what_is_held(world):
    with pytest.raises(ValidationError, match="三员分立"):
        provisioning.provision_roles(
            world.officer, [Role.AUDIT_ADMIN], world.government, actor=world.secadmin
        )
    with pytest.raises(ValidationError, match="三员分立"):
        provisioning.provision_roles(
            world.sysadmin, [Role.SECURITY_ADMIN], world.government, actor=world.secadmin
        )
    assert provisioning.separation_problem([Role.OFFICER, Role.LEGAL_REVIEWER]) is None
    assert provisioning.separation_problem([Role.SYSTEM_ADMIN]) is None


def test_system_admin_issues_a_one_time_password_that_must_be_changed(client, world):
    staff = StaffMember.objects.get(user=world.officer)
    client.force_login(world.sysadmin)
    response = client.post(reverse("accounts:staff_reset_password", args=[staff.pk]))
    assert response.status_code == 200
    password = response.context["one_time_password"]
    assert password and password in response.content.decode()
    world.officer.refresh_from_db()
    assert world.officer.check_password(password) and password_expired(world.officer)
    assert SecurityEvent.objects.filter(
        kind="password", username="officer", actor="sysadmin"
    ).exists()
    # the holder signs in and is sent to change it
    client.logout()
    client.post(reverse("accounts:login"), {"username": "officer", "password": password})
    assert reverse("accounts:password_change") in client.get(reverse("ui:home"))["Location"]


def test_administrator_accounts_are_not_reset_by_the_system_admin(world):
    with pytest.raises(PermissionDenied, match="三员分立"):
        provisioning.reset_password(world.auditor, actor=world.sysadmin)
    with pytest.raises(PermissionDenied):
        provisioning.reset_password(world.officer, actor=world.secadmin)


def test_one_time_passwords_satisfy_the_complexity_rule(world):
    from django.contrib.auth.password_validation import validate_password

    for _ in range(20):
        validate_password(provisioning.one_time_password(), world.officer)


def test_staff_detail_is_limited_to_visible_agencies(client, world):
    other = StaffMember.objects.get(name="赵敏")
    client.force_login(world.supervisor)
    assert client.get(reverse("accounts:staff_detail", args=[other.pk])).status_code == 404
    mine = StaffMember.objects.get(name="李娜")
    page = client.get(reverse("accounts:staff_detail", args=[mine.pk])).content.decode()
    assert "李娜" in page and mine.id_number not in page and "发放一次性密码" not in page
