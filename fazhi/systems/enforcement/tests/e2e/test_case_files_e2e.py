"""In Chromium: the 法制审核 reviewer sees the case waiting for review and opens its evidence from
the case page (a thumbnail of the photo, the PDF 现场笔录 inline, the download under its Chinese
name), and an officer's upload shows its progress and lands on the case.

Run with ``make e2e`` (fixtures in ``tests/browser.py``); screenshots in build/screenshots/.
"""

from __future__ import annotations

import struct
import zlib
from datetime import date as D

import pytest

from fazhi.systems.enforcement.tests.conftest import Flow
from tests.browser import screenshot

pytestmark = [pytest.mark.e2e]

PASSWORD = "x-Secret-123!"


def make_pdf(text: str = "Scene record") -> bytes:
    """A valid one-page PDF (objects, xref and trailer with exact offsets)."""
    stream = f"BT /F1 24 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


PDF = make_pdf()


def png(width: int = 48, height: int = 32) -> bytes:
    """A real (decodable) red PNG, so the thumbnail has something to show."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xc0\x20\x20" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def case_in_review(world):
    from fazhi.systems.enforcement import services

    flow = Flow(world)
    case = flow.opened(flow.source(matter=world.catalogue_matter))
    services.add_evidence(
        case,
        actor=world.officer,
        kind="record",
        id_shown=True,
        title="现场检查照片",
        collected_on=D(2025, 3, 5),
        file=png(),
        file_name="现场照片.png",
        content_type="image/png",
    )
    services.add_evidence(
        case,
        actor=world.officer,
        kind="record",
        id_shown=True,
        title="现场检查笔录",
        collected_on=D(2025, 3, 5),
        file=PDF,
        file_name="现场笔录.pdf",
        content_type="application/pdf",
    )
    services.conclude_investigation(case, actor=world.officer, on=D(2025, 3, 10))
    case = flow.notified(case)
    services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 3, 19))
    return case


def test_reviewer_opens_the_evidence_from_the_case_in_review(
    world, case_in_review, login, live_server
):
    case = case_in_review
    page = login("chenlv", PASSWORD)
    page.goto(f"{live_server.url}/enforcement/cases/?state=in_review")
    page.click(f"text={case.number or case.source_number}")
    page.wait_for_selector("table.evidence")
    assert "法制审核" in page.locator("h1").inner_text()

    photo = case.evidence.get(title="现场检查照片")
    record = case.evidence.get(title="现场检查笔录")
    # the photo's thumbnail really loaded (served inline as an image)
    thumb = page.locator(f"#evidence-{photo.pk} img.file-thumb")
    thumb.wait_for()
    assert page.evaluate("img => img.complete && img.naturalWidth", thumb.element_handle()) == 48
    row = page.locator(f"#evidence-{record.pk}")
    assert "现场笔录.pdf" in row.inner_text() and "PDF 文档" in row.inner_text()
    row.locator("summary").click()  # 校验信息: the full digest
    assert record.file.digest in row.inner_text()
    screenshot(page, "case-files-reviewer")

    # 预览 opens the PDF inline in a new tab, served as a PDF that may not run script
    preview = row.locator("a.file-preview")
    response = page.context.request.get(f"{live_server.url}{preview.get_attribute('href')}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline;")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.body() == PDF
    with page.context.expect_page() as opened:
        preview.click()
    viewer = opened.value
    viewer.wait_for_load_state()
    viewer.wait_for_timeout(1000)  # the PDF viewer draws the page
    assert viewer.url.endswith(f"/files/enforcement.evidence/{record.pk}/")
    screenshot(viewer, "case-files-pdf-preview")
    viewer.close()

    # 下载 saves it under its Chinese name
    with page.expect_download() as download:
        row.locator("a.file-download").click()
    assert download.value.suggested_filename == "现场笔录.pdf"


def test_an_upload_shows_its_progress_and_lands_on_the_case(world, login, live_server, tmp_path):
    case = Flow(world).opened()
    page = login("zhangming", PASSWORD)
    page.goto(f"{live_server.url}/enforcement/cases/{case.pk}/")
    # remember whether the progress bar appeared (the page is replaced when the upload ends)
    page.evaluate(
        """() => new MutationObserver(() => {
            if (document.querySelector('.upload-progress progress'))
                sessionStorage.setItem('saw-progress', '1');
        }).observe(document.body, {childList: true, subtree: true})"""
    )
    big = tmp_path / "询问笔录.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * 3_000_000)
    box = page.locator("#step-add_evidence")
    box.locator("summary").click()
    box.locator("select[name=kind]").select_option("party")
    box.locator("[name=title]").fill("询问笔录")
    box.locator("[name=collected_on]").fill("2025-03-05")
    box.locator("input[type=file]").set_input_files(str(big))
    # a slow line (about 1 MB/s up), so that the bar is seen moving
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 20, "downloadThroughput": -1, "uploadThroughput": 1_000_000},
    )
    box.locator("button[type=submit]").click()
    page.wait_for_function(
        "() => { const p = document.querySelector('.upload-progress progress');"
        " return p && p.value > 5 && p.value < 100; }"
    )
    screenshot(page, "case-files-upload-progress")
    # the step's own message (the page also says 已完成 of a met clock)
    page.wait_for_selector("text=已完成“登记证据”", timeout=30_000)
    assert page.evaluate("sessionStorage.getItem('saw-progress')") == "1"
    evidence = case.evidence.get(title="询问笔录")
    assert evidence.file.size == big.stat().st_size
    assert "2.9 MB" in page.locator(f"#evidence-{evidence.pk}").inner_text()
    screenshot(page, "case-files-uploaded")
