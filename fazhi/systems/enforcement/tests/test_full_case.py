"""A full case from 案源 to 归档 through the services: every transition ledgered with its history
row, every clock started and stopped, the documents generated, the archive verified."""

from __future__ import annotations

from datetime import date as D
from decimal import Decimal

import time_machine
from docx import Document

from fazhi.cli import main as fazhi_cli
from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.ledger.selectors import sealed
from fazhi.core.workflow.models import TransitionLog
from fazhi.systems.enforcement import rules, services
from fazhi.systems.enforcement.archive import export_case, verify_archive
from fazhi.systems.enforcement.documents import generate_document

CHECKLIST = {code: {"ok": True, "note": ""} for code, _ in rules.REVIEW_CHECKLIST}


def _clock(case, rule, key=""):
    return next(d for d in deadlines_of(case) if d.rule_id == rule and d.key == key)


def test_each_transition_writes_one_ledger_entry_and_one_history_row(flow, world):
    case = flow.source()
    entry = sealed().get(subject=case.subject, action="penalty.register_source")
    assert entry.payload["to"] == "source" and entry.actor == "zhangming"
    case = flow.opened(case)
    entry = sealed().get(subject=case.subject, action="penalty.open_case")
    assert entry.payload["from"] == "source" and entry.payload["to"] == "investigating"
    assert sorted(entry.payload["data"]["officers"]) == sorted(s.pk for s in world.officers)
    assert entry.payload["data"]["matter"] == world.matter.pk and entry.actor == "zhaojuzhang"
    log = TransitionLog.objects.get(subject_id=case.pk, action="penalty.open_case")
    assert (
        log.ledger_leaf == entry.leaf and log.actor == world.head and log.on_date == D(2025, 3, 4)
    )
    ev = services.add_evidence(
        case,
        actor=world.officer,
        kind="document",
        title="购销台账",
        collected_on=D(2025, 3, 5),
        file=b"ledger book scan",
        file_name="台账.jpg",
    )
    stored = sealed().get(action="file.stored", body__contains=ev.file_id)
    assert stored.subject == case.subject
    added = sealed().get(subject=case.subject, action="penalty.add_evidence")
    assert added.payload["data"]["file_digest"] == ev.file_id and added.seq > stored.seq


def test_clocks_of_the_ordinary_procedure(flow, world):
    case = flow.opened()
    decision = _clock(case, "penalty.decision.scjg")
    # 90 days end on 2 June 2025, a 端午节 holiday (31 May–2 June): rolled to 3 June.
    assert decision.trigger == D(2025, 3, 4) and decision.due == D(2025, 6, 3)
    assert case.decision_due == D(2025, 6, 3)
    assert (
        decision.assignee == world.officer
    )  # in the first officer's 待办, not the approving head's
    case = flow.notified(flow.examined(case))
    assert _clock(case, "penalty.hearing_request").due == D(2025, 3, 18)
    case = flow.decided(case)
    decision.refresh_from_db()
    assert decision.status == "met" and decision.on_time and case.decision_on_time
    assert _clock(case, "penalty.service").due == D(2025, 4, 3)  # 7 working days
    assert _clock(case, "penalty.publication").status == "open"
    case = flow.served(case)
    assert _clock(case, "penalty.service").status == "met"
    assert _clock(case, "penalty.payment").due == D(2025, 4, 10)


def test_suspension_and_extension_of_the_decision_period(flow, world):
    case = flow.opened()
    services.suspend_decision_period(
        case, actor=world.officer, reason="检测、检验", on=D(2025, 3, 10)
    )
    services.resume_decision_period(case, actor=world.officer, on=D(2025, 3, 19))
    assert _clock(case, "penalty.decision.scjg").due == D(2025, 6, 12)  # ten days not counted
    services.extend_decision_period(case, actor=world.head, reason="案情复杂", on=D(2025, 5, 20))
    assert _clock(case, "penalty.decision.scjg").due == D(
        2025, 7, 14
    )  # +30 days, 12 July a Saturday


def test_full_case_from_source_to_archive(flow, world, tmp_path):
    case = flow.source(
        party_kind="person",
        party_name="钱某",
        party_id_number=world.id_number(D(1986, 4, 4), "501"),
        party_address="海安市某路1号",
    )
    case = flow.opened(case, circumstances=["first_violation"])
    generate_document(case, "filing_approval", actor=world.officer)
    p = services.preserve_evidence(
        case,
        actor=world.officer,
        items="涉嫌掺假产品20箱",
        approved_by=world.head,
        preserved_on=D(2025, 3, 5),
    )
    assert p.due == D(2025, 3, 14)
    generate_document(case, "preservation_notice", actor=world.officer)
    services.decide_preservation(p, actor=world.officer, decision="test", decided_on=D(2025, 3, 7))
    r = services.request_recusal(
        case,
        actor=world.officer,
        applicant="钱某",
        target=world.officer2_staff,
        reason="与当事人有利害关系",
        requested_on=D(2025, 3, 6),
    )
    services.decide_recusal(r, actor=world.head, decision="rejected", decided_on=D(2025, 3, 7))
    case = flow.examined(case)
    case = services.serve_notice(
        case,
        actor=world.officer,
        types=["fine", "revoke_licence"],
        fine=Decimal("2000"),
        facts="销售掺杂掺假产品",
        reasons="违反产品质量法",
        basis_text="《中华人民共和国产品质量法》第五十条",
        served_on=D(2025, 3, 11),
    )
    generate_document(case, "penalty_notice", actor=world.officer)
    s = services.record_statement(
        case, actor=world.officer, received_on=D(2025, 3, 12), content="初次违法"
    )
    services.review_statement(
        s,
        actor=world.officer,
        result="partly",
        opinion="已考虑初次违法",
        reviewed_on=D(2025, 3, 13),
    )
    services.request_hearing(case, actor=world.officer, requested_on=D(2025, 3, 14))
    services.schedule_hearing(
        case,
        actor=world.officer,
        scheduled_for=D(2025, 3, 31),
        chair=world.chair,
        notified_on=D(2025, 3, 17),
        location="本局听证室",
    )
    generate_document(case, "hearing_notice", actor=world.officer)
    case = services.record_hearing(
        case, actor=world.chair_user, held_on=D(2025, 3, 31), record="听证笔录全文"
    ).case
    assert case.needs_legal_review  # a hearing was held: 第五十八条第一款第（二）项
    services.submit_legal_review(case, actor=world.officer, submitted_on=D(2025, 4, 1))
    services.complete_legal_review(
        case, actor=world.reviewer, result="passed", checklist=CHECKLIST, completed_on=D(2025, 4, 2)
    )
    case = services.decide_case(
        case,
        actor=world.head,
        decided_on=D(2025, 4, 3),
        types=["fine", "revoke_licence"],
        fine=Decimal("2000"),
        reasons="事实清楚",
    )
    assert case.decision_number == "海安市监罚决〔2025〕1号" and case.tier == "lenient"
    assert case.benchmark_version_id and case.decision_on_time
    decision_doc = generate_document(case, "decision", actor=world.officer)
    case = services.serve_decision(
        case, actor=world.officer, served_on=D(2025, 4, 3), mode="on_spot"
    )
    generate_document(case, "service_receipt", actor=world.officer)
    with time_machine.travel(D(2025, 4, 8), tick=False):
        case = services.publish_decision(case, actor=world.officer, on=D(2025, 4, 8))
    assert case.publication_on_time and case.published_on == D(2025, 4, 8)
    case = services.record_payment(
        case, actor=world.officer, amount=Decimal("2000"), paid_on=D(2025, 4, 10)
    )
    assert _clock(case, "penalty.payment").status == "met"
    case = services.close_case(
        case, actor=world.head, closed_on=D(2025, 4, 11), reason="罚款已缴清"
    )
    generate_document(case, "closing_approval", actor=world.officer)
    case = services.archive_case(case, actor=world.officer, archived_on=D(2025, 4, 14))
    assert case.state == "archived"

    # The 决定书 carries every item of 第五十九条, including the remedy route and periods.
    from fazhi.core.ledger.services import open_file

    with open_file(decision_doc.file) as fh:
        doc = Document(fh)
    text = "\n".join(p.text for p in doc.paragraphs)
    for needle in (
        "钱某",
        "海安市某路1号",
        "销售掺杂掺假产品",
        "现场检查笔录",
        "罚款2,000.00元",
        "吊销许可证件",
        "第五十条",
        "十五日内",
        "百分之三",
        "六十日内向海安市人民政府申请行政复议",
        "六个月内依法向海安市人民法院提起行政诉讼",
        "海安市市场监督管理局（印章）",
        "2025年4月3日",
        "听证",
        "从轻",
    ):
        assert needle in text, needle

    archive = export_case(case, tmp_path / "archive", actor=world.supervisor)
    assert archive.documents == 7 and archive.evidence == 1 and archive.ledger.ok
    assert verify_archive(archive.path) == []
    assert fazhi_cli(["ledger", "verify", str(archive.path)]) == 0  # the archive is a bundle
    actions = set(sealed().filter(subject=case.subject).values_list("action", flat=True))
    assert {
        "penalty.register_source",
        "penalty.open_case",
        "penalty.decide_case",
        "penalty.serve_decision",
        "penalty.archive_case",
        "penalty.document_generated",
        "file.stored",
    } <= actions


def test_archive_detects_a_changed_document(flow, world, tmp_path):
    case = flow.decided()
    generate_document(case, "decision", actor=world.officer)
    case = flow.served(case)
    services.record_payment(
        case, actor=world.officer, amount=Decimal("5000"), paid_on=D(2025, 3, 27)
    )
    case = services.close_case(case, actor=world.head, closed_on=D(2025, 3, 28))
    archive = export_case(case, tmp_path / "a", actor=world.head)
    target = next((archive.path / "documents").iterdir())
    target.write_bytes(target.read_bytes() + b"tampered")
    problems = verify_archive(archive.path)
    assert problems and "文件内容与摘要不符" in problems[0]
