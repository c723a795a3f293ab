"""The case's files open from the case page: the 法制审核 reviewer opens the evidence of a case
waiting for review inline and downloads it, an officer of another agency gets nothing, uploads
that a browser would run are only ever downloaded, and every generated version of a 文书 stays.
"""

from __future__ import annotations

import re
from datetime import date as D
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.core.ledger.selectors import sealed
from fazhi.systems.enforcement import services
from fazhi.systems.enforcement.documents import generate_document

PDF = b"%PDF-1.4 scene record"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def in_review(flow, world):
    """A case in the 法制审核目录 sent to review (第五十八条), its evidence a PDF 现场笔录."""
    case = flow.notified(flow.examined(flow.opened(flow.source(matter=world.catalogue_matter))))
    services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 3, 19))
    case.refresh_from_db()
    assert case.state == "in_review"
    return case


def _evidence_urls(case):
    e = case.evidence.get()
    return (
        e,
        f"/files/enforcement.evidence/{e.pk}/",
        f"/files/enforcement.evidence/{e.pk}/download/",
    )


def test_reviewer_opens_the_evidence_of_a_case_in_review(world, in_review):
    e, view, download = _evidence_urls(in_review)
    reviewer = login(world.reviewer)
    page = reviewer.get(f"/enforcement/cases/{in_review.pk}/").content.decode()
    # the evidence row: name, type, size, preview, download and the full digest to verify
    row = page[page.index(f'id="evidence-{e.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "现场笔录.pdf" in row and "PDF 文档" in row and "21 B" in row
    assert f'href="{view}"' in row and f'href="{download}"' in row
    assert "校验信息" in row and e.file.digest in row and "SM3" in row.upper()

    opened = reviewer.get(view)
    assert opened.status_code == 200
    assert opened["Content-Type"] == "application/pdf"
    # the Chinese name survives (RFC 5987), with an ASCII name for clients that read only that
    assert opened["Content-Disposition"] == (
        f"inline; filename=\"file.pdf\"; filename*=UTF-8''{quote('现场笔录.pdf')}"
    )
    assert opened["X-Content-Type-Options"] == "nosniff"
    csp = opened["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert opened["X-Frame-Options"] == "SAMEORIGIN"
    assert body(opened) == PDF

    saved = reviewer.get(download)
    assert saved.status_code == 200
    assert saved["Content-Disposition"].startswith("attachment;")
    assert f"filename*=UTF-8''{quote('现场笔录.pdf')}" in saved["Content-Disposition"]
    assert saved["X-Content-Type-Options"] == "nosniff"
    assert body(saved) == PDF
    # the same bytes again are not sent twice
    again = reviewer.get(download, HTTP_IF_NONE_MATCH=f'"{e.file.digest}"')
    assert again.status_code == 304


def test_an_officer_of_another_agency_cannot_open_the_evidence(world, in_review):
    e, view, download = _evidence_urls(in_review)
    outsider = login(world.outsider)
    assert outsider.get(f"/enforcement/cases/{in_review.pk}/").status_code == 404
    assert outsider.get(view).status_code == 404
    assert outsider.get(download).status_code == 404
    # the same answer as for a file that does not exist
    assert outsider.get(f"/files/enforcement.evidence/{e.pk + 999}/").status_code == 404
    assert outsider.get(f"/files/no.such.kind/{e.pk}/").status_code == 404
    # not signed in: to the login page
    anonymous = Client().get(view)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    # the supervisor (司法局) sees every case beneath the government, and its files
    assert login(world.supervisor).get(view).status_code == 200


def _add(case, world, data: bytes, name: str, content_type: str):
    services.add_evidence(
        case,
        actor=world.officer,
        kind="electronic",
        title=name,
        collected_on=D(2025, 3, 6),
        file=data,
        file_name=name,
        content_type=content_type,
    )
    return case.evidence.get(title=name)


@pytest.mark.parametrize(
    ("data", "name", "claimed"),
    [
        (b"<html><script>alert(1)</script></html>", "页面.html", "text/html"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "图.svg", "image/svg+xml"),
        # claims to be a PNG, is a page: the bytes decide, and it is only downloaded
        (b"<html><script>alert(1)</script></html>", "照片.png", "image/png"),
        (b"<html><script>alert(1)</script></html>", "伪装.pdf", "application/pdf"),
    ],
)
def test_uploads_a_browser_would_run_are_only_downloaded(world, flow, data, name, claimed):
    case = flow.opened()
    e = _add(case, world, data, name, claimed)
    r = login(world.officer).get(f"/files/enforcement.evidence/{e.pk}/")
    assert r.status_code == 200
    assert r["Content-Disposition"].startswith("attachment;")
    assert r["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in r["Content-Security-Policy"]
    assert "default-src 'none'" in r["Content-Security-Policy"]
    assert r["X-Frame-Options"] == "DENY"
    # the page offers no preview of it
    page = login(world.officer).get(f"/enforcement/cases/{case.pk}/").content.decode()
    row = page[page.index(f'id="evidence-{e.pk}"') :]
    row = row[: row.index("</tr>")]
    assert f'src="/files/enforcement.evidence/{e.pk}/"' not in row


def test_an_image_is_previewed_as_a_thumbnail(world, flow):
    case = flow.opened()
    e = _add(case, world, PNG, "现场照片.png", "image/png")
    officer = login(world.officer)
    page = officer.get(f"/enforcement/cases/{case.pk}/").content.decode()
    view = f"/files/enforcement.evidence/{e.pk}/"
    assert re.search(rf'<img class="file-thumb" src="{re.escape(view)}"', page)
    assert "PNG 图片" in page
    r = officer.get(view)
    assert r["Content-Type"] == "image/png" and r["Content-Disposition"].startswith("inline;")
    # an image preview runs nothing and is sandboxed
    assert "sandbox" in r["Content-Security-Policy"]
    assert body(r) == PNG


def test_evidence_uploaded_through_the_step_form(world, flow):
    case = flow.opened()
    officer = login(world.officer)
    page = officer.get(f"/enforcement/cases/{case.pk}/").content.decode()
    # the form works as a plain multipart form; the local script adds the progress bar
    assert 'enctype="multipart/form-data"' in page and "fazhi/upload.js" in page
    upload = SimpleUploadedFile("询问笔录.pdf", b"%PDF-1.7 interview", "application/pdf")
    r = officer.post(
        f"/enforcement/cases/{case.pk}/step/add_evidence/",
        {
            "kind": "party",
            "title": "询问笔录",
            "collected_on": "2025-03-05",
            "id_shown": "on",
            "file": upload,
        },
    )
    assert r.status_code == 302
    e = case.evidence.get()
    assert e.file.name == "询问笔录.pdf" and e.file.size == len(b"%PDF-1.7 interview")
    saved = login(world.reviewer).get(f"/files/enforcement.evidence/{e.pk}/download/")
    assert body(saved) == b"%PDF-1.7 interview"


def test_regenerating_a_document_keeps_every_version(world, flow):
    case = flow.decided()
    first = generate_document(case, "decision", actor=world.officer)
    # regenerated from the case page's 生成文书 step
    r = login(world.head).post(
        f"/enforcement/cases/{case.pk}/step/generate_document/", {"kind": "decision"}
    )
    assert r.status_code == 302
    second = case.documents.get(kind="decision", version=2)
    assert second.generated_by == world.head and second.pk != first.pk
    notice = generate_document(case, "penalty_notice", actor=world.officer)
    assert (first.version, second.version, notice.version) == (1, 2, 1)
    assert case.documents.filter(kind="decision").count() == 2
    # each generation is ledgered with its version and digest
    entries = [
        e.payload
        for e in sealed().filter(subject=case.subject, action="penalty.document_generated")
    ]
    assert [(p["kind"], p["version"], p["file_digest"]) for p in entries] == [
        ("decision", 1, first.file_id),
        ("decision", 2, second.file_id),
        ("penalty_notice", 1, notice.file_id),
    ]

    reviewer = login(world.reviewer)
    page = reviewer.get(f"/enforcement/cases/{case.pk}/").content.decode()
    latest = page[page.index(f'id="document-{second.pk}"') :]
    assert "第2版" in latest[: latest.index("</tr>")] and "最新" in latest[: latest.index("</tr>")]
    assert "历次版本（1）" in page and f'id="document-{first.pk}"' in page
    for doc in (first, second):
        r = reviewer.get(f"/files/enforcement.document/{doc.pk}/download/")
        assert r.status_code == 200 and body(r)[:2] == b"PK"
        name = f"行政处罚决定书-{case.number}-第{doc.version}版.docx"
        assert f"filename*=UTF-8''{quote(name)}" in r["Content-Disposition"]
        # a .docx is never shown inline
        inline = reviewer.get(f"/files/enforcement.document/{doc.pk}/")
        assert inline["Content-Disposition"].startswith("attachment;")
    # the older address of a 文书 still downloads it, with the same headers
    old = reviewer.get(f"/enforcement/cases/{case.pk}/documents/{first.pk}/")
    assert old["X-Content-Type-Options"] == "nosniff" and body(old)[:2] == b"PK"
    assert login(world.outsider).get(f"/files/enforcement.document/{first.pk}/").status_code == 404
