"""The pages answer: list, compose, docx download, PDF message, bulletin, assessment, checker."""

from __future__ import annotations

from datetime import date

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.systems.reports import pdf, services


@time_machine.travel(date(2025, 1, 10), tick=False)
def test_pages_for_a_drafter_and_a_supervisor(client, east, drafter, sup, test_indicators):
    test_indicators[(east.market.pk, "2024")] = (2, 2)
    report = services.create_report(east.market, 2024, actor=drafter)
    client.force_login(drafter)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "败诉案件为2件" in page and "请分析原因" in page
    r = client.post(reverse("reports:save", args=[report.pk]), {"measures": "新正文", "note": "改"})
    assert r.status_code == 302 and report.current.number == 2
    r = client.get(reverse("reports:docx", args=[report.pk]))
    assert r.status_code == 200 and r.content[:2] == b"PK"
    client.force_login(sup)
    assert client.get(reverse("reports:list")).status_code == 200
    page = client.get(reverse("reports:bulletin"), {"period": "2024Q4"}).content.decode()
    assert "测试办结率" in page and "<svg" in page
    r = client.get(reverse("reports:bulletin"), {"period": "2024Q4", "format": "docx"})
    assert r.content[:2] == b"PK"
    r = client.get(reverse("reports:assessment"), {"agency": east.market.pk, "period": "2024"})
    assert "法定期限按期完成率" in r.content.decode()
    upload = SimpleUploadedFile("r.txt", "一、主要举措和成效\n共办理12件。".encode())
    r = client.post(reverse("reports:check"), {"file": upload})
    assert r.status_code == 200 and "第二十五条" in r.content.decode()
    # A part's status is shown in Chinese, never as the checker's code ("missing").
    assert "<td>有</td>" in r.content.decode() and "<td>缺少</td>" in r.content.decode()
    assert "<td>missing</td>" not in r.content.decode()


@time_machine.travel(date(2025, 1, 10), tick=False)
def test_pdf_without_libreoffice_is_a_chinese_message_on_the_page_and_a_503_in_the_api(
    client, east, drafter, sup, test_indicators, monkeypatch
):
    monkeypatch.setattr(pdf, "converter", lambda: None)
    report = services.create_report(east.market, 2024, actor=drafter)
    client.force_login(drafter)
    r = client.get(reverse("reports:pdf", args=[report.pk]), follow=True)
    assert "LibreOffice" in r.content.decode() and "请先下载 .docx" in r.content.decode()
    r = client.get(f"/api/reports/{report.pk}/pdf/")
    assert r.status_code == 503 and "LibreOffice" in r.json()["detail"]
    client.force_login(sup)
    r = client.get(reverse("reports:bulletin"), {"period": "2024Q4", "format": "pdf"})
    assert r.status_code == 200 and "LibreOffice" in r.content.decode()
    r = client.get(
        "/api/reports/bulletin/", {"body": east.justice.pk, "period": "2024Q4", "file": "pdf"}
    )
    assert r.status_code == 503 and "LibreOffice" in r.json()["detail"]


@time_machine.travel(date(2025, 1, 10), tick=False)
def test_the_api_gives_the_report_file_and_the_bulletin_with_a_new_indicator(
    client, east, drafter, sup, test_indicators
):
    test_indicators[(east.market.pk, "2024Q4")] = (1, 2)
    report = services.create_report(east.market, 2024, actor=drafter)
    client.force_login(drafter)
    r = client.get(f"/api/reports/{report.pk}/docx/")
    assert r.status_code == 200 and r.content[:2] == b"PK"
    assert "filename*=UTF-8''" in r["Content-Disposition"]
    assert client.get(f"/api/reports/{report.pk}/odt/").status_code == 404
    # a drafter supervises nothing: no bulletin
    assert client.get("/api/reports/bulletin/", {"period": "2024Q4"}).status_code == 403
    client.force_login(sup)
    r = client.get("/api/reports/bulletin/", {"body": east.justice.pk, "period": "2024Q4"})
    assert r.status_code == 200
    table = next(t for t in r.json()["tables"] if t["code"] == "testapp.solved_rate")
    market = next(row for row in table["rows"] if row["agency"] == east.market.pk)
    assert market["value"] == "50" and market["url"].startswith("http://testserver/indicators/")
    r = client.get("/api/reports/bulletin/", {"body": east.justice.pk, "period": "2024"})
    assert r.status_code == 400 and "季度" in r.json()["period"][0]
    r = client.get(
        "/api/reports/bulletin/", {"body": east.justice.pk, "period": "2024Q4", "file": "docx"}
    )
    assert r.status_code == 200 and r.content[:2] == b"PK"


@time_machine.travel(date(2025, 1, 10), tick=False)
def test_a_governments_report_quotes_its_agencies_whoever_reads_it(client, east, test_indicators):
    """The document is the government's (第二十五条): its figures cover every agency beneath it
    even when the reader's own grants are only at the government; the same text as published."""
    from fazhi.core.publication.tests.factories import Role, user

    test_indicators[(east.market.pk, "2024")] = (4, 5)
    clerk = user("clerk", (Role.LEGAL_REVIEWER, east.government))
    report = services.create_report(east.government, 2024, actor=clerk)
    client.force_login(clerk)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "2024年，败诉案件为4件" in page
    r = client.get(f"/api/reports/{report.pk}/composed/")
    sentences = [f["sentence"] for p in r.json()["parts"] for f in p["figures"]]
    assert "2024年，败诉案件为4件，同比增加4件。" in sentences
