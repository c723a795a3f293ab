"""Statutory time limits, checked against dates worked out by hand.

Each expected date below was counted by hand on the 2025 and 2026 国务院办公厅 holiday
notices (see test_calendar.py for the days off and 调休 working days), following the counting
rules of docs/statutes.md: the trigger day is not counted; working-day periods skip weekends and
holidays but count 调休 weekend working days; calendar-day, month and year periods whose last
day is not a working day roll to the next working day (民事诉讼法 第八十五条, 民法典
第二百零三条) unless the rule says otherwise; months end on the corresponding day or the
month's last day (民法典 第二百零二条).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fazhi.kernel.calendar import WorkCalendar
from fazhi.kernel.timelimits import (
    RULES,
    RuleCatalogueError,
    SuspensionError,
    TimeLimitError,
    UnknownRule,
    add_months,
    compute_due,
    get_rule,
    latest_notice_date,
    load_rules,
    remaining,
    working_days_between,
)
from fazhi.kernel.timelimits.rules import CATALOGUE_PATH

D = date.fromisoformat
#: The statute texts the rules quote, carried in the repository.
STATUTES = Path(__file__).resolve().parents[2] / "docs" / "statutes.md"

# (rule id, source and article, trigger, due worked out by hand)
CATALOGUE_CASES = [
    # 行政处罚法 第六十四条: 5 WD from 告知 on Fri 1/24/2025: 1/26 (Sun, worked), 1/27, 春节 off to 2/4, 2/5, 2/6, 2/7
    ("penalty.hearing_request", "行政处罚法 第六十四条", "2025-01-24", "2025-02-07"),
    # 行政处罚法 第六十四条: 7 WD before a hearing on 10/15/2025: 10/14,13,11(Sat worked),10,9, 9/30, 9/29 → 9/28 (Sun, worked)
    ("penalty.hearing_notice", "行政处罚法 第六十四条", "2025-10-15", "2025-09-28"),
    # 行政处罚法 第六十一条: 7 WD from Fri 9/26/2025: 9/28 (Sun), 9/29, 9/30, 10/9, 10/10, 10/11 (Sat), 10/13
    ("penalty.service", "行政处罚法 第六十一条", "2025-09-26", "2025-10-13"),
    # 行政处罚法 第六十条: 立案 1/5/2026 + 90 = 4/5 (Sun, 清明 block 4/4–4/6) → 4/7
    ("penalty.decision", "行政处罚法 第六十条", "2026-01-05", "2026-04-07"),
    # 市场监督管理行政处罚程序规定 第六十四条: the same 90 days, 1/5/2026 → 4/5 (Sun, 清明) → 4/7
    (
        "penalty.decision.scjg",
        "市场监督管理行政处罚程序规定 第六十四条",
        "2026-01-05",
        "2026-04-07",
    ),
    # 治安管理处罚法 第九十九条: 9/5/2025 + 30 = 10/5 (国庆 10/1–10/8) → 10/9
    ("penalty.decision.zhian", "治安管理处罚法 第九十九条", "2025-09-05", "2025-10-09"),
    # 行政处罚法 第六十七条第三款: 9/23/2025 + 15 = 10/8 (国庆) → 10/9
    ("penalty.payment", "行政处罚法 第六十七条第三款", "2025-09-23", "2025-10-09"),
    # 国办发〔2018〕118号 二（六）: 7 WD from 2/12/2026: 2/13, 2/14 (Sat), 2/24–2/27, 2/28 (Sat, worked)
    ("penalty.publication", "国办发〔2018〕118号 二（六）", "2026-02-12", "2026-02-28"),
    # 行政处罚法 第四十八条: 3 WD from 4/30/2025 over 劳动节 5/1–5/5: 5/6, 5/7, 5/8
    ("penalty.withdrawal", "行政处罚法 第四十八条", "2025-04-30", "2025-05-08"),
    # 行政处罚法 第五十六条: 7 WD from 12/29/2025: 12/30, 12/31, 1/4 (Sun), 1/5–1/8
    ("penalty.preservation", "行政处罚法 第五十六条", "2025-12-29", "2026-01-08"),
    # 行政处罚法 第七十一条: 2 WD from Fri 4/3/2026, 4/6 is 清明 → 4/7, 4/8
    ("penalty.cash_handover", "行政处罚法 第七十一条", "2026-04-03", "2026-04-08"),
    # 行政处罚法 第七十一条: 2 WD from Fri 5/30/2025, 6/2 is 端午 → 6/3, 6/4
    ("penalty.cash_deposit", "行政处罚法 第七十一条", "2025-05-30", "2025-06-04"),
    # 浙江省行政程序办法 第六十条: 3 WD from 6/18/2026, 6/19 端午 → 6/22, 6/23, 6/24
    ("penalty.summary_filing", "浙江省行政程序办法 第六十条", "2026-06-18", "2026-06-24"),
    # 山东省行政程序规定 第八十八条: 9/20/2026 + 5 = 9/25 (中秋) → 9/28
    (
        "penalty.summary_filing_shandong",
        "山东省行政程序规定 第八十八条",
        "2026-09-20",
        "2026-09-28",
    ),
    # 行政处罚法 第三十六条: 2 years from 10/1/2024 = 10/1/2026, a limit that is not rolled
    ("penalty.limitation", "行政处罚法 第三十六条", "2024-10-01", "2026-10-01"),
    # 行政处罚法 第三十六条: 5 years from 2/29/2020: no 2/29 in 2025 → month end 2/28
    ("penalty.limitation_serious", "行政处罚法 第三十六条", "2020-02-29", "2025-02-28"),
    # 市场监督管理行政处罚程序规定 第十八条: 15 WD from Fri 9/19/2025 → 10/16
    ("penalty.lead_check", "市场监督管理行政处罚程序规定 第十八条", "2025-09-19", "2025-10-16"),
    # 市场监督管理行政处罚程序规定 第五十五条: 10 WD from 9/24/2026 (9/25 中秋, 10/1–10/7 off, 10/10 worked) → 10/15
    ("penalty.legal_review", "市场监督管理行政处罚程序规定 第五十五条", "2026-09-24", "2026-10-15"),
    # 市场监督管理行政处罚信息公示规定 第九条: 20 WD from 1/30/2026 over 春节 → 3/5
    (
        "penalty.credit_publication",
        "市场监督管理行政处罚信息公示规定 第九条",
        "2026-01-30",
        "2026-03-05",
    ),
    # 市场监督管理行政处罚信息公示规定 第十一条: 3 WD from 9/30/2026: 10/8, 10/9, 10/10 (Sat, worked)
    (
        "penalty.credit_withdrawal",
        "市场监督管理行政处罚信息公示规定 第十一条",
        "2026-09-30",
        "2026-10-10",
    ),
    # 行政复议法 第二十条第一款: 8/8/2025 + 60 = 10/7 (国庆) → 10/9
    ("reconsideration.application", "行政复议法 第二十条第一款", "2025-08-08", "2025-10-09"),
    # 行政复议法 第二十条第三款: 1 year from 1/31/2025 = 1/31/2026 (Sat) → Mon 2/2
    (
        "reconsideration.application_unnotified",
        "行政复议法 第二十条第三款",
        "2025-01-31",
        "2026-02-02",
    ),
    # 行政复议法 第三十条: 5 WD from 4/30/2026: 5/6, 5/7, 5/8, 5/9 (Sat, worked), 5/11
    ("reconsideration.acceptance", "行政复议法 第三十条", "2026-04-30", "2026-05-11"),
    # 行政复议法 第三十一条: 5 WD from 1/22/2025: 1/23, 1/24, 1/26 (Sun), 1/27, 2/5
    ("reconsideration.correction_notice", "行政复议法 第三十一条", "2025-01-22", "2025-02-05"),
    # 行政复议法 第三十一条: 10 WD from 4/24/2025: 4/25, 4/27 (Sun), 4/28–4/30, 5/6–5/9, 5/12
    ("reconsideration.correction_reply", "行政复议法 第三十一条", "2025-04-24", "2025-05-12"),
    # 行政复议法 第三十二条第二款: 5 WD from Thu 12/24/2026: 12/25, 12/28–12/31
    ("reconsideration.forwarding", "行政复议法 第三十二条第二款", "2026-12-24", "2026-12-31"),
    # 行政复议法 第四十八条: 7 WD from 5/29/2025 (6/2 端午): 5/30, 6/3–6/6, 6/9, 6/10
    ("reconsideration.copy", "行政复议法 第四十八条", "2025-05-29", "2025-06-10"),
    # 行政复议法 第四十八条: 10 WD from 2/10/2026: 2/11–2/13, 2/14, 2/24–2/27, 2/28, 3/2
    ("reconsideration.answer", "行政复议法 第四十八条", "2026-02-10", "2026-03-02"),
    # 行政复议法 第五十一条: 5 WD before a hearing on 2/26/2026: 2/25, 2/24, 2/14, 2/13, 2/12 → 2/11
    ("reconsideration.hearing_notice", "行政复议法 第五十一条", "2026-02-26", "2026-02-11"),
    # 行政复议法 第五十四条: 3 WD from Fri 10/10/2025: 10/11 (Sat, worked), 10/13, 10/14
    ("reconsideration.simplified_copy", "行政复议法 第五十四条", "2025-10-10", "2025-10-14"),
    # 行政复议法 第五十四条: 5 WD from 1/1/2026: 1/4 (Sun, worked), 1/5–1/8
    ("reconsideration.simplified_answer", "行政复议法 第五十四条", "2026-01-01", "2026-01-08"),
    # 行政复议法 第六十二条第一款: 8/2/2025 + 60 = 10/1 → 10/9
    ("reconsideration.decision", "行政复议法 第六十二条第一款", "2025-08-02", "2025-10-09"),
    # 行政复议法 第六十二条第二款: 1/15/2026 + 30 = 2/14, a Saturday worked: no roll
    (
        "reconsideration.simplified_decision",
        "行政复议法 第六十二条第二款",
        "2026-01-15",
        "2026-02-14",
    ),
    # 行政复议法 第五十六条: 7/5/2025 + 30 = Mon 8/4
    ("reconsideration.normdoc_handling", "行政复议法 第五十六条", "2025-07-05", "2025-08-04"),
    # 行政复议法 第五十六条: 7 WD from 2/3/2025 (2/4 春节): 2/5–2/7, 2/8 (Sat), 2/10–2/12
    ("reconsideration.normdoc_transfer", "行政复议法 第五十六条", "2025-02-03", "2025-02-12"),
    # 行政复议法 第七十六条: 3/27/2026 + 60 = 5/26
    ("reconsideration.opinion_report", "行政复议法 第七十六条", "2026-03-27", "2026-05-26"),
    # 行政诉讼法 第四十六条第一款: 8/31/2025 + 6 months: no 2/31 → 2/28/2026, a Saturday worked
    ("litigation.filing", "行政诉讼法 第四十六条第一款", "2025-08-31", "2026-02-28"),
    # 行政诉讼法 第四十五条: 1/20/2026 + 15 = 2/4
    (
        "litigation.filing_after_reconsideration",
        "行政诉讼法 第四十五条",
        "2026-01-20",
        "2026-02-04",
    ),
    # 行诉法解释 第六十四条: 1 year from 5/1/2025 = 5/1/2026 (劳动节 to 5/5) → 5/6
    (
        "litigation.unnotified_max",
        "适用〈中华人民共和国行政诉讼法〉的解释 第六十四条",
        "2025-05-01",
        "2026-05-06",
    ),
    # 行政诉讼法 第四十七条第一款: 2 months from 8/1/2025 = 10/1 → 10/9
    ("litigation.duty_performance", "行政诉讼法 第四十七条第一款", "2025-08-01", "2025-10-09"),
    # 行政诉讼法 第五十一条第二款: 9/18/2026 + 7 = 9/25 (中秋) → 9/28
    ("litigation.court_filing_decision", "行政诉讼法 第五十一条第二款", "2026-09-18", "2026-09-28"),
    # 行政诉讼法 第六十七条第一款: 2/9/2026 + 5 = 2/14, a Saturday worked
    ("litigation.complaint_copy", "行政诉讼法 第六十七条第一款", "2026-02-09", "2026-02-14"),
    # 行政诉讼法 第六十七条第一款: 2/6/2026 + 15 = 2/21 (春节 block to 2/23) → 2/24
    ("litigation.defence", "行政诉讼法 第六十七条第一款", "2026-02-06", "2026-02-24"),
    # 行诉法解释 第三十四条: 1/16/2025 + 15 = 1/31 (春节 to 2/4) → 2/5
    (
        "litigation.evidence_extension_request",
        "适用〈中华人民共和国行政诉讼法〉的解释 第三十四条",
        "2025-01-16",
        "2025-02-05",
    ),
    # 行政诉讼法 第八十一条: 10/31/2025 + 6 months: no 4/31 → 4/30/2026
    ("litigation.first_instance", "行政诉讼法 第八十一条", "2025-10-31", "2026-04-30"),
    # 行政诉讼法 第八十三条: 3/20/2025 + 45 = 5/4 (劳动节 to 5/5) → 5/6
    ("litigation.simplified", "行政诉讼法 第八十三条", "2025-03-20", "2025-05-06"),
    # 行政诉讼法 第八十五条: 5/17/2025 + 15 = 6/1 (Sun; 6/2 端午) → 6/3
    ("litigation.appeal_judgment", "行政诉讼法 第八十五条", "2025-05-17", "2025-06-03"),
    # 行政诉讼法 第八十五条: 6/9/2026 + 10 = 6/19 (端午) → 6/22
    ("litigation.appeal_ruling", "行政诉讼法 第八十五条", "2026-06-09", "2026-06-22"),
    # 行政诉讼法 第八十八条: 1/31/2026 + 3 months: no 4/31 → 4/30
    ("litigation.second_instance", "行政诉讼法 第八十八条", "2026-01-31", "2026-04-30"),
    # 行政诉讼法 第四十八条第二款: 4/21/2026 + 10 = 5/1 (劳动节 to 5/5) → 5/6
    ("litigation.delay_relief", "行政诉讼法 第四十八条第二款", "2026-04-21", "2026-05-06"),
    # 行政诉讼法 第四十六条第二款: 5 years from 9/20/2019 = 9/20/2024 (Fri)
    ("litigation.absolute_limit", "行政诉讼法 第四十六条第二款", "2019-09-20", "2024-09-20"),
    # 同款, 不动产: 20 years from 1/20/2006 = 1/20/2026 (Tue)
    (
        "litigation.absolute_limit_property",
        "行政诉讼法 第四十六条第二款",
        "2006-01-20",
        "2026-01-20",
    ),
    # 行政复议法 第二十一条: 5 years from 3/2/2020 = 3/2/2025 (Sun) → 3/3
    ("reconsideration.absolute_limit", "行政复议法 第二十一条", "2020-03-02", "2025-03-03"),
    # 同条, 不动产: 20 years from 6/15/2005 = 6/15/2025 (Sun) → 6/16
    (
        "reconsideration.absolute_limit_property",
        "行政复议法 第二十一条",
        "2005-06-15",
        "2025-06-16",
    ),
    # 检察公益诉讼解释 第二十一条第二款: 2 months from 10/12/2025 = 12/12 (Fri)
    (
        "litigation.procuratorial_feedback",
        "检察公益诉讼案件适用法律若干问题的解释 第二十一条第二款",
        "2025-10-12",
        "2025-12-12",
    ),
    # 同款, 紧急情形: 10/12/2025 + 15 = 10/27 (Mon)
    (
        "litigation.procuratorial_feedback_urgent",
        "检察公益诉讼案件适用法律若干问题的解释 第二十一条第二款",
        "2025-10-12",
        "2025-10-27",
    ),
    # 负责人出庭应诉规定 第五条第二款: 3 full days before Wed 3/11/2026 → Sat 3/7 → back to Fri 3/6
    ("litigation.head_summons", "出庭应诉若干问题的规定 第五条第二款", "2026-03-11", "2026-03-06"),
    # 民事诉讼法 第九十五条: 9/1/2025 + 30 = 10/1, deemed service is a fact: not rolled
    ("service.public_notice", "民事诉讼法 第九十五条", "2025-09-01", "2025-10-01"),
    # 行政强制法 第五十三条: 10/31/2025 + 3 months = 1/31/2026 (Sat) → Mon 2/2
    ("enforcement.court_application", "行政强制法 第五十三条", "2025-10-31", "2026-02-02"),
    # 行政强制法 第五十四条 (≤10日 = WD, 第六十九条): 12/26, 12/29–31, 1/4 (Sun), 1/5–1/9
    ("enforcement.demand_wait", "行政强制法 第五十四条", "2025-12-25", "2026-01-09"),
    # 行政强制法 第二十五条: 9/8/2025 + 30 = 10/8 (国庆) → 10/9
    ("coercion.seizure", "行政强制法 第二十五条", "2025-09-08", "2025-10-09"),
    # 行政强制法 第四十六条第一款: 1/5/2026 + 30 = 2/4
    ("coercion.surcharge_period", "行政强制法 第四十六条第一款", "2026-01-05", "2026-02-04"),
    # 行政许可法 第三十二条第一款: 5 WD from Fri 10/9/2026: 10/10 (Sat, worked), 10/12–10/15
    ("licence.correction_notice", "行政许可法 第三十二条第一款", "2026-10-09", "2026-10-15"),
    # 行政许可法 第四十二条: 20 WD from 9/15/2025 over 国庆 (9/28 and 10/11 worked) → 10/17
    ("licence.decision", "行政许可法 第四十二条", "2025-09-15", "2025-10-17"),
    # 行政许可法 第四十二条: 45 WD from 1/5/2026 over 春节 (2/14 and 2/28 worked) → 3/13
    ("licence.joint_decision", "行政许可法 第四十二条", "2026-01-05", "2026-03-13"),
    # 行政许可法 第四十七条: 5 WD from 4/25/2025: 4/27 (Sun), 4/28–4/30, 5/6
    ("licence.hearing_request", "行政许可法 第四十七条", "2025-04-25", "2025-05-06"),
    # 行政许可法 第四十七条: 20 WD from Mon 6/30/2025 → 7/28
    ("licence.hearing", "行政许可法 第四十七条", "2025-06-30", "2025-07-28"),
    # 行政许可法 第四十八条: 7 WD before 10/12/2026: 10/10, 10/9, 10/8, 9/30, 9/29, 9/28, 9/24 → 9/23
    ("licence.hearing_notice", "行政许可法 第四十八条", "2026-10-12", "2026-09-23"),
    # 国办发〔2018〕118号 二（六）: 7 WD from 1/1/2025: 1/2, 1/3, 1/6–1/10
    ("licence.publication", "国办发〔2018〕118号 二（六）", "2025-01-01", "2025-01-10"),
    # 国办发〔2018〕118号 二（六）: 20 WD from 4/1/2025 (4/4 清明, 4/27 worked) → 4/29
    (
        "enforcement.decision_publication",
        "国办发〔2018〕118号 二（六）",
        "2025-04-01",
        "2025-04-29",
    ),
    # 国办发〔2018〕118号 二（六）: 1月31日前 of the next year; a fixed date is not rolled
    ("enforcement.annual_statistics", "国办发〔2018〕118号 二（六）", "2025-06-30", "2026-01-31"),
    # 政府信息公开条例 第三十三条第二款: 20 WD from 1/20/2025 over 春节 (1/26, 2/8 worked) → 2/21
    ("disclosure.answer", "政府信息公开条例 第三十三条第二款", "2025-01-20", "2025-02-21"),
    # 政府信息公开条例 第三十条: 7 WD from 5/6/2026: 5/7, 5/8, 5/9 (Sat), 5/11–5/14
    ("disclosure.correction_notice", "政府信息公开条例 第三十条", "2026-05-06", "2026-05-14"),
    # 政府信息公开条例 第三十二条: 15 WD from 9/30/2025: 10/9, 10/10, 10/11, 10/13–10/24, 10/27, 10/28
    ("disclosure.third_party", "政府信息公开条例 第三十二条", "2025-09-30", "2025-10-28"),
    # 政府信息公开条例 第三十四条: 15 WD from 2/13/2026: 2/14, 2/24–2/28, 3/2–3/6, 3/9–3/12
    ("disclosure.other_agency", "政府信息公开条例 第三十四条", "2026-02-13", "2026-03-12"),
    # 政府信息公开条例 第二十六条: 20 WD from 4/3/2026 (4/6 清明, 5/1–5/5 劳动节) → 5/7
    ("disclosure.proactive", "政府信息公开条例 第二十六条", "2026-04-03", "2026-05-07"),
    # 政府信息公开条例 第四十九条: 1月31日前; 1/31/2025 falls in 春节 but a fixed date is not rolled
    (
        "disclosure.annual_report_department",
        "政府信息公开条例 第四十九条",
        "2024-12-31",
        "2025-01-31",
    ),
    # 政府信息公开条例 第四十九条: 3月31日前 of the next year
    (
        "disclosure.annual_report_government",
        "政府信息公开条例 第四十九条",
        "2025-03-31",
        "2026-03-31",
    ),
    # 信访工作条例 第二十二条: 1/13/2025 + 15 = 1/28 (春节 to 2/4) → 2/5
    ("petition.routing", "信访工作条例 第二十二条", "2025-01-13", "2025-02-05"),
    # 信访工作条例 第二十三条第二款: 4/20/2025 + 15 = 5/5 (劳动节) → 5/6
    ("petition.notice", "信访工作条例 第二十三条第二款", "2025-04-20", "2025-05-06"),
    # 信访工作条例 第二十三条第三款: 5 个工作日 from Thu 6/26/2025: 6/27, 6/30, 7/1–7/3
    ("petition.objection", "信访工作条例 第二十三条第三款", "2025-06-26", "2025-07-03"),
    # 信访工作条例 第三十四条: 7/27/2026 + 60 = 9/25 (中秋) → 9/28
    ("petition.resolution", "信访工作条例 第三十四条", "2026-07-27", "2026-09-28"),
    # 信访工作条例 第三十五条: 3/6/2025 + 30 = Sat 4/5 → Mon 4/7
    ("petition.review_request", "信访工作条例 第三十五条", "2025-03-06", "2025-04-07"),
    # 信访工作条例 第三十五条: 1/20/2026 + 30 = 2/19 (春节 to 2/23) → 2/24
    ("petition.review", "信访工作条例 第三十五条", "2026-01-20", "2026-02-24"),
    # 信访工作条例 第三十六条: 5/2/2025 + 30 = 6/1 (Sun; 6/2 端午) → 6/3
    ("petition.recheck_request", "信访工作条例 第三十六条", "2025-05-02", "2025-06-03"),
    # 信访工作条例 第三十六条: 3/2/2026 + 30 = 4/1
    ("petition.recheck", "信访工作条例 第三十六条", "2026-03-02", "2026-04-01"),
    # 12345 local settings (configurable, not statute): 1 WD from Tue 9/30/2025 skips 国庆 → 10/9
    ("hotline.sign", "12345政务服务便民热线工单办理规则 （本地设置）", "2025-09-30", "2025-10-09"),
    # 1 WD from Fri 2/13/2026: Sat 2/14 is a 调休 working day
    (
        "hotline.return",
        "12345政务服务便民热线工单办理规则 （本地设置）",
        "2026-02-13",
        "2026-02-14",
    ),
    # 5 WD from 9/30/2025: 10/9, 10/10, Sat 10/11 (调休), 10/13, 10/14
    ("hotline.reply", "12345政务服务便民热线工单办理规则 （本地设置）", "2025-09-30", "2025-10-14"),
    # 重大行政决策程序暂行条例 第十五条第一款: ≥30 days from 4/1/2026 = 5/1 (劳动节) → 5/6
    (
        "decision.public_comment",
        "重大行政决策程序暂行条例 第十五条第一款",
        "2026-04-01",
        "2026-05-06",
    ),
    # 重大行政决策程序暂行条例 第十六条第三款: 7 full days before 10/9/2025 → 10/1 (国庆) → back to 9/30
    (
        "decision.hearing_materials",
        "重大行政决策程序暂行条例 第十六条第三款",
        "2025-10-09",
        "2025-09-30",
    ),
    # 重大行政决策程序暂行条例 第二十六条第二款: 7 WD before 10/16/2026: 10/15–10/12, 10/10, 10/9, 10/8 → 10/7 (off) → 9/30
    (
        "decision.legality_review",
        "重大行政决策程序暂行条例 第二十六条第二款",
        "2026-10-16",
        "2026-09-30",
    ),
    # 法规规章备案审查条例 第四条: 12/2/2025 + 30 = 1/1 (元旦 to 1/3) → 1/4, a Sunday worked
    ("normdoc.filing", "法规规章备案审查条例 第四条", "2025-12-02", "2026-01-04"),
    # 山东省行政程序规定 第五十二条: 9/8/2026 + 30 = 10/8
    ("normdoc.local_filing", "山东省行政程序规定 第五十二条", "2026-09-08", "2026-10-08"),
    # 优化营商环境条例 第六十二条第二款: 1/16/2026 + 30 = 2/15 (春节 to 2/23) → 2/24
    (
        "normdoc.public_comment_market",
        "优化营商环境条例 第六十二条第二款",
        "2026-01-16",
        "2026-02-24",
    ),
    # 国办发〔2018〕115号 (NOT VERIFIED): 15 WD from 1/1/2026: 1/4 (Sun), 1/5–1/9, 1/12–1/16, 1/19–1/22
    ("normdoc.legality_review", "国办发〔2018〕115号", "2026-01-01", "2026-01-22"),
    # 规章制定程序条例 第三十二条: 30 days from 9/5/2025 = Sun 10/5, a minimum interval: not rolled
    ("normdoc.effective_delay", "规章制定程序条例 第三十二条", "2025-09-05", "2025-10-05"),
    # 湖南省行政程序规定 第五十一条: 5 years from 10/1/2021 = 10/1/2026, expiry is not rolled
    ("normdoc.validity_hunan", "湖南省行政程序规定 第五十一条", "2021-10-01", "2026-10-01"),
    # 企业公示信息抽查暂行办法 第十一条 (NOT VERIFIED): 20 WD from 12/12/2025 (1/1–1/3 off, 1/4 worked) → 1/12
    ("inspection.publication", "企业公示信息抽查暂行办法 第十一条", "2025-12-12", "2026-01-12"),
    # 企业信息公示暂行条例 第六条: 20 WD from 9/22/2025 over 国庆 → 10/24
    ("enterprise.info_publication", "企业信息公示暂行条例 第六条", "2025-09-22", "2025-10-24"),
    # 企业信息公示暂行条例 第十三条: 20 WD from 9/18/2026 (9/20 worked, 9/25 and 10/1–10/7 off, 10/10 worked) → 10/22
    ("enterprise.complaint_check", "企业信息公示暂行条例 第十三条", "2026-09-18", "2026-10-22"),
    # 督察工作规定 第二十三条第二款: 3月1日之前, for the year of the trigger
    ("report.annual_submission", "督察工作规定 第二十三条第二款", "2025-12-31", "2026-03-01"),
    # 督察工作规定 第二十三条第一款: 4月1日之前
    ("report.provincial_submission", "督察工作规定 第二十三条第一款", "2025-01-01", "2026-04-01"),
    # 督察工作规定 第二十四条: 4月1日之前
    ("report.annual_publication", "督察工作规定 第二十四条", "2024-07-15", "2025-04-01"),
    # 代表法 第五十一条第二款: 3 months from 交办 2/2/2026 = 5/2 (劳动节 5/1–5/5) → 5/6
    ("proposal.answer", "代表法 第五十一条第二款", "2026-02-02", "2026-05-06"),
    # set dates (no statute): the due date is the date the 交办 / the 建议书 set, even a Saturday
    ("proposal.cppcc_answer", "交办通知 载明的答复期限", "2026-05-30", "2026-05-30"),
    ("proposal.reanswer", "交办通知 载明的答复期限", "2026-07-10", "2026-07-10"),
    ("litigation.recommendation_feedback", "建议书 载明的回复期限", "2025-10-01", "2025-10-01"),
]


@pytest.mark.parametrize(("rule_id", "source", "trigger", "expected"), CATALOGUE_CASES)
def test_every_rule_against_a_hand_worked_date(rule_id, source, trigger, expected) -> None:
    rule = get_rule(rule_id)
    name, _, article = source.rpartition(" ")
    assert article in rule.citation and name in rule.citation
    result = compute_due(rule_id, D(trigger))
    assert result.due == D(expected)
    assert not result.provisional


def test_every_catalogue_rule_has_a_hand_worked_case() -> None:
    assert sorted(case[0] for case in CATALOGUE_CASES) == sorted(RULES)


def test_required_rules_have_the_statutory_unit_and_length() -> None:
    """Units and lengths from docs/statutes.md for the rules the platform depends on."""
    expected = {
        "penalty.hearing_request": ("working_days", 5),  # 行政处罚法 第六十四条, 第八十五条
        "penalty.service": ("working_days", 7),  # 行政处罚法 第六十一条
        "penalty.decision": ("calendar_days", 90),  # 行政处罚法 第六十条
        "penalty.payment": ("calendar_days", 15),  # 行政处罚法 第六十七条第三款
        "penalty.publication": ("working_days", 7),  # 国办发〔2018〕118号 二（六）
        "penalty.withdrawal": ("working_days", 3),  # 行政处罚法 第四十八条
        "penalty.preservation": ("working_days", 7),  # 行政处罚法 第五十六条
        "disclosure.answer": ("working_days", 20),  # 政府信息公开条例 第三十三条
        "disclosure.correction_notice": ("working_days", 7),  # 同 第三十条
        "disclosure.third_party": ("working_days", 15),  # 同 第三十二条
        "disclosure.proactive": ("working_days", 20),  # 同 第二十六条
        "reconsideration.acceptance": ("working_days", 5),  # 行政复议法 第三十条, 第八十八条
        "reconsideration.answer": ("working_days", 10),  # 行政复议法 第四十八条
        "reconsideration.decision": ("calendar_days", 60),  # 行政复议法 第六十二条
        "litigation.defence": ("calendar_days", 15),  # 行政诉讼法 第六十七条
        "litigation.filing": ("months", 6),  # 行政诉讼法 第四十六条
        "litigation.appeal_judgment": ("calendar_days", 15),  # 行政诉讼法 第八十五条
        "litigation.appeal_ruling": ("calendar_days", 10),  # 行政诉讼法 第八十五条
        "petition.resolution": ("calendar_days", 60),  # 信访工作条例 第三十四条
        "decision.public_comment": ("calendar_days", 30),  # 重大行政决策程序暂行条例 第十五条
        "normdoc.filing": ("calendar_days", 30),  # 法规规章备案审查条例 第四条
        "inspection.publication": ("working_days", 20),  # 企业公示信息抽查暂行办法 第十一条
    }
    for rule_id, (unit, length) in expected.items():
        rule = get_rule(rule_id)
        assert (rule.unit, rule.length) == (unit, length), rule_id
    assert get_rule("disclosure.answer").extension.length == 20
    assert get_rule("reconsideration.decision").extension.length == 30
    assert get_rule("petition.resolution").extension.length == 30
    assert get_rule("penalty.decision").configurable  # the +30 comes from a sector rule
    assert not get_rule("inspection.publication").verified
    assert get_rule("decision.public_comment").bound == "minimum"
    assert get_rule("penalty.hearing_notice").direction == "before"


def test_citation_format() -> None:
    assert get_rule("penalty.decision").citation == "《中华人民共和国行政处罚法》第六十条"
    assert get_rule("penalty.publication").citation.endswith("（国办发〔2018〕118号）二（六）")
    # Table cells: a 文号 stands for the long title of a 国办 opinion; a statute keeps its title.
    assert get_rule("penalty.publication").short_citation == "国办发〔2018〕118号二（六）"
    assert get_rule("penalty.decision").short_citation == "《中华人民共和国行政处罚法》第六十条"


def test_quotes_are_copied_from_the_statutes_text() -> None:
    text = STATUTES.read_text(encoding="utf-8")
    for rule in RULES.values():
        if rule.article == "（本地设置）":
            # A local setting (12345 tickets): no statute to quote; it must say so.
            assert not rule.verified and rule.configurable, rule.id
            assert "本地可配置设置，非法规原文" in rule.quote, rule.id
            continue
        if rule.unit == "set_date":
            # Not a statute: the quote says where the date comes from, and the rule says so.
            assert rule.quote.startswith("（非法定期限）") and not rule.verified, rule.id
            continue
        assert rule.quote in text, rule.id


def test_a_set_date_rule_counts_nothing_and_says_it_is_not_statutory() -> None:
    """A date set at 交办 (政协委员提案) is not a 期间: no counting, no roll-forward, no extension."""
    result = compute_due("proposal.cppcc_answer", date(2026, 10, 3))  # 国庆 holiday
    assert result.due == date(2026, 10, 3)
    lines = "\n".join(result.trace.lines())
    assert "不是法定期间" in lines and "不顺延" in lines
    with pytest.raises(TimeLimitError):
        compute_due("proposal.cppcc_answer", date(2026, 10, 3), extended=True)


# -- counting behaviour -----------------------------------------------------------------------


def test_trigger_day_is_not_counted() -> None:
    """民事诉讼法 第八十五条第二款: 「期间开始的时和日，不计算在期间内。」"""
    # 行政处罚法 第六十七条第三款: received Mon 3/2/2026 → day 1 is 3/3, day 15 is 3/17
    result = compute_due("penalty.payment", date(2026, 3, 2))
    assert result.due == date(2026, 3, 17)
    assert result.trace.counted_from == date(2026, 3, 3)


def test_roll_forward_over_a_holiday_is_traced() -> None:
    """民事诉讼法 第八十五条第三款 / 民法典 第二百零三条, on 行政处罚法 第六十条's 90 days."""
    trace = compute_due("penalty.decision", date(2026, 1, 5)).trace
    assert trace.natural_end == date(2026, 4, 5)
    assert trace.rolled_to == date(2026, 4, 7)
    assert [d for d, _ in trace.skipped] == [date(2026, 4, 5), date(2026, 4, 6)]
    assert dict(trace.skipped)[date(2026, 4, 6)] == "清明节"


def test_a_makeup_saturday_as_last_day_does_not_roll() -> None:
    # 行政复议法 第六十二条第二款: 30 days from 1/15/2026 end on Sat 2/14, a 调休 working day
    trace = compute_due("reconsideration.simplified_decision", date(2026, 1, 15)).trace
    assert trace.natural_end == trace.due == date(2026, 2, 14)
    assert trace.rolled_to is None
    assert any("调休上班" in line for line in trace.lines())


def test_working_day_count_skips_bridged_weekdays_and_counts_makeup_days() -> None:
    # 政府信息公开条例 第三十三条第二款: the 20 WD from 1/20/2025 skip 1/28–2/4 (春节)
    trace = compute_due("disclosure.answer", date(2025, 1, 20)).trace
    skipped = dict(trace.skipped)
    assert skipped[date(2025, 2, 3)] == "春节"  # a Monday bridged into the holiday
    assert date(2025, 1, 26) not in skipped and date(2025, 2, 8) not in skipped  # worked
    assert working_days_between(date(2025, 1, 20), trace.due) == 20


def test_calendar_day_suspension_extends_by_each_suspended_day() -> None:
    """行政强制法 第二十五条第三款: 检测、检验、检疫或者技术鉴定的期间 not counted."""
    # 9/8/2025 + 30 + 10 suspended days (9/10–9/19) = 10/18 (Sat) → Mon 10/20
    result = compute_due(
        "coercion.seizure", date(2025, 9, 8), suspensions=[(date(2025, 9, 10), date(2025, 9, 19))]
    )
    assert result.due == date(2025, 10, 20)
    assert result.trace.suspended_days == 10


def test_working_day_suspension_skips_suspended_working_days() -> None:
    """政府信息公开条例 第三十三条第三款: consultation time is not counted."""
    # 10 WD counted before Mon 2/10/2025; 2/10–2/14 suspended; 10 more: 2/17–2/21, 2/24–2/28
    result = compute_due(
        "disclosure.answer", date(2025, 1, 20), suspensions=[(date(2025, 2, 10), date(2025, 2, 14))]
    )
    assert result.due == date(2025, 2, 28)
    assert result.trace.suspended_days == 5


def test_overlapping_suspensions_are_counted_once() -> None:
    # 信访工作条例 第三十六条第二款: hearing time not counted; 3/2/2026 + 30 + 7 (3/10–3/16) = 4/8
    spans = [(date(2026, 3, 10), date(2026, 3, 14)), (date(2026, 3, 12), date(2026, 3, 16))]
    result = compute_due("petition.recheck", date(2026, 3, 2), suspensions=spans)
    assert result.due == date(2026, 4, 8)
    assert result.trace.suspensions == ((date(2026, 3, 10), date(2026, 3, 16)),)


def test_suspension_starting_on_a_rolled_last_day_moves_it_past_the_suspension() -> None:
    # 行政处罚法 第六十七条第三款: 1/2/2026 + 15 = Sat 1/17 → Mon 1/19; suspended 1/19–1/21,
    # the last day becomes 1/22.
    assert compute_due("penalty.payment", date(2026, 1, 2)).due == date(2026, 1, 19)
    spans = [(date(2026, 1, 19), date(2026, 1, 21))]
    result = compute_due("penalty.payment", date(2026, 1, 2), suspensions=spans)
    assert result.due == date(2026, 1, 22)
    assert result.trace.suspended_days == 3


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ((date(2025, 9, 1), date(2025, 9, 10)), "之前"),  # starts before the trigger
        ((date(2025, 10, 10), date(2025, 10, 12)), "之后"),  # after the due date 10/9
        ((date(2025, 9, 20), date(2025, 9, 12)), "早于"),  # ends before it starts
    ],
)
def test_suspension_outside_the_period_is_refused(span, message) -> None:
    with pytest.raises(SuspensionError, match=message) as info:
        compute_due("coercion.seizure", date(2025, 9, 8), suspensions=[span])
    assert isinstance(info.value, ValueError) and " / " in str(info.value)


def test_restart_counts_afresh_from_the_supplemented_application() -> None:
    """政府信息公开条例 第三十条: 「答复期限自行政机关收到补正的申请之日起计算。」"""
    # 补正 received Mon 2/10/2025: 20 WD → 2/11–2/14, 2/17–2/21, 2/24–2/28, 3/3–3/7, 3/10
    result = compute_due("disclosure.answer", date(2025, 1, 20), restart=date(2025, 2, 10))
    assert result.due == date(2025, 3, 10)
    assert result.trace.start == date(2025, 2, 10)
    with pytest.raises(TimeLimitError):
        compute_due("disclosure.answer", date(2025, 1, 20), restart=date(2025, 1, 10))
    with pytest.raises(TimeLimitError, match="重新起算"):  # 行政处罚法 第六十条 has no restart
        compute_due("penalty.decision", date(2025, 1, 20), restart=date(2025, 2, 10))


@pytest.mark.parametrize(
    ("rule_id", "trigger", "expected"),
    [
        # 政府信息公开条例 第三十三条第二款: 20 + 20 WD from 1/20/2025 → 3/21
        ("disclosure.answer", "2025-01-20", "2025-03-21"),
        # 行政复议法 第六十二条第一款: 8/2/2025 + 60 + 30 = 10/31
        ("reconsideration.decision", "2025-08-02", "2025-10-31"),
        # 信访工作条例 第三十四条: 7/27/2026 + 90 = 10/25 (Sun) → 10/26
        ("petition.resolution", "2026-07-27", "2026-10-26"),
        # 行政强制法 第二十五条: 9/8/2025 + 60 = 11/7
        ("coercion.seizure", "2025-09-08", "2025-11-07"),
        # 行政许可法 第四十二条: 30 WD from 9/15/2025 → 10/31
        ("licence.decision", "2025-09-15", "2025-10-31"),
        # 行政许可法 第四十二条: 60 WD from 1/5/2026 → 4/3
        ("licence.joint_decision", "2026-01-05", "2026-04-03"),
        # 市场监督管理行政处罚程序规定 第十八条: 30 WD from 9/19/2025 → 11/6
        ("penalty.lead_check", "2025-09-19", "2025-11-06"),
    ],
)
def test_extension(rule_id, trigger, expected) -> None:
    result = compute_due(rule_id, D(trigger), extended=True)
    assert result.due == D(expected)
    assert any(line.startswith("延长：") for line in result.trace.lines())


def test_extension_of_a_rule_without_one_is_refused() -> None:
    with pytest.raises(TimeLimitError, match="延长"):  # 行政处罚法 第六十七条第三款
        compute_due("penalty.payment", date(2025, 1, 20), extended=True)


def test_months_ending_on_the_31st_end_on_the_month_end() -> None:
    """民法典 第二百零二条: 「没有对应日的，月末日为期间的最后一日。」"""
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 8, 31), 6) == date(2026, 2, 28)
    assert add_months(date(2025, 3, 15), 6) == date(2025, 9, 15)
    # 行政诉讼法 第四十六条: 3/31/2025 + 6 months → 9/30/2025
    assert compute_due("litigation.filing", date(2025, 3, 31)).due == date(2025, 9, 30)


def test_provisional_into_2027_and_cleared_by_the_2027_notice() -> None:
    # 行政复议法 第三十二条第二款: 5 WD from 12/28/2026 → 12/29–12/31, then 2027: 1/1 is 元旦 by
    # the statutory fallback → 1/4, 1/5 — a forecast until the 2027 notice is out.
    result = compute_due("reconsideration.forwarding", date(2026, 12, 28))
    assert result.due == date(2027, 1, 5) and result.provisional
    assert result.trace.provisional_years == (2027,)
    assert any(line.startswith("暂定：") for line in result.trace.lines())
    # A (hypothetical) 2027 notice giving 1/1–1/4 off makes the result official and later.
    holidays = [date(2027, 1, 1), date(2027, 1, 2), date(2027, 1, 3), date(2027, 1, 4)]
    cal = WorkCalendar.default().with_notice(2027, holidays=holidays, workdays=[])
    official = compute_due("reconsideration.forwarding", date(2026, 12, 28), calendar=cal)
    assert official.due == date(2027, 1, 6) and not official.provisional
    assert not any(line.startswith("暂定：") for line in official.trace.lines())


def test_latest_notice_date() -> None:
    """行政处罚法 第六十四条: 「行政机关应当在举行听证的七日前，通知当事人…」"""
    result = latest_notice_date("penalty.hearing_notice", date(2025, 10, 15))
    assert result.due == date(2025, 9, 28)  # a Sunday worked (调休)
    # between 9/28 and 10/15, both excluded, lie exactly seven working days
    assert working_days_between(date(2025, 9, 28), date(2025, 10, 14)) == 7
    with pytest.raises(TimeLimitError):
        latest_notice_date("penalty.payment", date(2025, 10, 15))
    with pytest.raises(SuspensionError):
        compute_due(
            "penalty.hearing_notice",
            date(2025, 10, 15),
            suspensions=[(date(2025, 10, 1), date(2025, 10, 2))],
        )


def test_remaining() -> None:
    # (9/26, 10/13] on the 2025 calendar: 9/28, 9/29, 9/30, 10/9, 10/10, 10/11, 10/13
    left = remaining(date(2025, 9, 26), date(2025, 10, 13))
    assert (left.working_days, left.calendar_days, left.overdue) == (7, 17, False)
    assert remaining(date(2025, 10, 13), date(2025, 10, 13)).overdue is False
    late = remaining(date(2025, 10, 14), date(2025, 10, 13))
    assert (late.working_days, late.calendar_days, late.overdue) == (-1, -1, True)


def test_trace_lines_start_with_citation_and_quote() -> None:
    lines = compute_due("penalty.decision", date(2026, 1, 5)).trace.lines()
    assert lines[0] == (
        "依据：《中华人民共和国行政处罚法》第六十条：「行政机关应当自行政处罚案件立案之日起九十日内"
        "作出行政处罚决定。法律、法规、规章另有规定的，从其规定。」"
    )
    assert any("顺延至 2026-04-07" in line for line in lines)
    assert lines[-1] == "截止日期：2026-04-07（星期二）"


def test_unknown_rule() -> None:
    with pytest.raises(UnknownRule) as info:
        compute_due("penalty.nonexistent", date(2025, 1, 1))
    assert isinstance(info.value, KeyError)
    assert "未知的期限规则" in str(info.value) and "unknown rule" in str(info.value)


BAD_RULE = (
    '[[rule]]\nid = "x.y"\ntitle = "测试"\ninstrument = "xzcf"\narticle = "第一条"\n'
    'quote = "测试"\nunit = "working_days"\nlength = 5\ncounting = "penalty_wd"\n'
)


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        (BAD_RULE.replace('"working_days"', '"fortnights"'), "unit"),
        (BAD_RULE + BAD_RULE, "id"),
        (BAD_RULE + 'extension = { length = 1, unit = "months", approver = "x" }\n', "extension"),
        (BAD_RULE.replace("length = 5", "length = 0"), "length"),
        (BAD_RULE.replace('"xzcf"', '"nowhere"'), "instrument"),
    ],
)
def test_malformed_catalogue_is_rejected(tmp_path, rules, field) -> None:
    base = CATALOGUE_PATH.read_text(encoding="utf-8")
    head = base[: base.index("\n[[rule]]\n")] + "\n"  # instruments and counting clauses
    path = tmp_path / "rules.toml"
    path.write_text(head + rules, encoding="utf-8")
    with pytest.raises(RuleCatalogueError, match=field):
        load_rules(path)
    path.write_text(head + BAD_RULE, encoding="utf-8")  # the same rule, well formed, loads
    assert load_rules(path)["x.y"].length == 5
