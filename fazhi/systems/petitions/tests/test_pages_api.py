"""Pages and API per role: registration, steps with refusals naming their article (nothing
saved), the clock on 我的待办 with its explanation, the opinion download, lists and export,
supervisors see beneath their government, an outsider agency sees nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.core.deadlines.models import Deadline
from fazhi.systems.petitions import rules, services
from fazhi.systems.petitions.models import HotlineTicket, Petition
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def api_for(user) -> APIClient:
    c = APIClient()
    c.force_authenticate(user)
    return c


def test_register_page_and_the_routing_clock_on_todo(client, clerk, office):
    login(client, clerk)
    response = client.post(
        reverse("petitions:register"),
        {
            "agency": office.pk,
            "channel": "letter",
            "received_on": "2025-09-16",
            "petitioner_name": "孙八",
            "content": "反映小区噪声扰民",
        },
    )
    assert response.status_code == 302
    p = Petition.objects.get()
    d = Deadline.objects.get(subject_id=p.pk, rule_id=rules.RULE_ROUTING)
    todo = client.get(reverse("deadlines:todo")).content.decode()
    assert "信访部门登记并分类处理" in todo and "2025年10月9日" in todo
    explain = client.get(reverse("deadlines:explain", args=[d.pk])).content.decode()
    assert "第二十二条" in explain and "2025-10-01" in explain


def test_register_without_content_shows_the_error_beside_the_field(client, clerk, office):
    login(client, clerk)
    response = client.post(
        reverse("petitions:register"),
        {"agency": office.pk, "channel": "letter", "received_on": "2025-09-16"},
    )
    assert response.status_code == 400
    assert "此项必填。" in response.content.decode()
    assert not Petition.objects.exists()


def test_late_objection_on_the_page_is_409_with_its_article(
    client, make_petition, clerk, department, dept_clerk
):
    p = make_petition()
    p = services.route(
        p, actor=clerk, route="transfer", handler_agency=department, routed_on=date(2025, 9, 26)
    )
    login(client, dept_clerk)
    response = client.post(
        reverse("petitions:step", args=[p.pk, "object"]),
        {"objection_on": "2025-10-13", "reason": "属住建职责"},
    )
    assert response.status_code == 409
    assert "第二十三条第三款" in response.content.decode()
    p.refresh_from_db()
    assert p.state == "transferred"
    page = client.get(p.get_absolute_url()).content.decode()
    assert "petition.objection" in page and "2025年10月10日" in page


def test_opinion_download_and_list_export(client, make_petition, clerk, department, dept_clerk):
    p = make_petition(received=date(2025, 7, 28))
    p = services.route(
        p, actor=clerk, route="assign", handler_agency=department, routed_on=date(2025, 8, 1)
    )
    p = services.accept(p, actor=dept_clerk, accepted_on=date(2025, 8, 4))
    login(client, dept_clerk)
    response = client.post(
        reverse("petitions:step", args=[p.pk, "decide"]),
        {"opinion_on": "2025-09-01", "opinion": "维持", "legal_basis": "《行政处罚法》第三十二条"},
    )
    assert response.status_code == 302
    doc = client.get(reverse("petitions:opinion", args=[p.pk]))
    assert doc.status_code == 200 and doc["Content-Type"].startswith("application/vnd.openxml")
    listing = client.get(reverse("petitions:list")).content.decode()
    assert p.number in listing
    export = client.get(reverse("petitions:list") + "?export=xlsx")
    assert export.status_code == 200 and "spreadsheet" in export["Content-Type"]


def test_outsider_agency_sees_nothing_supervisor_sees_all(
    client, make_petition, make_ticket, other_clerk, supervisor
):
    p, t = make_petition(), make_ticket()
    login(client, other_clerk)
    assert client.get(p.get_absolute_url()).status_code == 404
    assert client.get(t.get_absolute_url()).status_code == 404
    assert p.number not in client.get(reverse("petitions:list")).content.decode()
    assert (
        client.post(
            reverse("petitions:step", args=[p.pk, "accept"]), {"accepted_on": "2025-09-17"}
        ).status_code
        == 404
    )
    api = api_for(other_clerk)
    assert api.get(reverse("api-petition", args=[p.pk])).status_code == 404
    assert api.get(reverse("api-tickets")).json()["results"] == []
    client.logout()
    login(client, supervisor)
    assert client.get(p.get_absolute_url()).status_code == 200
    assert client.get(t.get_absolute_url()).status_code == 200
    api = api_for(supervisor)
    assert (
        api.post(
            reverse("api-petition-accept", args=[p.pk]), {"accepted_on": "2025-09-17"}
        ).status_code
        == 403
    )
    p.refresh_from_db()
    assert p.state == "registered"


def test_api_register_route_and_refusal_is_409_with_the_article(
    clerk, office, department, dept_clerk
):
    api = api_for(clerk)
    created = api.post(
        reverse("api-petitions"),
        {
            "agency": office.pk,
            "channel": "online",
            "received_on": "2025-09-16",
            "petitioner_name": "周九",
            "content": "要求退还多收的物业费",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["clocks"][0]["rule_id"] == rules.RULE_ROUTING
    routed = api.post(
        reverse("api-petition-route", args=[pk]),
        {"route": "transfer", "handler_agency": department.pk, "routed_on": "2025-09-26"},
        format="json",
    )
    assert routed.status_code == 200 and routed.json()["state"] == "transferred"
    dept = api_for(dept_clerk)
    accepted = dept.post(
        reverse("api-petition-accept", args=[pk]), {"accepted_on": "2025-09-29"}, format="json"
    )
    assert accepted.status_code == 200
    refused = dept.post(
        reverse("api-petition-extend", args=[pk]),
        {"days": 30, "notified_on": "2025-10-09", "reason": "复杂"},
        format="json",
    )
    assert refused.status_code == 409
    body = refused.json()
    assert any(g["citation"] == "《信访工作条例》第三十四条" for g in body["guards"])
    assert not Petition.objects.get(pk=pk).extended


def test_ticket_api_dispatch_return_and_arbitration(
    clerk, office, department, dept_clerk, other_department
):
    api = api_for(clerk)
    created = api.post(
        reverse("api-tickets"),
        {
            "office": office.pk,
            "category": "help",
            "received_on": "2025-09-30",
            "caller_name": "吴十",
            "content": "路灯不亮",
            "unit": department.pk,
            "dispatched_on": "2025-09-30",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    unit = api_for(dept_clerk)
    late = unit.post(
        reverse("api-ticket-return_ticket", args=[pk]),
        {"returned_on": "2025-10-10", "reason": "属住建"},
        format="json",
    )
    assert late.status_code == 409 and "本地设置" in late.json()["guards"][0]["citation"]
    ok = unit.post(
        reverse("api-ticket-return_ticket", args=[pk]),
        {"returned_on": "2025-10-09", "reason": "属住建"},
        format="json",
    )
    assert ok.status_code == 200 and ok.json()["bounce_count"] == 1
    assert (
        unit.post(
            reverse("api-ticket-arbitrate", args=[pk]),
            {"decision": "reject", "decided_on": "2025-10-09"},
            format="json",
        ).status_code
        == 403
    )
    done = api.post(
        reverse("api-ticket-arbitrate", args=[pk]),
        {"decision": "accept", "decided_on": "2025-10-09", "unit": other_department.pk},
        format="json",
    )
    assert done.status_code == 200 and done.json()["unit"] == other_department.pk
    assert HotlineTicket.objects.get(pk=pk).bounces.get().decision == "accept"


def test_ticket_page_steps(client, make_ticket, dept_clerk):
    t = make_ticket()
    login(client, dept_clerk)
    page = client.get(t.get_absolute_url()).content.decode()
    assert "签收" in page and "退单" in page and "hotline.sign" in page
    response = client.post(
        reverse("petitions:ticket_step", args=[t.pk, "sign"]), {"signed_on": "2025-10-09"}
    )
    assert response.status_code == 302
    t.refresh_from_db()
    assert t.state == "signed"


def test_the_history_shows_steps_and_states_in_chinese(client, make_petition, clerk, department):
    p = make_petition(received=date(2025, 9, 16))
    services.route(
        p, actor=clerk, route="assign", handler_agency=department, routed_on=date(2025, 9, 26)
    )
    client.force_login(clerk)
    history = client.get(reverse("petitions:detail", args=[p.pk])).content.decode()
    history = history[history.index('id="history"') :]
    assert "转送、交办" in history and "待分类处理 → 已转送交办" in history
    assert "petitions.petition" not in history and "registered" not in history
