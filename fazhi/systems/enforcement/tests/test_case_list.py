"""The case list stays cheap as it grows: its queries do not depend on the number of rows
(no query per row or per cell), and what a party typed is printed, never run."""

from __future__ import annotations

from datetime import date as D

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    c.get("/enforcement/cases/")  # the session and the caches of a user already at work
    return c


def _queries(client: Client, params: dict[str, str] | None = None) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/enforcement/cases/", params or {})
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_list_queries_do_not_grow_with_rows(world, flow):
    for i in range(3):
        flow.source(party_name=f"海安甲{i}商店", registered_on=D(2025, 3, 3 + i))
    flow.notified()
    flow.opened(flow.source(party_name="海安乙商店"))
    supervisor, officer = _client(world.supervisor), _client(world.officer)
    few = {who: _queries(c) for who, c in (("sup", supervisor), ("off", officer))}
    few_filtered = _queries(officer, {"state": "source"})
    for i in range(25):
        case = flow.source(party_name=f"海安丙{i}商店", registered_on=D(2025, 3, 10))
        if i % 5 == 0:
            flow.opened(case, opened_on=D(2025, 3, 11))
    many = {who: _queries(c) for who, c in (("sup", supervisor), ("off", officer))}
    many_filtered = _queries(officer, {"state": "source"})
    body = officer.get("/enforcement/cases/").content.decode()
    assert body.count("<tr class=") == 30  # the page really holds 30 rows now, not 5
    for who in few:
        assert len(many[who]) == len(few[who]), (who, many[who])
    assert len(many_filtered) == len(few_filtered)
    # And no write on a plain page view (the idle clock was restarted moments ago).
    assert not [q for q in many["off"] if q.lstrip().upper().startswith(("UPDATE", "INSERT"))]


def test_party_name_with_markup_is_escaped(world, flow):
    flow.source(party_name='<script>alert("x")</script>某某商行', registered_on=D(2025, 3, 4))
    body = _client(world.officer).get("/enforcement/cases/").content.decode()
    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;某某商行" in body
    partial = _client(world.officer).get("/enforcement/cases/", HTTP_HX_REQUEST="true")
    assert "&lt;script&gt;alert" in partial.content.decode()
    assert "<script>alert" not in partial.content.decode()


def test_rows_link_to_their_case_and_print_dates_as_before(world, flow):
    case = flow.source(party_name="海安丁商店", registered_on=D(2025, 3, 4))
    body = _client(world.officer).get("/enforcement/cases/").content.decode()
    assert f'<a href="/enforcement/cases/{case.pk}/">{case.source_number}</a>' in body
    assert "<td>2025年3月4日</td>" in body  # localized, as {{ date }} prints it
    # Sorting links keep the filters and flip direction on the sorted column.
    sorted_page = _client(world.officer).get(
        "/enforcement/cases/", {"state": "source", "sort": "registered_on"}
    )
    assert 'href="?state=source&amp;sort=-registered_on">登记日 ▲</a>' in (
        sorted_page.content.decode()
    )
