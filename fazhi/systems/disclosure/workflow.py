"""The 依申请公开 procedure as a declared workflow: states, steps, guards with their articles, and
the statutory clocks each step starts, stops, suspends, resumes, restarts or extends.

::

    登记（收到申请之日，第三十一条） → 办理中 ─┬→ 待补正（第三十条）→ 收到补正：答复期限重新计算
                                               ├→ 征求意见中（第三十二、三十四条；答复期限不计，第三十三条第三款）
                                               ├─ 延长答复期限（第三十三条第二款，须经批准并告知）
                                               └→ 已答复（第三十六、三十七条）
    待补正 → 已终止（逾期不补正，视为放弃）；任何未答复状态 → 已终止（申请人撤回）

Clocks (kernel rules): ``disclosure.answer`` 20 working days from the receipt date, restarted on
receipt of the corrected request, suspended while an opinion is sought, extended by 20 working
days with the recorded approval; ``disclosure.correction_notice`` 7 working days;
``disclosure.third_party`` / ``disclosure.other_agency`` 15 working days from delivery.
"""

from __future__ import annotations

from fazhi.core.deadlines.mirror import mirror
from fazhi.core.tasks.services import lead_of
from fazhi.core.workflow.engine import Context, Timer, Transition, Waiting, Workflow, step_date

from . import policies, rules
from .guards import (
    ANSWER_AFTER_RECEIPT,
    ANSWER_CONTENT,
    ANSWER_TYPE_KNOWN,
    APPLICANT_NAMED,
    CLOSED_AFTER_RECEIPT,
    CONSULT_WITHIN_PERIOD,
    CONSULTATION_DATES,
    CONSULTATION_KIND,
    CONTENT_GIVEN,
    CORRECTED_AFTER_NOTICE,
    CORRECTION_AFTER_RECEIPT,
    CORRECTION_ITEMS,
    CORRECTION_LAPSED,
    CORRECTION_ONCE,
    CORRECTION_PERIOD,
    DEEMED_AFTER_PERIOD,
    EXTENSION_APPROVED,
    EXTENSION_DATES,
    EXTENSION_IN_TIME,
    EXTENSION_LENGTH,
    EXTENSION_NOTIFIED,
    EXTENSION_ONCE,
    GROUND_KNOWN,
    NO_REPLY_AFTER_PERIOD,
    NOT_PROCESSED_KNOWN,
    OPINION_AFTER_DELIVERY,
    OPINION_KNOWN,
    PARTY_NAMED,
    PREVIOUS_ANSWERED,
    PUBLIC_INTEREST,
    RECEIPT_FIXED,
    REVIEWED_AFTER_RECEIPT,
    answer_type_of,
    assignee_of,
    extension_length,
    open_consultation,
    open_kind,
    resume_day,
)
from .models import Consultation, DisclosureRequest
from .roles import Role

STATES = {
    "new": "待登记",
    "processing": "办理中",
    "correction": "待补正",
    "consulting": "征求意见中",
    "answered": "已答复",
    "closed": "已终止",
}
UNANSWERED = ("processing", "correction", "consulting")


# -- effects ---------------------------------------------------------------------------------


def _review(ctx: Context) -> None:
    ctx.obj.reviewed_on = ctx.day("reviewed_on") or ctx.on_date


def _request_correction(ctx: Context) -> None:
    o = ctx.obj
    o.correction_notice_on = ctx.day("notice_on") or ctx.on_date
    o.correction_items = ctx.text("correction_items")
    o.correction_due = ctx.day("correction_due")


def _receive_correction(ctx: Context) -> None:
    ctx.obj.correction_received_on = ctx.day("received_on") or ctx.on_date


def _close(reason: str):
    def effect(ctx: Context) -> None:
        o = ctx.obj
        o.close_reason = reason
        o.closed_on = o.concluded_on = ctx.day("closed_on") or ctx.on_date
        o.report_row = rules.CLOSE_REASONS[reason][1]
        for c in o.consultations.filter(status=Consultation.Status.OPEN):
            c.status = Consultation.Status.CLOSED
            c.save(update_fields=["status"])

    return effect


def _consult(ctx: Context) -> None:
    sent = ctx.day("sent_on") or ctx.on_date
    Consultation.objects.create(
        request=ctx.obj,
        kind=ctx.data["kind"],
        party=ctx.text("party"),
        sent_on=sent,
        delivered_on=ctx.day("delivered_on") or sent,
    )


def _record_opinion(ctx: Context) -> None:
    c = open_consultation(ctx.obj)
    # The timers run after this effect, when the consultation is closed: they read these two.
    ctx.data["kind"] = c.kind
    ctx.data["resume_on"] = resume_day(ctx)
    c.replied_on = ctx.day("replied_on") or ctx.on_date
    c.opinion = ctx.data["opinion"]
    c.opinion_text = ctx.text("opinion_text")
    c.resumed_on = ctx.data["resume_on"]
    c.status = Consultation.Status.CLOSED
    c.save()


def _extend(ctx: Context) -> None:
    o = ctx.obj
    o.extended = True
    o.extension_approver = ctx.text("approver")
    o.extension_approved_on = ctx.day("approved_on")
    o.extension_notified_on = ctx.day("notified_on")
    o.extension_reason = ctx.text("reason")


ANSWER_FIELDS = (
    "refusal_ground",
    "not_processed_reason",
    "reason",
    "access_way",
    "responsible_agency",
    "special_law",
    "public_interest_reason",
)


def _answer(ctx: Context) -> None:
    o = ctx.obj
    o.answer_type = answer_type_of(ctx)
    for f in ANSWER_FIELDS:
        setattr(o, f, ctx.text(f))
    o.previous_request_id = ctx.data.get("previous_request") or None
    o.answered_on = o.concluded_on = ctx.day("answered_on") or ctx.on_date
    o.letter_number = ctx.text("letter_number")
    o.report_row = rules.report_row(o.answer_type, o.refusal_ground, o.not_processed_reason)


def _is(kind: str):
    return lambda ctx: ctx.data.get("kind", open_kind(ctx)) == kind


# -- the workflow ----------------------------------------------------------------------------

ANSWER, CORR, THIRD, OTHER = (
    rules.RULE_ANSWER,
    rules.RULE_CORRECTION_NOTICE,
    rules.RULE_THIRD_PARTY,
    rules.RULE_OTHER_AGENCY,
)
T = Transition
ALLOWED = policies.can_handle
TRANSITIONS = [
    T(
        "register",
        "登记申请",
        ("new",),
        "processing",
        guards=(APPLICANT_NAMED, CONTENT_GIVEN, RECEIPT_FIXED),
        timers=(
            Timer("start", ANSWER, on=lambda ctx: ctx.obj.received_on, assignee=assignee_of),
            Timer("start", CORR, on=lambda ctx: ctx.obj.received_on, assignee=assignee_of),
        ),
        allowed=ALLOWED,
    ),
    T(
        "review",
        "审查确认申请内容明确",
        ("processing",),
        None,
        guards=(REVIEWED_AFTER_RECEIPT,),
        timers=(Timer("stop", CORR, on=step_date("reviewed_on")),),
        allowed=ALLOWED,
        effect=_review,
    ),
    T(
        "request_correction",
        "一次性告知补正",
        ("processing",),
        "correction",
        guards=(CORRECTION_ONCE, CORRECTION_ITEMS, CORRECTION_PERIOD, CORRECTION_AFTER_RECEIPT),
        timers=(
            Timer("stop", CORR, on=step_date("notice_on")),
            Timer("suspend", ANSWER, on=step_date("notice_on")),
        ),
        allowed=ALLOWED,
        effect=_request_correction,
    ),
    T(
        "receive_correction",
        "收到补正后的申请",
        ("correction",),
        "processing",
        guards=(CORRECTED_AFTER_NOTICE,),
        timers=(Timer("restart", ANSWER, on=step_date("received_on")),),
        allowed=ALLOWED,
        effect=_receive_correction,
    ),
    T(
        "abandon",
        "逾期不补正，视为放弃申请",
        ("correction",),
        "closed",
        guards=(CORRECTION_LAPSED, CLOSED_AFTER_RECEIPT),
        timers=(Timer("cancel", ANSWER, on=step_date("closed_on")),),
        allowed=ALLOWED,
        effect=_close("abandoned"),
    ),
    T(
        "consult",
        "书面征求意见",
        ("processing",),
        "consulting",
        guards=(CONSULTATION_KIND, PARTY_NAMED, *CONSULTATION_DATES, CONSULT_WITHIN_PERIOD),
        timers=(
            Timer("stop", CORR, on=step_date("sent_on")),
            Timer("suspend", ANSWER, on=step_date("sent_on")),
            Timer(
                "start",
                THIRD,
                on=step_date("delivered_on"),
                when=_is(rules.THIRD_PARTY),
                assignee=assignee_of,
            ),
            Timer(
                "start",
                OTHER,
                on=step_date("delivered_on"),
                when=_is(rules.OTHER_AGENCY),
                assignee=assignee_of,
            ),
        ),
        allowed=ALLOWED,
        effect=_consult,
    ),
    T(
        "record_opinion",
        "登记征求意见结果",
        ("consulting",),
        "processing",
        guards=(OPINION_KNOWN, OPINION_AFTER_DELIVERY, NO_REPLY_AFTER_PERIOD, DEEMED_AFTER_PERIOD),
        timers=(
            Timer("stop", THIRD, on=step_date("replied_on"), when=_is(rules.THIRD_PARTY)),
            Timer("stop", OTHER, on=step_date("replied_on"), when=_is(rules.OTHER_AGENCY)),
            Timer("resume", ANSWER, on=lambda ctx: ctx.day("resume_on")),
        ),
        allowed=ALLOWED,
        effect=_record_opinion,
    ),
    T(
        "extend",
        "延长答复期限",
        ("processing", "consulting"),
        None,
        guards=(
            EXTENSION_ONCE,
            EXTENSION_LENGTH,
            EXTENSION_APPROVED,
            EXTENSION_NOTIFIED,
            EXTENSION_IN_TIME,
            *EXTENSION_DATES,
        ),
        timers=(Timer("extend", ANSWER, length=extension_length),),
        allowed=ALLOWED,
        effect=_extend,
    ),
    T(
        "answer",
        "作出答复",
        ("processing",),
        "answered",
        guards=(
            ANSWER_TYPE_KNOWN,
            *ANSWER_CONTENT,
            GROUND_KNOWN,
            NOT_PROCESSED_KNOWN,
            PUBLIC_INTEREST,
            PREVIOUS_ANSWERED,
            ANSWER_AFTER_RECEIPT,
        ),
        timers=(
            Timer("stop", ANSWER, on=step_date("answered_on")),
            Timer("stop", CORR, on=step_date("answered_on")),
        ),
        allowed=ALLOWED,
        effect=_answer,
    ),
    T(
        "withdraw",
        "申请人撤回申请",
        UNANSWERED,
        "closed",
        guards=(CLOSED_AFTER_RECEIPT,),
        timers=(
            Timer("cancel", ANSWER, on=step_date("closed_on")),
            Timer("cancel", CORR, on=step_date("closed_on")),
            Timer("cancel", THIRD, on=step_date("closed_on")),
            Timer("cancel", OTHER, on=step_date("closed_on")),
        ),
        allowed=ALLOWED,
        effect=_close("withdrawn"),
    ),
]


def _label(obj: DisclosureRequest) -> str:
    return f"信息公开申请 {obj.number}（{obj.applicant_name}）"


def _to_review(req: DisclosureRequest) -> bool:
    """第三十条: the 7-working-day 补正 clock runs until the request is found clear, a 补正 is
    asked for, an opinion is sought or it is answered."""
    return (
        req.reviewed_on is None
        and req.correction_notice_on is None
        and not req.consultations.exists()
    )


#: The steps a request waits for: its 承办人 (named at 登记; the staff's queue while nobody is),
#: on the clock that times each (see Waiting).
WAITING = (
    Waiting(
        "processing",
        "待审查申请内容",
        Role.DISCLOSURE_STAFF,
        CORR,
        person=lead_of,
        when=_to_review,
    ),
    Waiting("processing", "待答复", Role.DISCLOSURE_STAFF, ANSWER, person=lead_of),
)


REQUEST_WORKFLOW = Workflow(
    "disclosure.request",
    "依申请公开",
    model=DisclosureRequest,
    states=STATES,
    initial="new",
    transitions=TRANSITIONS,
    agency_of=lambda obj: obj.agency_id,
    subject_label=_label,
    path=("new", "processing", "answered"),
    waiting=WAITING,
    # the 承办人 the page shows and 我承办的 filters on is the request's 主办 (改派 changes both)
    lead_field="handler",
)

# The request's list columns, report and guards read the answer clock through these columns:
# core rewrites them on every write of the clock and when a holiday notice moves it.
mirror(
    DisclosureRequest,
    rules.RULE_ANSWER,
    due_field="answer_due",
    provisional_field="answer_due_provisional",
    on_time_field="on_time",
)
