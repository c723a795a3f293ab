"""``/api/deadlines/``: the same sets as the pages under the same policy."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.accounts.roles import Role

from .conftest import at

TODAY = date(2026, 12, 28)


@pytest.fixture
def many(start, officer, county):
    rows = [start("penalty.service", date(2026, 12, d), assignee=officer) for d in range(1, 24)]
    rows += [
        start("disclosure.answer", date(2026, 12, d), role=Role.DISCLOSURE_STAFF)
        for d in range(1, 9)
    ]
    rows += [
        start("disclosure.answer", date(2026, 12, d), agency=county.government) for d in range(1, 5)
    ]
    return rows


def api_ids(client, url, **params) -> list[int]:
    """Every id over all pages (3 per page unless given, to walk the cursors)."""
    out: list[int] = []
    page = client.get(url, {"page_size": 3, **params}).json()
    while True:
        out += [r["id"] for r in page["results"]]
        if not page["next"]:
            return out
        page = client.get(page["next"]).json()


def page_ids(client, url, **params) -> set[int]:
    out: set[int] = set()
    response = client.get(url, params)
    while True:
        html = response.content.decode()
        out |= {int(x) for x in re.findall(r"/deadlines/(\d+)/explain/", html)}
        nxt = re.search(r'href="\?([^"]*cursor=[^"]+)">下一页', html)
        if not nxt:
            return out
        response = client.get(f"{url}?{nxt.group(1).replace('&amp;', '&')}")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["officer", "clerk", "supervisor", "outsider"])
def test_api_returns_the_same_sets_as_the_pages(many, who, request, login):
    with at(TODAY):
        client = login(request.getfixturevalue(who))
        mine = api_ids(client, reverse("api-deadline-mine"))
        todo = page_ids(client, reverse("deadlines:todo"))
        everything = api_ids(client, reverse("api-deadline-list"))
        listed = page_ids(client, reverse("deadlines:list"))
        red = api_ids(client, reverse("api-deadline-list"), level="red")
        red_listed = page_ids(client, reverse("deadlines:list"), level="red")
    assert len(mine) == len(set(mine)) and set(mine) == todo
    assert len(everything) == len(set(everything)) and set(everything) == listed
    assert set(red) == red_listed


@pytest.mark.django_db
def test_api_lists_soonest_first_with_live_flags(many, officer, login):
    with at(TODAY):
        client = login(officer)
        data = client.get(reverse("api-deadline-mine"), {"page_size": 100}).json()["results"]
    dues = [r["due"] for r in data]
    assert dues == sorted(dues)
    first = data[0]
    assert first["level"] == "red" and first["remaining"]["overdue"] is True
    assert first["rule_title"] and first["agency_name"].endswith("市场监督管理局")


@pytest.mark.django_db
def test_api_filters_by_rule_and_due_range(many, supervisor, login):
    client = login(supervisor)
    data = client.get(
        reverse("api-deadline-list"),
        {
            "rule_id": "penalty.service",
            "due_after": "2026-12-20",
            "due_before": "2026-12-31",
            "page_size": 100,
        },
    ).json()["results"]
    assert data and all(r["rule_id"] == "penalty.service" for r in data)
    assert all("2026-12-20" <= r["due"] <= "2026-12-31" for r in data)


@pytest.mark.django_db
def test_api_detail_explains_and_hides_other_counties(many, officer, outsider, login):
    pk = many[0].pk
    data = login(officer).get(reverse("api-deadline-detail", args=[pk])).json()
    assert data["rule"]["citation"] == "《中华人民共和国行政处罚法》第六十一条"
    assert any(line.startswith("截止日期：") for line in data["explanation"])
    assert login(outsider).get(reverse("api-deadline-detail", args=[pk])).status_code == 404


@pytest.mark.django_db
def test_api_notices_list(supervisor, login):
    from .test_calendar_page import NOTICE_2027, URL

    client = login(supervisor)
    client.post(URL, NOTICE_2027)
    data = client.get(reverse("api-calendar-notices")).json()
    assert [n["year"] for n in data["results"]] == [2027]
    days = data["results"][0]["days"]
    assert {"day": "2027-02-14", "is_workday": True, "name": "调休上班"} in days


@pytest.mark.django_db
def test_api_requires_authentication(client):
    assert client.get(reverse("api-deadline-list")).status_code in (401, 403)


def test_schema_documents_the_endpoints_with_typed_fields():
    from django.urls import include, path
    from drf_spectacular.generators import SchemaGenerator

    patterns = [path("api/deadlines/", include("fazhi.core.deadlines.api.urls"))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    assert {"/api/deadlines/", "/api/deadlines/mine/", "/api/deadlines/notices/"} <= set(
        schema["paths"]
    )
    deadline = schema["components"]["schemas"]["Deadline"]["properties"]
    assert (deadline["due"]["type"], deadline["due"]["format"]) == ("string", "date")
    assert deadline["remaining"]["allOf"][0]["$ref"].endswith("/Remaining")
    detail = schema["components"]["schemas"]["DeadlineDetail"]["properties"]
    assert detail["explanation"]["items"]["type"] == "string"


@pytest.mark.django_db
def test_todo_pages_list_each_deadline_once_in_due_order(start, clerk, county, login):
    """A deadline both assigned to the user and held by their role is one to-do item; walking
    the pages (two per page) neither repeats nor skips one, across suspended ones too."""
    from fazhi.core.deadlines import selectors, services

    both = [
        start("disclosure.answer", date(2026, 12, d), assignee=clerk, role=Role.DISCLOSURE_STAFF)
        for d in (3, 5, 5, 9)
    ]
    by_role = [
        start("disclosure.answer", date(2026, 12, d), role=Role.DISCLOSURE_STAFF) for d in (4, 5, 8)
    ]
    assigned = [start("penalty.service", date(2026, 12, d), assignee=clerk) for d in (2, 5, 11)]
    services.suspend(county.department, "disclosure.answer", date(2026, 12, 6), by_role[0].key)
    expected = list(selectors.todo(clerk).order_by("due", "pk").values_list("pk", flat=True))
    assert sorted(expected) == sorted(d.pk for d in both + by_role + assigned)
    with at(TODAY):
        client = login(clerk)
        walked = api_ids(client, reverse("api-deadline-mine"), page_size=2)
        html = client.get(reverse("deadlines:todo")).content.decode()
    assert walked == expected
    assert [int(x) for x in re.findall(r'data-deadline="(\d+)"', html)] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_the_three_administrators_are_refused_by_the_api_as_by_the_pages(role, county, many, login):
    """三员分立: an administrator has no business deadlines. The pages answer 403; the API
    answers 403 too, instead of an empty list that would read as “nothing due”."""
    from .conftest import _user

    with at(TODAY):
        client = login(_user(f"admin_{role}", (role, county.justice)))
        for page in ("deadlines:todo", "deadlines:list", "deadlines:risk"):
            assert client.get(reverse(page)).status_code == 403, page
        for api in ("api-deadline-list", "api-deadline-mine", "api-deadline-risk"):
            r = client.get(reverse(api))
            assert r.status_code == 403, api
            assert "results" not in r.json()
        # the official calendar stays readable by every signed-in user
        assert client.get(reverse("api-calendar-notices")).status_code == 200
