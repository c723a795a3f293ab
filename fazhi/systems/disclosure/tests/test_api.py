"""``/api/disclosure/``: the same steps and guards as the pages; a refusal is 409 with its article."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.systems.disclosure.models import DisclosureRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(staff):
    client = APIClient()
    client.force_authenticate(staff)
    return client


def test_register_consult_and_answer_through_the_api(api, department):
    created = api.post(
        reverse("api-disclosure-requests"),
        {
            "agency": department.pk,
            "applicant_kind": "person",
            "applicant_name": "王五",
            "content": "2025年村道硬化工程招标文件",
            "delivery_form": "electronic",
            "channel": "online",
            "submitted_on": "2025-09-24",
            "confirmed_on": "2025-09-25",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["received_on"] == "2025-09-25" and body["answer_due"] == "2025-10-29"
    pk = body["id"]
    consulted = api.post(
        reverse("api-disclosure-consult", args=[pk]),
        {
            "kind": "third_party",
            "party": "中标单位",
            "sent_on": "2025-10-09",
            "delivered_on": "2025-10-10",
        },
        format="json",
    )
    assert consulted.status_code == 200, consulted.content
    assert consulted.json()["state"] == "consulting"
    replied = api.post(
        reverse("api-disclosure-record_opinion", args=[pk]),
        {
            "opinion": "consent",
            "replied_on": "2025-10-17",
        },
        format="json",
    )
    assert replied.json()["answer_due"] == "2025-11-10"
    answered = api.post(
        reverse("api-disclosure-answer", args=[pk]),
        {
            "answer_type": "disclosed",
            "answered_on": "2025-11-03",
            "access_way": "已通过电子邮件发送招标文件",
        },
        format="json",
    )
    assert answered.status_code == 200, answered.content
    assert answered.json()["on_time"] is True and answered.json()["answer_basis"].endswith(
        "第三十六条第（二）项"
    )


def test_refusal_is_409_with_the_article(api, make_request):
    req = make_request(received=date(2026, 2, 2))
    response = api.post(
        reverse("api-disclosure-extend", args=[req.pk]),
        {"notified_on": "2026-03-02"},
        format="json",
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "transition_refused"
    assert any(g["citation"].endswith("第三十三条第二款") for g in body["guards"])


def test_answer_type_without_reason_is_409(api, make_request):
    req = make_request(received=date(2025, 9, 25))
    response = api.post(
        reverse("api-disclosure-answer", args=[req.pk]),
        {
            "answer_type": "refused",
            "refusal_ground": "internal",
            "answered_on": "2025-10-10",
        },
        format="json",
    )
    assert response.status_code == 409
    assert "第三十六条第（三）项" in response.json()["detail"]


def test_bad_input_is_400_naming_the_field(api, make_request):
    req = make_request(received=date(2025, 9, 25))
    response = api.post(
        reverse("api-disclosure-answer", args=[req.pk]), {"answer_type": "refused"}, format="json"
    )
    assert response.status_code == 400
    assert "answered_on" in response.json()


def test_other_agencies_cannot_reach_the_request(outsider, make_request):
    req = make_request(received=date(2025, 9, 25))
    client = APIClient()
    client.force_authenticate(outsider)
    assert client.get(reverse("api-disclosure-request", args=[req.pk])).status_code == 404
    assert client.get(reverse("api-disclosure-requests")).json()["results"] == []
    assert DisclosureRequest.objects.count() == 1
