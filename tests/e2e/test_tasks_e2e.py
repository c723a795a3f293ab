"""The day's work reaches the people who must do it, in Chromium: the head finds 待立案审批 on
the 工作台, the officer who registered the case finds its clocks in 我的待办 after 立案, the legal
reviewer finds 待法制审核 the moment the case is submitted, the head then finds 待决定; every
工作台 count equals the rows of the list it links to.

Run with ``make e2e`` (fixtures in ``tests/browser.py``); screenshots in build/screenshots/.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser import screenshot
from tests.e2e.test_enforcement_e2e import (  # noqa: F401 - county is a fixture
    PASSWORD,
    county,
    register_source,
)

pytestmark = [pytest.mark.e2e]

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def bureau(county):  # noqa: F811 - the imported fixture, extended
    from fazhi.systems.enforcement.tests.conftest import _staff
    from fazhi.systems.officers.models import LegalQualification

    _, staff = _staff(county["bureau"], "陈律", "chenlv", date(1990, 2, 2), "legal_reviewer", "151")
    LegalQualification.objects.create(
        staff=staff, number="A20183200001", obtained_on=date(2018, 12, 1)
    )
    return county


def _step(page, name, fields=None, *, select=None, check=()):
    """Open the step's form on the record page, fill it, submit and wait for the answer page."""
    box = page.locator(f"#step-{name}")
    box.locator("summary").click()
    for field, value in (fields or {}).items():
        box.locator(f"[name={field}]").fill(value)
    for field, values in (select or {}).items():
        box.locator(f"select[name={field}]").select_option(values)
    for field, value in check:
        suffix = f"[value='{value}']" if value else ""
        box.locator(f"input[name={field}]{suffix}").check()
    with page.expect_navigation():
        box.locator("button[type=submit]").click()
    assert "已完成" in page.content(), page.content()[:3000]


def _count(page, name: str) -> int:
    return int(page.locator(f'#my-counts [data-count="{name}"] .v').inner_text())


def _rows(page) -> int:
    return page.locator("#task-queue tbody tr[data-task]").count()


def _counts_match_lists(page, base: str) -> None:
    """Each 工作台 figure, followed, lists exactly that many rows."""
    page.goto(f"{base}/")
    figures = {n: _count(page, n) for n in ("total", "red", "yellow")}
    for name, query in (("total", ""), ("red", "?level=red"), ("yellow", "?level=yellow")):
        page.goto(f"{base}/tasks/{query}")
        assert _rows(page) == figures[name], (name, figures)


def test_each_role_finds_its_step_in_its_queue(live_server, login, bureau):
    from fazhi.systems.enforcement.models import Case

    base = live_server.url
    officer = login("zhangming", PASSWORD)
    register_source(officer, base, bureau)
    case = Case.objects.get()

    head = login("zhaojuzhang", PASSWORD)
    head.goto(f"{base}/")
    assert _count(head, "total") == 1 and "待立案审批" in head.locator("#my-counts").inner_text()
    screenshot(head, "tasks-head-home")
    head.click("#my-counts >> text=待立案审批")
    head.wait_for_load_state()
    assert _rows(head) == 1
    head.click(f"#task-queue >> text={case.party_name}")
    head.wait_for_load_state()
    assert f"/enforcement/cases/{case.pk}/" in head.url
    _step(
        head,
        "open_case",
        {"opened_on": "2025-03-04"},
        select={
            "matter": str(bureau["matter"].pk),
            "officers": [str(s.pk) for s in bureau["staff"]],
        },
    )
    assert "主办：<strong>张明" in head.content()
    # 改派 by the head on the case page: 李华 takes over, and hands back (the rest of the test
    # follows 张明 as 主办)
    for lead, assistant in (("李华", "张明"), ("张明", "李华")):
        head.locator("#handlers summary").click()
        head.locator("#handlers select[name=lead]").select_option(label=lead)
        head.locator("#handlers select[name=assistant]").select_option(label=assistant)
        with head.expect_navigation():
            head.locator("#handlers button[type=submit]").click()
        assert f"已改派：主办 {lead}" in head.content()
        assert f"主办：<strong>{lead}" in head.content()
    screenshot(head, "tasks-head-reassigned")
    _counts_match_lists(head, base)

    officer.goto(f"{base}/deadlines/")  # the registering officer is the 主办: the clocks are his
    todo = officer.content()
    assert "作出行政处罚决定" in todo and "待调查终结" in todo
    screenshot(officer, "tasks-officer-todo")
    url = f"{base}/enforcement/cases/{case.pk}/"
    officer.goto(url)
    box = officer.locator("#step-add_evidence")
    box.locator("summary").click()
    box.locator("select[name=kind]").select_option("record")
    box.locator("[name=title]").fill("现场检查笔录")
    box.locator("[name=collected_on]").fill("2025-03-05")
    box.locator("input[type=file]").set_input_files(
        files=[{"name": "现场笔录.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    box.locator("button[type=submit]").click()
    officer.wait_for_load_state()
    officer.wait_for_selector("text=已完成“登记证据”")
    _step(officer, "conclude_investigation", {"on": "2025-03-10"})
    _step(
        officer,
        "serve_notice",
        {
            "fine": "5000",
            "facts": "销售掺假产品",
            "reasons": "违反产品质量法",
            "basis_text": "产品质量法第五十条",
            "served_on": "2025-03-11",
        },
        check=[("types", "fine")],
    )
    _step(
        officer, "record_statement", {"received_on": "2025-03-12"}, check=[("waive_statement", "")]
    )
    _step(officer, "submit_legal_review", {"submitted_on": "2025-03-13"})

    reviewer = login("chenlv", PASSWORD)
    reviewer.goto(f"{base}/tasks/")
    assert _rows(reviewer) == 1 and "待法制审核" in reviewer.locator("#task-queue").inner_text()
    screenshot(reviewer, "tasks-reviewer-queue")
    reviewer.click(f"#task-queue >> text={case.party_name}")
    reviewer.wait_for_load_state()
    assert reviewer.locator("#step-complete_legal_review").count() == 1
    # …and opens the evidence from there (inline, as the PDF it is)
    href = reviewer.locator("a.file-preview").first.get_attribute("href")
    response = reviewer.request.get(f"{base}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body() == PDF
    screenshot(reviewer, "tasks-reviewer-case")
    _counts_match_lists(reviewer, base)
    _counts_match_lists(officer, base)

    # the review passes (through the service: its checklist form is the review's own test);
    # the case now waits for the head's decision, on the head's 工作台
    from fazhi.core.accounts.models import User
    from fazhi.systems.enforcement import services
    from fazhi.systems.enforcement.rules import REVIEW_CHECKLIST

    services.complete_legal_review(
        Case.objects.get(pk=case.pk),
        actor=User.objects.get(username="chenlv"),
        result="passed",
        checklist={code: {"ok": True, "note": ""} for code, _ in REVIEW_CHECKLIST},
        completed_on=date(2025, 3, 14),
    )
    head.goto(f"{base}/")
    assert "待决定" in head.locator("#my-counts").inner_text()
    head.click("#my-counts >> text=待决定")
    head.wait_for_load_state()
    assert _rows(head) == 1
    screenshot(head, "tasks-head-decide")
    _counts_match_lists(head, base)
    _counts_match_lists(reviewer, base)
