"""The order of the dates of 行政复议, 复议答复 and 行政应诉 records: a step may not be dated before
the step it follows (受理 after receipt, the decision after 受理, the defence after the complaint
copy came in, an appeal after the judgment was served…). Each cites the article that counts the
later step from the earlier one, or none where the order is plain; a refusal names both dates.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.workflow.dates import not_before, on_record, step_day
from fazhi.core.workflow.engine import Context

from .rules import XZFY, XZSS

STEP = step_day()


def _counting_from(ctx: Context) -> date | None:
    """The day the acceptance review counts from: the corrected application's, else receipt."""
    return ctx.obj.correction_received_on or ctx.obj.received_on


def _after(code: str, attr: str, label: str, attr_label: str, citation: str = "", key=None):
    return not_before(
        code,
        step_day(key),
        on_record(attr),
        later_label=label,
        earlier_label=attr_label,
        citation=citation,
    )


# -- 行政复议 ------------------------------------------------------------------------------------

CORRECTION_AFTER_RECEIPT = _after(
    "correction_after_receipt", "received_on", "补正通知日", "收到申请之日", f"{XZFY}第三十一条"
)
CORRECTED_AFTER_NOTICE = _after(
    "corrected_after_notice",
    "correction_notice_on",
    "收到补正材料日",
    "补正通知日",
    f"{XZFY}第三十一条",
)
ABANDONED_AFTER_NOTICE = _after(
    "abandoned_after_notice", "correction_notice_on", "视为放弃日", "补正通知日"
)
ACCEPTED_AFTER_RECEIPT = not_before(
    "accepted_after_receipt",
    step_day("accepted_on"),
    _counting_from,
    later_label="受理日",
    earlier_label="收到申请（补正材料）之日",
    citation=f"{XZFY}第三十条",
)
REJECTED_AFTER_RECEIPT = not_before(
    "rejected_after_receipt",
    STEP,
    _counting_from,
    later_label="不予受理决定日",
    earlier_label="收到申请（补正材料）之日",
    citation=f"{XZFY}第三十条",
)
COPY_AFTER_ACCEPTANCE = _after(
    "copy_after_acceptance", "accepted_on", "发送申请书副本日", "受理日", f"{XZFY}第四十八条"
)
COPY_DELIVERED_AFTER_SENDING = not_before(
    "copy_delivered_after_sending",
    lambda ctx: ctx.day("delivered_on"),
    STEP,
    later_label="被申请人收到申请书副本日",
    earlier_label="发送日",
)
EXTENDED_AFTER_ACCEPTANCE = _after(
    "extended_after_acceptance", "accepted_on", "延长审理期限日", "受理日", f"{XZFY}第六十二条"
)
SUSPENDED_AFTER_ACCEPTANCE = _after("suspended_after_acceptance", "accepted_on", "中止日", "受理日")
SUSPENSION_NOTIFIED_AFTER = not_before(
    "suspension_notified_after",
    lambda ctx: ctx.day("notified_on"),
    STEP,
    later_label="书面告知当事人日",
    earlier_label="中止（恢复）日",
)
RESUMED_AFTER_SUSPENSION = _after(
    "resumed_after_suspension", "suspended_on", "恢复审理日", "中止日"
)
HEARING_AFTER_ACCEPTANCE = _after("hearing_after_acceptance", "accepted_on", "听证日", "受理日")
COMMITTEE_AFTER_ACCEPTANCE = _after(
    "committee_after_acceptance", "accepted_on", "提请咨询日", "受理日"
)
DECIDED_AFTER_ACCEPTANCE = _after(
    "decided_after_acceptance", "accepted_on", "行政复议决定日", "受理日", f"{XZFY}第六十二条"
)
TERMINATED_AFTER_RECEIPT = _after(
    "terminated_after_receipt", "received_on", "终止日", "收到申请之日"
)

# -- 复议答复 (the respondent's side) ----------------------------------------------------------------

ANSWER_AFTER_COPY = _after(
    "answer_after_copy",
    "copy_received_on",
    "提交书面答复日",
    "收到申请书副本之日",
    f"{XZFY}第四十八条",
)
RESP_HEARING_AFTER_COPY = _after(
    "resp_hearing_after_copy", "copy_received_on", "参加听证日", "收到申请书副本之日"
)
RESP_DECISION_AFTER_COPY = _after(
    "resp_decision_after_copy", "copy_received_on", "行政复议决定日", "收到申请书副本之日"
)
OPINION_AFTER_DECISION = _after(
    "opinion_after_decision", "decided_on", "收到行政复议意见书日", "行政复议决定日"
)
CORRECTION_REPORTED_AFTER_OPINION = _after(
    "correction_reported_after_opinion",
    "opinion_received_on",
    "报送纠正情况日",
    "收到行政复议意见书日",
    f"{XZFY}第七十六条",
)
RESP_CLOSED_AFTER_COPY = _after(
    "resp_closed_after_copy", "copy_received_on", "结案日", "收到申请书副本之日"
)

# -- 行政应诉 ------------------------------------------------------------------------------------

DEFENCE_AFTER_COMPLAINT = _after(
    "defence_after_complaint",
    "complaint_received_on",
    "提交答辩状和证据日",
    "收到起诉状副本之日",
    f"{XZSS}第六十七条",
)
EVIDENCE_EXTENSION_AFTER_COMPLAINT = _after(
    "evidence_extension_after_complaint",
    "complaint_received_on",
    "申请延期提供证据日",
    "收到起诉状副本之日",
)
COURT_HEARING_AFTER_COMPLAINT = _after(
    "court_hearing_after_complaint", "complaint_received_on", "开庭日", "收到起诉状副本之日"
)
JUDGMENT_AFTER_COMPLAINT = _after(
    "judgment_after_complaint", "complaint_received_on", "裁判文书送达日", "收到起诉状副本之日"
)
APPEAL_AFTER_SERVICE = _after(
    "appeal_after_service", "served_on", "提起上诉日", "裁判文书送达日", f"{XZSS}第八十五条"
)
PERFORMED_AFTER_SERVICE = _after(
    "performed_after_service", "served_on", "履行生效裁判日", "裁判文书送达日"
)
LIT_CLOSED_AFTER_SERVICE = _after(
    "lit_closed_after_service", "served_on", "结案日", "裁判文书送达日"
)
