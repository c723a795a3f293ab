"""Excel round trip of the certificate register and training records (all rows or none), and the
API the case app and others can call."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from openpyxl import load_workbook

from fazhi.core.ledger.selectors import sealed
from fazhi.systems.officers import importers, selectors, services
from fazhi.systems.officers.models import Certificate, TrainingRecord
from fazhi.systems.officers.policies import supervised_ids

D = date


def _rows(data: bytes) -> list[list]:
    ws = load_workbook(io.BytesIO(data)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.django_db
def test_certificate_register_round_trip_changes_nothing(org, officers):
    services.suspend_certificate(
        officers.li_cert, on=D(2025, 1, 2), reason="接受调查", actor="测试"
    )
    data = importers.certificates_xlsx(Certificate.objects.all())
    ids = supervised_ids(org.supervisor)
    before = sealed().filter(action__startswith="officers.certificate").count()
    result = importers.import_certificates(data, agency_ids=ids, actor=org.supervisor)
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == {"未变更": 2}
    assert sealed().filter(action__startswith="officers.certificate").count() == before


@pytest.mark.django_db
@time_machine.travel(D(2026, 11, 15), tick=False)  # 张三's certificate is in its renewal window
def test_certificate_import_issues_renews_and_suspends(org, officers):
    rows = _rows(importers.certificates_xlsx(Certificate.objects.all()))
    header = rows[0]
    col = {h: i for i, h in enumerate(header)}
    rows[1][col["有效期至"]] = "2031-12-31"  # 张三: renewal
    rows[2][col["状态"]] = "暂扣"  # 李四: suspension, reason required
    rows[2][col["变更原因"]] = "接受调查"
    rows[2][col["状态变更日期"]] = "2025-05-01"
    new = [None] * len(header)
    new[col["姓名"]], new[col["公民身份号码"]] = "王五", officers.wang.id_number
    new[col["证件编号"]], new[col["执法领域"]] = "33009999", "市场监管、食品药品安全"
    new[col["发证日期"]], new[col["有效期至"]] = "2025-03-01", "2030-02-28"
    result = importers.import_certificates(
        _bytes([*rows, new]), agency_ids=supervised_ids(org.supervisor), actor=org.supervisor
    )
    assert result.ok, [str(e) for e in result.errors]
    assert result.created == {"换证": 1, "状态变更": 1, "新发证件": 1}
    officers.zhang_cert.refresh_from_db()
    officers.li_cert.refresh_from_db()
    assert officers.zhang_cert.expires_on == D(2031, 12, 31)
    assert officers.li_cert.status == Certificate.Status.SUSPENDED
    assert Certificate.objects.get(number="33009999").fields == ["市场监管", "食品药品安全"]
    steps = [h.action for h in selectors.certificate_history(officers.li_cert)]
    assert steps[-1] == "officers.certificate.suspend"
    new_cert = Certificate.objects.get(number="33009999")
    assert [h.action for h in selectors.certificate_history(new_cert)] == [
        "officers.certificate.register"
    ]


@pytest.mark.django_db
@time_machine.travel(D(2026, 6, 1), tick=False)
def test_an_import_refused_by_the_workflow_names_the_row_and_imports_nothing(org, officers):
    rows = _rows(importers.certificates_xlsx(Certificate.objects.all()))
    col = {h: i for i, h in enumerate(rows[0])}
    rows[2][col["状态"]] = "暂扣"  # a valid change on row 3
    rows[2][col["变更原因"]], rows[2][col["状态变更日期"]] = "接受调查", "2026-05-01"
    rows[1][col["有效期至"]] = "2031-12-31"  # 张三: renewal long before the window opens
    before = sealed().count()
    result = importers.import_certificates(
        _bytes(rows), agency_ids=supervised_ids(org.supervisor), actor=org.supervisor
    )
    assert not result.ok
    assert [e.row for e in result.errors] == [2]
    assert "届满前90日内" in str(result.errors[0]) and "整个文件未导入" in str(result.errors[0])
    officers.li_cert.refresh_from_db()
    assert officers.li_cert.status == Certificate.Status.VALID
    assert sealed().count() == before


@pytest.mark.django_db
def test_one_bad_row_imports_nothing_and_names_the_row(org, officers):
    rows = _rows(importers.certificates_xlsx(Certificate.objects.all()))
    col = {h: i for i, h in enumerate(rows[0])}
    rows[1][col["有效期至"]] = "2031-12-31"  # a valid change on row 2
    bad = list(rows[2])
    bad[col["证件编号"]], bad[col["公民身份号码"]] = "33008888", "110101199001011234"
    result = importers.import_certificates(
        _bytes([rows[0], rows[1], bad]),
        agency_ids=supervised_ids(org.supervisor),
        actor=org.supervisor,
    )
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [(3, "公民身份号码")]
    assert "第 3 行" in str(result.errors[0])
    officers.zhang_cert.refresh_from_db()
    assert officers.zhang_cert.expires_on == D(2026, 12, 31)
    assert not Certificate.objects.filter(number="33008888").exists()


@pytest.mark.django_db
def test_training_round_trip_and_staff_outside_scope(org, officers):
    services.record_training(
        officers.zhang,
        category="skills",
        title="现场检查实训",
        date=D(2025, 4, 1),
        hours="8",
        actor="测试",
    )
    data = importers.training_xlsx(TrainingRecord.objects.all())
    assert importers.import_training(data, agency_ids=frozenset({org.market.pk}), actor=org.head).ok
    assert TrainingRecord.objects.count() == 1
    rows = _rows(data)
    outsider = org.outsider.staff
    rows.append([outsider.name, outsider.id_number, 2025, "2025-04-02", "执法技能", "实训", 6, ""])
    result = importers.import_training(
        _bytes(rows), agency_ids=frozenset({org.market.pk}), actor=org.head
    )
    assert [(e.row, e.column) for e in result.errors] == [(3, "公民身份号码")]


@pytest.mark.django_db
def test_api_officers_check_and_certificate_changes(client, org, officers):
    client.force_login(org.head)
    response = client.post(
        "/api/officers/check/",
        {"staff": [officers.zhang.pk], "on": "2025-03-10", "field": "市场监管"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["ok"] is False and "第四十二条" in response.json()["reason"]
    url = f"/api/officers/certificates/{officers.li_cert.pk}/suspend/"
    assert (
        client.post(
            url, {"on": "2025-03-01", "reason": "调查"}, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(org.supervisor)
    response = client.post(
        url, {"on": "2025-03-01", "reason": "调查"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "suspended"
    response = client.post(
        url, {"on": "2025-03-02", "reason": "再次"}, content_type="application/json"
    )
    assert response.status_code == 409 and "暂扣" in str(response.json())


@pytest.mark.django_db
def test_pages_render_for_the_supervisor(client, org, officers):
    client.force_login(org.supervisor)
    for name in (
        "officers:certificate_list",
        "officers:training_summary",
        "officers:training_records",
        "officers:certificate_issue",
        "officers:training_add",
    ):
        from django.urls import reverse

        assert client.get(reverse(name)).status_code == 200, name
    detail = client.get(f"/officers/certificates/{officers.zhang_cert.pk}/").content.decode()
    assert "33000001" in detail and "发证" in detail
    response = client.post(
        f"/officers/certificates/{officers.zhang_cert.pk}/step/suspend/",
        {"on": "2025-03-01", "reason": ""},
    )
    assert response.status_code == 409 and "请填写原因" in response.content.decode()
