"""The layout in Chromium at the two screens the workplace uses: a 1366×768 office screen shows a
dozen case rows and more above the fold; on a 390-px phone the page is never wider than the
screen, the navigation folds behind the 菜单 button (which a keyboard reaches and opens), the
first Tab reaches the skip link, and the case page stacks its details with the stepper.

Run with ``make e2e`` (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.browser import screenshot

from .test_enforcement_e2e import PASSWORD, county  # noqa: F401 - the fixture

pytestmark = [pytest.mark.e2e]

ROWS_ABOVE_FOLD = """() => [...document.querySelectorAll('table.list tbody tr')]
    .filter(r => r.getBoundingClientRect().bottom <= window.innerHeight).length"""
PAGE_WIDTH = "document.documentElement.scrollWidth"


def _cases(county, n: int) -> None:  # noqa: F811
    from fazhi.systems.enforcement import services

    for i in range(n):
        services.register_source(
            agency=county["bureau"],
            actor=county["officer"],
            party_kind="person",
            party_name=f"海安第{i + 1}号经营户（示范县海安镇人民路{i + 1}号）",
            registered_on=date(2025, 3, 1 + i),
            source_summary="日常检查发现未按规定公示营业执照",
            matter=county["matter"],
            violation_date=date(2025, 2, 20),
        )


def test_office_screen_shows_a_dozen_case_rows(live_server, login, county):  # noqa: F811
    _cases(county, 15)
    page = login("zhangming", PASSWORD)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/enforcement/cases/")
    assert page.evaluate(ROWS_ABOVE_FOLD) >= 12
    assert page.evaluate(PAGE_WIDTH) <= 1366
    assert page.locator("nav.side").is_visible()  # the navigation stays open on a wide screen
    assert not page.locator("label.menu-button").is_visible()
    screenshot(page, "layout-case-list-1366")


def test_phone_fits_the_screen_and_the_menu_opens_the_navigation(live_server, login, county):  # noqa: F811
    _cases(county, 3)
    page = login("zhangming", PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    for url in ("/", "/enforcement/cases/"):
        page.goto(f"{live_server.url}{url}")
        assert page.evaluate(PAGE_WIDTH) <= 390, url
    # the first Tab reaches the skip link, which leads to the page's content
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    nav = page.locator("nav.side")
    assert not nav.is_visible()
    page.click("label.menu-button")
    assert nav.is_visible()
    assert nav.get_by_role("link", name="行政处罚案件").is_visible()
    page.click("label.menu-button")
    assert not nav.is_visible()
    # by keyboard: the Tab after the skip link reaches the menu toggle, and Space opens it
    page.reload()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "nav-toggle"
    page.keyboard.press("Space")
    assert nav.is_visible()
    screenshot(page, "layout-menu-390")

    page.goto(f"{live_server.url}/enforcement/cases/")
    page.locator("table.list tbody tr a").first.click()
    page.wait_for_load_state()
    assert page.evaluate(PAGE_WIDTH) <= 390
    assert "案源登记" in page.locator("ol.stepper li.current").inner_text()
    screenshot(page, "layout-case-390")
