"""The supervisor's 风险期限 page and API: every open deadline at risk (yellow: at most 3 working
days left, red: overdue — the same flags as 我的待办) across the agencies the supervisor sees,
filterable by agency, system and rule, paginated, exported to .xlsx; nobody else sees it."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core.accounts.roles import Role

from .conftest import _user, at
from .test_api import api_ids

TODAY = date(2026, 12, 28)  # a Monday

pytestmark = pytest.mark.django_db


@pytest.fixture
def risky(start, county, other_county, officer):
    return {
        # 行政处罚法 第六十一条, 7 working days: from 12-15 it ended 12-24 (red); from 12-21 it
        # ends 12-30, 2 working days left (yellow).
        "red": start("penalty.service", date(2026, 12, 15), assignee=officer),
        "yellow": start("penalty.service", date(2026, 12, 21), assignee=officer),
        # 政府信息公开条例 第三十三条: 20 working days from 11-02 ended 11-30 (red, the government).
        "gov_red": start("disclosure.answer", date(2026, 11, 2), agency=county.government),
        # from 12-22, ends in January: not at risk.
        "far": start("disclosure.answer", date(2026, 12, 22)),
        # another county's overdue deadline: not this supervisor's.
        "elsewhere": start("penalty.service", date(2026, 12, 15), agency=other_county.department),
    }


def test_the_supervisor_sees_yellow_and_red_of_their_agencies_only(risky, supervisor, login):
    with at(TODAY):
        client = login(supervisor)
        all_ids = set(api_ids(client, reverse("api-deadline-risk")))
        by_system = set(api_ids(client, reverse("api-deadline-risk"), system="disclosure"))
        by_rule = set(api_ids(client, reverse("api-deadline-risk"), rule_id="penalty.service"))
        red = set(api_ids(client, reverse("api-deadline-risk"), level="red"))
        page = client.get(reverse("deadlines:risk"), {"system": "penalty"})
    ids = {k: d.pk for k, d in risky.items()}
    assert all_ids == {ids["red"], ids["yellow"], ids["gov_red"]}
    assert by_system == {ids["gov_red"]}
    assert by_rule == {ids["red"], ids["yellow"]}
    assert red == {ids["red"], ids["gov_red"]}
    html = page.content.decode()
    assert reverse("deadlines:explain", args=[ids["red"]]) in html
    assert reverse("deadlines:explain", args=[ids["gov_red"]]) not in html


def test_the_api_pages_by_due_date_and_the_page_exports_xlsx(risky, supervisor, login):
    with at(TODAY):
        client = login(supervisor)
        first = client.get(reverse("api-deadline-risk"), {"page_size": 2}).json()
        export = client.get(reverse("deadlines:risk"), {"export": "xlsx"})
    assert [r["id"] for r in first["results"]] == [risky["gov_red"].pk, risky["red"].pk]
    assert first["next"]
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("提示", "届满日") and {r[0] for r in rows[1:]} == {"逾期", "临期"}
    assert len(rows) == 4


@pytest.mark.parametrize("role", [Role.OFFICER, Role.AGENCY_HEAD, Role.DISCLOSURE_STAFF])
def test_other_roles_are_refused_on_the_page_and_the_api(risky, county, login, role):
    user = _user(f"u_{role}", (role, county.department))
    with at(TODAY):
        client = login(user)
        assert client.get(reverse("deadlines:risk")).status_code == 403
        assert client.get(reverse("api-deadline-risk")).status_code == 403


def test_a_supervisor_of_another_county_sees_only_theirs(risky, other_county, login):
    theirs = _user("dongyang_sifa", (Role.SUPERVISOR, other_county.justice))
    with at(TODAY):
        ids = set(api_ids(login(theirs), reverse("api-deadline-risk")))
    assert ids == {risky["elsewhere"].pk}
