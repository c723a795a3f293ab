"""A written waiver of 陈述申辩 (第六十二条) is no statement: nothing waits for a 复核 (第四十五条)
and the 决定书 says the party waived the right, in one plain sentence (issue 15)."""

from __future__ import annotations

from datetime import date as D
from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine

from fazhi.systems.enforcement import services
from fazhi.systems.enforcement.doc_context import statements_text

TODAY = datetime(2025, 4, 15, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


@time_machine.travel(TODAY, tick=False)
def test_a_waiver_with_words_needs_no_review_article_62(flow, world):
    case = flow.notified()  # served 2025-03-11
    result = services.record_statement(
        case,
        actor=world.officer,
        received_on=D(2025, 3, 12),
        content="当事人签署《放弃陈述申辩声明书》。",
        waive_statement=True,
    )
    assert result is None
    case.refresh_from_db()
    assert case.statement_waived_on == D(2025, 3, 12) and case.statements.count() == 0
    case = flow.decided(case)  # not held back by 复核
    assert case.state == "decided"
    assert statements_text(case) == (
        "本机关于2025年3月11日向当事人送达了行政处罚告知书。"
        "当事人于2025年3月12日书面放弃陈述、申辩权利。"
    )


@time_machine.travel(TODAY, tick=False)
def test_decision_text_of_a_reviewed_statement_reads_as_one_sentence_article_45(flow, world):
    case = flow.notified()
    statement = services.record_statement(
        case, actor=world.officer, received_on=D(2025, 3, 12), content="罚款过重。"
    )
    services.review_statement(
        statement,
        actor=world.officer,
        result="rejected",
        opinion="罚款在裁量基准幅度内。",
        reviewed_on=D(2025, 3, 13),
    )
    case = flow.decided(case)
    assert statements_text(case) == (
        "本机关于2025年3月11日向当事人送达了行政处罚告知书。"
        "当事人于2025年3月12日提出陈述申辩：罚款过重；经复核，不予采纳（罚款在裁量基准幅度内）。"
    )


@time_machine.travel(TODAY, tick=False)
def test_decision_text_when_the_party_said_nothing(flow):
    case = flow.decided()
    assert statements_text(case).endswith("当事人在规定期限内未提出陈述、申辩。")
