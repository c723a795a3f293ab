"""Answers (第三十六条、第三十七条): what each must state, the letter citing its ground, and the
publication of the answer through the redaction door."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.ledger.selectors import sealed
from fazhi.core.ledger.services import open_file
from fazhi.core.workflow.engine import Refused
from fazhi.systems.disclosure import rules, services

pytestmark = pytest.mark.django_db


def letter_text(req) -> str:
    with open_file(req.letter) as fh:
        doc = Document(io.BytesIO(fh.read()))
    return "\n".join(p.text for p in doc.paragraphs)


@pytest.mark.parametrize(
    ("answer_type", "article", "fields"),
    [
        ("refused", "第三十六条第（三）项", {"refusal_ground": "process"}),
        ("not_responsible", "第三十六条第（五）项", {}),
        ("partial", "第三十七条", {"refusal_ground": "third_party", "access_way": "附件1"}),
        ("needs_creation", "第三十八条", {}),
    ],
)
def test_answer_without_its_reason_is_refused_article_36(
    make_request, staff, answer_type, article, fields
):
    """第三十六条（三）/（五）, 第三十七条, 第三十八条: the answer must state its reason."""
    req = make_request(received=date(2025, 9, 25))
    with pytest.raises(Refused) as exc:
        services.answer_request(
            req, actor=staff, answer_type=answer_type, answered_on=date(2025, 10, 20), **fields
        )
    assert article in str(exc.value) and "理由" in str(exc.value)
    req.refresh_from_db()
    assert req.state == "processing" and req.letter is None
    assert [d.status for d in deadlines_of(req) if d.rule_id == rules.RULE_ANSWER] == [
        Deadline.Status.OPEN
    ]


def test_refusal_needs_a_ground_of_articles_14_to_16(make_request, staff):
    req = make_request(received=date(2025, 9, 25))
    with pytest.raises(Refused) as exc:
        services.answer_request(
            req,
            actor=staff,
            answer_type="refused",
            answered_on=date(2025, 10, 20),
            reason="内部讨论稿",
        )
    assert {g.code for g in exc.value.failed} == {"answer_refused", "refusal_ground_known"}


def test_already_public_needs_the_way_to_get_it_article_36_1(make_request, staff):
    req = make_request(received=date(2025, 9, 25))
    with pytest.raises(Refused) as exc:
        services.answer_request(
            req, actor=staff, answer_type="public_already", answered_on=date(2025, 10, 20)
        )
    assert "第三十六条第（一）项" in str(exc.value) and "方式、途径" in str(exc.value)


def test_refusal_letter_cites_article_36_3_and_its_ground(make_request, staff):
    req = make_request(received=date(2025, 9, 25))
    req = services.answer_request(
        req,
        actor=staff,
        answer_type="refused",
        refusal_ground="process",
        reason="所申请信息为补偿方案讨论稿，属于过程性信息",
        answered_on=date(2025, 10, 20),
    )
    assert req.state == "answered" and req.on_time is True
    assert req.report_row == "refused.process"
    text = letter_text(req)
    assert "第三十六条第（三）项" in text
    assert "第十六条第二款" in text and "过程性信息" in text
    # a refusal of disclosure must go to 复议 first (行政复议法 第二十三条)
    assert "应当先向行政复议机关申请行政复议" in text and "第二十三条" in text
    assert "2025年9月25日" in text
    issued = (
        sealed()
        .filter(subject=f"disclosure.disclosurerequest:{req.pk}", action="disclosure.letter_issued")
        .get()
    )
    assert issued.payload["file_digest"] == req.letter.digest


def test_partial_disclosure_provides_the_rest_and_reasons_the_withheld_part_article_37(
    make_request, staff
):
    req = make_request(received=date(2025, 9, 25))
    req = services.answer_request(
        req,
        actor=staff,
        answer_type="partial",
        refusal_ground="third_party",
        access_way="补偿资金发放汇总表（附件1）",
        reason="个人银行账号属于个人隐私",
        answered_on=date(2025, 10, 20),
    )
    assert req.report_row == "partial"
    text = letter_text(req)
    assert "第三十七条" in text and "补偿资金发放汇总表" in text and "个人银行账号" in text
    assert "第十五条" in text


def test_late_answer_is_recorded_late(make_request, staff):
    req = make_request(received=date(2025, 9, 25))  # due 2025-10-29
    req = services.answer_request(
        req,
        actor=staff,
        answer_type="not_exist",
        reason="检索了2020年以来的全部档案",
        answered_on=date(2025, 10, 30),
    )
    assert req.on_time is False
    d = [d for d in deadlines_of(req) if d.rule_id == rules.RULE_ANSWER][0]
    assert d.status == Deadline.Status.MET and d.on_time is False


def test_disclosing_over_a_third_party_objection_needs_a_public_interest_reason_article_32(
    make_request, staff
):
    req = make_request(received=date(2025, 9, 25))
    req = services.consult(
        req, actor=staff, kind="third_party", party="某某公司", sent_on=date(2025, 10, 9)
    )
    req = services.record_opinion(
        req,
        actor=staff,
        opinion="objection",
        replied_on=date(2025, 10, 15),
        opinion_text="涉及商业秘密",
    )
    with pytest.raises(Refused) as exc:
        services.answer_request(
            req,
            actor=staff,
            answer_type="disclosed",
            access_way="附件",
            answered_on=date(2025, 10, 20),
        )
    assert "第三十二条" in str(exc.value)
    req = services.answer_request(
        req,
        actor=staff,
        answer_type="disclosed",
        access_way="附件",
        answered_on=date(2025, 10, 20),
        public_interest_reason="涉及公共资金使用，不公开可能对公共利益造成重大影响",
    )
    assert "公共利益" in letter_text(req)


def test_repeat_request_must_point_to_an_answered_request_article_36_6(make_request, staff):
    first = make_request(received=date(2025, 9, 25))
    second = make_request(received=date(2025, 10, 13))
    with pytest.raises(Refused):
        services.answer_request(
            second,
            actor=staff,
            answer_type="repeat",
            previous_request=first.pk,
            answered_on=date(2025, 10, 14),
        )
    services.answer_request(
        first, actor=staff, answer_type="not_exist", reason="无", answered_on=date(2025, 10, 10)
    )
    second = services.answer_request(
        second,
        actor=staff,
        answer_type="repeat",
        previous_request=first.pk,
        answered_on=date(2025, 10, 14),
    )
    assert second.report_row == "ignored.repeat"
    assert first.number in letter_text(second)


def test_only_the_agencys_disclosure_staff_may_answer(make_request, outsider):
    from django.core.exceptions import PermissionDenied

    req = make_request(received=date(2025, 9, 25))
    with pytest.raises(PermissionDenied):
        services.answer_request(
            req,
            actor=outsider,
            answer_type="not_exist",
            reason="无",
            answered_on=date(2025, 10, 10),
        )


def test_publishing_the_answer_masks_the_applicant(make_request, staff):
    pytest.importorskip("fazhi.kernel.redact")
    req = make_request(received=date(2025, 9, 25), applicant_name="张三丰")
    req = services.answer_request(
        req,
        actor=staff,
        answer_type="disclosed",
        access_way="见附件",
        answered_on=date(2025, 10, 20),
    )
    item = services.publish_answer(req, actor=staff)
    assert "张三丰" not in item.body and "张三丰" not in item.title
    assert item.kind == "disclosure" and item.source_id == req.pk
