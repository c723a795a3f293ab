"""The case page as an officer reads it: dates in Chinese whatever language the browser asks
for, and the stepper showing where the case stands on the 行政处罚 procedure."""

from __future__ import annotations

import re

from django.test import Client

from .conftest import DECIDED

ENGLISH_MONTHS = re.compile(r"\b(Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\b")


def test_case_page_dates_are_chinese_even_for_an_english_browser(world, flow):
    case = flow.decided(flow.notified())
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.force_login(world.officer)
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert f"{DECIDED.year}年{DECIDED.month}月{DECIDED.day}日" in page  # 决定日
    assert not ENGLISH_MONTHS.search(page), ENGLISH_MONTHS.search(page)
    assert '<html lang="zh-CN">' in page


def test_case_page_stepper_marks_done_skipped_current_and_upcoming(world, flow):
    case = flow.decided(flow.notified())
    client = Client()
    client.force_login(world.officer)
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    stepper = page[page.index('<ol class="stepper"') : page.index("</ol>", page.index("stepper"))]
    items = re.findall(r'<li class="(\w+)"[^>]*>.*?</span>([^<]+)<', stepper)
    assert items == [
        ("done", "案源登记"),
        ("done", "立案调查"),
        ("done", "调查终结审查"),
        ("done", "已告知"),
        ("skipped", "听证"),  # no hearing was requested
        ("skipped", "法制审核"),
        ("skipped", "待决定"),
        ("current", "已决定待送达"),
        ("upcoming", "执行中"),
        ("upcoming", "已结案"),
        ("upcoming", "已归档"),
    ]
    assert 'aria-current="step"' in stepper
