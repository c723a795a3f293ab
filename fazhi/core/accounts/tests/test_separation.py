"""三员分立 in the navigation and the business pages (GB/T 22239-2019 8.1.4.2 访问控制: the
system, security and audit administrators each hold only their own powers)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core.accounts.roles import Role
from fazhi.core.ui.nav import visible
from tests import factories as f

pytestmark = pytest.mark.django_db


def _labels(user) -> set[str]:
    return {item.label for _, items in visible(user) for item, _ in items}


@pytest.mark.parametrize(
    ("role", "own", "others"),
    [
        (Role.AUDIT_ADMIN, "安全审计记录", {"角色与账号安全", "我的待办", "机关"}),
        (Role.SECURITY_ADMIN, "角色与账号安全", {"安全审计记录", "我的待办"}),
        (Role.SYSTEM_ADMIN, "机关", {"安全审计记录", "角色与账号安全", "我的待办"}),
    ],
)
def test_each_administrator_reaches_only_its_own_pages_from_the_navigation(role, own, others):
    gov = f.county()[1]
    labels = _labels(f.user(f"u_{role}", (role, gov)))
    assert own in labels
    assert not (labels & others)


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
@pytest.mark.parametrize("page", ["deadlines:todo", "deadlines:list"])
def test_administrators_have_no_business_to_do_list(client, role, page):
    gov = f.county()[1]
    client.force_login(f.user(f"u_{role}", (role, gov)))
    assert client.get(reverse(page)).status_code == 403


def test_an_officer_has_a_to_do_list_but_no_security_pages(client):
    dept = f.agency("示范县市场监督管理局")
    officer = f.user("zhifa", (Role.OFFICER, dept))
    client.force_login(officer)
    assert client.get(reverse("deadlines:todo")).status_code == 200
    assert client.get(reverse("accounts:audit")).status_code == 403
    assert client.get(reverse("accounts:security")).status_code == 403
    assert {"安全审计记录", "角色与账号安全"}.isdisjoint(_labels(officer))
