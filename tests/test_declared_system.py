"""A system declared inside the test suite (``tests/sample_system``) gets its step pages, step
API (in the OpenAPI schema), and navigation entry from core, with no change to core."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core.workflow.engine import history
from tests import factories
from tests.sample_system.models import Permit

pytestmark = pytest.mark.django_db


@pytest.fixture
def permit():
    return Permit.objects.create(agency=factories.agency("县示例局"), applicant="张三")


@pytest.fixture
def clerk(client):
    user = factories.user("sample_clerk")
    client.force_login(user)
    return user


def test_record_page_shows_declared_steps_and_what_comes_next(client, clerk, permit):
    page = client.get(reverse("sample_system:detail", args=[permit.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="step-grant"' in html and 'id="step-refuse"' in html
    assert "下一步：准予许可（审批人员）；或不予许可（审批人员）" in html
    assert reverse("sample_system:step", args=[permit.pk, "grant"]) in html


def test_step_page_performs_the_step_through_the_workflow(client, clerk, permit):
    url = reverse("sample_system:step", args=[permit.pk, "grant"])
    response = client.post(url, {"decided_on": "2026-03-02"})
    assert response.status_code == 302
    permit.refresh_from_db()
    assert permit.state == "granted"
    assert [h.action for h in history(permit)] == ["sample_permit.grant"]
    page = client.get(reverse("sample_system:detail", args=[permit.pk])).content.decode()
    assert "办理已完结，没有待办步骤。" in page


def test_step_page_shows_the_refusal_with_its_article_and_saves_nothing(client, clerk, permit):
    url = reverse("sample_system:step", args=[permit.pk, "refuse"])
    response = client.post(url, {"decided_on": "2026-03-02", "reason": ""})
    assert response.status_code == 409
    html = response.content.decode()
    assert "不予许可的，应当说明理由" in html
    assert "《中华人民共和国行政许可法》第三十八条第二款" in html
    permit.refresh_from_db()
    assert permit.state == "registered" and history(permit) == []


def test_step_page_keeps_bad_input_on_the_form(client, clerk, permit):
    url = reverse("sample_system:step", args=[permit.pk, "grant"])
    response = client.post(url, {"decided_on": "not a date"})
    assert response.status_code == 400
    assert 'id="step-grant" open' in response.content.decode()


def test_step_api_performs_and_refuses(client, clerk, permit):
    url = reverse("api-sample-permit-refuse", args=[permit.pk])
    refused = client.post(url, {"decided_on": "2026-03-02"}, content_type="application/json")
    assert refused.status_code == 409
    assert refused.json()["guards"][0]["citation"] == "《中华人民共和国行政许可法》第三十八条第二款"
    done = client.post(
        url, {"decided_on": "2026-03-02", "reason": "不符合条件"}, content_type="application/json"
    )
    assert done.status_code == 200
    assert done.json()["state"] == "refused"


def test_step_endpoints_are_in_the_openapi_schema(client, clerk):
    schema = client.get("/api/schema/?format=json").json()
    grant = schema["paths"]["/api/sample/{id}/grant/"]["post"]
    assert grant["summary"] == "准予许可"
    assert grant["operationId"] == "sample_system_permit_grant"
    body = grant["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("SampleSystemPermitGrantStep")


def test_navigation_entry_comes_from_the_declaration(client, clerk, permit):
    home = client.get("/").content.decode()
    assert reverse("sample_system:list") in home and "示例许可" in home
