"""The order of a case's dates: a step may not be dated before the step it follows (送达 after
the decision, 立案 after the 案源 and after the violation…), nor after today where it records
what has happened. Each is a :func:`fazhi.core.workflow.dates.not_before` guard citing the
article that sets the sequence, or none where the order is plain (the refusal then just says
why); a refusal names both dates.

The statement and hearing periods themselves (the decision only after they run out) are other
guards (:mod:`.procedure`); these only keep the dates in order.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.workflow.dates import not_after_today, not_before, on_record, step_day
from fazhi.core.workflow.engine import Context
from fazhi.kernel.values import as_date

from ..models import LegalReview, Preservation, Recusal, Remedy, Statement
from ..rules import XZCF, XZQZ
from .common import data_or_obj

# -- readers ------------------------------------------------------------------------------------


def _fact(key: str):
    """A fact date the step fixes (e.g. 立案 with the violation date), else the case's."""
    return lambda ctx: as_date(data_or_obj(ctx, key))


def _row(model, key: str, attr: str):
    """A date on the row the step acts on (its pk in the step data under ``key``)."""

    def read(ctx: Context) -> date | None:
        pk = ctx.data.get(key)
        if not pk:
            return None
        return model.objects.filter(pk=pk).values_list(attr, flat=True).first()

    return read


def _open_hearing(attr: str):
    def read(ctx: Context) -> date | None:
        h = ctx.obj.hearings.filter(outcome="").order_by("-id").first()
        return getattr(h, attr, None) if h is not None else None

    return read


def _open_review(ctx: Context) -> date | None:
    r = LegalReview.objects.filter(case=ctx.obj, result="").order_by("-round").first()
    return r.submitted_on if r is not None else None


def _last_hearing_held(ctx: Context) -> date | None:
    h = ctx.obj.hearings.exclude(held_on=None).order_by("-held_on").first()
    return h.held_on if h is not None else None


STEP = step_day()

# -- the violation and the lead (第三十六条 counts from the violation to its discovery) --------

VIOLATION_NOT_FUTURE = not_after_today(
    "violation_not_future",
    _fact("violation_date"),
    label="违法行为发生日",
    what="已经发生的违法行为",
)
VIOLATION_END_NOT_FUTURE = not_after_today(
    "violation_end_not_future",
    _fact("violation_end_date"),
    label="违法行为终了日",
    what="已经终了的违法行为",
)
VIOLATION_END_AFTER_START = not_before(
    "violation_end_after_start",
    _fact("violation_end_date"),
    _fact("violation_date"),
    later_label="违法行为终了日",
    earlier_label="违法行为发生日",
)
DISCOVERED_NOT_FUTURE = not_after_today(
    "discovered_not_future", _fact("discovered_on"), label="发现日", what="已经发现的违法行为"
)
DISCOVERED_AFTER_VIOLATION = not_before(
    "discovered_after_violation",
    _fact("discovered_on"),
    _fact("violation_date"),
    later_label="发现日",
    earlier_label="违法行为发生日",
    citation=f"{XZCF}第三十六条第二款",
)
#: The facts' own dates, checked wherever a step fixes them (案源, 立案, 调查认定, 当场处罚).
FACTS = (
    VIOLATION_NOT_FUTURE,
    VIOLATION_END_NOT_FUTURE,
    VIOLATION_END_AFTER_START,
    DISCOVERED_NOT_FUTURE,
    DISCOVERED_AFTER_VIOLATION,
)


def _after_violation(code: str, label: str, citation: str = ""):
    return not_before(
        code,
        STEP,
        _fact("violation_date"),
        later_label=label,
        earlier_label="违法行为发生日",
        citation=citation,
    )


REGISTERED_NOT_FUTURE = not_after_today(
    "registered_not_future", STEP, label="案源登记日", what="已经收到的案件线索"
)
REGISTERED_AFTER_VIOLATION = _after_violation("registered_after_violation", "案源登记日")
OPENED_NOT_FUTURE = not_after_today(
    "opened_not_future", STEP, label="立案日", what="已经批准的立案"
)
OPENED_AFTER_SOURCE = not_before(
    "opened_after_source",
    STEP,
    on_record("registered_on"),
    later_label="立案日",
    earlier_label="案源登记日",
    citation=f"{XZCF}第五十四条",
)
OPENED_AFTER_VIOLATION = _after_violation("opened_after_violation", "立案日")
FINDINGS_AFTER_VIOLATION = _after_violation("findings_after_violation", "调查认定日")
DECLINED_AFTER_SOURCE = not_before(
    "declined_after_source",
    STEP,
    on_record("registered_on"),
    later_label="不予立案日",
    earlier_label="案源登记日",
)
DROPPED_AFTER_SOURCE = not_before(
    "dropped_after_source",
    STEP,
    on_record("registered_on"),
    later_label="销案日",
    earlier_label="案源登记日",
)


def _after_opening(code: str, label: str, citation: str = ""):
    return not_before(
        code,
        STEP,
        on_record("opened_on"),
        later_label=label,
        earlier_label="立案日",
        citation=citation,
    )


# -- 调查取证 -------------------------------------------------------------------------------------

EVIDENCE_NOT_FUTURE = not_after_today(
    "evidence_not_future", step_day("collected_on"), label="取证日", what="已经取得的证据"
)
PRESERVED_AFTER_OPENING = _after_opening(
    "preserved_after_opening", "先行登记保存日", f"{XZCF}第五十六条"
)
PRESERVATION_DECIDED_AFTER = not_before(
    "preservation_decided_after",
    STEP,
    _row(Preservation, "preservation", "preserved_on"),
    later_label="处理决定日",
    earlier_label="先行登记保存日",
    citation=f"{XZCF}第五十六条",
)
RECUSAL_DECIDED_AFTER = not_before(
    "recusal_decided_after",
    STEP,
    _row(Recusal, "recusal", "requested_on"),
    later_label="回避决定日",
    earlier_label="回避申请日",
    citation=f"{XZCF}第四十三条",
)
INVESTIGATION_ENDS_AFTER_OPENING = _after_opening("investigation_after_opening", "调查终结日")

# -- 告知, 陈述申辩, 听证 ----------------------------------------------------------------------------

NOTICE_AFTER_OPENING = _after_opening("notice_after_opening", "告知书送达日", f"{XZCF}第四十四条")
NOTICE_NOT_FUTURE = not_after_today(
    "notice_not_future", STEP, label="告知书送达日", what="已经送达的告知书"
)
RENOTICE_AFTER_NOTICE = not_before(
    "renotice_after_notice",
    STEP,
    on_record("notice_delivered_on"),
    later_label="重新送达告知书日",
    earlier_label="原告知书送达日",
)


def _after_notice(code: str, label: str, citation: str):
    return not_before(
        code,
        STEP,
        on_record("notice_delivered_on"),
        later_label=label,
        earlier_label="告知书送达日",
        citation=citation,
    )


STATEMENT_AFTER_NOTICE = _after_notice(
    "statement_after_notice", "陈述申辩（放弃）日", f"{XZCF}第四十五条第一款"
)
STATEMENT_REVIEWED_AFTER = not_before(
    "statement_reviewed_after",
    STEP,
    _row(Statement, "statement", "received_on"),
    later_label="复核日",
    earlier_label="陈述申辩收到日",
    citation=f"{XZCF}第四十五条第一款",
)
HEARING_REQUEST_AFTER_NOTICE = _after_notice(
    "hearing_request_after_notice", "听证申请日", f"{XZCF}第六十四条第一项"
)
HEARING_NOTICE_AFTER_REQUEST = not_before(
    "hearing_notice_after_request",
    STEP,
    _open_hearing("requested_on"),
    later_label="听证通知日",
    earlier_label="听证申请日",
    citation=f"{XZCF}第六十四条",
)
HEARING_HELD_AS_SCHEDULED = not_before(
    "hearing_held_as_scheduled",
    STEP,
    _open_hearing("scheduled_for"),
    later_label="听证举行日",
    earlier_label="通知的听证日",
    citation=f"{XZCF}第六十四条第二项",
    when=lambda ctx: ctx.data.get("outcome") == "held",
)
REVIEW_SUBMITTED_AFTER_NOTICE = _after_notice(
    "review_submitted_after_notice", "提交法制审核日", f"{XZCF}第五十八条"
)
REVIEW_COMPLETED_AFTER = not_before(
    "review_completed_after",
    STEP,
    _open_review,
    later_label="法制审核完成日",
    earlier_label="提交法制审核日",
    citation=f"{XZCF}第五十八条",
)

# -- 决定 -----------------------------------------------------------------------------------------

DECIDED_NOT_FUTURE = not_after_today(
    "decided_not_future", STEP, label="决定日", what="已经作出的决定"
)
DECIDED_AFTER_OPENING = _after_opening("decided_after_opening", "决定日", f"{XZCF}第五十七条")
DECIDED_AFTER_NOTICE = _after_notice("decided_after_notice", "决定日", f"{XZCF}第六十二条")
DECIDED_AFTER_HEARING = not_before(
    "decided_after_hearing",
    STEP,
    _last_hearing_held,
    later_label="决定日",
    earlier_label="听证举行日",
    citation=f"{XZCF}第六十五条",
)
SUMMARY_AFTER_VIOLATION = _after_violation("summary_after_violation", "当场处罚决定日")

# -- 送达, 执行, 结案 --------------------------------------------------------------------------------


def _after_decision(code: str, label: str, citation: str = ""):
    return not_before(
        code,
        STEP,
        on_record("decided_on"),
        later_label=label,
        earlier_label="决定日",
        citation=citation,
    )


SERVED_NOT_FUTURE = not_after_today(
    "served_not_future", STEP, label="送达日", what="已经完成的送达"
)
SERVED_AFTER_DECISION = _after_decision("served_after_decision", "送达日", f"{XZCF}第六十一条")
SUMMARY_FILED_AFTER = _after_decision("summary_filed_after", "备案日", f"{XZCF}第五十二条")


def _delivered(ctx: Context) -> date | None:
    """The day the decision reached the party or was posted: for 公告送达 the 公告 itself (the
    party may pay before the deemed 送达日), else the 送达日."""
    return ctx.obj.decision_notice_on or ctx.obj.decision_served_on


PAID_AFTER_SERVICE = not_before(
    "paid_after_service",
    STEP,
    _delivered,
    later_label="缴款日",
    earlier_label="决定书送达日",
    citation=f"{XZCF}第六十七条第三款",
)
PAID_NOT_FUTURE = not_after_today("paid_not_future", STEP, label="缴款日", what="已经收到的缴款")
DEFERRAL_AFTER_DECISION = _after_decision(
    "deferral_after_decision", "批准暂缓（分期）缴纳日", f"{XZCF}第六十六条第二款"
)
DEFERRAL_UNTIL_AFTER_APPROVAL = not_before(
    "deferral_until_after_approval",
    step_day("until"),
    STEP,
    later_label="暂缓（分期）缴纳期限",
    earlier_label="批准日",
)
REMEDY_AFTER_DECISION = _after_decision("remedy_after_decision", "申请复议（起诉）日")
REMEDY_ENDED_AFTER = not_before(
    "remedy_ended_after",
    STEP,
    _row(Remedy, "remedy", "filed_on"),
    later_label="复议（诉讼）结束日",
    earlier_label="申请复议（起诉）日",
)
COURT_AFTER_SERVICE = not_before(
    "court_after_service",
    STEP,
    on_record("decision_served_on"),
    later_label="申请人民法院强制执行日",
    earlier_label="决定书送达日",
    citation=f"{XZQZ}第五十三条",
)
DEMAND_AFTER_SERVICE = not_before(
    "demand_after_service",
    _fact("demand_served_on"),
    on_record("decision_served_on"),
    later_label="催告书送达日",
    earlier_label="决定书送达日",
    citation=f"{XZQZ}第五十四条",
)
CLOSED_AFTER_DECISION = _after_decision("closed_after_decision", "结案日")
CLOSED_AFTER_PAYMENT = not_before(
    "closed_after_payment",
    STEP,
    on_record("paid_on"),
    later_label="结案日",
    earlier_label="缴清日",
)
ARCHIVED_AFTER_CLOSING = not_before(
    "archived_after_closing",
    STEP,
    on_record("closed_on"),
    later_label="归档日",
    earlier_label="结案日",
)
PUBLISHED_AFTER_DECISION = _after_decision(
    "published_after_decision", "公示日", f"{XZCF}第四十八条第一款"
)
WITHDRAWN_AFTER_PUBLICATION = not_before(
    "withdrawn_after_publication",
    STEP,
    on_record("published_on"),
    later_label="撤回公示日",
    earlier_label="公示日",
    citation=f"{XZCF}第四十八条第二款",
)

# -- 移送 (两法衔接) --------------------------------------------------------------------------------


def transfer_after(code: str, key: str, label: str, attr: str, attr_label: str):
    """A 移送 step's date (``key`` in the step data, else the step's date) after ``attr``."""
    return not_before(
        code,
        step_day(key),
        on_record(attr),
        later_label=label,
        earlier_label=attr_label,
    )


TRANSFERRED_AFTER_RAISED = transfer_after(
    "transferred_after_raised", "transferred_on", "移送日", "raised_on", "提出移送日"
)
RECEIVED_AFTER_TRANSFER = transfer_after(
    "received_after_transfer", "received_on", "接收日", "transferred_on", "移送日"
)
ACCEPTED_AFTER_RECEIPT = transfer_after(
    "accepted_after_receipt", "accepted_on", "立案日", "received_on", "接收日"
)
RETURNED_AFTER_TRANSFER = transfer_after(
    "returned_after_transfer", "returned_on", "退回日", "transferred_on", "移送日"
)
CONCLUDED_AFTER_ACCEPTANCE = transfer_after(
    "concluded_after_acceptance", "outcome_on", "处理结果日", "accepted_on", "立案日"
)
DISMISSED_AFTER_RAISED = transfer_after(
    "dismissed_after_raised", "outcome_on", "审查结论日", "raised_on", "提出移送日"
)
