"""两法衔接: carrying out a transfer to 公安 generates the 涉嫌犯罪案件移送书 (《行政执法机关移送
涉嫌犯罪案件的规定》第六条（一）: the transfer carries the 移送书 with the other materials), filled
from the case and the transfer, stored by digest, ledgered, listed among the case's documents
and in its archive; a refused transfer generates nothing."""

from __future__ import annotations

import io
from datetime import date as D
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow.engine import Refused
from fazhi.kernel.ledger import file_digest
from fazhi.systems.enforcement import rules, services
from fazhi.systems.enforcement.archive import export_case, verify_archive
from fazhi.systems.enforcement.documents import DOCUMENT_GENERATED, generate_document
from fazhi.systems.enforcement.models import CaseDocument

from .conftest import counts

LETTER = CaseDocument.Kind.TRANSFER_LETTER
CHECKLIST = {code: {"ok": True} for code, _ in rules.REVIEW_CHECKLIST}


def _text(data: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _read(stored) -> bytes:
    from fazhi.core.ledger.services import open_file

    with open_file(stored) as fh:
        return fh.read()


@pytest.fixture
def raised(flow, world):
    case = flow.opened()
    case = services.record_findings(
        case, actor=world.officer, amount_involved=Decimal("60000"), on=D(2025, 3, 6)
    )
    task = case.transfers.get()
    appraisal = services.add_evidence(
        case,
        actor=world.officer,
        kind="expert",
        title="货值鉴定意见",
        file=b"appraisal",
        file_name="鉴定.pdf",
        collected_on=D(2025, 3, 12),
    )
    return case, task, appraisal


def test_transfer_generates_the_letter_stored_and_ledgered(flow, world, raised, tmp_path):
    case, task, appraisal = raised
    case = flow.notified(flow.examined(case))
    services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 3, 19))
    task = services.record_transfer_outcome(
        task,
        actor=world.head,
        step="transfer",
        on=D(2025, 3, 20),
        receiver="海安市公安局",
        documents=[appraisal.file_id],
    )
    letter = CaseDocument.objects.get(case=case, kind=LETTER)
    # The letter heads the materials the transfer carries, after it those the head chose.
    assert task.documents == [letter.file_id, appraisal.file_id]
    data = _read(letter.file)
    assert file_digest(io.BytesIO(data), letter.file.algorithm) == letter.file.digest
    text = _text(data)
    for expected in (
        "涉嫌犯罪案件移送书",
        "海安市公安局：",
        case.party_name,
        case.number,
        "60,000.00元",  # 涉案金额
        "50,000.00元",  # the matter's 追诉标准
        task.reason,
        "1. 鉴定意见《货值鉴定意见》",
        "《行政执法机关移送涉嫌犯罪案件的规定》第六条",
        str(world.head),  # approved by the head who carried out the transfer
        "2025年3月20日",
    ):
        assert expected in text, expected
    assert "{{" not in text
    entry = sealed().filter(subject=case.subject, action=DOCUMENT_GENERATED).last()
    assert entry.payload["kind"] == LETTER and entry.payload["transfer"] == task.pk
    assert entry.payload["file_digest"] == letter.file.digest
    # Listed on the case page, and in the archive that `fazhi ledger verify` accepts.
    client = Client()
    client.force_login(world.officer)
    page = client.get(f"/enforcement/cases/{case.pk}/").content.decode()
    assert "涉嫌犯罪案件移送书" in page
    for step, on in (("receive", D(2025, 3, 21)), ("accept", D(2025, 3, 28))):
        services.record_transfer_outcome(task, actor=world.officer, step=step, on=on)
    case = services.complete_legal_review(
        case,
        actor=world.reviewer,
        result="passed",
        checklist=CHECKLIST,
        completed_on=D(2025, 3, 31),
    )
    case = services.close_case(
        case,
        actor=world.head,
        closed_on=D(2025, 4, 1),
        reason="已移送公安机关",
        outcome="transferred",
    )
    archive = export_case(case, tmp_path / "archive", actor=world.head)
    names = [p.name for p in (archive.path / "documents").iterdir()]
    assert any("涉嫌犯罪案件移送书" in n for n in names), names
    assert verify_archive(archive.path) == []


def test_refused_transfer_generates_no_letter(world, raised):
    """第六条: without a receiver or materials the transfer is refused and nothing is saved —
    no letter, no stored file, no ledger entry."""
    _, task, _ = raised
    before = counts()
    files = CaseDocument.objects.count()
    with pytest.raises(Refused) as info:
        services.record_transfer_outcome(
            task, actor=world.head, step="transfer", on=D(2025, 3, 20), receiver="海安市公安局"
        )
    assert "第六条" in str(info.value)
    assert counts() == before and CaseDocument.objects.count() == files
    task.refresh_from_db()
    assert task.state == "raised" and task.documents == []


def test_the_letter_is_not_generated_on_request(world, raised):
    case, _, _ = raised
    with pytest.raises(ValidationError) as info:
        generate_document(case, LETTER, actor=world.officer)
    assert "移送公安机关时" in str(info.value)
    assert not CaseDocument.objects.filter(kind=LETTER).exists()
