"""The frame every page shares: the skip link first, the favicon (also at /favicon.ico, which
browsers ask for on their own), the navigation marking the entry a record page belongs to, and no
entry a role would always find empty."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from fazhi.core.accounts.roles import Role
from fazhi.core.ui import context as ui_context
from tests import factories

pytestmark = pytest.mark.django_db


def test_skip_link_is_the_first_focusable_element_and_leads_to_the_content(client):
    _, gov = factories.county()
    client.force_login(factories.user("sup", (Role.SUPERVISOR, gov)))
    page = client.get("/").content.decode()
    body = page[page.index("<body") :]
    first = body.index("<a ")
    assert body[first:].startswith('<a class="skip" href="#main">跳到正文</a>')
    assert body.index("<input") > first and body.index("<button") > first
    assert '<main id="main"' in page
    assert 'rel="icon"' in page and "fazhi/favicon.svg" in page


def test_favicon_answers_without_login(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_a_record_page_marks_its_list_entry():
    sections = [
        (
            "行政执法",
            [
                (SimpleNamespace(label="行政处罚案件"), "/enforcement/cases/"),
                (SimpleNamespace(label="登记案源"), "/enforcement/cases/new/"),
            ],
        ),
        ("期限管理", [(SimpleNamespace(label="我的待办"), "/deadlines/")]),
    ]
    drawn = ui_context.nav_html(sections, "/enforcement/cases/12/")
    assert '<a href="/enforcement/cases/" class="active">' in drawn
    drawn = ui_context.nav_html(sections, "/enforcement/cases/new/")
    assert '<a href="/enforcement/cases/new/" class="active">' in drawn
    assert drawn.count('class="active"') == 1
    assert 'class="active"' not in ui_context.nav_html(sections, "/orgs/")


def test_no_enforcement_entries_for_a_clerk_who_reads_no_enforcement_body(client):
    _, gov = factories.county()
    office = factories.agency("示范县人民政府办公室")
    market = factories.agency("示范县市场监督管理局")
    market.enforcement_subject = True
    market.save()
    clerk = factories.user("xinfang", (Role.PETITION_STAFF, office))
    market_clerk = factories.user("xinfang2", (Role.PETITION_STAFF, market))
    entries = ("执法事项清单", "裁量基准", "四张清单", "执法证件", "培训学时")
    client.force_login(clerk)
    page = client.get("/").content.decode()
    assert not any(f">{e}</a>" in page for e in entries)
    assert client.get(reverse("matters:matter_list")).status_code == 403
    client.force_login(market_clerk)
    page = client.get("/").content.decode()
    assert all(f">{e}</a>" in page for e in entries)
