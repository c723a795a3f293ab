"""Login hardened to 等保 level 3 basics (GB/T 22239-2019 8.1.4.1 身份鉴别, 8.1.4.3 安全审计)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from fazhi.core.accounts import services
from fazhi.core.accounts.models import SecurityEvent, User
from fazhi.core.accounts.roles import Role
from fazhi.core.ledger.selectors import sealed
from tests import factories as f

pytestmark = pytest.mark.django_db
LOGIN = "accounts:login"


def login(client, username, password=f.PASSWORD):
    return client.post(reverse(LOGIN), {"username": username, "password": password})


def test_password_needs_three_character_classes():
    u = f.user("li")
    with pytest.raises(ValidationError) as err:
        services.change_password(u, "alllowercaseletters")
    assert "至少三类" in " ".join(err.value.messages)
    services.change_password(u, "Better-Pass-2026")
    u.refresh_from_db()
    assert u.check_password("Better-Pass-2026")


def test_five_failures_lock_the_account_even_for_the_right_password(client):
    f.user("wang")
    for _ in range(5):
        response = login(client, "wang", "wrong-password")
        assert response.status_code == 200
    assert User.objects.get(username="wang").locked_until is not None
    response = login(client, "wang")
    assert "账号已锁定" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    kinds = list(SecurityEvent.objects.filter(username="wang").values_list("kind", flat=True))
    assert kinds.count("failure") == 5 and "lockout" in kinds


def test_lock_runs_out_after_the_lockout_period(client, settings):
    f.user("zhao")
    for _ in range(settings.FAZHI_SECURITY["LOCKOUT_THRESHOLD"]):
        login(client, "zhao", "wrong")
    later = timezone.now() + timedelta(minutes=settings.FAZHI_SECURITY["LOCKOUT_MINUTES"] + 1)
    with time_machine.travel(later):
        response = login(client, "zhao")
    assert response.status_code == 302


def test_security_administrator_unlocks_and_nobody_else_may(client):
    gov = f.county()[1]
    target = f.user("qian")
    target.locked_until = timezone.now() + timedelta(minutes=30)
    target.save()
    sysadmin = f.user("sys", (Role.SYSTEM_ADMIN, gov))
    with pytest.raises(PermissionDenied):
        services.unlock_account(target, actor=sysadmin)
    secadmin = f.user("sec", (Role.SECURITY_ADMIN, gov))
    client.force_login(secadmin)
    response = client.post(reverse("accounts:unlock", args=[target.pk]))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.locked_until is None
    assert SecurityEvent.objects.filter(kind="unlock", username="qian", actor="sec").exists()


def test_idle_session_expires(client, settings):
    f.user("sun")
    assert login(client, "sun").status_code == 302
    assert client.get(reverse("ui:home")).status_code == 200
    later = timezone.now() + timedelta(minutes=settings.FAZHI_SECURITY["IDLE_MINUTES"] + 1)
    with time_machine.travel(later):
        response = client.get(reverse("ui:home"))
    assert response.status_code == 302 and reverse(LOGIN) in response["Location"]


def test_expired_password_must_be_changed_first(client, settings):
    u = f.user("zhou")
    u.password_changed_at = timezone.now() - timedelta(
        days=settings.FAZHI_SECURITY["PASSWORD_MAX_AGE_DAYS"] + 1
    )
    u.save()
    login(client, "zhou")
    response = client.get(reverse("ui:home"))
    assert (
        response.status_code == 302 and reverse("accounts:password_change") in response["Location"]
    )


def test_login_logout_failure_and_role_changes_are_in_the_audit_trail_and_ledger(client):
    gov = f.county()[1]
    f.user("wu")
    login(client, "wu", "bad")
    login(client, "wu")
    client.post(reverse("accounts:logout"))
    secadmin = f.user("sec", (Role.SECURITY_ADMIN, gov))
    officer = User.objects.get(username="wu")
    dept = f.agency("示范县市场监督管理局")
    grant = services.assign_role(officer, Role.OFFICER, dept, actor=secadmin)
    services.revoke_role(grant, actor=secadmin)
    events = SecurityEvent.objects.filter(username="wu")
    assert set(events.values_list("kind", flat=True)) >= {
        "failure",
        "login",
        "logout",
        "role_granted",
        "role_revoked",
    }
    for event in events:
        assert event.ledger_leaf is not None
        entry = sealed().get(leaf=event.ledger_leaf)
        assert entry.action == f"security.{event.kind}"


def test_only_the_audit_administrator_reads_the_audit_trail(client):
    gov = f.county()[1]
    client.force_login(f.user("sys", (Role.SYSTEM_ADMIN, gov)))
    assert client.get(reverse("accounts:audit")).status_code == 403
    client.force_login(f.user("aud", (Role.AUDIT_ADMIN, gov)))
    response = client.get(reverse("accounts:audit"))
    assert response.status_code == 200 and "安全审计记录" in response.content.decode()


def test_administrator_roles_are_kept_apart_from_business_roles():
    """三员分立: the audit administrator can never hold a role that changes business data."""
    gov = f.county()[1]
    secadmin = f.user("sec", (Role.SECURITY_ADMIN, gov))
    auditor = f.user("aud", (Role.AUDIT_ADMIN, gov))
    with pytest.raises(ValidationError):
        services.assign_role(auditor, Role.OFFICER, gov, actor=secadmin)
    with pytest.raises(ValidationError):
        services.assign_role(auditor, Role.SYSTEM_ADMIN, gov, actor=secadmin)
    with pytest.raises(PermissionDenied):
        services.assign_role(secadmin, Role.OFFICER, gov, actor=auditor)
