"""Catalogue corrections of issue 16, shown through ``fazhi rules`` and ``fazhi deadline``.

- 民事诉讼法 第九十五条: 公告送达 is deemed served thirty days after the 公告 (``service.public_notice``).
- 代表法 第五十一条第二款: three months from 交办, six where 涉及面广、处理难度大 (a period, not a set date).
- 检察公益诉讼解释 第二十一条第二款: two months to act and reply, fifteen days where harm spreads.
- 行政诉讼法 第四十八条第二款 (not 民事诉讼法 第八十六条) for the 10-day request to extend the filing period.
- 行政复议法 第二十一条, 行政诉讼法 第四十六条第二款: the 5- and 20-year absolute limits.
- A province's 报备 period and a superseded text are not verified national defaults.
- A fixed annual date (督察工作规定 第二十三条 3月1日, 118号 1月31日) is never provisional.
"""

from __future__ import annotations

from datetime import date

from fazhi.cli import main as fazhi
from fazhi.kernel.timelimits import compute_due, compute_many, deemed_service, service_date


def rules_table(capsys) -> dict[str, list[str]]:
    assert fazhi(["rules"]) == 0
    out, _ = capsys.readouterr()
    return {line.split("\t")[0]: line.split("\t") for line in out.splitlines()}


def deadline(capsys, *argv: str) -> str:
    assert fazhi(["deadline", *argv]) == 0
    out, _ = capsys.readouterr()
    return out.splitlines()[0]


def test_public_notice_is_deemed_served_after_thirty_days_civil_procedure_law_article_95(capsys):
    row = rules_table(capsys)["service.public_notice"]
    assert row[1:4] == ["calendar_days", "30", "《中华人民共和国民事诉讼法》第九十五条"]
    # 2025-03-26 + 30 = 2025-04-25; a Saturday end is not moved: deemed service is a fact date.
    assert deemed_service(date(2025, 3, 26)).due == date(2025, 4, 25)
    assert service_date("public_notice", date(2025, 4, 4)) == date(2025, 5, 4)  # a Sunday
    assert service_date("direct", date(2025, 4, 4)) == date(2025, 4, 4)


def test_suggestion_answer_is_three_months_or_six_deputies_law_article_51(capsys):
    row = rules_table(capsys)["proposal.answer"]
    assert row[1:3] == ["months", "3"]
    assert row[3].endswith("代表法》（2025年修正）第五十一条第二款")
    assert "未核实" not in row[4] and "可配置" not in row[4]
    # 交办 2026-02-02: three months → 2026-05-02 (劳动节) → 05-06; six months → 2026-08-02 (Sun) → 08-03.
    assert compute_due("proposal.answer", date(2026, 2, 2)).due == date(2026, 5, 6)
    assert compute_due("proposal.answer", date(2026, 2, 2), extended=True).due == date(2026, 8, 3)
    # 政协提案 have no statutory period: their date is still set at 交办, marked as such.
    assert rules_table(capsys)["proposal.cppcc_answer"][4].endswith("（未核实）（可配置）")


def test_procuratorial_recommendation_two_months_or_fifteen_days_public_interest_article_21(
    capsys,
):
    table = rules_table(capsys)
    assert table["litigation.procuratorial_feedback"][1:3] == ["months", "2"]
    assert table["litigation.procuratorial_feedback_urgent"][1:3] == ["calendar_days", "15"]
    for rule in ("litigation.procuratorial_feedback", "litigation.procuratorial_feedback_urgent"):
        assert table[rule][3].endswith("若干问题的解释》第二十一条第二款")
    assert deadline(capsys, "litigation.procuratorial_feedback", "2025-10-12") == "2025-12-12"
    assert deadline(capsys, "litigation.procuratorial_feedback_urgent", "2025-10-12") == (
        "2025-10-27"
    )


def test_delay_relief_cites_administrative_litigation_law_article_48_paragraph_2(capsys):
    row = rules_table(capsys)["litigation.delay_relief"]
    assert row[3] == "《中华人民共和国行政诉讼法》第四十八条第二款"
    assert "民事诉讼法" not in row[3]


def test_absolute_limits_reconsideration_law_article_21_litigation_law_article_46(capsys):
    table = rules_table(capsys)
    assert table["reconsideration.absolute_limit"][1:4] == [
        "years",
        "5",
        "《中华人民共和国行政复议法》第二十一条",
    ]
    assert table["reconsideration.absolute_limit_property"][1:3] == ["years", "20"]
    assert table["litigation.absolute_limit"][1:4] == [
        "years",
        "5",
        "《中华人民共和国行政诉讼法》第四十六条第二款",
    ]
    assert table["litigation.absolute_limit_property"][1:3] == ["years", "20"]


def test_a_provinces_filing_period_and_a_superseded_text_are_not_verified_defaults(capsys):
    """行政处罚法 第五十二条第三款 sets no 报备 period: the 浙江 3 days are a local, configurable,
    unverified default; 企业信息公示暂行条例 第十三条 is quoted from the 2014 text."""
    table = rules_table(capsys)
    assert table["penalty.summary_filing"][4].endswith("（未核实）（可配置）")
    assert "浙江" in table["penalty.summary_filing"][4]
    assert table["enterprise.complaint_check"][4].endswith("（未核实）（可配置）")


def test_fixed_annual_dates_are_not_provisional_inspection_rules_article_23(capsys):
    """No holiday notice moves 「每年3月1日之前」 or 「每年1月31日前」: not provisional even
    when the year has no published notice (a working-day period there is)."""
    assert deadline(capsys, "report.annual_submission", "2026-12-31") == "2027-03-01"
    assert deadline(capsys, "enforcement.annual_statistics", "2026-12-31") == "2027-01-31"
    assert compute_due("report.annual_submission", date(2026, 12, 31)).provisional is False
    assert compute_due("disclosure.answer", date(2026, 12, 10)).provisional is True
    assert compute_many([("report.annual_submission", date(2026, 12, 31))]) == [
        (date(2027, 3, 1), False)
    ]
