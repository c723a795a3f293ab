"""The newcomer's path (Platform "Must show"): load the demo county, sign in in Chromium with each
login the README lists, and see only what that role may see.

The whole demo county is loaded (every system's loader, as ``make demo`` does). For each README
login: the README's password signs in; the navigation holds the role's entries and none of the
others; pages of other roles answer 403 even by typed address; an officer's and a head's case list
holds their own agency's cases only and another agency's case is not found, while the 司法局
supervisor opens it; the three
administrators see no business list at all. One screenshot per login goes to
build/screenshots/demo-<login>.png.

Run with ``make e2e`` (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser import screenshot

pytestmark = [pytest.mark.e2e]

README = Path(__file__).resolve().parents[2] / "README.md"
MARKET = "县市场监管局"


@dataclass(frozen=True)
class Seen:
    nav: set[str]  # entries that must be in the navigation
    not_nav: set[str]  # entries that must not be
    refused: tuple[str, ...]  # pages that must answer 403
    cases: str = ""  # "own": only 县市场监管局's cases; "county": several agencies'


ADMIN_PAGES = {"安全审计记录", "角色与账号安全", "批量导入"}
EXPECT = {
    "zhifa": Seen(
        {"我的待办", "行政处罚案件", "登记案源"},
        {"风险期限", "放假安排", "行政复议案件", "信访事项", *ADMIN_PAGES},
        ("/deadlines/risk/", "/disputes/", "/petitions/", "/accounts/audit/", "/orgs/import/"),
        cases="own",
    ),
    "fazhi_shenhe": Seen(
        {"我的待办", "行政处罚案件", "法治政府建设年度报告"},
        {"风险期限", "放假安排", *ADMIN_PAGES},
        ("/deadlines/calendar/", "/accounts/audit/", "/accounts/security/"),
        cases="own",
    ),
    "juzhang": Seen(
        {"我的待办", "行政处罚案件", "即将到期的执法证", "行政应诉"},
        {"风险期限", "放假安排", "季度通报", *ADMIN_PAGES},
        ("/deadlines/risk/", "/accounts/audit/", "/orgs/import/"),
        cases="own",
    ),
    "sifaju": Seen(
        {"我的待办", "风险期限", "放假安排", "季度通报", "行政处罚案件", "败诉分析"},
        ADMIN_PAGES,
        ("/accounts/audit/", "/accounts/security/", "/orgs/import/"),
        cases="county",
    ),
    "gongkai": Seen(
        {"我的待办", "依申请公开", "信息公开年报数据"},
        {"行政处罚案件", "信访事项", "行政复议案件", "风险期限", *ADMIN_PAGES},
        ("/enforcement/cases/", "/petitions/", "/disputes/", "/accounts/audit/"),
    ),
    "xinfang": Seen(
        {"我的待办", "信访事项", "12345工单"},
        {"行政处罚案件", "依申请公开", "行政复议案件", *ADMIN_PAGES},
        ("/enforcement/cases/", "/disclosure/", "/disputes/", "/accounts/audit/"),
    ),
    "yingsu": Seen(
        {"我的待办", "行政复议案件", "行政应诉", "败诉分析"},
        {"行政处罚案件", "信访事项", "依申请公开", *ADMIN_PAGES},
        ("/enforcement/cases/", "/petitions/", "/disclosure/", "/accounts/audit/"),
    ),
    "sysadmin": Seen(
        {"机关", "人员", "批量导入"},
        {"我的待办", "行政处罚案件", "安全审计记录", "角色与账号安全"},
        ("/deadlines/", "/enforcement/cases/", "/disputes/", "/accounts/audit/"),
    ),
    "secadmin": Seen(
        {"角色与账号安全"},
        {"我的待办", "行政处罚案件", "安全审计记录"},
        ("/deadlines/", "/enforcement/cases/", "/accounts/audit/"),
    ),
    "auditor": Seen(
        {"安全审计记录"},
        {"我的待办", "行政处罚案件", "机关", "人员", "批量导入", "角色与账号安全"},
        ("/deadlines/", "/enforcement/cases/", "/orgs/", "/orgs/import/"),
    ),
}


def readme_logins() -> tuple[str, list[str]]:
    """The password and the user names of the README's "Demo logins" table."""
    section = README.read_text(encoding="utf-8").split("## Demo logins", 1)[1].split("\n## ")[0]
    password = re.search(r"password\s*`([^`]+)`", section)
    assert password, "the README names no demo password"
    return password.group(1), re.findall(r"^\|[^|\n]+\|\s*`([A-Za-z0-9_]+)`\s*\|", section, re.M)


@pytest.fixture
def demo_county(transactional_db):
    from fazhi.core.deadlines.services import calendar_changed
    from fazhi.core.demo.generator import load

    calendar_changed()
    yield load()
    calendar_changed()


def _nav(page) -> set[str]:
    return {t.strip() for t in page.locator("nav.side a").all_inner_texts()}


def _status(page, url: str) -> int:
    response = page.goto(url)
    return 403 if "/accounts/login/" in page.url else response.status


def _case_agencies(page) -> set[str]:
    """The 执法机关 column of the case list's first page."""
    headers = [h.strip() for h in page.locator("table.list thead th").all_inner_texts()]
    column = headers.index("执法机关") + 1
    cells = page.locator(f"table.list tbody tr td:nth-child({column})").all_inner_texts()
    return {c.strip() for c in cells}


def test_every_readme_login_signs_in_and_sees_only_its_roles_pages(live_server, login, demo_county):
    from fazhi.core.demo import county as spec
    from fazhi.systems.enforcement.models import Case

    other = Case.objects.exclude(agency__short_name=MARKET).order_by("id").first()
    assert other is not None, "the demo county has cases of one agency only"
    other_url = f"{live_server.url}{reverse('enforcement:case_detail', args=[other.pk])}"
    password, users = readme_logins()
    assert sorted(users) == sorted(EXPECT), "the README's logins and this test's list differ"
    assert sorted(users) == sorted(d.username for d in spec.LOGINS)
    base = live_server.url
    for username in users:
        seen = EXPECT[username]
        page = login(username, password)
        assert "/accounts/login/" not in page.url, f"{username}: the README password failed"
        nav = _nav(page)
        assert seen.nav <= nav, f"{username}: missing {seen.nav - nav}"
        assert not (seen.not_nav & nav), f"{username}: must not see {seen.not_nav & nav}"
        screenshot(page, f"demo-{username}")
        for path in seen.refused:
            assert _status(page, base + path) == 403, f"{username} opened {path}"
        if seen.cases:
            assert _status(page, f"{base}/enforcement/cases/") == 200
            agencies = _case_agencies(page)
            reachable = _status(page, other_url) == 200
            if seen.cases == "own":
                assert agencies == {MARKET}, f"{username} sees {agencies}"
                assert not reachable, f"{username} opened another agency's case"
            else:
                assert reachable, f"{username} cannot open a case of {other.agency}"
        page.context.close()
