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
