"""A disclosure request from receipt to answer letter in a real browser, on the running server,
with a third-party consultation in between (政府信息公开条例 第三十一条、第三十二条、
第三十三条第三款、第三十六条).

Dates (today frozen at 2026-11-20): posted 10-30, signed for Mon 11-02 (第三十一条第（二）项),
so 20 working days end Mon 11-30. The consultation letter goes out Thu 11-05 and the opinion
arrives Fri 11-13: those 7 working days are not counted (第三十三条第三款), so the 2 days counted
before (11-03, 11-04) and the 18 after (11-16 .. 12-09) end on Wed 2026-12-09.

Run with ``make e2e`` (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

import io

import pytest

from fazhi.systems.disclosure.models import DisclosureRequest
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _open_step(page, name: str) -> None:
    page.locator(f"#step-{name} summary").click()


def test_request_from_receipt_to_answer_letter_with_third_party_consultation(
    login, live_server, staff, department, tmp_path
):
    page = login(staff.username, PASSWORD)

    page.goto(f"{live_server.url}/disclosure/new/")
    page.select_option("select[name=agency]", str(department.pk))
    page.select_option("select[name=applicant_kind]", "person")
    page.fill("input[name=applicant_name]", "赵六")
    page.fill("input[name=applicant_contact]", "13900000000")
    page.fill("textarea[name=content]", "2026年东溪镇某矿山开采许可及其环境影响评价批复")
    page.select_option("select[name=channel]", "registered_post")
    page.fill("input[name=submitted_on]", "2026-10-30")
    page.fill("input[name=signed_on]", "2026-11-02")
    page.click("#register-form button[type=submit]")

    page.wait_for_selector("#received-on")
    assert "2026年11月2日" in page.inner_text("#received-on")
    assert "2026年11月30日" in page.inner_text("#answer-due")

    _open_step(page, "consult")
    form = page.locator("#step-consult form")
    form.locator("select[name=kind]").select_option("third_party")
    form.locator("input[name=party]").fill("示范县某某矿业有限公司")
    form.locator("input[name=sent_on]").fill("2026-11-05")
    form.locator("input[name=delivered_on]").fill("2026-11-06")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#consultations")
    assert "已中止计算" in page.inner_text("#clocks")

    _open_step(page, "record_opinion")
    form = page.locator("#step-record_opinion form")
    form.locator("select[name=opinion]").select_option("consent")
    form.locator("input[name=replied_on]").fill("2026-11-13")
    form.locator("textarea[name=opinion_text]").fill("同意公开")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#answer-due")
    assert "2026年12月9日" in page.inner_text("#answer-due")

    _open_step(page, "answer")
    form = page.locator("#step-answer form")
    form.locator("select[name=answer_type]").select_option("disclosed")
    form.locator("input[name=answered_on]").fill("2026-11-20")
    form.locator("textarea[name=access_way]").fill(
        "现以纸质文本方式向您提供开采许可证及环评批复复印件（共12页）。"
    )
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#letter-link")
    assert "第三十六条第（二）项" in page.inner_text("#answer")
    page.screenshot(path=str(tmp_path / "disclosure-answered.png"), full_page=True)

    with page.expect_download() as info:
        page.click("#letter-link")
    letter = tmp_path / "letter.docx"
    info.value.save_as(letter)

    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(letter.read_bytes())).paragraphs)
    assert "赵六" in text and "2026年11月2日" in text and "第三十六条第（二）项" in text
    req = DisclosureRequest.objects.get()
    assert req.state == "answered" and req.on_time is True
    assert (tmp_path / "disclosure-answered.png").stat().st_size > 0
