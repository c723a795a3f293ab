"""A 行政处罚 case walked from 案源 to 归档 in Chromium against the running server, a refused
step showing its article, and the exported archive verified.

Run with ``make e2e`` (fixtures in ``tests/browser.py``).
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import date

import pytest

pytestmark = [pytest.mark.e2e]

PASSWORD = "x-Secret-123!"


@pytest.fixture
def county(transactional_db):
    from fazhi.core.orgs.models import Agency, Division
    from fazhi.systems.enforcement.tests.conftest import _certify, _matter, _staff, uscc

    div = Division.objects.create(code="320685", name="海安市", level="county")
    gov = Agency.objects.create(
        name="海安市人民政府", kind="government", division=div, uscc=uscc("11320685014101360")
    )
    bureau = Agency.objects.create(
        name="海安市市场监督管理局",
        short_name="海安市监",
        kind="department",
        division=div,
        government=gov,
        uscc=uscc("11320685MB1958320"),
        enforcement_subject=True,
    )
    officer, a = _staff(bureau, "张明", "zhangming", date(1985, 3, 1), "officer", "111")
    _, b = _staff(bureau, "李华", "lihua", date(1988, 6, 1), "officer", "121")
    head, _ = _staff(bureau, "赵局长", "zhaojuzhang", date(1972, 5, 5), "agency_head", "141")
    for staff, number in ((a, "32060001"), (b, "32060002")):
        _certify(staff, number)
    matter = _matter(bureau, "330217011000", "生产、销售掺杂掺假产品")
    return {"officer": officer, "head": head, "staff": [a, b], "matter": matter, "bureau": bureau}


def _step(
    page, name: str, fields: dict[str, str] | None = None, *, select=None, check=(), expect_ok=True
):
    """Open the step's form on the case page, fill it and submit."""
    box = page.locator(f"#step-{name}")
    box.locator("summary").click()
    for field, value in (fields or {}).items():
        box.locator(f"[name={field}]").fill(value)
    for field, values in (select or {}).items():
        box.locator(f"select[name={field}]").select_option(values)
    for field, value in check:
        suffix = f"[value='{value}']" if value else ""  # a lone BooleanField checkbox has no value
        box.locator(f"input[name={field}]{suffix}").check()
    box.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if expect_ok:
        assert "已完成" in page.content(), page.content()[:3000]


def register_source(officer, base: str, county) -> None:
    """案源登记 through the page, as the officer does it (2025-03-03, a 2025-02-20 violation)."""
    officer.goto(f"{base}/enforcement/cases/new/")
    officer.select_option("select[name=agency]", str(county["bureau"].pk))
    officer.select_option("select[name=source_kind]", "complaint")
    officer.fill("textarea[name=source_summary]", "群众举报销售掺假产品")
    officer.fill("input[name=registered_on]", "2025-03-03")
    officer.select_option("select[name=party_kind]", "organisation")
    officer.fill("input[name=party_name]", "海安某某贸易有限公司")
    officer.select_option("select[name=matter]", str(county["matter"].pk))
    officer.fill("input[name=violation_date]", "2025-02-20")
    with officer.expect_navigation():
        officer.click("#main-form button[type=submit]")


def test_case_from_source_to_archive_in_the_browser(live_server, login, county, tmp_path):
    from fazhi.systems.enforcement.archive import verify_archive
    from fazhi.systems.enforcement.models import Case

    base = live_server.url
    officer = login("zhangming", PASSWORD)
    register_source(officer, base, county)
    assert "已登记案源" in officer.content()
    case = Case.objects.get()
    url = f"{base}/enforcement/cases/{case.pk}/"
    assert officer.locator("#step-open_case").count() == 0  # 立案 is the head's

    head = login("zhaojuzhang", PASSWORD)
    head.goto(url)
    _step(
        head,
        "open_case",
        {"opened_on": "2025-03-04"},
        select={
            "matter": str(county["matter"].pk),
            "officers": [str(s.pk) for s in county["staff"]],
        },
    )
    assert "立案调查" in head.content() and "作出行政处罚决定" in head.content()

    officer.goto(url)
    _step(
        officer,
        "add_evidence",
        {"title": "现场检查笔录", "collected_on": "2025-03-05"},
        select={"kind": "record"},
    )
    _step(officer, "conclude_investigation", {"on": "2025-03-10"})

    head.goto(url)  # a decision before 告知 is refused, with its article
    _step(
        head,
        "decide_case",
        {"fine": "5000", "reasons": "事实清楚", "decided_on": "2025-03-25"},
        select={"outcome": "penalty"},
        check=[("types", "fine")],
        expect_ok=False,
    )
    assert "第六十二条" in head.content()

    officer.goto(url)
    _step(
        officer,
        "serve_notice",
        {
            "fine": "5000",
            "facts": "销售掺假产品",
            "reasons": "违反产品质量法",
            "basis_text": "产品质量法第五十条",
            "served_on": "2025-03-11",
        },
        check=[("types", "fine")],
    )
    _step(
        officer,
        "record_statement",
        {"received_on": "2025-03-12"},
        check=[("waive_statement", "")],
    )

    head.goto(url)
    _step(
        head,
        "decide_case",
        {"fine": "5000", "reasons": "事实清楚", "decided_on": "2025-03-19"},
        select={"outcome": "penalty"},
        check=[("types", "fine")],
    )
    officer.goto(url)
    _step(officer, "generate_document", select={"kind": "decision"})
    _step(officer, "serve_decision", {"served_on": "2025-03-20"}, select={"mode": "direct"})
    _step(officer, "record_payment", {"amount": "5000", "paid_on": "2025-03-28"})
    head.goto(url)
    _step(head, "close_case", {"closed_on": "2025-03-31", "reason": "罚款已缴清"})
    officer.goto(url)
    _step(officer, "archive_case", {"archived_on": "2025-04-01"})
    assert "已归档" in officer.content()

    with officer.expect_download() as download:
        officer.click("text=导出案卷")
    target = tmp_path / "archive.zip"
    download.value.save_as(target)

    with zipfile.ZipFile(target) as zf:
        zf.extractall(tmp_path / "out")
    root = next((tmp_path / "out").iterdir())
    assert verify_archive(root) == []
    from fazhi.cli import main as fazhi_cli

    assert fazhi_cli(["ledger", "verify", str(target)]) == 0  # the downloaded zip as it is
    assert fazhi_cli(["ledger", "verify", str(root)]) == 0
    shutil.rmtree(tmp_path / "out")
