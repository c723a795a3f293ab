"""A 信访事项 registered, routed, accepted and answered with a 信访处理意见书 in a real browser, on
the running server (信访工作条例 第二十二条、第三十二条、第三十四条).

Dates (today frozen at 2026-11-20): received Mon 11-02 at the 信访局; 交办 on Thu 11-05 (within
the 15 days of 第二十二条, which end 11-17); the 市场监督管理局 accepts on Mon 11-09, so the 60
days of 第三十四条 end on Fri 2027-01-08; the opinion is given on 11-20 with its legal basis.

A small dataset (an office, a department, one clerk each), not the demo. Screenshots go to
build/screenshots/petition-*.png. Run with ``make e2e`` (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

import io

import pytest

from fazhi.systems.petitions.models import Petition
from tests.browser import screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _step(page, name: str):
    page.locator(f"#step-{name} summary").click()
    return page.locator(f"#step-{name} form")


def test_petition_registered_routed_and_answered_with_an_opinion(
    login, live_server, clerk, dept_clerk, office, department, tmp_path
):
    page = login(clerk.username, PASSWORD)
    page.goto(f"{live_server.url}/petitions/new/")
    page.select_option("select[name=agency]", str(office.pk))
    page.select_option("select[name=channel]", "letter")
    page.fill("input[name=received_on]", "2026-11-02")
    page.fill("input[name=petitioner_name]", "孙八")
    page.fill("input[name=petitioner_contact]", "13700000000")
    page.fill("textarea[name=content]", "要求核查某超市销售过期食品的处理结果")
    page.fill("textarea[name=facts_reasons]", "2026年10月举报后未收到处理结果")
    page.select_option("select[name=concerned_agency]", str(department.pk))
    screenshot(page, "petition-1-register")
    page.click("#register-form button[type=submit]")

    page.wait_for_selector("#step-route")
    assert "2026年11月17日" in page.inner_text("#clocks")  # 15 days to route (第二十二条)
    form = _step(page, "route")
    form.locator("select[name=route]").select_option("assign")
    form.locator("select[name=handler_agency]").select_option(str(department.pk))
    form.locator("input[name=routed_on]").fill("2026-11-05")
    form.locator("input[name=delivered_on]").fill("2026-11-06")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "交办" in page.inner_text(".kv") and department.name in page.inner_text(".kv")
    screenshot(page, "petition-2-routed")
    url = page.url

    handler = login(dept_clerk.username, PASSWORD)
    handler.goto(url)
    form = _step(handler, "accept")
    form.locator("input[name=accepted_on]").fill("2026-11-09")
    form.locator("button[type=submit]").click()
    handler.wait_for_selector("#resolution-due")
    assert handler.inner_text("#resolution-due") == "2027年1月8日"

    form = _step(handler, "decide")
    form.locator("input[name=opinion_on]").fill("2026-11-20")
    form.locator("textarea[name=opinion]").fill("经核查，对该超市作出警告并责令改正，现予答复。")
    form.locator("textarea[name=legal_basis]").fill("《中华人民共和国食品安全法》第一百二十四条")
    form.locator("button[type=submit]").click()
    handler.wait_for_selector("#opinion-link")
    assert "按期办结" in handler.inner_text(".kv")
    screenshot(handler, "petition-3-answered")

    with handler.expect_download() as info:
        handler.click("#opinion-link")
    path = tmp_path / "opinion.docx"
    info.value.save_as(path)
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert "孙八" in text and "食品安全法" in text
    p = Petition.objects.get()
    assert p.state == "answered" and p.handled_on_time is True
