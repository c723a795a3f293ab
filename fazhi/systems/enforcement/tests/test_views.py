"""The HTML pages: list with filters and .xlsx export, the case page offering only the steps the
user's policy allows, a refused step showing its article, and the forms that open cases."""

from __future__ import annotations

import io
from datetime import date as D
from datetime import datetime

import openpyxl
import pytest
from django.test import Client

from fazhi.systems.enforcement.models import Case

from .conftest import counts


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def cases(flow, world):
    a = flow.notified()
    b = flow.source(party_name="海安某某超市", registered_on=D(2025, 3, 5))
    return a, b


def test_list_filters_and_export(world, cases):
    notified, source = cases
    page = login(world.officer).get("/enforcement/cases/?state=notified")
    assert page.status_code == 200
    body = page.content.decode()
    assert notified.number in body and "海安某某超市" not in body
    export = login(world.supervisor).get("/enforcement/cases/?export=xlsx")
    assert export.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "案号" and len(rows) == 3
    assert "海安某某超市" in {r[1] for r in rows[1:]}
    # Amounts are numbers Excel can sum, dates are dates.
    fine = sheet.cell(2, rows[0].index("罚没款（元）") + 1)
    assert fine.data_type == "n" and fine.number_format == "#,##0.00"
    registered = sheet.cell(2, rows[0].index("登记日") + 1)
    assert isinstance(registered.value, datetime) and registered.number_format == "yyyy-mm-dd"
    assert "海安某某超市" not in login(world.outsider).get("/enforcement/cases/").content.decode()


def test_case_page_offers_only_allowed_steps(world, cases):
    notified, _ = cases
    officer_page = login(world.officer).get(f"/enforcement/cases/{notified.pk}/").content.decode()
    head_page = login(world.head).get(f"/enforcement/cases/{notified.pk}/").content.decode()
    assert (
        'id="step-record_statement"' in officer_page and 'id="step-decide_case"' not in officer_page
    )
    assert 'id="step-decide_case"' in head_page
    assert (
        "作出行政处罚决定" in officer_page and "2025-06-03" in officer_page
    )  # deadline with its basis
    assert "第六十四条" in officer_page  # the 市场监管 rule 第六十条 defers to
    assert login(world.outsider).get(f"/enforcement/cases/{notified.pk}/").status_code == 404


def test_refused_step_shows_the_article_and_saves_nothing(world, flow):
    case = flow.examined()
    head = login(world.head)
    before = counts()
    r = head.post(
        f"/enforcement/cases/{case.pk}/step/decide_case/",
        {
            "outcome": "penalty",
            "types": ["fine"],
            "fine": "5000",
            "reasons": "事实清楚",
            "decided_on": "2025-03-25",
        },
    )
    assert r.status_code == 409
    assert "第六十二条" in r.content.decode()
    assert counts() == before
    case.refresh_from_db()
    assert case.state == "examining"


def test_step_through_the_page(world, flow):
    case = flow.opened()
    r = login(world.officer).post(
        f"/enforcement/cases/{case.pk}/step/add_evidence/",
        {
            "kind": "document",
            "title": "营业执照复印件",
            "collected_on": "2025-03-05",
            "id_shown": "on",
        },
    )
    assert r.status_code == 302
    assert case.evidence.get().title == "营业执照复印件"
    forbidden = login(world.officer).post(
        f"/enforcement/cases/{case.pk}/step/decline_case/", {"reason": "x"}
    )
    assert forbidden.status_code == 403


def test_findings_left_blank_are_not_changed(world, flow):
    case = flow.opened()
    r = login(world.officer).post(
        f"/enforcement/cases/{case.pk}/step/record_findings/", {"amount_involved": "1200"}
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.amount_involved == 1200 and case.violation_date == D(2025, 2, 20)


def test_a_step_on_a_statement_of_the_case(world, flow):
    from fazhi.systems.enforcement import services

    case = flow.notified()
    statement = services.record_statement(
        case, actor=world.officer, received_on=D(2025, 3, 12), content="罚款过重"
    )
    r = login(world.officer).post(
        f"/enforcement/cases/{case.pk}/step/review_statement/",
        {
            "statement": statement.pk,
            "result": "rejected",
            "opinion": "罚款在裁量基准幅度内",
            "reviewed_on": "2025-03-13",
        },
    )
    assert r.status_code == 302
    statement.refresh_from_db()
    assert (statement.review_result, statement.review_opinion) == (
        "rejected",
        "罚款在裁量基准幅度内",
    )


def test_register_source_and_summary_forms(world):
    from fazhi.systems.matters.models import LegalBasis

    c = login(world.officer)
    assert c.get("/enforcement/cases/new/").status_code == 200
    good = world.id_number(D(1990, 1, 1), "601")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    r = c.post(
        "/enforcement/cases/new/",
        {
            "agency": world.bureau.pk,
            "source_kind": "complaint",
            "source_summary": "12345转办",
            "registered_on": "2025-03-03",
            "party_kind": "person",
            "party_name": "冯某",
            "party_id_number": bad,
        },
    )
    assert (
        r.status_code == 400 and "校验" in r.content.decode()
    )  # a bad ID number is named on its field
    r = c.post(
        "/enforcement/cases/new/",
        {
            "agency": world.bureau.pk,
            "source_kind": "complaint",
            "source_summary": "12345转办",
            "registered_on": "2025-03-03",
            "party_kind": "person",
            "party_name": "冯某",
            "party_id_number": good,
        },
    )
    assert r.status_code == 302 and Case.objects.get().state == "source"
    LegalBasis.objects.filter(matter=world.matter).update(fine_min=50)
    r = c.post(
        "/enforcement/summary/new/",
        {
            "agency": world.bureau.pk,
            "matter": world.matter.pk,
            "officers": [s.pk for s in world.officers],
            "party_kind": "person",
            "party_name": "褚某",
            "types": ["fine"],
            "fine": "201",
            "decided_on": "2025-03-04",
            "violation_date": "2025-03-04",
            "facts": "当场发现",
            "reasons": "当场查获",
            "id_shown": "on",
            "notified": "on",
            "statement_waived": "on",
        },
    )
    assert r.status_code == 409 and "第五十一条" in r.content.decode()


def test_document_download(world, flow):
    from fazhi.systems.enforcement.documents import generate_document

    case = flow.decided()
    doc = generate_document(case, "decision", actor=world.officer)
    r = login(world.supervisor).get(f"/enforcement/cases/{case.pk}/documents/{doc.pk}/")
    assert r.status_code == 200 and b"".join(r.streaming_content)[:2] == b"PK"


def test_stats_page(world, flow):
    flow.decided()
    r = login(world.supervisor).get("/enforcement/stats/?period=2025")
    assert r.status_code == 200 and "九十日内作出处罚决定率" in r.content.decode()


def test_reviewer_sees_decisions_outside_the_benchmark(world, flow):
    from decimal import Decimal

    from fazhi.systems.enforcement import services

    case = flow.notified(fine=Decimal("9000"))
    services.decide_case(
        case,
        actor=world.head,
        decided_on=D(2025, 3, 25),
        types=["fine"],
        fine=Decimal("9000"),
        reasons="事实清楚",
        deviation_reason="货值较大",
    )
    flow.decided(flow.notified(flow.examined(flow.opened(flow.source(party_name="另一公司")))))
    body = login(world.reviewer).get("/enforcement/cases/?flagged=on").content.decode()
    assert case.party_name in body and "另一公司" not in body


def test_downloaded_archive_is_accepted_by_fazhi_ledger_verify(world, flow, tmp_path):
    """The closed case downloads as one .zip that ``fazhi ledger verify`` accepts as it is, and
    that the verifier rejects once a stored document is altered."""
    import zipfile
    from decimal import Decimal

    from fazhi.cli import main as fazhi_cli
    from fazhi.systems.enforcement import services
    from fazhi.systems.enforcement.documents import generate_document

    case = flow.decided()
    generate_document(case, "decision", actor=world.officer)
    case = flow.served(case)
    services.record_payment(
        case, actor=world.officer, amount=Decimal("5000"), paid_on=D(2025, 3, 27)
    )
    case = services.close_case(case, actor=world.head, closed_on=D(2025, 3, 28))
    r = login(world.supervisor).get(f"/enforcement/cases/{case.pk}/archive.zip")
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    target = tmp_path / "archive.zip"
    target.write_bytes(r.content)
    assert fazhi_cli(["ledger", "verify", str(target)]) == 0
    with zipfile.ZipFile(target) as zf:
        names = zf.namelist()
        assert any(n.endswith("/case.json") for n in names)
        assert any("/documents/" in n and n.endswith(".docx") for n in names)
        stored = next(n for n in names if "/files/" in n)
        tampered = tmp_path / "tampered.zip"
        with zipfile.ZipFile(tampered, "w") as out:
            for n in names:
                data = zf.read(n)
                out.writestr(n, data + b"x" if n == stored else data)
    assert fazhi_cli(["ledger", "verify", str(tampered)]) != 0
