"""The shared list page (``FilteredListView``): rows are drawn in Python with every value
escaped, the navigation is built once per request, and a page's queries do not depend on how
many rows it shows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.accounts.roles import Role
from fazhi.core.ui import context as ui_context
from fazhi.core.ui.listing import Col, TableRow, cell_text, detail_link
from tests import factories


def test_cells_escape_and_print_values_as_the_template_did():
    assert cell_text('<a href="x">&</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
    assert cell_text(None) == "" and cell_text("") == ""
    assert cell_text(date(2025, 3, 4)) == "2025年3月4日"
    assert cell_text(Decimal("1500.50")) == "1500.50" and cell_text(7) == "7"
    # An aware datetime is shown in local time (Asia/Shanghai), like {{ value }}.
    utc = datetime(2025, 3, 4, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert cell_text(utc).startswith("2025年3月5日")
    row = SimpleNamespace(pk=3, name="<b>甲</b>", row_class='red" onclick="x')
    cols = [Col("名称", "name", link=lambda r: f"/x/?a=1&b={r.pk}"), Col("号", lambda r: r.pk)]
    drawn = TableRow(row, cols)
    assert drawn.html == '<td><a href="/x/?a=1&amp;b=3">&lt;b&gt;甲&lt;/b&gt;</a></td><td>3</td>'
    assert drawn.css == "red&quot; onclick=&quot;x"
    obj, cells = drawn  # still unpacks as (row, [(column, value, link)])
    assert obj is row and [(v, h) for _, v, h in cells] == [
        ("<b>甲</b>", "/x/?a=1&b=3"),
        (3, None),
    ]


def test_a_method_at_the_end_of_a_path_is_called_as_the_template_did():
    class Row:
        def label(self):
            return "甲"

        def delete(self):
            raise AssertionError("never called")

        delete.alters_data = True  # type: ignore[attr-defined]  # Django's flag on a method

    assert Col("x", "label").get(Row()) == "甲"
    assert Col("x", "delete").get(Row()) == ""


@pytest.mark.django_db
def test_detail_link_matches_reverse():
    agency = factories.agency("市场监督管理局")
    link = detail_link("orgs:agency_detail")
    assert link(agency) == reverse("orgs:agency_detail", args=[agency.pk])


@pytest.mark.django_db
def test_navigation_is_built_once_per_request_marked_and_escaped(monkeypatch):
    _, gov = factories.county()
    user = factories.user("sup", (Role.SUPERVISOR, gov))
    calls = []
    real = ui_context.visible

    def counted(u):
        calls.append(u)
        return real(u)

    monkeypatch.setattr(ui_context, "visible", counted)
    path = reverse("enforcement:case_list")
    request = RequestFactory().get(path)
    request.user = user
    first = ui_context.navigation(request)
    again = ui_context.navigation(request)
    assert len(calls) == 1 and first == again
    html = str(first["nav_html"])
    assert f'<a href="{path}" class="active">行政处罚案件</a>' in html
    assert html.count('class="active"') == 1
    fake = [("<组>", [(SimpleNamespace(label="<i>x</i>"), "/a?b=1&c=2")])]
    drawn = ui_context.nav_html(fake, "/")
    assert "&lt;组&gt;" in drawn and "&lt;i&gt;x&lt;/i&gt;" in drawn and "b=1&amp;c=2" in drawn


@pytest.mark.django_db
def test_agency_list_queries_do_not_grow_with_rows(client):
    _, gov = factories.county()
    client.force_login(factories.user("sup", (Role.SUPERVISOR, gov)))
    url = reverse("orgs:agency_list")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    for i in range(4):
        factories.agency(f"第{i}局")
    client.get(url)
    few = queries()
    for i in range(4, 30):
        factories.agency(f"第{i}局<script>")
    many = queries()
    body = client.get(url).content.decode()
    assert body.count("<tr class=") == 31  # 30 departments and the government
    assert "第5局&lt;script&gt;" in body and "第5局<script>" not in body
    assert many == few
