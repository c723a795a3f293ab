"""My to-do list, the risk overview, the full list and "explain this date"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.accounts.roles import Role

from .conftest import at

TODAY = date(2026, 12, 28)  # a Monday


def ids_on(html: str) -> set[int]:
    return {int(x) for x in re.findall(r'data-deadline="(\d+)"', html)}


@pytest.fixture
def rows(start, officer, clerk, county):
    """Deadlines of the department: two assigned to the officer, one held by the disclosure
    role, one assigned to nobody with no role (nobody's to-do), one in the county government."""
    return {
        # 行政处罚法 第六十一条: 送达 within 7 (working) days; from 12-15 it ended 12-24.
        "red": start("penalty.service", date(2026, 12, 15), assignee=officer),
        # from 12-21 it ends 12-30: 2 working days left on 12-28.
        "yellow": start("penalty.service", date(2026, 12, 21), assignee=officer),
        # 政府信息公开条例 第三十三条第二款: 20 working days, ends 2027-01-19 (provisional).
        "role": start("disclosure.answer", date(2026, 12, 21), role=Role.DISCLOSURE_STAFF),
        "nobody": start("disclosure.answer", date(2026, 12, 22)),
        "government": start("disclosure.answer", date(2026, 12, 22), agency=county.government),
    }


@pytest.mark.django_db
def test_todo_shows_my_deadlines_with_yellow_and_red_flags(rows, officer, login):
    with at(TODAY):
        client = login(officer)
        response = client.get(reverse("deadlines:todo"))
    html = response.content.decode()
    assert ids_on(html) == {rows["red"].pk, rows["yellow"].pk}
    red_row = re.search(rf'<tr class="red" data-deadline="{rows["red"].pk}">(.*?)</tr>', html, re.S)
    yellow_row = re.search(
        rf'<tr class="yellow" data-deadline="{rows["yellow"].pk}">(.*?)</tr>', html, re.S
    )
    assert (
        red_row and "逾期" in red_row.group(1) and "已逾期 2 个工作日（4 天）" in red_row.group(1)
    )
    assert (
        yellow_row
        and "临期" in yellow_row.group(1)
        and "剩余 2 个工作日（2 天）" in yellow_row.group(1)
    )
    assert reverse("deadlines:explain", args=[rows["red"].pk]) in html
    assert html.index(f'data-deadline="{rows["red"].pk}"') < html.index(
        f'data-deadline="{rows["yellow"].pk}"'
    )
    # Only the red one with ?level=red
    with at(TODAY):
        client = login(officer)
        only_red = client.get(reverse("deadlines:todo"), {"level": "red"}).content.decode()
    assert ids_on(only_red) == {rows["red"].pk}


@pytest.mark.django_db
def test_todo_includes_deadlines_of_my_role_and_marks_provisional(rows, clerk, login):
    with at(TODAY):
        html = login(clerk).get(reverse("deadlines:todo")).content.decode()
    assert ids_on(html) == {rows["role"].pk}
    match = re.search(rf'data-deadline="{rows["role"].pk}">(.*?)</tr>', html, re.S)
    assert match is not None
    row = match.group(1)
    assert "暂定" in row and "正常" in row and "答复政府信息公开申请" in row


@pytest.mark.django_db
def test_explain_shows_the_trace_citation_and_quote(rows, officer, login):
    with at(TODAY):
        html = (
            login(officer).get(reverse("deadlines:explain", args=[rows["red"].pk])).content.decode()
        )
    assert "《中华人民共和国行政处罚法》第六十一条" in html
    assert "行政机关应当在七日内依照《中华人民共和国民事诉讼法》的有关规定" in html
    assert "截止日期：2026-12-24（星期四）" in html
    assert "已逾期" in html


@pytest.mark.django_db
def test_explain_says_why_a_date_is_provisional(rows, clerk, login):
    with at(TODAY):
        html = (
            login(clerk).get(reverse("deadlines:explain", args=[rows["role"].pk])).content.decode()
        )
    assert "为什么是“暂定”" in html and "2027年" in html and "已公布放假安排至 2026 年" in html


@pytest.mark.django_db
def test_explain_is_not_found_for_users_who_cannot_see_the_agency(rows, outsider, login):
    response = login(outsider).get(reverse("deadlines:explain", args=[rows["red"].pk]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_risk_page_is_the_supervisors_and_lists_only_yellow_and_red(
    rows, supervisor, officer, login
):
    with at(TODAY):
        assert login(officer).get(reverse("deadlines:risk")).status_code == 403
        client = login(supervisor)
        html = client.get(reverse("deadlines:risk")).content.decode()
        only_yellow = client.get(reverse("deadlines:risk"), {"level": "yellow"}).content.decode()
        by_agency = client.get(reverse("deadlines:risk"), {"agency": rows["government"].agency_id})
    explain = lambda d: reverse("deadlines:explain", args=[d.pk])  # noqa: E731
    assert explain(rows["red"]) in html and explain(rows["yellow"]) in html
    assert explain(rows["role"]) not in html and explain(rows["nobody"]) not in html
    assert explain(rows["yellow"]) in only_yellow and explain(rows["red"]) not in only_yellow
    assert "没有符合条件的记录" in by_agency.content.decode()
    # Row colours are today's flags.
    assert '<tr class="red">' in html and '<tr class="yellow">' in html


@pytest.mark.django_db
def test_full_list_is_scoped_to_visible_agencies_and_filters(
    rows, supervisor, officer, outsider, login
):
    url = reverse("deadlines:list")
    explain = lambda d: reverse("deadlines:explain", args=[d.pk])  # noqa: E731
    with at(TODAY):
        everything = login(supervisor).get(url).content.decode()
        by_rule = login(supervisor).get(url, {"rule_id": "penalty.service"}).content.decode()
        officers = login(officer).get(url).content.decode()
        outsiders = login(outsider).get(url).content.decode()
    assert all(explain(d) in everything for d in rows.values())
    assert {explain(rows["red"]), explain(rows["yellow"])} == {
        explain(d) for d in rows.values() if explain(d) in by_rule
    }
    # The officer sees the department's deadlines, not the government's.
    assert explain(rows["nobody"]) in officers and explain(rows["government"]) not in officers
    assert not any(explain(d) in outsiders for d in rows.values())


@pytest.mark.django_db
def test_nav_shows_the_supervisor_pages_only_to_supervisors(rows, supervisor, officer, login):
    with at(TODAY):
        sup = login(supervisor).get(reverse("deadlines:todo")).content.decode()
        off = login(officer).get(reverse("deadlines:todo")).content.decode()
    links = {
        name: f'href="{reverse(name)}"'
        for name in ("deadlines:todo", "deadlines:risk", "deadlines:list", "deadlines:calendar")
    }
    assert all(link in sup for link in links.values())
    assert links["deadlines:todo"] in off and links["deadlines:list"] in off
    assert links["deadlines:risk"] not in off and links["deadlines:calendar"] not in off
