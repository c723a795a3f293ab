"""The audit administrator's security audit trail (三员分立, GB/T 22239-2019 8.1.4.3 安全审计):
filters by who acted, what happened, when and to which account; details in Chinese; an export
with the same filters; nobody else sees it."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from fazhi.core.accounts import services
from fazhi.core.accounts.models import SecurityEvent
from fazhi.core.accounts.roles import Role
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail():
    gov = f.county()[1]
    dept = f.agency("示范县市场监督管理局")
    secadmin = f.user("sec", (Role.SECURITY_ADMIN, gov))
    officer = f.user("wu")
    auditor = f.user("aud", (Role.AUDIT_ADMIN, gov))
    with time_machine.travel(datetime(2025, 3, 3, 2, 0, tzinfo=UTC), tick=False):
        services.log_event(SecurityEvent.Kind.FAILURE, "wu", ip="10.0.0.8", attempts=2)
    with time_machine.travel(datetime(2025, 3, 10, 2, 0, tzinfo=UTC), tick=False):
        grant = services.assign_role(officer, Role.OFFICER, dept, actor=secadmin)
    with time_machine.travel(datetime(2025, 3, 20, 2, 0, tzinfo=UTC), tick=False):
        services.revoke_role(grant, actor=secadmin)
        services.log_event(
            SecurityEvent.Kind.LOCKOUT, "wu", until="2025-03-20T02:30:00+00:00", ip="10.0.0.8"
        )
    return auditor


def _rows(response) -> list[tuple]:
    ws = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return list(ws.iter_rows(values_only=True))


def test_details_read_in_chinese_never_as_a_dict(client, trail):
    client.force_login(trail)
    body = client.get(reverse("accounts:audit")).content.decode()
    assert "角色：行政执法人员；机关：示范县市场监督管理局" in body
    assert "连续失败次数：2 次" in body
    # The lock's end is shown in local time (Asia/Shanghai), not as an ISO string.
    assert "锁定至：2025-03-20 10:30" in body
    assert "{" not in body.split('id="list"')[1] and "&#x27;role&#x27;" not in body
    assert "授予角色" in body and "撤销角色" in body


def test_filters_by_event_user_account_and_dates(client, trail):
    client.force_login(trail)
    url = reverse("accounts:audit")

    def kinds(**query) -> set[str]:
        rows = _rows(client.get(url, {**query, "export": "xlsx"}))
        assert rows[0][:2] == ("时间", "事件")
        return {r[1] for r in rows[1:]}

    assert kinds(kind="role_granted") == {"授予角色"}
    assert kinds(user="sec") == {"撤销角色", "授予角色"}
    assert kinds(target="wu", since="2025-03-15") == {"撤销角色", "账号锁定"}
    assert kinds(target="wu", since="2025-03-01", until="2025-03-10") == {"授予角色", "登录失败"}
    assert kinds(target="nobody") == set()
    services.log_event(
        SecurityEvent.Kind.ACCOUNT, "new", actor="system:bootstrap", change="created", source="demo"
    )
    assert kinds(user="系统初始化") == {"账号变更"}
    rows = _rows(client.get(url, {"user": "系统初始化", "export": "xlsx"}))
    assert rows[1][3:6] == ("系统初始化", None, "变更：创建账号；来源：演示数据")
    table = client.get(url, {"kind": "role_granted"}).content.decode().split('id="list"')[1]
    assert "授予角色" in table and "撤销角色" not in table
    assert '<option value="" selected>全部</option>' in client.get(url).content.decode()


def test_the_export_has_the_filters_typed_dates_and_chinese_details(client, trail):
    client.force_login(trail)
    rows = _rows(client.get(reverse("accounts:audit"), {"kind": "failure", "export": "xlsx"}))
    assert len(rows) == 2
    when, kind, account, actor, ip, detail, leaf = rows[1]
    assert isinstance(when, datetime) and when == datetime(2025, 3, 3, 10, 0)
    assert (kind, account, ip, detail) == ("登录失败", "wu", "10.0.0.8", "连续失败次数：2 次")
    assert isinstance(leaf, int)


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.SUPERVISOR])
def test_nobody_but_the_audit_administrator_reads_or_exports_it(client, trail, role):
    gov = f.county()[1]
    client.force_login(f.user(f"u_{role}", (role, gov)))
    url = reverse("accounts:audit")
    assert client.get(url).status_code == 403
    assert client.get(url, {"export": "xlsx"}).status_code == 403
    home = client.get(reverse("ui:home")).content.decode()
    assert url not in home
