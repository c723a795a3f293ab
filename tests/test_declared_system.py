"""A system declared inside the test suite (``tests/sample_system``) gets its step pages, step
API (in the OpenAPI schema), import page and navigation entry from core, with no change to core."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

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


def _xlsx(rows: list[list[str]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return SimpleUploadedFile("permits.xlsx", buf.getvalue())


def test_import_page_comes_from_the_declaration(client, clerk):
    factories.agency("县示例局")
    url = reverse("importing:import", args=["sample_system.permits"])
    template = client.get(url + "?template=1")
    assert template.status_code == 200
    headers = [c.value for c in load_workbook(io.BytesIO(template.content)).active[1]]
    assert [h.rstrip("*").strip() for h in headers] == ["受理机关", "申请人"]

    bad = client.post(
        url, {"file": _xlsx([["受理机关", "申请人"], ["县示例局", "李四"], ["无此机关", "王五"]])}
    )
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "第 3 行</td><td>受理机关</td>" in html  # the bad row and column, named in Chinese
    assert "第 2 行" not in html
    assert Permit.objects.count() == 0  # all or nothing

    good = client.post(url, {"file": _xlsx([["受理机关", "申请人"], ["县示例局", "李四"]])})
    assert good.status_code in (200, 302)
    assert list(Permit.objects.values_list("applicant", flat=True)) == ["李四"]


def test_import_page_refuses_who_the_declaration_refuses(client, permit):
    client.force_login(factories.user("someone_else"))
    url = reverse("importing:import", args=["sample_system.permits"])
    assert client.get(url).status_code == 403
