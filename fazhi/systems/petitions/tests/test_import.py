"""Import of an existing 信访 register: the page's rules, errors by row and column, all or
nothing."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from fazhi.core.importing.run import import_file
from fazhi.systems.petitions import importing, rules
from fazhi.systems.petitions.models import Petition
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def workbook(*rows: list) -> bytes:
    wb = Workbook()
    wb.active.append(importing.IMPORTER.headers)
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(office, **kw) -> list:
    values = {k: "" for k in (c.key for c in importing.IMPORTER.columns)}
    values.update(
        agency=office.name, channel="来信", received_on="2025-09-16", petitioner_name="张某",
        content="反映噪声",
    )  # fmt: skip
    values.update(kw)
    return [values[k] for k in (c.key for c in importing.IMPORTER.columns)]


def test_import_registers_and_routes_rows(office, clerk, department):
    result = import_file(
        importing.IMPORTER,
        workbook(
            row(office),
            row(
                office,
                petitioner_name="李某",
                handler_agency=department.name,
                routed_on="2025-09-20",
            ),
        ),
        actor=clerk,
    )
    assert result.ok and result.created == 2
    routed = Petition.objects.get(petitioner_name="李某")
    assert routed.state == "transferred" and routed.handler_agency == department
    assert routed.routed_on_time is True


def test_row_errors_name_row_and_column_and_nothing_is_kept(office, clerk, department):
    result = import_file(
        importing.IMPORTER,
        workbook(
            row(office),
            row(office, channel="托梦", received_on="昨天"),
            row(office, agency="不存在的局"),
            row(office, routed_on="2025-09-20"),
            row(
                office,
                petitioner_name="王某",
                handler_agency=department.name,
                accepted_on="2025-09-22",
            ),
        ),
        actor=clerk,
    )
    assert not result.ok and result.created == 0
    text = [str(e) for e in result.errors]
    assert "第 3 行，“信访形式”列：“托梦”不是可选值" in text[0]
    assert any(t.startswith("第 3 行，“收到日”列") for t in text)
    assert any(t.startswith("第 4 行，“登记机关”列") for t in text)
    assert any(t.startswith("第 5 行，“承办机关”列") for t in text)
    assert any(t.startswith("第 6 行") and "承办机关的信访工作人员" in t for t in text)
    assert not Petition.objects.exists()


def test_import_refuses_a_matter_closed_by_recheck_article_36(office, clerk, make_petition):
    """第三十六条第三款 applies to imported rows as on the page."""
    p = make_petition()
    Petition.objects.filter(pk=p.pk).update(state="final")  # a matter closed by 复核 earlier
    result = import_file(
        importing.IMPORTER,
        workbook(row(office, petitioner_name="赵六", act_description=p.act_description)),
        actor=clerk,
    )
    assert not result.ok
    assert rules.ART36_FINAL.citation in str(result.errors[0])


def test_import_page(client, clerk, office):
    client.login(username=clerk.username, password=PASSWORD)
    assert client.get(reverse("petitions:import") + "?template=1").status_code == 200
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("x.xlsx", workbook(row(office, received_on="2099-01-01")))
    response = client.post(reverse("petitions:import"), {"file": bad})
    assert response.status_code == 400 and "不能晚于今天" in response.content.decode()
    assert not Petition.objects.exists()
