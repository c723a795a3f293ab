"""A 人大代表建议 registered, 交办'd to a lead and a co-handling unit, answered and concluded on the
representative's satisfaction, in a real browser on the running server.

Dates (today frozen at 2026-11-20): received 2026-03-02, assigned 03-09 with the answer due
05-29 set by the 政府办 (not a statutory period), the co-handling opinion sent 04-10, answered
04-28 (on time), the representative satisfied on 05-12.

A small dataset (a county government, two units, one login each), not the demo. Screenshots go
to build/screenshots/proposal-*.png. Run with ``make e2e`` (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.systems.proposals.models import Proposal
from tests.browser import screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _step(page, name: str):
    page.locator(f"#step-{name} summary").click()
    return page.locator(f"#step-{name} form")


def test_suggestion_assigned_answered_and_concluded_on_satisfaction(
    login, live_server, office, lead_staff, co_staff, government, lead, co
):
    page = login(office.username, PASSWORD)
    page.goto(f"{live_server.url}/proposals/new/")
    page.select_option("select[name=agency]", str(government.pk))
    page.select_option("select[name=kind]", "suggestion")
    page.fill("input[name=number]", "第18号")
    page.fill("input[name=session]", "县十八届人大五次会议")
    page.fill("input[name=year]", "2026")
    page.fill("input[name=author]", "周代表")
    page.fill("input[name=title]", "关于老旧小区加装电梯的建议")
    page.fill("textarea[name=content]", "建议简化审批、加大补助，推进老旧小区加装电梯。")
    page.fill("input[name=received_on]", "2026-03-02")
    page.click("#register-form button[type=submit]")

    form = _step(page, "assign")
    form.locator("select[name=lead_unit]").select_option(str(lead.pk))
    form.locator("select[name=co_units]").select_option([str(co.pk)])
    form.locator("input[name=assigned_on]").fill("2026-03-09")
    # 代表法 第五十一条第二款: three months from 交办 (03-09 → 06-09); no date to set.
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#assignment")
    assert lead.name in page.inner_text("#assignment")
    assert "2026年6月9日" in page.inner_text("#answer-due")
    screenshot(page, "proposal-1-assigned")
    url = page.url

    helper = login(co_staff.username, PASSWORD)
    helper.goto(url)
    form = _step(helper, "submit_opinion")
    form.locator("textarea[name=opinion]").fill("同意配合做好电梯加装涉及的道路占用审批。")
    form.locator("input[name=submitted_on]").fill("2026-04-10")
    form.locator("button[type=submit]").click()
    helper.wait_for_selector("#opinions")

    handler = login(lead_staff.username, PASSWORD)
    handler.goto(url)
    form = _step(handler, "answer")
    form.locator("select[name=result]").select_option("A")
    form.locator("textarea[name=answer]").fill("已出台加装电梯补助办法，2026年完成加装30台。")
    form.locator("input[name=answered_on]").fill("2026-04-28")
    form.locator("button[type=submit]").click()
    handler.wait_for_selector("#answer")
    assert "按期答复" in handler.inner_text("#answer-due")
    screenshot(handler, "proposal-2-answered")

    page.goto(url)
    form = _step(page, "feedback")
    form.locator("select[name=satisfaction]").select_option("satisfied")
    form.locator("input[name=feedback_on]").fill("2026-05-12")
    form.locator("textarea[name=feedback_note]").fill("对办理结果满意")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#satisfaction")
    assert "满意" in page.inner_text("#satisfaction")
    screenshot(page, "proposal-3-concluded")

    p = Proposal.objects.get()
    assert p.state == "closed" and p.on_time is True and p.satisfaction == "satisfied"
    assert p.concluded_on == date(2026, 5, 12)
