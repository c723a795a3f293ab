"""The 12345 ticket procedure as a declared workflow, with its guards.

::

    登记 → 派单 → 签收 → 办结回复 → 回访：满意/基本满意 → 办结
                 ↘ 退单（说明理由，计入承办单位退单次数）→ 仲裁：同意退单并改派 / 驳回退回原单位
                                                     回访不满意 → 重办（重新计算办理期限）或 办结

The time limits (``hotline.sign``, ``hotline.return``, ``hotline.reply``) are LOCAL,
CONFIGURABLE SETTINGS in the kernel catalogue, not statute: each guard that rests on them cites
:data:`rules.HOTLINE_SETTING`.
"""

from __future__ import annotations

from fazhi.core.deadlines.mirror import mirror
from fazhi.core.workflow.dates import not_before, on_record, step_day
from fazhi.core.workflow.engine import (
    Context,
    Guard,
    Timer,
    Transition,
    Waiting,
    Workflow,
    step_date,
)
from fazhi.kernel.timelimits import compute_due

from . import policies, rules
from .models import HotlineTicket, TicketBounce
from .roles import Role

STATES = {
    "new": "待派单",
    "dispatched": "已派单待签收",
    "returned": "退单待仲裁",
    "signed": "办理中",
    "replied": "已回复待回访",
    "unsatisfied": "回访不满意",
    "closed": "已办结",
}
SETTING = rules.HOTLINE_SETTING


def _unit_staff(ctx: Context):
    from fazhi.core.accounts.models import RoleAssignment

    grant = (
        RoleAssignment.objects.filter(agency_id=ctx.obj.unit_id, role=Role.PETITION_STAFF)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return grant.user if grant is not None else None


def _unit_assignee(ctx: Context):
    return ctx.actor if policies.can_act(ctx.actor, ctx.obj.unit_id) else _unit_staff(ctx)


def _return_in_time(ctx: Context) -> bool:
    from fazhi.core.deadlines.services import calendar

    o = ctx.obj
    if o.dispatched_on is None:
        return True
    limit = compute_due(rules.RULE_RETURN, o.dispatched_on, calendar=calendar()).due
    return (ctx.day("returned_on") or ctx.on_date) <= limit


def _open_bounce(obj: HotlineTicket) -> TicketBounce | None:
    return obj.bounces.filter(decision="").order_by("-id").first()


def G(code: str, message: str, check, citation: str = SETTING) -> Guard:  # noqa: N802
    return Guard(code=code, message=message, citation=citation, check=check)


CONTENT_GIVEN = G("content", "工单须载明诉求内容", lambda c: bool(c.obj.content.strip()))
UNIT_NAMED = G("unit", "派单须指定承办单位", lambda c: bool(c.data.get("unit")))
SIGNED_AFTER_DISPATCH = not_before(
    "signed_on",
    step_day("signed_on"),
    on_record("dispatched_on"),
    later_label="签收日",
    earlier_label="派单日",
    citation=SETTING,
)


def _after(code: str, key: str, label: str, attr: str, attr_label: str) -> Guard:
    """The step's date ``key`` may not come before the ticket's ``attr`` (a plain order)."""
    return not_before(
        code, step_day(key), on_record(attr), later_label=label, earlier_label=attr_label
    )


DISPATCHED_AFTER_CALL = _after(
    "dispatched_after_call", "dispatched_on", "派单日", "received_on", "来电日"
)
RETURNED_AFTER_DISPATCH = _after(
    "returned_after_dispatch", "returned_on", "退单日", "dispatched_on", "派单日"
)
ARBITRATED_AFTER_DISPATCH = _after(
    "arbitrated_after_dispatch", "decided_on", "仲裁日", "dispatched_on", "派单日"
)
EXTENDED_AFTER_DISPATCH = _after(
    "extended_after_dispatch", "approved_on", "批准延期日", "dispatched_on", "派单日"
)
REPLIED_AFTER_SIGNING = _after(
    "replied_after_signing", "replied_on", "办结回复日", "signed_on", "签收日"
)
CALLBACK_AFTER_REPLY = _after(
    "callback_after_reply", "callback_on", "回访日", "replied_on", "办结回复日"
)
REOPENED_AFTER_CALLBACK = _after(
    "reopened_after_callback", "reopened_on", "重新办理日", "callback_on", "回访日"
)
CLOSED_AFTER_CALLBACK = _after(
    "closed_after_callback", "closed_on", "办结日", "callback_on", "回访日"
)
RETURN_REASON = G(
    "return_reason", "退单须说明不属于本单位职责的理由", lambda c: bool(c.text("reason"))
)
RETURN_IN_TIME = G(
    "return_period", "退单须在派单后1个工作日内提出，逾期视为接受派单", _return_in_time
)
DECISION_KNOWN = G(
    "decision",
    "仲裁须选择同意退单（改派）或驳回退单",
    lambda c: c.data.get("decision") in rules.ARBITRATION,
)


def _redispatch_ok(c: Context) -> bool:
    if c.data.get("decision") != rules.ACCEPT_RETURN:
        return True
    unit = c.data.get("unit")
    return bool(unit) and int(unit) != c.obj.unit_id


REDISPATCH_UNIT = G("redispatch_unit", "同意退单的，须改派给其他承办单位", _redispatch_ok)
EXTENSION_ONCE = G("extension_once", "工单已延期一次", lambda c: not c.obj.extended)
EXTENSION_REASON = G("extension_reason", "延期须说明理由", lambda c: bool(c.text("reason")))
REPLY_GIVEN = G("reply", "办结回复须写明办理结果", lambda c: bool(c.text("reply")))
SATISFIED_GIVEN = G(
    "satisfaction",
    "回访结果须为满意或基本满意",
    lambda c: c.data.get("satisfaction") in (rules.SATISFIED, rules.BASIC),
)
UNSATISFIED_GIVEN = G(
    "satisfaction",
    "回访结果须为不满意",
    lambda c: c.data.get("satisfaction") == rules.UNSATISFIED,
)

# -- effects ---------------------------------------------------------------------------------


def _dispatch(ctx: Context) -> None:
    ctx.obj.unit_id = int(ctx.data["unit"])
    ctx.obj.dispatched_on = ctx.day("dispatched_on") or ctx.on_date


def _sign(ctx: Context) -> None:
    ctx.obj.signed_on = ctx.day("signed_on") or ctx.on_date


def _return(ctx: Context) -> None:
    o = ctx.obj
    TicketBounce.objects.create(
        ticket=o,
        unit_id=o.unit_id,
        returned_on=ctx.day("returned_on") or ctx.on_date,
        reason=ctx.text("reason"),
    )
    o.bounce_count += 1


def _arbitrate(ctx: Context) -> None:
    o = ctx.obj
    b = _open_bounce(o)
    decided = ctx.day("decided_on") or ctx.on_date
    b.decision, b.decided_on, b.decision_note = ctx.data["decision"], decided, ctx.text("note")
    if b.decision == rules.ACCEPT_RETURN:
        o.unit_id = b.redispatched_to_id = int(ctx.data["unit"])
    b.save()
    o.dispatched_on = decided


def _extend(ctx: Context) -> None:
    ctx.obj.extended = True


def _reply(ctx: Context) -> None:
    ctx.obj.reply = ctx.text("reply")
    ctx.obj.replied_on = ctx.day("replied_on") or ctx.on_date


def _callback(ctx: Context) -> None:
    o = ctx.obj
    o.callback_on = ctx.day("callback_on") or ctx.on_date
    o.satisfaction = ctx.data["satisfaction"]
    if o.satisfaction != rules.UNSATISFIED:
        o.closed_on = o.callback_on


def _reopen(ctx: Context) -> None:
    ctx.obj.reopened += 1
    ctx.obj.signed_on = ctx.day("reopened_on") or ctx.on_date


def _close(ctx: Context) -> None:
    ctx.obj.closed_on = ctx.day("closed_on") or ctx.on_date


T = Transition
SIGN, REPLY = rules.RULE_SIGN, rules.RULE_REPLY
TRANSITIONS = [
    T(
        "dispatch",
        "派单",
        ("new",),
        "dispatched",
        guards=(CONTENT_GIVEN, UNIT_NAMED, DISPATCHED_AFTER_CALL),
        timers=(Timer("start", SIGN, on=step_date("dispatched_on"), assignee=_unit_assignee),),
        allowed=policies.can_dispatch,
        effect=_dispatch,
    ),
    T(
        "sign",
        "签收",
        ("dispatched",),
        "signed",
        guards=(SIGNED_AFTER_DISPATCH,),
        timers=(
            Timer("stop", SIGN, on=step_date("signed_on")),
            Timer("start", REPLY, on=step_date("signed_on"), assignee=_unit_assignee),
        ),
        allowed=policies.can_work,
        effect=_sign,
    ),
    T(
        "return_ticket",
        "退单",
        ("dispatched",),
        "returned",
        guards=(RETURN_REASON, RETURN_IN_TIME, RETURNED_AFTER_DISPATCH),
        timers=(Timer("cancel", SIGN, on=step_date("returned_on")),),
        allowed=policies.can_work,
        effect=_return,
    ),
    T(
        "arbitrate",
        "退单仲裁",
        ("returned",),
        "dispatched",
        guards=(DECISION_KNOWN, REDISPATCH_UNIT, ARBITRATED_AFTER_DISPATCH),
        timers=(Timer("start", SIGN, on=step_date("decided_on"), assignee=_unit_assignee),),
        allowed=policies.can_dispatch,
        effect=_arbitrate,
    ),
    T(
        "extend",
        "同意延期",
        ("signed",),
        None,
        guards=(EXTENSION_ONCE, EXTENSION_REASON, EXTENDED_AFTER_DISPATCH),
        timers=(Timer("extend", REPLY),),
        allowed=policies.can_dispatch,
        effect=_extend,
    ),
    T(
        "reply",
        "办结回复",
        ("signed",),
        "replied",
        guards=(REPLY_GIVEN, REPLIED_AFTER_SIGNING),
        timers=(Timer("stop", REPLY, on=step_date("replied_on")),),
        allowed=policies.can_work,
        effect=_reply,
    ),
    T(
        "callback_satisfied",
        "回访（满意、基本满意）",
        ("replied",),
        "closed",
        guards=(SATISFIED_GIVEN, CALLBACK_AFTER_REPLY),
        allowed=policies.can_dispatch,
        effect=_callback,
    ),
    T(
        "callback_unsatisfied",
        "回访（不满意）",
        ("replied",),
        "unsatisfied",
        guards=(UNSATISFIED_GIVEN, CALLBACK_AFTER_REPLY),
        allowed=policies.can_dispatch,
        effect=_callback,
    ),
    T(
        "reopen",
        "重新办理",
        ("unsatisfied",),
        "signed",
        guards=(REOPENED_AFTER_CALLBACK,),
        timers=(Timer("start", REPLY, on=step_date("reopened_on"), assignee=_unit_assignee),),
        allowed=policies.can_dispatch,
        effect=_reopen,
    ),
    T(
        "close",
        "办结（不再重办）",
        ("unsatisfied",),
        "closed",
        guards=(CLOSED_AFTER_CALLBACK,),
        allowed=policies.can_dispatch,
        effect=_close,
    ),
]


def _label(obj: HotlineTicket) -> str:
    return f"12345工单 {obj.number}（{obj.caller_name}）"


#: The steps a ticket waits for, in the petition staff's queue of the body it is with (the
#: hotline office until 派单, then the unit); the office's own steps once the unit has acted
#: (仲裁, 回访, 重办) are not declared: the ticket's agency is then the unit's.
WAITING = (
    Waiting("new", "待派单", Role.PETITION_STAFF),
    Waiting("dispatched", "待签收", Role.PETITION_STAFF, SIGN),
    Waiting("signed", "待办结回复", Role.PETITION_STAFF, REPLY),
)


TICKET_WORKFLOW = Workflow(
    "petitions.ticket",
    "12345工单",
    model=HotlineTicket,
    states=STATES,
    initial="new",
    transitions=TRANSITIONS,
    agency_of=lambda obj: obj.unit_id or obj.office_id,
    subject_label=_label,
    path=("new", "dispatched", "signed", "replied", "closed"),
    waiting=WAITING,
)

# The ticket list's 办理期限 and on-time columns copy the two clocks (core keeps them equal).
mirror(HotlineTicket, SIGN, on_time_field="signed_on_time")
mirror(HotlineTicket, REPLY, due_field="reply_due", on_time_field="replied_on_time")
