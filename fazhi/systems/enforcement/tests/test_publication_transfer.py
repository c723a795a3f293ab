"""事后公示 through the publication door and its withdrawal (第四十八条); 两法衔接 transfers."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import pytest
import time_machine

from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.publication.models import PublishedItem
from fazhi.core.workflow.engine import Refused
from fazhi.systems.enforcement import rules, services
from fazhi.systems.enforcement.documents import generate_document

from .conftest import counts

CHECKLIST = {code: {"ok": True} for code, _ in rules.REVIEW_CHECKLIST}


def test_publication_masks_a_natural_person_and_is_timed_118(flow, world):
    case = flow.source(
        party_kind="person",
        party_name="褚某某",
        party_id_number=world.id_number(D(1991, 1, 1), "701"),
    )
    case = flow.decided(flow.notified(flow.examined(flow.opened(case))))
    with time_machine.travel(D(2025, 4, 7), tick=False):  # 7 working days from 25 March end 3 April
        case = services.publish_decision(case, actor=world.officer, on=D(2025, 4, 7))
    item = PublishedItem.objects.get(pk=case.publication_id)
    assert item.kind == "penalty" and item.fields["执法机关"] == "海安市市场监督管理局"
    assert item.fields["执法类别"] == "行政处罚" and "罚款5,000.00元" in item.fields["执法结论"]
    assert "褚某某" not in item.fields["执法对象"]
    assert case.publication_on_time is False and item.on_time is False
    clock = next(d for d in deadlines_of(case) if d.rule_id == "penalty.publication")
    assert clock.status == "met" and clock.on_time is False and clock.due == D(2025, 4, 3)


def test_organisation_name_is_published(flow, world):
    case = flow.decided()
    with time_machine.travel(D(2025, 3, 27), tick=False):
        case = services.publish_decision(case, actor=world.officer, on=D(2025, 3, 27))
    assert (
        PublishedItem.objects.get(pk=case.publication_id).fields["执法对象"]
        == "海安某某贸易有限公司"
    )
    with pytest.raises(Refused) as info:  # published once only
        services.publish_decision(case, actor=world.officer)
    assert "第四十八条" in str(info.value)


def test_revoked_decision_is_withdrawn_within_three_working_days_article_48(flow, world):
    case = flow.served()
    with time_machine.travel(D(2025, 3, 27), tick=False):
        case = services.publish_decision(case, actor=world.officer, on=D(2025, 3, 27))
    remedy = services.record_reconsideration_or_suit(
        case,
        actor=world.officer,
        kind="reconsideration",
        filed_on=D(2025, 4, 1),
        body="海安市人民政府",
    )
    services.conclude_reconsideration_or_suit(
        remedy, actor=world.officer, result="revoked", ended_on=D(2025, 5, 6)
    )
    clock = next(d for d in deadlines_of(case) if d.rule_id == "penalty.withdrawal")
    assert clock.due == D(2025, 5, 9)
    with pytest.raises(Refused) as info:
        services.withdraw_publication(case, actor=world.officer, reason="", on=D(2025, 5, 8))
    assert "第四十八条第二款" in str(info.value)
    with time_machine.travel(D(2025, 5, 8), tick=False):
        case = services.withdraw_publication(
            case, actor=world.officer, reason="原处罚决定已被复议机关撤销", on=D(2025, 5, 8)
        )
    item = PublishedItem.objects.get(pk=case.publication_id)
    assert (
        item.status == "withdrawn" and item.withdrawal_on_time and item.changed_on == D(2025, 5, 6)
    )
    clock.refresh_from_db()
    assert clock.status == "met" and clock.on_time


def test_crossing_the_criminal_threshold_raises_a_transfer_task(flow, world):
    case = flow.opened()
    assert not case.transfers.exists()
    case = services.record_findings(
        case, actor=world.officer, amount_involved=Decimal("60000"), on=D(2025, 3, 6)
    )
    task = case.transfers.get()
    assert task.automatic and task.state == "raised" and task.threshold_amount == Decimal("50000")
    case = flow.notified(flow.examined(case))
    services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 3, 19))
    with pytest.raises(Refused) as info:
        services.complete_legal_review(
            case,
            actor=world.reviewer,
            result="passed",
            checklist=CHECKLIST,
            completed_on=D(2025, 3, 20),
        )
    assert "涉嫌犯罪" in str(info.value) and "118号" in str(info.value)
    with pytest.raises(Refused) as info:  # documents are required
        services.record_transfer_outcome(
            task, actor=world.head, step="transfer", on=D(2025, 3, 20), receiver="海安市公安局"
        )
    assert "移送涉嫌犯罪案件的规定" in str(info.value)
    doc = services.add_evidence(
        case,
        actor=world.officer,
        kind="expert",
        title="货值鉴定",
        file=b"appraisal",
        file_name="鉴定.pdf",
        collected_on=D(2025, 3, 12),
    )
    task = services.record_transfer_outcome(
        task,
        actor=world.head,
        step="transfer",
        on=D(2025, 3, 20),
        receiver="海安市公安局",
        documents=[doc.file_id],
    )
    assert task.state == "transferred" and task.transferred_on == D(2025, 3, 20)
    task = services.record_transfer_outcome(
        task, actor=world.officer, step="receive", on=D(2025, 3, 21)
    )
    task = services.record_transfer_outcome(
        task, actor=world.officer, step="accept", on=D(2025, 3, 28)
    )
    assert task.state == "accepted" and task.accepted_on == D(2025, 3, 28)
    case = services.complete_legal_review(
        case,
        actor=world.reviewer,
        result="passed",
        checklist=CHECKLIST,
        completed_on=D(2025, 3, 31),
    )
    assert case.state == "ready"
    case = services.close_case(
        case,
        actor=world.head,
        closed_on=D(2025, 4, 1),
        reason="已移送公安机关立案侦查",
        outcome="transferred",
    )
    assert case.state == "closed" and case.outcome == "transferred"
    task = services.record_transfer_outcome(
        task, actor=world.officer, step="conclude", on=D(2025, 9, 1), outcome="判处有期徒刑一年"
    )
    assert task.state == "concluded"


def test_returned_transfer_records_the_reason(flow, world):
    case = flow.opened()
    task = services.raise_transfer(
        case, actor=world.officer, reason="涉嫌生产销售伪劣产品罪", on=D(2025, 3, 5)
    )
    report = generate_document(case, "filing_approval", actor=world.officer)
    task = services.record_transfer_outcome(
        task,
        actor=world.head,
        step="transfer",
        on=D(2025, 3, 6),
        receiver="海安市公安局",
        documents=[report.file_id],
    )
    task = services.record_transfer_outcome(
        task, actor=world.officer, step="return", on=D(2025, 3, 20), reason="未达到立案追诉标准"
    )
    assert task.state == "returned" and task.return_reason == "未达到立案追诉标准"


def test_transfer_materials_must_be_files_of_this_case(flow, world):
    """《行政执法机关移送涉嫌犯罪案件的规定》第六条: the transfer carries the case's materials —
    a made-up digest, or a file of another case, is refused with the article and saves nothing."""
    other = flow.opened(flow.source(party_name="另一当事人"))
    foreign = generate_document(other, "filing_approval", actor=world.officer)
    case = flow.opened()
    task = services.raise_transfer(
        case, actor=world.officer, reason="涉嫌生产销售伪劣产品罪", on=D(2025, 3, 5)
    )
    before = counts()
    for documents, words in (
        ([], "未附移送材料"),
        (["x" * 64], "本案已存证"),
        ([foreign.file_id], "本案已存证"),
    ):
        with pytest.raises(Refused) as info:
            services.record_transfer_outcome(
                task,
                actor=world.head,
                step="transfer",
                on=D(2025, 3, 6),
                receiver="海安市公安局",
                documents=documents,
            )
        assert "第六条" in str(info.value) and words in str(info.value)
        task.refresh_from_db()
        assert task.state == "raised" and counts() == before
