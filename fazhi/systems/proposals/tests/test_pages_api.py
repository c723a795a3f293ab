"""Pages and ``/api/proposals/``: the same steps and guards; a refusal is 409 with its reason."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from fazhi.core.indicators import registry
from fazhi.core.indicators.registry import Period
from fazhi.systems.proposals import rules, services
from fazhi.systems.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_register_assign_and_answer_through_the_api(
    government, office, lead, co, lead_staff, co_staff
):
    created = _api(office).post(
        reverse("api-proposals"),
        {
            "agency": government.pk,
            "kind": "proposal",
            "number": "第3号",
            "session": "县政协十一届五次会议",
            "year": 2026,
            "author": "王委员",
            "title": "关于加强河道保护的提案",
            "content": "建议建立河长巡查制度。",
            "received_on": "2026-01-15",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assigned = _api(office).post(
        reverse("api-proposals-assign", args=[pk]),
        {
            "lead_unit": lead.pk,
            "co_units": [co.pk],
            "assigned_on": "2026-02-02",
            "answer_due": "2026-12-01",
        },
        format="json",
    )
    assert assigned.status_code == 200, assigned.content
    body = assigned.json()
    assert body["state"] == "assigned" and body["co_units"] == [co.pk]
    assert (
        body["clocks"][0]["rule_id"] == "proposal.cppcc_answer"
        and body["clocks"][0]["due"] == "2026-12-01"
    )
    # the lead answers before the co-handler's opinion is in: 409 with the reason
    refused = _api(lead_staff).post(
        reverse("api-proposals-answer", args=[pk]),
        {"result": "A", "answer": "已采纳。", "answered_on": "2026-03-01"},
        format="json",
    )
    assert refused.status_code == 409
    assert refused.json()["guards"][0]["code"] == "opinions_in"
    assert (
        _api(co_staff)
        .post(
            reverse("api-proposals-submit_opinion", args=[pk]),
            {"opinion": "同意。", "submitted_on": "2026-02-20"},
            format="json",
        )
        .status_code
        == 200
    )
    answered = _api(lead_staff).post(
        reverse("api-proposals-answer", args=[pk]),
        {"result": "A", "answer": "已采纳。", "answered_on": "2026-03-01"},
        format="json",
    )
    assert answered.status_code == 200 and answered.json()["state"] == "answered"
    assert answered.json()["steps"] == []  # the feedback is the office's
    assert _api(office).get(reverse("api-proposal", args=[pk])).json()["steps"] == ["feedback"]


def test_pages_list_detail_step_and_export(client, assigned, office, lead_staff, outsider):
    p = assigned()
    client.force_login(lead_staff)
    page = client.get(reverse("proposals:list"))
    assert page.status_code == 200 and p.number in page.content.decode()
    detail = client.get(reverse("proposals:detail", args=[p.pk]))
    html = detail.content.decode()
    assert "答复期限" in html and "说明此日期" in html and "step-answer" in html
    refused = client.post(
        reverse("proposals:step", args=[p.pk, "answer"]),
        {"result": "A", "answer": "已解决。", "answered_on": "2026-03-01"},
    )
    assert refused.status_code == 409 and "协办单位的意见尚未全部送达" in refused.content.decode()
    export = client.get(reverse("proposals:list") + "?export=xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][1] == "编号" and rows[1][1] == p.number
    client.force_login(outsider)
    assert client.get(reverse("proposals:detail", args=[p.pk])).status_code == 404
    client.force_login(office)
    done = client.post(
        reverse("proposals:step", args=[p.pk, "feedback"]),
        {"satisfaction": "satisfied", "feedback_on": "2026-03-05"},
    )
    assert done.status_code == 409  # not answered yet: nothing to ask about


def test_completion_and_satisfaction_rates_by_kind_with_drill_down(
    client, assigned, office, lead_staff, supervisor, government
):
    items = [assigned(co_units=[]) for _ in range(4)]
    tian = assigned(co_units=[], kind="proposal")
    for p in items[:3] + [tian]:
        services.answer(
            p, actor=lead_staff, result="A", answer="已解决。", answered_on=date(2026, 3, 1)
        )
    for p, grade in zip(items[:2] + [tian], ("satisfied", "unsatisfied", "basic"), strict=True):
        services.record_satisfaction(
            Proposal.objects.get(pk=p.pk),
            actor=office,
            satisfaction=grade,
            feedback_on=date(2026, 3, 10),
            answer_due=date(2026, 4, 30) if grade == rules.UNSATISFIED else None,
        )
    ids = frozenset({government.pk})
    year = Period.year(2026)
    assert registry.compute("proposals.suggestion_handled", ids, year).value == 4
    # 办结: answered (the rehandled one is open again): 2 of 4
    assert registry.compute("proposals.suggestion_completion_rate", ids, year).value == Decimal(
        "50.0"
    )
    assert registry.compute("proposals.suggestion_satisfaction_rate", ids, year).value == Decimal(
        "50.0"
    )
    assert registry.compute("proposals.proposal_completion_rate", ids, year).value == Decimal(
        "100.0"
    )
    assert registry.compute("proposals.proposal_satisfaction_rate", ids, year).value == Decimal(
        "100.0"
    )
    client.force_login(supervisor)
    page = client.get(
        reverse("indicators:records", args=["proposals.suggestion_satisfaction_rate"]),
        {"agency": government.pk, "period": "2026"},
    )
    assert page.status_code == 200
    assert {r.pk for r, _ in page.context["rows"]} == {items[0].pk, items[1].pk}
