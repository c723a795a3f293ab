"""Each role of a county signs in through the browser and sees only what it may see: a newcomer
logs in as each role and sees only what that role may see.

A small county is built here (not the full demo, to stay fast): a government, its 司法局 (the
supervising body), two departments, one login per role and one deadline in each department.
For every role the test checks the navigation entries, a page the role may not open (403), that
another agency's record is neither listed nor reachable by its address, and the 三员分立 rules:
the audit administrator cannot change business data, the system administrator cannot read the
audit trail. A screenshot per role goes to build/screenshots/roles-<role>.png.

Run with ``make e2e`` (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from fazhi.core.accounts.roles import Role
from tests import factories as f
from tests.browser import screenshot

pytestmark = [pytest.mark.e2e]

A_RECORD = "甲局案件期限（测试）"
B_RECORD = "乙局案件期限（测试）"
BUSINESS_NAV = {"我的待办", "全部期限"}
ORG_NAV = {"机关", "内设机构", "人员"}


@dataclass(frozen=True)
class Expect:
    """What one role must see and must not see."""

    role: str
    agency: str  # "a" (甲局), "justice" or "government"
    nav: set[str]  # entries that must be in the navigation
    not_nav: set[str]  # entries that must not be
    forbidden: tuple[str, ...]  # paths that must answer 403 (or send back to the login page)
    sees_b: bool = False  # whether 乙局's record is visible
    business: bool = True  # has a deadline list at all
    extra: dict = field(default_factory=dict)


CASES = [
    Expect(
        Role.OFFICER,
        "a",
        BUSINESS_NAV,
        {"风险期限", "放假安排", "安全审计记录", "角色与账号安全", "批量导入"},
        ("/deadlines/risk/", "/deadlines/calendar/", "/accounts/audit/", "/orgs/import/"),
    ),
    Expect(
        Role.LEGAL_REVIEWER,
        "a",
        BUSINESS_NAV,
        {"风险期限", "放假安排", "安全审计记录", "角色与账号安全"},
        ("/deadlines/calendar/", "/accounts/security/", "/accounts/audit/"),
    ),
    Expect(
        Role.AGENCY_HEAD,
        "a",
        BUSINESS_NAV,
        {"风险期限", "放假安排", "安全审计记录", "角色与账号安全"},
        ("/deadlines/risk/", "/accounts/audit/", "/orgs/import/"),
    ),
    Expect(
        Role.SUPERVISOR,
        "justice",
        BUSINESS_NAV | {"风险期限", "放假安排"},
        {"安全审计记录", "角色与账号安全", "批量导入"},
        ("/accounts/audit/", "/accounts/security/", "/orgs/import/"),
        sees_b=True,
    ),
    Expect(
        Role.DISCLOSURE_STAFF,
        "a",
        BUSINESS_NAV,
        {"风险期限", "放假安排", "安全审计记录"},
        ("/deadlines/calendar/", "/accounts/audit/"),
    ),
    Expect(
        Role.LITIGATION_STAFF,
        "a",
        BUSINESS_NAV,
        {"风险期限", "放假安排", "安全审计记录"},
        ("/deadlines/calendar/", "/accounts/audit/"),
    ),
    Expect(
        Role.PETITION_STAFF,
        "a",
        BUSINESS_NAV,
        {"风险期限", "放假安排", "安全审计记录"},
        ("/deadlines/risk/", "/accounts/security/"),
    ),
    Expect(
        Role.SYSTEM_ADMIN,
        "government",
        ORG_NAV | {"批量导入"},
        BUSINESS_NAV | {"安全审计记录", "角色与账号安全", "风险期限"},
        ("/accounts/audit/", "/accounts/security/", "/deadlines/", "/deadlines/calendar/"),
        business=False,
    ),
    Expect(
        Role.SECURITY_ADMIN,
        "government",
        {"角色与账号安全"},
        BUSINESS_NAV | {"安全审计记录", "风险期限"},
        ("/accounts/audit/", "/deadlines/", "/deadlines/calendar/"),
        business=False,
    ),
    Expect(
        Role.AUDIT_ADMIN,
        "government",
        {"安全审计记录"},
        BUSINESS_NAV | ORG_NAV | {"角色与账号安全", "风险期限", "放假安排", "批量导入"},
        ("/accounts/security/", "/deadlines/", "/deadlines/calendar/", "/orgs/", "/orgs/import/"),
        business=False,
    ),
]


@pytest.fixture
def county(transactional_db):
    from fazhi.core.deadlines import services as deadlines
    from fazhi.core.deadlines.services import calendar_changed
    from fazhi.core.orgs.models import Agency

    calendar_changed()
    _, government = f.county()
    justice = f.agency("示范县司法局", kind="justice", supervisor=True)
    a = f.agency("示范县市场监督管理局")
    b = f.agency("示范县生态环境局")
    Agency.objects.filter(pk__in=[a.pk, b.pk]).update(enforcement_subject=True)
    agencies = {"a": a, "justice": justice, "government": government}
    users = {
        c.role: f.user(f"u_{c.role}", (c.role, agencies[c.agency]), staff_agency=agencies[c.agency])
        for c in CASES
    }
    today = date.today()
    record_a = deadlines.start(
        a, "disclosure.answer", today, agency_id=a.pk, label=A_RECORD, title=A_RECORD
    )
    record_b = deadlines.start(
        b, "disclosure.answer", today, agency_id=b.pk, label=B_RECORD, title=B_RECORD
    )
    yield {"users": users, "a": record_a, "b": record_b}
    calendar_changed()


def _nav(page) -> set[str]:
    return {t.strip() for t in page.locator("nav.side a").all_inner_texts()}


def _status(page, url: str) -> int:
    """The status a GET answers; a redirect to the login page counts as refused (403)."""
    response = page.goto(url)
    if "/accounts/login/" in page.url:
        return 403
    return response.status


@pytest.mark.parametrize("case", CASES, ids=[c.role for c in CASES])
def test_each_role_sees_only_what_it_may(live_server, login, county, case):
    base = live_server.url
    page = login(f"u_{case.role}", f.PASSWORD)
    assert "/accounts/login/" not in page.url, page.content()[:2000]
    nav = _nav(page)
    assert nav, f"{case.role}: no navigation at all"
    assert case.nav <= nav, f"{case.role}: missing {case.nav - nav} in {nav}"
    assert not (case.not_nav & nav), f"{case.role}: must not see {case.not_nav & nav}"
    if not case.business:
        screenshot(page, f"roles-{case.role}")

    for path in case.forbidden:
        assert _status(page, base + path) == 403, f"{case.role} opened {path}"

    b_explain = f"{base}/deadlines/{county['b'].pk}/explain/"
    a_explain = f"{base}/deadlines/{county['a'].pk}/explain/"
    if case.business:
        page.goto(f"{base}/deadlines/all/")
        listing = page.content()
        screenshot(page, f"roles-{case.role}")  # the navigation and the deadline list
        assert A_RECORD in listing
        assert (B_RECORD in listing) is case.sees_b
        assert _status(page, a_explain) == 200
        assert (_status(page, b_explain) == 200) is case.sees_b
    else:
        # An administrator sees no business record, of either agency.
        assert _status(page, a_explain) in (403, 404)
        assert _status(page, b_explain) in (403, 404)


def test_audit_admin_cannot_change_business_data(live_server, login, county):
    """三员分立: the audit administrator reads the audit trail and changes nothing else —
    entering a holiday notice and importing organisations are refused, and nothing changes."""
    from fazhi.core.deadlines.models import CalendarNotice
    from fazhi.core.orgs.models import Agency

    base = live_server.url
    page = login(f"u_{Role.AUDIT_ADMIN}", f.PASSWORD)
    assert _status(page, f"{base}/accounts/audit/") == 200
    assert "安全审计记录" in page.content()
    page.goto(f"{base}/accounts/audit/")
    token = page.evaluate("() => document.cookie.match(/csrftoken=([^;]+)/)[1]")
    agencies = Agency.objects.count()
    for path, form in (
        (
            "/deadlines/calendar/",
            {"year": "2027", "title": "国务院办公厅关于2027年部分节假日安排的通知"},
        ),
        ("/orgs/import/", {"kind": "agencies"}),
    ):
        response = page.request.post(
            base + path, form=form, headers={"X-CSRFToken": token, "Referer": base + path}
        )
        assert response.status == 403, (path, response.status)
    assert not CalendarNotice.objects.exists()
    assert Agency.objects.count() == agencies
    screenshot(page, "roles-audit_admin-trail")


def test_system_admin_cannot_read_the_audit_trail(live_server, login, county):
    """三员分立: the system administrator manages organisations but the audit trail answers 403,
    in the pages and in the navigation."""
    base = live_server.url
    page = login(f"u_{Role.SYSTEM_ADMIN}", f.PASSWORD)
    assert _status(page, f"{base}/accounts/audit/") == 403
    assert "安全审计记录" not in _nav(page)
    assert _status(page, f"{base}/orgs/") == 200
