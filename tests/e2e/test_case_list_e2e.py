"""The case list drawn in Python (``fazhi.core.ui.listing``) in Chromium: rows, links, the
filter form working through HTMX, and a party name with markup shown as text, never run.

Run with ``make e2e`` (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser import screenshot

from .test_enforcement_e2e import PASSWORD, county  # noqa: F401 - the fixture

pytestmark = [pytest.mark.e2e]


def test_case_list_in_the_browser(live_server, login, county):  # noqa: F811
    from fazhi.systems.enforcement import services

    for i, name in enumerate(["海安甲商店", '<img src=x onerror="alert(1)">乙商行', "海安丙超市"]):
        services.register_source(
            agency=county["bureau"],
            actor=county["officer"],
            party_kind="person",
            party_name=name,
            registered_on=date(2025, 3, 3 + i),
            source_summary="日常检查发现",
            matter=county["matter"],
            violation_date=date(2025, 3, 1),
        )
    page = login("zhangming", PASSWORD)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{live_server.url}/enforcement/cases/")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 3
    assert page.locator("table.list tbody").inner_text().count("商") >= 2
    assert '<img src=x onerror="alert(1)">乙商行' in page.locator("table.list").inner_text()
    assert page.locator("table.list img").count() == 0 and dialogs == []
    page.select_option("select[name=procedure]", "ordinary")  # HTMX refresh of the table
    page.wait_for_load_state("networkidle")
    assert page.locator("table.list tbody tr").count() == 3
    screenshot(page, "case-list")
    page.locator("table.list tbody tr a").first.click()
    page.wait_for_load_state()
    assert "/enforcement/cases/" in page.url and page.url.rstrip("/").split("/")[-1].isdigit()


def test_finding_a_case_in_the_browser(live_server, login, county):  # noqa: F811
    """The 搜索 box (refreshing the table through HTMX) and the pager's numbered pages."""
    from fazhi.systems.enforcement import services
    from fazhi.systems.enforcement.models import Case

    for i in range(45):
        case = services.register_source(
            agency=county["bureau"],
            actor=county["officer"],
            party_kind="organisation",
            party_name=f"海安{i:02d}号贸易有限公司",
            registered_on=date(2025, 1, 1 + i % 28),
            source_summary="日常检查发现",
            matter=county["matter"],
            violation_date=date(2024, 12, 30),
        )
        Case.objects.filter(pk=case.pk).update(number=f"海安市监罚立〔2025〕{400 + i}号")
    page = login("zhangming", PASSWORD)
    page.goto(f"{live_server.url}/enforcement/cases/?size=20")
    assert page.locator("table.list tbody tr").count() == 20
    assert "共 45 条，第 1 页" in page.inner_text(".pager")
    screenshot(page, "case-list-pager")
    page.locator(".pager a", has_text="末页").click()
    page.wait_for_load_state()
    assert page.locator("table.list tbody tr").count() == 5 and "第 3 页" in page.inner_text(
        ".pager"
    )
    page.goto(f"{live_server.url}/enforcement/cases/")
    page.fill("input[name=q]", "435")
    page.press("input[name=q]", "Enter")  # HTMX refresh of the table
    page.wait_for_function("document.querySelectorAll('table.list tbody tr').length === 1")
    assert "海安市监罚立〔2025〕435号" in page.inner_text("table.list")
    assert "q=435" in page.url  # the search is in the address, so it can be shared and reloaded
    screenshot(page, "case-list-search")
