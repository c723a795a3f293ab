"""The 信访 procedure as a declared workflow (《信访工作条例》), and the 12345 ticket workflow
(:mod:`.hotline`).

::

    登记 ─┬→ 转送/交办（第二十二条，15日）→ 承办机关：5个工作日内异议（第二十三条第三款）→ 退回登记机关
          │                                       └→ 受理
          ├→ 受理 → 办理中（第三十四条：60日，经负责人批准并告知可延长≤30日）→ 处理意见书（第三十二条）
          └→ 导入法定途径（第三十一条）
    处理意见书 → 请求复查（30日）→ 复查意见（30日，第三十五条）→ 请求复核（30日）→ 复核意见（30日，
    听证时间不计，第三十六条）→ 复核终结：同一事实和理由不再受理（第三十六条第三款）
    书面告知（第二十三条第二款、第三款，15日）可在受理前后任一时间登记。

Clocks (kernel rules ``petition.*``): routing and notice from receipt; objection and the transferred
notice from the handling body's receipt; resolution from acceptance; each request period from
service of the written answer; review and recheck from receipt of the request.
"""

from __future__ import annotations

from fazhi.core.deadlines import services as deadlines
from fazhi.core.deadlines.mirror import mirror
from fazhi.core.deadlines.service import PUBLIC_NOTICE, served_on
from fazhi.core.workflow.engine import Context, Timer, Transition, Waiting, Workflow, step_date

from . import guards as g
from . import policies, rules
from .guards import assignee_of
from .models import Petition, PetitionHearing
from .roles import Role

STATES = {
    "new": "待登记",
    "registered": "待分类处理",
    "transferred": "已转送交办",
    "accepted": "办理中",
    "answered": "已出具处理意见",
    "reviewing": "复查中",
    "reviewed": "已复查",
    "rechecking": "复核中",
    "final": "复核终结",
    "closed": "已办结",
    "diverted": "已导入法定途径",
}
OPEN_STATES = ("registered", "transferred", "accepted", "reviewing", "rechecking")
CONCLUDED_STATES = ("answered", "reviewed", "final", "closed", "diverted")

# -- effects ---------------------------------------------------------------------------------


def _route(ctx: Context) -> None:
    o = ctx.obj
    o.route = ctx.data["route"]
    o.routed_on = ctx.day("routed_on") or ctx.on_date
    o.delivered_on = ctx.day("delivered_on") or o.routed_on
    o.handler_agency_id = o.responsible_id = int(ctx.data["handler_agency"])
    o.objection_on, o.objection_reason = None, ""


def _object(ctx: Context) -> None:
    o = ctx.obj
    o.objection_on = ctx.day("objection_on") or ctx.on_date
    o.objection_reason = ctx.text("reason")
    o.objections += 1
    o.responsible_id = o.agency_id


def _accept(ctx: Context) -> None:
    o = ctx.obj
    o.accepted_on = ctx.day("accepted_on") or ctx.on_date
    if o.state == "registered":  # the receiving body accepts the matter itself
        o.handler_agency_id = o.responsible_id = o.agency_id


def _divert(ctx: Context) -> None:
    o = ctx.obj
    o.diversion = ctx.data["diversion"]
    o.notice_on = o.closed_on = ctx.day("closed_on") or ctx.on_date


def _notify(ctx: Context) -> None:
    ctx.obj.notice_on = ctx.day("notice_on") or ctx.on_date


def _extend(ctx: Context) -> None:
    o = ctx.obj
    o.extended = True
    o.extension_days = int(ctx.data["days"])
    o.extension_approver = ctx.text("approver")
    o.extension_approved_on = ctx.day("approved_on")
    o.extension_notified_on = ctx.day("notified_on")
    o.extension_reason = ctx.text("reason")


def _decide(ctx: Context) -> None:
    o = ctx.obj
    o.facts_reasons = ctx.text("facts_reasons") or o.facts_reasons
    o.opinion = ctx.text("opinion")
    o.legal_basis = ctx.text("legal_basis")
    o.opinion_on = ctx.day("opinion_on") or ctx.on_date
    # 公告送达: served 30 days after the 公告 (民事诉讼法 第九十五条); the 公告 day is kept.
    given = ctx.day("served_on") or o.opinion_on
    o.served_on = served_on(date_key="served_on")(ctx)
    o.served_notice_on = given if ctx.data.get("mode") == PUBLIC_NOTICE else None
    o.opinion_number = ctx.text("opinion_number")
    if o.notice_on is None:
        o.notice_on = o.opinion_on


def _request_review(ctx: Context) -> None:
    o = ctx.obj
    o.review_body_id = o.responsible_id = int(ctx.data["body"])
    o.review_requested_on = ctx.day("requested_on") or ctx.on_date


def _decide_review(ctx: Context) -> None:
    o = ctx.obj
    o.review_on = ctx.day("decided_on") or ctx.on_date
    o.review_opinion = ctx.text("opinion")
    given = ctx.day("served_on")
    o.review_served_on = served_on(date_key="served_on")(ctx) if given else None
    o.review_notice_on = given if given and ctx.data.get("mode") == PUBLIC_NOTICE else None


def _request_recheck(ctx: Context) -> None:
    o = ctx.obj
    o.recheck_body_id = o.responsible_id = int(ctx.data["body"])
    o.recheck_requested_on = ctx.day("requested_on") or ctx.on_date


def _start_hearing(ctx: Context) -> None:
    PetitionHearing.objects.create(
        petition=ctx.obj,
        started_on=ctx.day("started_on") or ctx.on_date,
        note=ctx.text("note"),
    )


def _end_hearing(ctx: Context) -> None:
    h = g.open_hearing(ctx.obj)
    h.ended_on = ctx.day("ended_on") or ctx.on_date
    if ctx.text("note"):
        h.note = "\n".join(x for x in (h.note, ctx.text("note")) if x)
    h.save()


def _decide_recheck(ctx: Context) -> None:
    o = ctx.obj
    o.recheck_on = o.closed_on = ctx.day("decided_on") or ctx.on_date
    o.recheck_opinion = ctx.text("opinion")


def _conclude(ctx: Context) -> None:
    ctx.obj.closed_on = ctx.day("closed_on") or ctx.on_date


def _named(ctx: Context) -> bool:
    return not ctx.obj.identity_unclear


def _office(ctx: Context) -> bool:
    return ctx.obj.received_by_office


# -- the workflow ----------------------------------------------------------------------------

R = rules
T = Transition
KT = R.KEY_TRANSFERRED
TRANSITIONS = [
    T(
        "register",
        "登记信访事项",
        ("new",),
        "registered",
        guards=(g.PETITIONER_NAMED, g.CONTENT_GIVEN, g.NOT_AFTER_RECHECK),
        timers=(
            Timer("start", R.RULE_ROUTING, on=lambda c: c.obj.received_on, when=_office),
            Timer(
                "start",
                R.RULE_NOTICE,
                on=lambda c: c.obj.received_on,
                when=lambda c: _named(c) and not _office(c),
            ),
        ),
        allowed=policies.can_register_for,
    ),
    T(
        "route",
        "转送、交办",
        ("registered",),
        "transferred",
        guards=(g.ROUTE_KNOWN, g.ROUTED_AFTER_RECEIPT),
        timers=(
            Timer("stop", R.RULE_ROUTING, on=step_date("routed_on")),
            Timer("start", R.RULE_OBJECTION, on=step_date("delivered_on"), assignee=assignee_of),
            Timer(
                "start",
                R.RULE_NOTICE,
                key=KT,
                on=step_date("delivered_on"),
                when=_named,
                title="书面告知信访人接收情况以及处理途径和程序",
                assignee=assignee_of,
            ),
        ),
        allowed=policies.can_register_for,
        effect=_route,
    ),
    T(
        "object",
        "提出异议（不属于本机关职权范围）",
        ("transferred",),
        "registered",
        guards=(g.OBJECTION_REASON, g.OBJECTION_IN_TIME, g.OBJECTION_AFTER_ROUTING),
        timers=(
            Timer("stop", R.RULE_OBJECTION, on=step_date("objection_on")),
            Timer("cancel", R.RULE_NOTICE, key=KT, on=step_date("objection_on")),
        ),
        allowed=policies.can_handle,
        effect=_object,
    ),
    T(
        "accept",
        "受理",
        ("registered", "transferred"),
        "accepted",
        guards=(g.ACCEPTED_AFTER_RECEIPT,),
        timers=(
            Timer("stop", R.RULE_ROUTING, on=step_date("accepted_on")),
            Timer("stop", R.RULE_OBJECTION, on=step_date("accepted_on")),
            Timer("start", R.RULE_RESOLUTION, on=step_date("accepted_on"), assignee=assignee_of),
        ),
        allowed=policies.can_handle,
        effect=_accept,
    ),
    T(
        "divert",
        "告知通过法定途径解决",
        ("registered", "transferred"),
        "diverted",
        guards=(g.DIVERSION_KNOWN, g.DIVERTED_AFTER_RECEIPT),
        timers=(
            Timer("stop", R.RULE_ROUTING, on=step_date("closed_on")),
            Timer("stop", R.RULE_OBJECTION, on=step_date("closed_on")),
            Timer("stop", R.RULE_NOTICE, on=step_date("closed_on")),
            Timer("stop", R.RULE_NOTICE, key=KT, on=step_date("closed_on")),
        ),
        allowed=policies.can_handle,
        effect=_divert,
    ),
    T(
        "notify",
        "书面告知信访人",
        ("registered", "transferred", "accepted"),
        None,
        guards=(g.NOTICE_AFTER_RECEIPT,),
        timers=(
            Timer("stop", R.RULE_NOTICE, on=step_date("notice_on")),
            Timer("stop", R.RULE_NOTICE, key=KT, on=step_date("notice_on")),
        ),
        allowed=policies.can_handle,
        effect=_notify,
    ),
    T(
        "extend",
        "延长办理期限",
        ("accepted",),
        None,
        guards=(
            g.EXTENSION_ONCE,
            g.EXTENSION_APPROVED,
            g.EXTENSION_NOTIFIED,
            g.EXTENSION_DAYS,
            g.EXTENSION_IN_TIME,
            *g.EXTENSION_DATES,
        ),
        timers=(Timer("extend", R.RULE_RESOLUTION, length=g.extension_days),),
        allowed=policies.can_handle,
        effect=_extend,
    ),
    T(
        "decide",
        "出具信访处理意见书",
        ("accepted",),
        "answered",
        guards=(g.OPINION_CONTENTS, g.OPINION_AFTER_ACCEPTANCE, g.SERVED_AFTER_OPINION),
        timers=(
            Timer("stop", R.RULE_RESOLUTION, on=step_date("opinion_on")),
            Timer("stop", R.RULE_NOTICE, on=step_date("opinion_on")),
            Timer("stop", R.RULE_NOTICE, key=KT, on=step_date("opinion_on")),
            Timer("start", R.RULE_REVIEW_REQUEST, on=served_on(date_key="served_on")),
        ),
        allowed=policies.can_handle,
        effect=_decide,
    ),
    T(
        "request_review",
        "收到复查请求",
        ("answered",),
        "reviewing",
        guards=(g.REVIEW_BODY_NAMED, g.REVIEW_IN_TIME, g.REVIEW_AFTER_SERVICE),
        timers=(
            Timer("stop", R.RULE_REVIEW_REQUEST, on=step_date("requested_on")),
            Timer("start", R.RULE_REVIEW, on=step_date("requested_on"), assignee=assignee_of),
        ),
        allowed=policies.can_take_request,
        effect=_request_review,
    ),
    T(
        "decide_review",
        "提出复查意见",
        ("reviewing",),
        "reviewed",
        guards=(g.REVIEW_OPINION, g.REVIEWED_AFTER_REQUEST),
        timers=(
            Timer("stop", R.RULE_REVIEW, on=step_date("decided_on")),
            Timer("start", R.RULE_RECHECK_REQUEST, on=served_on(date_key="served_on")),
        ),
        allowed=policies.can_handle,
        effect=_decide_review,
    ),
    T(
        "request_recheck",
        "收到复核请求",
        ("reviewed",),
        "rechecking",
        guards=(g.RECHECK_BODY_NAMED, g.RECHECK_IN_TIME, g.RECHECK_AFTER_REVIEW),
        timers=(
            Timer("stop", R.RULE_RECHECK_REQUEST, on=step_date("requested_on")),
            Timer("start", R.RULE_RECHECK, on=step_date("requested_on"), assignee=assignee_of),
        ),
        allowed=policies.can_take_request,
        effect=_request_recheck,
    ),
    T(
        "start_hearing",
        "举行复核听证（听证时间不计入复核期限）",
        ("rechecking",),
        None,
        guards=(g.NO_OPEN_HEARING, g.HEARING_AFTER_RECHECK_REQUEST),
        timers=(Timer("suspend", R.RULE_RECHECK, on=step_date("started_on")),),
        allowed=policies.can_handle,
        effect=_start_hearing,
    ),
    T(
        "end_hearing",
        "听证结束",
        ("rechecking",),
        None,
        guards=(g.HEARING_OPEN, g.HEARING_DATES),
        timers=(Timer("resume", R.RULE_RECHECK, on=step_date("ended_on")),),
        allowed=policies.can_handle,
        effect=_end_hearing,
    ),
    T(
        "decide_recheck",
        "提出复核意见（终结）",
        ("rechecking",),
        "final",
        guards=(g.NO_OPEN_HEARING, g.RECHECK_OPINION, g.RECHECKED_AFTER_REQUEST),
        timers=(Timer("stop", R.RULE_RECHECK, on=step_date("decided_on")),),
        allowed=policies.can_handle,
        effect=_decide_recheck,
    ),
    T(
        "conclude",
        "办结（信访人未在期限内请求复查、复核）",
        ("answered", "reviewed"),
        "closed",
        guards=(g.NO_REVIEW_REQUESTED, g.NO_RECHECK_REQUESTED, g.CLOSED_AFTER_RECEIPT),
        timers=(
            Timer("cancel", R.RULE_REVIEW_REQUEST, on=step_date("closed_on")),
            Timer("cancel", R.RULE_RECHECK_REQUEST, on=step_date("closed_on")),
        ),
        allowed=policies.can_take_request,
        effect=_conclude,
    ),
]


def _label(obj: Petition) -> str:
    return f"信访事项 {obj.number}（{obj.petitioner_name}）"


def _notice_running(key: str):
    """第二十三条: the written notice to the petitioner is still owed (its clock runs)."""
    return lambda p: deadlines.find(p, R.RULE_NOTICE, key) is not None


STAFF = Role.PETITION_STAFF
#: The steps a petition waits for, in the queue of the petition staff of the body that bears it
#: now (the record moves between bodies: 转送, 异议, 复查, 复核), on the clock timing each.
WAITING = (
    Waiting(
        "registered",
        "待分类处理",
        STAFF,
        R.RULE_ROUTING,
        when=lambda p: p.received_by_office,
    ),
    Waiting(
        "registered",
        "待受理",
        STAFF,
        R.RULE_NOTICE,
        when=lambda p: not p.received_by_office,
    ),
    Waiting("transferred", "待受理", STAFF, R.RULE_OBJECTION),
    Waiting("transferred", "待书面告知", STAFF, R.RULE_NOTICE, KT, when=_notice_running(KT)),
    Waiting("accepted", "待办结", STAFF, R.RULE_RESOLUTION),
    Waiting("accepted", "待书面告知", STAFF, R.RULE_NOTICE, when=_notice_running("")),
    Waiting("accepted", "待书面告知", STAFF, R.RULE_NOTICE, KT, when=_notice_running(KT)),
    Waiting("reviewing", "待复查", STAFF, R.RULE_REVIEW),
    Waiting("rechecking", "待复核", STAFF, R.RULE_RECHECK),
)


PETITION_WORKFLOW = Workflow(
    "petitions.petition",
    "信访事项",
    model=Petition,
    states=STATES,
    initial="new",
    transitions=TRANSITIONS,
    agency_of=lambda obj: obj.responsible_id or obj.agency_id,
    subject_label=_label,
    path=("new", "registered", "transferred", "accepted", "answered", "closed"),
    waiting=WAITING,
)

# The petition's list columns and on-time figures read its clocks through these columns: core
# rewrites them on every write of a clock and when a holiday notice moves one.
mirror(Petition, R.RULE_RESOLUTION, due_field="resolution_due", on_time_field="handled_on_time")
mirror(Petition, R.RULE_ROUTING, on_time_field="routed_on_time")
# 第二十三条: the notice of acceptance and of a transfer must both have been given on time.
mirror(Petition, R.RULE_NOTICE, None, on_time_field="notified_on_time", every=True)
