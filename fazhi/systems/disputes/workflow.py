"""The procedures of 行政复议 (the body's case, the respondent's answer) and 行政应诉 as declared
workflows: states, steps, guards with their articles, and the kernel clocks each step moves.

行政复议 (复议机构)::

    登记（收到申请） → 受理审查（5个工作日，第三十条） ─┬→ 受理 / 视为受理 → 审理中 ⇄ 中止 → 已决定
                                                      ├→ 待补正（通知5个工作日，补正10个工作日，第三十一条）
                                                      └→ 不予受理

被申请人: 收到副本 → 答复（10个工作日，简易程序5个，第四十八、五十四条）→ 听证 → 决定 → 意见书纠正情况（60日，第七十六条）
行政应诉: 收到起诉状副本 → 答辩举证（15日，第六十七条）→ 开庭（负责人出庭）→ 裁判 → 上诉（15/10日，第八十五条）→ 结案
"""

from __future__ import annotations

from typing import Any

from fazhi.core.deadlines.mirror import mirror
from fazhi.core.deadlines.service import served_on
from fazhi.core.tasks.services import lead_of
from fazhi.core.workflow.engine import Timer, Transition, Waiting, Workflow

from . import date_guards as d
from . import effects as fx
from . import guards as g
from . import policies, rules
from .models import LitigationCase, Recommendation, ReconsiderationCase, Respondence
from .roles import Role

T = Transition
STAFF = Role.LITIGATION_STAFF


def _ordinary(obj: Any) -> bool:
    return obj.procedure == rules.ORDINARY


def _simplified(obj: Any) -> bool:
    return obj.procedure == rules.SIMPLIFIED


# -- 行政复议 (复议机关 side) ----------------------------------------------------------------------

CASE_STATES = {
    "new": "待登记",
    "received": "受理审查",
    "correction": "待补正",
    "accepted": "审理中",
    "suspended": "中止审理",
    "decided": "已决定",
    "rejected": "不予受理",
    "terminated": "终止",
}


CASE_DECISION_RULES = (rules.R_DECISION, rules.R_SIMPLE_DECISION)
ALL_CASE_RULES = (
    rules.R_ACCEPTANCE,
    rules.R_CORRECTION_NOTICE,
    rules.R_CORRECTION_REPLY,
    rules.R_COPY,
    rules.R_SIMPLE_COPY,
    *CASE_DECISION_RULES,
)
HANDLE = policies.can_handle
_start_after_acceptance = (
    Timer("stop", rules.R_CORRECTION_NOTICE),
    Timer("start", rules.R_DECISION, on=fx.accepted_on, when=fx.ordinary),
    Timer("start", rules.R_SIMPLE_DECISION, on=fx.accepted_on, when=fx.simplified),
    Timer("start", rules.R_COPY, on=fx.accepted_on, when=fx.ordinary),
    Timer("start", rules.R_SIMPLE_COPY, on=fx.accepted_on, when=fx.simplified),
)
CASE_TRANSITIONS = [
    T(
        "register",
        "登记行政复议申请",
        ("new",),
        "received",
        timers=(
            Timer("start", rules.R_ACCEPTANCE, on=lambda ctx: ctx.obj.received_on),
            Timer("start", rules.R_CORRECTION_NOTICE, on=lambda ctx: ctx.obj.received_on),
        ),
        allowed=HANDLE,
    ),
    T(
        "request_correction",
        "书面通知补正",
        ("received",),
        "correction",
        guards=(g.CORRECTION_ONCE, g.CORRECTION_ITEMS, d.CORRECTION_AFTER_RECEIPT),
        timers=(
            Timer("stop", rules.R_CORRECTION_NOTICE),
            Timer("cancel", rules.R_ACCEPTANCE),
            Timer("start", rules.R_CORRECTION_REPLY, on=served_on(date_key="delivered_on")),
        ),
        allowed=HANDLE,
        effect=fx.correction,
    ),
    T(
        "receive_correction",
        "收到补正材料",
        ("correction",),
        "received",
        guards=(d.CORRECTED_AFTER_NOTICE,),
        timers=(Timer("stop", rules.R_CORRECTION_REPLY), Timer("start", rules.R_ACCEPTANCE)),
        allowed=HANDLE,
        effect=fx.corrected,
    ),
    T(
        "abandon",
        "逾期不补正，视为放弃申请",
        ("correction",),
        "terminated",
        guards=(g.CORRECTION_LAPSED, d.ABANDONED_AFTER_NOTICE),
        timers=(Timer("cancel", rules.R_CORRECTION_REPLY),),
        allowed=HANDLE,
        effect=fx.set(closed_on="closed_on"),
    ),
    T(
        "accept",
        "受理",
        ("received",),
        "accepted",
        guards=(
            g.ACCEPT_IN_REVIEW,
            g.APPLICATION_NOT_BARRED,
            g.APPLICATION_TIMELY,
            d.ACCEPTED_AFTER_RECEIPT,
        ),
        timers=(Timer("stop", rules.R_ACCEPTANCE), *_start_after_acceptance),
        allowed=HANDLE,
        effect=fx.accept("accepted"),
    ),
    T(
        "deem_accepted",
        "审查期限届满视为受理",
        ("received",),
        "accepted",
        guards=(g.REVIEW_EXPIRED,),
        timers=(Timer("cancel", rules.R_ACCEPTANCE), *_start_after_acceptance),
        allowed=policies.can_handle_or_system,
        effect=fx.accept("deemed"),
    ),
    T(
        "reject",
        "不予受理",
        ("received",),
        "rejected",
        guards=(g.REJECT_IN_REVIEW, g.REJECTION_REASON, d.REJECTED_AFTER_RECEIPT),
        timers=(Timer("stop", rules.R_ACCEPTANCE), Timer("stop", rules.R_CORRECTION_NOTICE)),
        allowed=HANDLE,
        effect=fx.reject,
    ),
    T(
        "send_copy",
        "发送申请书副本",
        ("accepted",),
        None,
        guards=(d.COPY_AFTER_ACCEPTANCE, d.COPY_DELIVERED_AFTER_SENDING),
        timers=(Timer("stop", rules.R_COPY), Timer("stop", rules.R_SIMPLE_COPY)),
        allowed=HANDLE,
        effect=lambda ctx: setattr(ctx.obj, "copy_sent_on", ctx.on_date),
    ),
    T(
        "extend",
        "延长审理期限",
        ("accepted", "suspended"),
        None,
        guards=(
            g.EXTENSION_ORDINARY,
            g.EXTENSION_ONCE,
            g.EXTENSION_LIMIT,
            g.EXTENSION_APPROVED,
            g.EXTENSION_NOTIFIED,
            d.EXTENDED_AFTER_ACCEPTANCE,
        ),
        timers=(Timer("extend", rules.R_DECISION),),
        allowed=HANDLE,
        effect=fx.extend,
    ),
    T(
        "suspend",
        "中止审理",
        ("accepted",),
        "suspended",
        guards=(g.SUSPENSION_NOTIFIED, d.SUSPENDED_AFTER_ACCEPTANCE, d.SUSPENSION_NOTIFIED_AFTER),
        timers=tuple(Timer("suspend", r) for r in CASE_DECISION_RULES),
        allowed=HANDLE,
        effect=fx.suspend,
    ),
    T(
        "resume",
        "恢复审理",
        ("suspended",),
        "accepted",
        guards=(g.SUSPENSION_NOTIFIED, d.RESUMED_AFTER_SUSPENSION, d.SUSPENSION_NOTIFIED_AFTER),
        timers=tuple(Timer("resume", r) for r in CASE_DECISION_RULES),
        allowed=HANDLE,
    ),
    T(
        "hold_hearing",
        "听证",
        ("accepted",),
        None,
        guards=(g.HEARING_PANEL, g.HEARING_NOTICE, g.RESPONDENT_HEAD, d.HEARING_AFTER_ACCEPTANCE),
        allowed=HANDLE,
        effect=fx.hearing,
    ),
    T(
        "consult_committee",
        "提请行政复议委员会咨询",
        ("accepted", "suspended"),
        None,
        guards=(g.COMMITTEE_OPINION, d.COMMITTEE_AFTER_ACCEPTANCE),
        allowed=HANDLE,
        effect=fx.consult_committee,
    ),
    T(
        "decide",
        "作出行政复议决定",
        ("accepted",),
        "decided",
        guards=(
            g.DECISION_KNOWN,
            g.DECISION_APPROVED,
            g.MAJOR_HEARD,
            g.MAJOR_CONSULTED,
            d.DECIDED_AFTER_ACCEPTANCE,
        ),
        timers=(
            *(Timer("stop", r) for r in CASE_DECISION_RULES),
            Timer("cancel", rules.R_COPY),
            Timer("cancel", rules.R_SIMPLE_COPY),
        ),
        allowed=HANDLE,
        effect=fx.decide,
    ),
    T(
        "terminate",
        "终止（撤回申请等）",
        ("received", "correction", "accepted", "suspended"),
        "terminated",
        guards=(d.TERMINATED_AFTER_RECEIPT,),
        timers=tuple(Timer("cancel", r) for r in ALL_CASE_RULES),
        allowed=HANDLE,
        effect=lambda ctx: (
            setattr(ctx.obj, "closed_on", ctx.on_date),
            setattr(ctx.obj, "decision_summary", ctx.text("reason")),
        ),
    ),
]


def _copy_unsent(case: ReconsiderationCase) -> bool:
    return case.copy_sent_on is None


#: The steps a case waits for, at the body's 复议应诉工作人员 (the 主办 once one is named by
#: 改派), on the clock that times each (see Waiting).
CASE_WAITING = (
    Waiting("received", "待受理审查", STAFF, rules.R_ACCEPTANCE, person=lead_of),
    Waiting(
        "accepted",
        "待发送申请书副本",
        STAFF,
        rules.R_COPY,
        person=lead_of,
        when=lambda c: _ordinary(c) and _copy_unsent(c),
    ),
    Waiting(
        "accepted",
        "待发送申请书副本",
        STAFF,
        rules.R_SIMPLE_COPY,
        person=lead_of,
        when=lambda c: _simplified(c) and _copy_unsent(c),
    ),
    Waiting("accepted", "待作出复议决定", STAFF, rules.R_DECISION, person=lead_of, when=_ordinary),
    Waiting(
        "accepted",
        "待作出复议决定",
        STAFF,
        rules.R_SIMPLE_DECISION,
        person=lead_of,
        when=_simplified,
    ),
)
CASE_WORKFLOW = Workflow(
    "disputes.reconsideration",
    "行政复议",
    model=ReconsiderationCase,
    states=CASE_STATES,
    initial="new",
    transitions=CASE_TRANSITIONS,
    agency_of=lambda o: o.agency_id,
    subject_label=lambda o: f"行政复议 {o.number}（{o.applicant_name}）",
    path=("new", "received", "accepted", "decided"),
    waiting=CASE_WAITING,
)

# -- 行政复议 (被申请人 side) ----------------------------------------------------------------------

RESPONDENCE_STATES = {
    "new": "待登记",
    "answering": "答复期",
    "answered": "已答复",
    "decided": "已决定",
    "closed": "已结案",
}
ANSWER_RULES = (rules.R_ANSWER, rules.R_SIMPLE_ANSWER)


RESPONDENCE_TRANSITIONS = [
    T(
        "register",
        "登记收到申请书副本",
        ("new",),
        "answering",
        timers=(
            Timer(
                "start",
                rules.R_ANSWER,
                on=lambda ctx: ctx.obj.copy_received_on,
                when=fx.ordinary,
                assignee=fx.respondent_staff,
            ),
            Timer(
                "start",
                rules.R_SIMPLE_ANSWER,
                on=lambda ctx: ctx.obj.copy_received_on,
                when=fx.simplified,
                assignee=fx.respondent_staff,
            ),
        ),
        allowed=policies.can_handle_respondence,
    ),
    T(
        "submit_answer",
        "提出书面答复并提交证据",
        ("answering",),
        "answered",
        guards=(g.ANSWER_WITH_EVIDENCE, d.ANSWER_AFTER_COPY),
        timers=tuple(Timer("stop", r) for r in ANSWER_RULES),
        allowed=HANDLE,
        effect=fx.answered,
    ),
    T(
        "attend_hearing",
        "参加听证",
        ("answered",),
        None,
        guards=(g.RESPONDENT_HEAD, d.RESP_HEARING_AFTER_COPY),
        allowed=HANDLE,
        effect=fx.attended,
    ),
    T(
        "record_decision",
        "登记行政复议决定",
        ("answering", "answered"),
        "decided",
        guards=(g.DECISION_KNOWN, d.RESP_DECISION_AFTER_COPY),
        timers=tuple(Timer("cancel", r) for r in ANSWER_RULES),
        allowed=policies.can_handle_respondence,
        effect=fx.set(
            decision_type="decision_type",
            decision_summary="decision_summary",
            decided_on="decided_on",
        ),
    ),
    T(
        "receive_opinion",
        "收到行政复议意见书",
        ("decided",),
        None,
        guards=(d.OPINION_AFTER_DECISION,),
        timers=(Timer("start", rules.R_OPINION_REPORT),),
        allowed=policies.can_handle_respondence,
        effect=lambda ctx: setattr(ctx.obj, "opinion_received_on", ctx.on_date),
    ),
    T(
        "report_correction",
        "报送纠正情况",
        ("decided",),
        None,
        guards=(g.CORRECTION_REPORT, d.CORRECTION_REPORTED_AFTER_OPINION),
        timers=(Timer("stop", rules.R_OPINION_REPORT),),
        allowed=HANDLE,
        effect=lambda ctx: (
            setattr(ctx.obj, "opinion_reported_on", ctx.on_date),
            setattr(ctx.obj, "correction_report", ctx.text("correction_report")),
        ),
    ),
    T(
        "close",
        "结案",
        ("decided",),
        "closed",
        guards=(g.OPINION_REPORTED, d.RESP_CLOSED_AFTER_COPY),
        allowed=HANDLE,
        effect=lambda ctx: setattr(ctx.obj, "closed_on", ctx.on_date),
    ),
]
#: The respondent's steps, at its 复议应诉工作人员 (the 主办 once named), on their clocks.
RESPONDENCE_WAITING = (
    Waiting("answering", "待答复", STAFF, rules.R_ANSWER, person=lead_of, when=_ordinary),
    Waiting("answering", "待答复", STAFF, rules.R_SIMPLE_ANSWER, person=lead_of, when=_simplified),
    Waiting(
        "decided",
        "待报送纠正情况",
        STAFF,
        rules.R_OPINION_REPORT,
        person=lead_of,
        when=lambda r: r.opinion_received_on is not None and r.opinion_reported_on is None,
    ),
)
RESPONDENCE_WORKFLOW = Workflow(
    "disputes.respondence",
    "行政复议答复",
    model=Respondence,
    states=RESPONDENCE_STATES,
    initial="new",
    transitions=RESPONDENCE_TRANSITIONS,
    agency_of=lambda o: o.agency_id,
    subject_label=lambda o: f"行政复议答复 {o.number}（{o.applicant_name}）",
    path=("new", "answering", "answered", "decided", "closed"),
    waiting=RESPONDENCE_WAITING,
)

# -- 行政应诉 --------------------------------------------------------------------------------------

LITIGATION_STATES = {
    "new": "待登记",
    "defending": "答辩举证期",
    "defended": "已答辩",
    "judged": "已裁判",
    "appealed": "上诉审理中",
    "closed": "已结案",
}
APPEAL_RULES = (rules.L_APPEAL_JUDGMENT, rules.L_APPEAL_RULING)


LITIGATION_TRANSITIONS = [
    T(
        "register",
        "登记收到起诉状副本",
        ("new",),
        "defending",
        timers=(
            Timer("start", rules.L_DEFENCE, on=lambda ctx: ctx.obj.complaint_received_on),
            Timer(
                "start", rules.L_EVIDENCE_EXTENSION, on=lambda ctx: ctx.obj.complaint_received_on
            ),
        ),
        allowed=HANDLE,
    ),
    T(
        "request_evidence_extension",
        "书面申请延期提供证据",
        ("defending",),
        None,
        guards=(g.EXTENSION_REQUEST_IN_TIME, d.EVIDENCE_EXTENSION_AFTER_COMPLAINT),
        timers=(Timer("stop", rules.L_EVIDENCE_EXTENSION),),
        allowed=HANDLE,
        effect=lambda ctx: setattr(ctx.obj, "evidence_extension_requested_on", ctx.on_date),
    ),
    T(
        "submit_defence",
        "提交答辩状和证据",
        ("defending",),
        "defended",
        guards=(g.DEFENCE_WITH_EVIDENCE, d.DEFENCE_AFTER_COMPLAINT),
        timers=(Timer("stop", rules.L_DEFENCE), Timer("cancel", rules.L_EVIDENCE_EXTENSION)),
        allowed=HANDLE,
        effect=lambda ctx: (
            setattr(ctx.obj, "defence_submitted_on", ctx.on_date),
            setattr(ctx.obj, "evidence", ctx.text("evidence")),
        ),
    ),
    T(
        "record_hearing",
        "登记开庭及负责人出庭",
        ("defended", "appealed", "judged"),
        None,
        guards=(g.HEAD_OR_DELEGATE, g.HEAD_IS_HEAD, g.HEAD_SPOKE, d.COURT_HEARING_AFTER_COMPLAINT),
        allowed=HANDLE,
        effect=fx.court_hearing,
    ),
    T(
        "record_judgment",
        "登记裁判结果",
        ("defended", "appealed"),
        "judged",
        guards=(g.OUTCOME_KNOWN, d.JUDGMENT_AFTER_COMPLAINT),
        timers=(
            Timer("start", rules.L_APPEAL_JUDGMENT, when=fx.first_judgment),
            Timer("start", rules.L_APPEAL_RULING, when=fx.first_ruling),
        ),
        allowed=HANDLE,
        effect=fx.judgment,
    ),
    T(
        "appeal",
        "提起上诉（或对方上诉）",
        ("judged",),
        "appealed",
        guards=(g.APPEAL_IN_TIME, d.APPEAL_AFTER_SERVICE),
        timers=tuple(Timer("stop", r) for r in APPEAL_RULES),
        allowed=HANDLE,
        effect=fx.appeal,
    ),
    T(
        "record_performance",
        "登记履行生效裁判",
        ("judged",),
        None,
        guards=(d.PERFORMED_AFTER_SERVICE,),
        allowed=HANDLE,
        effect=lambda ctx: (
            setattr(ctx.obj, "performed_on", ctx.on_date),
            setattr(ctx.obj, "performance", ctx.text("performance")),
        ),
    ),
    T(
        "close",
        "结案",
        ("judged",),
        "closed",
        guards=(g.APPEAL_PERIOD_OVER, g.HEAD_RECORDED, d.LIT_CLOSED_AFTER_SERVICE),
        timers=tuple(Timer("cancel", r) for r in APPEAL_RULES),
        allowed=HANDLE,
        effect=fx.close_litigation,
    ),
]


def _first_instance(kind: str):
    return lambda c: c.instance == rules.FIRST and c.document_kind == kind


#: The defendant's steps, at its 复议应诉工作人员 (the 主办 once named), on their clocks.
LITIGATION_WAITING = (
    Waiting("defending", "待答辩举证", STAFF, rules.L_DEFENCE, person=lead_of),
    Waiting(
        "judged",
        "待决定是否上诉",
        STAFF,
        rules.L_APPEAL_JUDGMENT,
        person=lead_of,
        when=_first_instance(rules.JUDGMENT),
    ),
    Waiting(
        "judged",
        "待决定是否上诉",
        STAFF,
        rules.L_APPEAL_RULING,
        person=lead_of,
        when=_first_instance(rules.RULING),
    ),
)
LITIGATION_WORKFLOW = Workflow(
    "disputes.litigation",
    "行政应诉",
    model=LitigationCase,
    states=LITIGATION_STATES,
    initial="new",
    transitions=LITIGATION_TRANSITIONS,
    agency_of=lambda o: o.agency_id,
    subject_label=lambda o: f"行政应诉 {o.number}（{o.plaintiff_name}）",
    path=("new", "defending", "defended", "judged", "closed"),
    waiting=LITIGATION_WAITING,
)

WORKFLOWS: dict[str, Any] = {
    "reconsideration": CASE_WORKFLOW,
    "respondence": RESPONDENCE_WORKFLOW,
    "litigation": LITIGATION_WORKFLOW,
}

# Each record's list columns and on-time figures read its main clock through these columns
# (ordinary or simplified procedure: only one of the two runs); core rewrites them on every
# write of the clock and when a holiday notice moves it.
mirror(ReconsiderationCase, CASE_DECISION_RULES, due_field="decision_due", on_time_field="on_time")
mirror(Respondence, ANSWER_RULES, due_field="answer_due", on_time_field="on_time")
mirror(LitigationCase, rules.L_DEFENCE, due_field="defence_due", on_time_field="on_time")

# A 建议's 书面回复期限 column copies its reply clock (a set date, or the 诉前检察建议's period).
mirror(Recommendation, rules.RECOMMENDATION_RULES, due_field="feedback_due")
