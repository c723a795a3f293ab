"""The 行政处罚 procedure as declared workflows: states, transitions, guards with their articles,
and the statutory clocks each step starts, stops, suspends or extends.

Ordinary procedure (普通程序)::

    案源登记 → 立案 → 调查取证 → 审查 → 告知 → (陈述申辩、复核 | 听证) → 法制审核 → 决定
    → 送达 → 执行 → 结案 → 归档

with 集体讨论, 先行登记保存, 回避, 延长/扣除办案期限, 公示 and 移送 as steps inside a state.
Summary procedure (简易程序, 第五十一条) goes from the draft straight to 执行 with its 备案 step.
"""

from __future__ import annotations

from fazhi.core.accounts.roles import Role
from fazhi.core.deadlines.mirror import mirror
from fazhi.core.deadlines.service import served_on
from fazhi.core.tasks.services import lead_of
from fazhi.core.workflow.engine import Timer, Transition, Waiting, Workflow

from . import effects, policies, rules
from . import guards as g
from . import sectors as sec
from .effects import assign
from .guards import currency
from .guards import dates as d
from .guards import remedies as rm
from .guards import summary as sg
from .models import Case, Remedy, Transfer
from .states import (
    ACTIVE,
    AFTER_DECISION,
    OPEN_STATES,
    PRE_DECISION,
    STATES,
    TRANSFER_STATES,
)


def _has_money(ctx) -> bool:
    return ctx.obj.fine_due > 0


def _handler(ctx):
    """Whose 待办 a clock goes to when no task names its person: the case's 主办 (named at
    案源登记 and 立案, changed by 改派), else the actor."""
    return lead_of(ctx.obj) or ctx.actor


def _lead(case):
    return lead_of(case)


def _court_window_open(case) -> bool:
    """行政强制法 第五十三条: the fine is unpaid and no remedy is pending, so the agency's three
    months to apply to the court run (or will, once the remedy periods end)."""
    return (
        case.fine_due > 0
        and case.paid_on is None
        and case.court_applied_on is None
        and not rm.remedy_pending(case)
    )


def _court_clock(ctx) -> bool:
    return _court_window_open(ctx.obj)


def _upheld(ctx) -> bool:
    """A concluded remedy that leaves the decision standing (维持、撤回): a decision changed,
    revoked, or found unlawful or void is not enforced as decided."""
    return ctx.data.get("result") not in Remedy.UNDOING and _court_clock(ctx)


def _court_window_timers(when=_court_clock) -> tuple[Timer, ...]:
    """The application window counts afresh from :func:`rm.window_start` (a deferral, a
    concluded remedy moves its start)."""
    return (
        Timer("cancel", rules.RULE_COURT_APPLICATION),
        Timer(
            "start",
            rules.RULE_COURT_APPLICATION,
            on=rm.window_start_of,
            assignee=_handler,
            when=when,
        ),
    )


def _publication_due(case) -> bool:
    """公示 of a penalty decision (118号 二（六）): on-the-spot decisions too, unless the
    deployment's local rule exempts them (rules.SUMMARY_PUBLICATION_EXEMPT, default: no)."""
    if case.outcome != "penalty":
        return False
    return case.procedure != "summary" or not rules.SUMMARY_PUBLICATION_EXEMPT.value


def _on_spot(ctx) -> bool:
    return bool(ctx.data.get("on_spot"))


def _collected_on(ctx):
    """第七十一条: two days from the collection, or from landing for a collection on water."""
    return ctx.day("landed_on") if ctx.data.get("on_water") else ctx.on_date


def _collector(case):
    """The officer who collected the cash not yet handed in: the hand-in is theirs."""
    row = case.payments.filter(on_spot=True, handed_in_on=None).order_by("paid_on", "id").first()
    return row.recorded_by if row is not None else None


def _to_discuss(case) -> bool:
    """第五十七条第二款: a complex or major case waits for the heads' 集体讨论 before 决定 (one held
    before a 重新告知 or a hearing no longer counts)."""
    return case.complex_or_major and not currency.discussion_current(case)


#: The steps a case waits for, whose they are and the clock that times each (see Waiting).
WAITING = (
    Waiting("source", "待立案审批", Role.AGENCY_HEAD, sec.lead_check_rule),
    Waiting("investigating", "待调查终结", Role.OFFICER, sec.decision_rule, person=_lead),
    Waiting("examining", "待送达告知书", Role.OFFICER, sec.decision_rule, person=_lead),
    Waiting("notified", "待提交法制审核或决定", Role.OFFICER, sec.decision_rule, person=_lead),
    Waiting("hearing", "待组织听证", Role.OFFICER, sec.decision_rule, person=_lead),
    Waiting("in_review", "待法制审核", Role.LEGAL_REVIEWER, sec.legal_review_rule),
    Waiting(
        "ready",
        "待集体讨论",
        Role.AGENCY_HEAD,
        sec.decision_rule,
        when=_to_discuss,
    ),
    Waiting(
        "ready",
        "待提交法制审核",
        Role.OFFICER,
        sec.decision_rule,
        person=_lead,
        when=currency.to_review,
    ),
    Waiting(
        "ready",
        "待决定",
        Role.AGENCY_HEAD,
        sec.decision_rule,
        when=lambda case: not _to_discuss(case) and not currency.to_review(case),
    ),
    Waiting("decided", "待送达决定书", Role.OFFICER, rules.RULE_SERVICE, person=_lead),
    # 公示 runs from the decision, before and after service alike
    *(
        Waiting(
            state,
            "待公示",
            Role.OFFICER,
            rules.RULE_PUBLICATION,
            person=_lead,
            when=lambda case: _publication_due(case) and not case.published_on,
        )
        for state in ("decided", "executing")
    ),
    # 第七十一条: the officer hands cash collected on the spot to the agency in two working days,
    # the agency pays it into the designated bank in two more (第八十五条: 二日 are working days).
    Waiting(
        "executing",
        "待将当场收缴的罚款交至行政机关",
        Role.OFFICER,
        rules.RULE_CASH_HANDOVER,
        person=_collector,
        when=sg.cash_pending,
    ),
    Waiting(
        "executing",
        "待将当场收缴的罚款缴付指定银行",
        Role.AGENCY_HEAD,
        rules.RULE_CASH_DEPOSIT,
        when=sg.cash_to_deposit,
    ),
    Waiting(
        "executing",
        "待执行完毕",
        Role.OFFICER,
        rules.RULE_PAYMENT,
        person=_lead,
        when=lambda case: case.fine_due > 0,
    ),
    Waiting(
        "executing",
        "待申请人民法院强制执行",
        Role.OFFICER,
        rules.RULE_COURT_APPLICATION,
        person=_lead,
        when=_court_window_open,
    ),
    Waiting("closed", "待归档", Role.OFFICER, person=_lead, when=lambda c: c.outcome != "declined"),
)


T = Transition
TRANSITIONS = [
    T(
        "register_source",
        "案源登记",
        ("draft",),
        "source",
        guards=(d.REGISTERED_NOT_FUTURE, d.REGISTERED_AFTER_VIOLATION, *d.FACTS),
        timers=(
            Timer(
                "start",
                sec.lead_check_clock,
                on=lambda ctx: ctx.obj.discovered_on or ctx.on_date,
                role=Role.AGENCY_HEAD,
            ),
        ),
        allowed=policies.is_officer,
        effect=effects.register_source,
    ),
    T(
        "decline_case",
        "不予立案",
        ("source",),
        "closed",
        guards=(d.DECLINED_AFTER_SOURCE,),
        timers=(Timer("stop", sec.lead_check_clock),),
        allowed=policies.is_head,
        effect=effects.decline,
    ),
    T(
        "open_case",
        "立案",
        ("source",),
        "investigating",
        guards=(
            d.OPENED_NOT_FUTURE,
            d.OPENED_AFTER_SOURCE,
            d.OPENED_AFTER_VIOLATION,
            *d.FACTS,
            g.OFFICERS,
            g.LIMITATION,
            g.MINOR_OPEN,
        ),
        timers=(
            Timer("stop", sec.lead_check_clock),
            Timer("start", sec.decision_clock, assignee=_handler),
        ),
        allowed=policies.is_head,
        effect=effects.open_case,
    ),
    T(
        "record_findings",
        "记录调查认定的事实",
        ("investigating", "examining"),
        None,
        guards=(d.FINDINGS_AFTER_VIOLATION, *d.FACTS),
        allowed=policies.is_officer,
        effect=effects.record_findings,
    ),
    T(
        "add_evidence",
        "登记证据",
        OPEN_STATES,
        None,
        guards=(g.ID_SHOWN, d.EVIDENCE_NOT_FUTURE),
        allowed=policies.is_officer,
        effect=effects.add_evidence,
    ),
    T(
        "preserve_evidence",
        "先行登记保存",
        ("investigating",),
        None,
        guards=(g.PRESERVATION_APPROVED, d.PRESERVED_AFTER_OPENING),
        allowed=policies.officer_or_head,
        effect=effects.preserve_evidence,
    ),
    T(
        "decide_preservation",
        "先行登记保存处理决定",
        OPEN_STATES,
        None,
        guards=(g.PRESERVATION_OPEN, d.PRESERVATION_DECIDED_AFTER),
        allowed=policies.officer_or_head,
        effect=effects.decide_preservation,
    ),
    T(
        "request_recusal",
        "回避申请",
        OPEN_STATES,
        None,
        allowed=policies.is_officer,
        effect=effects.request_recusal,
    ),
    T(
        "decide_recusal",
        "回避决定",
        OPEN_STATES,
        None,
        guards=(g.RECUSAL_OPEN, g.OFFICERS, d.RECUSAL_DECIDED_AFTER),
        allowed=policies.is_head,
        effect=effects.decide_recusal,
    ),
    T(
        "extend_decision_period",
        "延长办案期限",
        OPEN_STATES,
        None,
        guards=(g.EXTENSION_ALLOWED, g.NOT_EXTENDED),
        timers=(Timer("extend", sec.decision_clock, length=lambda ctx: ctx.integer("days")),),
        allowed=policies.is_head,
    ),
    T(
        "suspend_decision_period",
        "办案期限中止计算",
        OPEN_STATES,
        None,
        guards=(g.SUSPENSION_ALLOWED, g.CLOCK_RUNNING),
        timers=(Timer("suspend", sec.decision_clock),),
        allowed=policies.officer_or_head,
    ),
    T(
        "resume_decision_period",
        "办案期限恢复计算",
        OPEN_STATES,
        None,
        guards=(g.CLOCK_SUSPENDED,),
        timers=(Timer("resume", sec.decision_clock),),
        allowed=policies.officer_or_head,
    ),
    T(
        "conclude_investigation",
        "调查终结",
        ("investigating",),
        "examining",
        guards=(
            g.EVIDENCE_PRESENT,
            g.MONITORING_AUDITED,
            g.PRESERVATIONS_DECIDED,
            d.INVESTIGATION_ENDS_AFTER_OPENING,
        ),
        allowed=policies.is_officer,
    ),
    T(
        "serve_notice",
        "送达行政处罚告知书",
        ("examining",),
        "notified",
        guards=(
            g.NOTICE_CONTENT,
            g.BASIS_IN_FORCE,
            g.STATUTORY_RANGE,
            g.HEARING_RIGHT_STATED,
            d.NOTICE_NOT_FUTURE,
            d.NOTICE_AFTER_OPENING,
        ),
        # 公告送达: the window runs from the deemed 送达日 (民事诉讼法 第九十五条).
        timers=(Timer("start", rules.RULE_HEARING_REQUEST, on=served_on(), assignee=_handler),),
        allowed=policies.is_officer,
        effect=effects.serve_notice,
    ),
    T(
        "renotify",
        "重新送达行政处罚告知书",
        ("notified", "ready"),
        "notified",
        guards=(
            g.NOTICE_CONTENT,
            g.BASIS_IN_FORCE,
            g.STATUTORY_RANGE,
            g.HEARING_RIGHT_STATED,
            d.NOTICE_NOT_FUTURE,
            d.RENOTICE_AFTER_NOTICE,
        ),
        # The window for statements and hearing requests counts afresh from the new notice.
        timers=(
            Timer("cancel", rules.RULE_HEARING_REQUEST),
            Timer("start", rules.RULE_HEARING_REQUEST, on=served_on(), assignee=_handler),
        ),
        allowed=policies.is_officer,
        effect=effects.serve_notice,
    ),
    T(
        "record_statement",
        "记录陈述申辩",
        ("notified", "hearing", "in_review", "ready"),
        None,
        guards=(d.STATEMENT_AFTER_NOTICE,),
        allowed=policies.is_officer,
        effect=effects.record_statement,
    ),
    T(
        "review_statement",
        "复核陈述申辩",
        ("notified", "hearing", "in_review", "ready"),
        None,
        guards=(d.STATEMENT_REVIEWED_AFTER,),
        allowed=policies.officer_or_head,
        effect=effects.review_statement,
    ),
    T(
        "request_hearing",
        "当事人要求听证",
        # 第六十四条第一项: a request made within the five working days is the party's right
        # whatever step the case has reached (a 法制审核 submitted straight after 告知, or done);
        # the case goes back to the hearing path and the pending review's clock stops counting.
        ("notified", "in_review", "ready"),
        "hearing",
        guards=(g.HEARING_RIGHT, g.HEARING_IN_TIME, d.HEARING_REQUEST_AFTER_NOTICE),
        timers=(
            Timer("stop", rules.RULE_HEARING_REQUEST),
            Timer("suspend", sec.hearing_clock),
            Timer("cancel", sec.legal_review_clock),
        ),
        allowed=policies.is_officer,
        effect=effects.request_hearing,
    ),
    T(
        "schedule_hearing",
        "安排听证并通知",
        ("hearing",),
        None,
        guards=(g.CHAIR_NOT_INVESTIGATOR, g.HEARING_NOTICE_7_DAYS, d.HEARING_NOTICE_AFTER_REQUEST),
        allowed=policies.officer_or_head,
        effect=effects.schedule_hearing,
    ),
    T(
        "record_hearing",
        "听证笔录",
        ("hearing",),
        "ready",
        guards=(g.HEARING_RECORD, d.HEARING_HELD_AS_SCHEDULED),
        timers=(Timer("resume", sec.decision_clock),),
        allowed=policies.officer_or_head,
        effect=effects.record_hearing,
    ),
    T(
        "submit_legal_review",
        "提交法制审核",
        ("notified", "ready"),
        "in_review",
        guards=(d.REVIEW_SUBMITTED_AFTER_NOTICE,),
        timers=(Timer("start", sec.legal_review_clock, role=Role.LEGAL_REVIEWER),),
        allowed=policies.is_officer,
        effect=effects.submit_legal_review,
    ),
    T(
        "complete_legal_review",
        "法制审核",
        ("in_review",),
        "ready",
        guards=(
            g.REVIEWER_QUALIFIED,
            g.CHECKLIST_COMPLETE,
            g.REVIEW_OPINION,
            g.CRIME_HANDLED,
            d.REVIEW_COMPLETED_AFTER,
        ),
        timers=(Timer("stop", sec.legal_review_clock),),
        allowed=policies.is_reviewer,
        effect=effects.complete_legal_review,
    ),
    T(
        "record_collective_discussion",
        "集体讨论",
        PRE_DECISION,
        None,
        guards=(g.DISCUSSION_RECORD,),
        allowed=policies.is_head,
        effect=effects.record_collective_discussion,
    ),
    T(
        "decide_case",
        "作出处理决定",
        PRE_DECISION,
        "decided",
        guards=(
            d.DECIDED_NOT_FUTURE,
            d.DECIDED_AFTER_OPENING,
            d.DECIDED_AFTER_NOTICE,
            d.DECIDED_AFTER_HEARING,
            g.NOTICE_SERVED,
            g.HEARING_PERIOD_OVER,
            g.PARTY_HEARD,
            g.HEARING_CONCLUDED,
            g.HEARING_RIGHT_GIVEN,
            g.STATEMENTS_REVIEWED,
            g.NOT_HEAVIER_AFTER_STATEMENT,
            g.AS_NOTIFIED,
            g.BASIS_IN_FORCE,
            g.STATUTORY_RANGE,
            g.BENCHMARK_REASON,
            g.LEGAL_REVIEW_PASSED,
            g.REVIEW_CURRENT,
            g.COLLECTIVE_DISCUSSION,
            g.DISCUSSION_CURRENT,
            g.OFFICERS,
            g.LIMITATION,
            g.MINOR_NO_PENALTY,
            g.NO_PENALTY_MANDATORY,
            g.NO_PENALTY_REASON,
            g.MINOR_LENIENT,
            g.MANDATORY_LENIENT,
            g.ONE_FINE,
            g.EDUCATION,
        ),
        timers=(
            Timer("stop", sec.decision_clock),
            Timer("cancel", rules.RULE_HEARING_REQUEST),
            Timer("start", rules.RULE_SERVICE, assignee=_handler),
            Timer(
                "start",
                rules.RULE_PUBLICATION,
                assignee=_handler,
                when=lambda ctx: ctx.obj.outcome == "penalty",
            ),
        ),
        allowed=policies.is_head,
        effect=effects.decide_case,
    ),
    T(
        "serve_decision",
        "送达处理决定书",
        ("decided",),
        "executing",
        guards=(d.SERVED_NOT_FUTURE, d.SERVED_AFTER_DECISION, g.E_SERVICE_CONSENT),
        timers=(
            Timer("stop", rules.RULE_SERVICE),
            # 第六十七条第三款 runs from receipt: the deemed date for 公告送达 (民事诉讼法 第九十五条).
            Timer("start", rules.RULE_PAYMENT, on=served_on(), assignee=_handler, when=_has_money),
            *_court_window_timers(),
        ),
        allowed=policies.is_officer,
        effect=effects.serve_decision,
    ),
    T(
        "summary_penalty",
        "当场作出行政处罚决定",
        ("draft",),
        "executing",
        guards=(
            d.DECIDED_NOT_FUTURE,
            d.SUMMARY_AFTER_VIOLATION,
            *d.FACTS,
            g.SUMMARY_LIMITS,
            sg.SUMMARY_CERTIFICATE,
            sg.SUMMARY_NOTIFIED,
            sg.SUMMARY_HEARD,
            g.BASIS_IN_FORCE,
            g.STATUTORY_RANGE,
            g.OFFICERS,
            g.LIMITATION,
            g.MINOR_NO_PENALTY,
            g.NO_PENALTY_MANDATORY,
            g.MINOR_LENIENT,
            g.ONE_FINE,
        ),
        timers=(
            Timer("start", rules.RULE_PAYMENT, assignee=_handler, when=_has_money),
            Timer("start", rules.SUMMARY_FILING_RULE.value, assignee=_handler),
            Timer(
                "start",
                rules.RULE_PUBLICATION,
                assignee=_handler,
                when=lambda ctx: _publication_due(ctx.obj),
            ),
            *_court_window_timers(),
        ),
        allowed=policies.is_officer,
        effect=effects.summary_penalty,
    ),
    T(
        "file_summary_penalty",
        "当场处罚决定备案",
        ("executing", "closed", "archived"),
        None,
        guards=(g.IS_SUMMARY, d.SUMMARY_FILED_AFTER),
        timers=(Timer("stop", rules.SUMMARY_FILING_RULE.value),),
        allowed=policies.officer_or_head,
        effect=effects.file_summary_penalty,
    ),
    T(
        "record_payment",
        "登记缴款",
        ("executing",),
        None,
        guards=(
            d.PAID_NOT_FUTURE,
            d.PAID_AFTER_SERVICE,
            sg.ON_SPOT_SUMMARY,
            sg.ON_SPOT_GROUND,
            sg.ON_SPOT_RECEIPT,
            sg.ON_WATER_LANDED,
            sg.LANDED_AFTER_COLLECTION,
            sg.ONE_COLLECTION_AT_A_TIME,
        ),
        timers=(
            Timer(
                "cancel",
                rules.RULE_COURT_APPLICATION,
                when=lambda ctx: bool(ctx.data.get("paid_in_full")),
            ),
            Timer(
                "start",
                rules.RULE_CASH_HANDOVER,
                on=_collected_on,
                assignee=lambda ctx: ctx.actor,
                when=_on_spot,
            ),
        ),
        allowed=policies.is_officer,
        effect=effects.record_payment,
    ),
    T(
        "hand_in_cash",
        "当场收缴的罚款交至行政机关",
        ("executing",),
        None,
        guards=(sg.CASH_TO_HAND_IN, sg.HANDED_IN_NOT_FUTURE, sg.HANDED_IN_AFTER_COLLECTION),
        timers=(
            Timer("stop", rules.RULE_CASH_HANDOVER),
            # the agency's step: its heads' queue, not the officer who handed the cash in
            Timer(
                "start",
                rules.RULE_CASH_DEPOSIT,
                assignee=lambda ctx: None,
                role=Role.AGENCY_HEAD,
            ),
        ),
        allowed=policies.officer_or_head,
        effect=effects.hand_in_cash,
    ),
    T(
        "deposit_cash",
        "当场收缴的罚款缴付指定银行",
        ("executing",),
        None,
        guards=(sg.CASH_TO_DEPOSIT, sg.DEPOSITED_NOT_FUTURE, sg.DEPOSITED_AFTER_HAND_IN),
        timers=(Timer("stop", rules.RULE_CASH_DEPOSIT),),
        allowed=policies.officer_or_head,
        effect=effects.deposit_cash,
    ),
    T(
        "approve_deferral",
        "批准暂缓或者分期缴纳",
        ("executing",),
        None,
        guards=(d.DEFERRAL_AFTER_DECISION, d.DEFERRAL_UNTIL_AFTER_APPROVAL),
        # 第七十二条第二款: the court window counts from the end of the deferral.
        timers=_court_window_timers(),
        allowed=policies.is_head,
        effect=effects.approve_deferral,
    ),
    T(
        "record_reconsideration_or_suit",
        "登记行政复议或者行政诉讼",
        AFTER_DECISION,
        None,
        guards=(d.REMEDY_AFTER_DECISION,),
        # 行政强制法 第五十三条: while a remedy is pending the agency may not apply to the court.
        timers=(Timer("cancel", rules.RULE_COURT_APPLICATION),),
        allowed=policies.officer_or_head,
        effect=effects.record_remedy,
    ),
    T(
        "conclude_reconsideration_or_suit",
        "登记复议或诉讼结果",
        AFTER_DECISION,
        None,
        guards=(d.REMEDY_ENDED_AFTER,),
        # A decision upheld (or a remedy withdrawn) may be enforced: the window counts from the
        # end of the periods that remain (the 15 days to sue after a 复议, 行政诉讼法 第四十五条).
        timers=_court_window_timers(when=_upheld),
        allowed=policies.officer_or_head,
        effect=effects.conclude_remedy,
    ),
    T(
        "apply_court_enforcement",
        "申请人民法院强制执行",
        ("executing",),
        None,
        guards=(
            g.PAYMENT_OVERDUE,
            g.DEMAND_SERVED,
            *g.COURT_APPLICATION,
            d.DEMAND_AFTER_SERVICE,
            d.COURT_AFTER_SERVICE,
        ),
        timers=(Timer("stop", rules.RULE_COURT_APPLICATION),),
        allowed=policies.officer_or_head,
        effect=effects.apply_court_enforcement,
    ),
    T(
        "close_case",
        "结案",
        ("executing",),
        "closed",
        guards=(
            g.EXECUTED,
            g.SUMMARY_FILED,
            sg.CASH_SETTLED,
            d.CLOSED_AFTER_DECISION,
            d.CLOSED_AFTER_PAYMENT,
        ),
        allowed=policies.is_head,
        effect=effects.close_case,
    ),
    T(
        "drop_case",
        "撤销立案（销案）",
        OPEN_STATES,
        "closed",
        guards=(d.DROPPED_AFTER_SOURCE,),
        allowed=policies.is_head,
        effect=effects.drop_case,
    ),
    T(
        "archive_case",
        "归档",
        ("closed",),
        "archived",
        guards=(g.FILE_COMPLETE, d.ARCHIVED_AFTER_CLOSING),
        allowed=policies.officer_or_head,
        effect=effects.archive_case,
    ),
    T(
        "publish_decision",
        "公开行政处罚决定",
        AFTER_DECISION,
        None,
        guards=(g.PUBLISHABLE, d.PUBLISHED_AFTER_DECISION),
        timers=(Timer("stop", rules.RULE_PUBLICATION),),
        allowed=policies.officer_or_head,
        effect=effects.publish_decision,
    ),
    T(
        "withdraw_publication",
        "撤回已公开的决定信息",
        AFTER_DECISION,
        None,
        guards=(g.WITHDRAWABLE, d.WITHDRAWN_AFTER_PUBLICATION),
        timers=(Timer("stop", rules.RULE_WITHDRAWAL),),
        allowed=policies.officer_or_head,
        effect=effects.withdraw_publication,
    ),
    T(
        "raise_transfer",
        "提出涉嫌犯罪案件移送",
        ACTIVE,
        None,
        allowed=policies.officer_or_head,
        effect=effects.raise_transfer,
    ),
]

CASE_WORKFLOW = Workflow(
    "penalty",
    "行政处罚",
    model=Case,
    states=STATES,
    initial="draft",
    transitions=TRANSITIONS,
    agency_of=lambda case: case.agency_id,
    subject_label=lambda case: case.label,
    waiting=WAITING,
    path=(
        "source",
        "investigating",
        "examining",
        "notified",
        "hearing",
        "in_review",
        "ready",
        "decided",
        "executing",
        "closed",
        "archived",
    ),
)

# -- 两法衔接: the transfer's own procedure ------------------------------------------------------


def _set_transfer(*names: str):
    def effect(ctx) -> None:
        assign(ctx.obj, ctx.data, names)
        for name in names:
            if name.endswith("_on") and name not in ctx.data:
                setattr(ctx.obj, name, ctx.on_date)

    return effect


TRANSFER_WORKFLOW = Workflow(
    "penalty_transfer",
    "涉嫌犯罪案件移送",
    model=Transfer,
    states=TRANSFER_STATES,
    initial="raised",
    transitions=[
        T(
            "transfer",
            "移送公安机关",
            ("raised",),
            "transferred",
            guards=(g.TRANSFER_DOCUMENTS, d.TRANSFERRED_AFTER_RAISED),
            allowed=policies.is_head,
            effect=_set_transfer("transferred_on", "receiver", "documents"),
        ),
        T(
            "receive",
            "公安机关接收",
            ("transferred",),
            "received",
            guards=(d.RECEIVED_AFTER_TRANSFER,),
            allowed=policies.officer_or_head,
            effect=_set_transfer("received_on"),
        ),
        T(
            "accept",
            "公安机关立案",
            ("received",),
            "accepted",
            guards=(d.ACCEPTED_AFTER_RECEIPT,),
            allowed=policies.officer_or_head,
            effect=_set_transfer("accepted_on"),
        ),
        T(
            "return",
            "公安机关不予立案（退回）",
            ("transferred", "received"),
            "returned",
            guards=(g.RETURN_REASON, d.RETURNED_AFTER_TRANSFER),
            allowed=policies.officer_or_head,
            effect=_set_transfer("returned_on", "return_reason"),
        ),
        T(
            "conclude",
            "登记处理结果",
            ("accepted",),
            "concluded",
            guards=(d.CONCLUDED_AFTER_ACCEPTANCE,),
            allowed=policies.officer_or_head,
            effect=_set_transfer("outcome_on", "outcome"),
        ),
        T(
            "dismiss",
            "经审查不涉嫌犯罪",
            ("raised",),
            "dismissed",
            guards=(g.RETURN_REASON, d.DISMISSED_AFTER_RAISED),
            allowed=policies.is_head,
            effect=_set_transfer("outcome_on", "outcome"),
        ),
    ],
    agency_of=lambda t: t.case.agency_id,
    subject_label=lambda t: f"移送：{t.case.label}",
    path=("raised", "transferred", "received", "accepted", "concluded"),
)

# The case's 决定期限 (第六十条), its on-time result and the 缴款期限 (第六十七条第三款) read the
# clocks through these columns: core rewrites them on every write of a clock (an extension, a
# suspension's resumption) and when a holiday notice moves one.
mirror(Case, sec.DECISION_RULES, due_field="decision_due", on_time_field="decision_on_time")
mirror(Case, rules.RULE_PAYMENT, due_field="payment_due")
