"""The act picker in a real browser (issue 15): on the disclosure form the clerk types part of a
case number, picks the case from the suggestions htmx shows, and the request is linked to it.

Run with ``make e2e`` (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.acts.registry import matters_about
from tests import factories
from tests.browser import screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_clerk_picks_the_case_by_part_of_its_number(login, live_server, staff, department):
    from fazhi.systems.enforcement import services as enforcement
    from fazhi.systems.enforcement.models import Case
    from fazhi.systems.matters.models import Matter

    officer = factories.user("zhifa", ("officer", department))
    matter = Matter.objects.create(
        agency=department,
        code="330217001000",
        name="非法占用土地",
        kind="penalty",
        field="自然资源",
    )
    case = enforcement.register_source(
        agency=department,
        actor=officer,
        party_kind="organisation",
        party_name="示范县蓝海矿业有限公司",
        party_uscc=factories.uscc(),
        registered_on=date(2025, 9, 1),
        source_summary="巡查发现",
        matter=matter,
        violation_date=date(2025, 8, 30),
    )
    Case.objects.filter(pk=case.pk).update(number="示范县自然资源罚立〔2025〕435号")

    page = login(staff.username, PASSWORD)
    page.goto(f"{live_server.url}/disclosure/new/")
    page.select_option("select[name=agency]", str(department.pk))
    page.select_option("select[name=applicant_kind]", "person")
    page.fill("input[name=applicant_name]", "赵六")
    page.fill("textarea[name=content]", "蓝海矿业行政处罚决定书")
    page.select_option("select[name=channel]", "in_person")
    page.fill("input[name=submitted_on]", "2025-09-25")
    page.locator("input[name=act]").press_sequentially("435", delay=50)
    suggestion = page.locator("#id_act_suggestions button")
    suggestion.first.wait_for()
    assert "示范县自然资源罚立〔2025〕435号 示范县蓝海矿业有限公司" in suggestion.first.inner_text()
    screenshot(page, "act-picker-suggestions")
    suggestion.first.click()
    assert page.input_value("input[name=act]") == f"enforcement.case:{case.pk}"
    assert "已选：行政处罚案件" in page.inner_text(".act-chosen")
    screenshot(page, "act-picker-chosen")
    page.click("#register-form button[type=submit]")
    page.wait_for_load_state()
    assert matters_about(case)["disclosure"].count() == 1
