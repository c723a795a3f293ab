"""The handling of a 建议 or 提案 as a declared workflow::

    已登记 ─交办（主办、协办单位，答复期限）→ 办理中 ─协办意见（协办单位→主办单位）
                                                    └答复（办理结果A/B/C）→ 已答复
    已答复 ─满意/基本满意→ 已办结
           └不满意→ 重新办理（重新确定答复期限）─答复→ 已答复 …

Clocks, on the lead unit's 我的待办: a 人大代表建议 is answered within three months of 交办, six
when the office records at 交办 why it 涉及面广、处理难度大 (代表法 第五十一条第二款, kernel rule
``proposal.answer`` and its extension); a date the office sets for a 建议 may be earlier, never
later. A 政协委员提案 has the date the office sets (``proposal.cppcc_answer``, no statute), and a
re-handling after 不满意 a second clock (key ``rehandle``, ``proposal.reanswer``) on the date set
when it is sent back. The other guards state the handling rules as the office applies them;
none cites an article, since none exists in docs/statutes.md.
"""

from __future__ import annotations

from fazhi.core.deadlines import services as deadlines
from fazhi.core.deadlines.mirror import mirror
from fazhi.core.orgs.models import Agency
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
from .models import CoOpinion, Proposal
from .roles import Role

STATES = {
    "registered": "已登记",
    "assigned": "办理中",
    "answered": "已答复",
    "rehandling": "重新办理",
    "closed": "已办结",
}
OPEN = ("assigned", "rehandling")
#: No statute in docs/statutes.md governs these steps: the guards cite none (they state the office's
#: handling rules), rather than invent an article.
OFFICE = ""


def _co_ids(ctx: Context) -> list[int]:
    return [int(i) for i in ctx.data.get("co_units") or []]


def _round(obj: Proposal) -> int:
    return obj.rehandle_count


def missing_opinions(obj: Proposal) -> list[str]:
    """Co-handling units that have not yet sent their opinion for the current round."""
    sent = set(
        CoOpinion.objects.filter(proposal=obj, round=_round(obj)).values_list("unit_id", flat=True)
    )
    return [a.display_name for a in obj.co_units.all() if a.pk not in sent]


# -- guards ----------------------------------------------------------------------------------

LEAD_GIVEN = Guard(
    "lead_given",
    "交办须确定一个主办单位",
    OFFICE,
    lambda ctx: (
        bool(ctx.data.get("lead_unit"))
        and Agency.objects.filter(pk=ctx.data["lead_unit"], active=True).exists()
    ),
)
LEAD_NOT_CO = Guard(
    "lead_not_co",
    "主办单位不能同时列为协办单位",
    OFFICE,
    lambda ctx: (ctx.integer("lead_unit") or 0) not in _co_ids(ctx),
)
ASSIGNED_AFTER_RECEIPT = not_before(
    "assigned_after_receipt",
    step_day("assigned_on"),
    on_record("received_on"),
    later_label="交办日",
    earlier_label="收到日",
    citation=OFFICE,
)


def _suggestion(obj: Proposal) -> bool:
    return obj.kind == rules.SUGGESTION


def statutory_due(ctx: Context):
    """The last day to answer a 建议 assigned in this step (代表法 第五十一条第二款): three
    months from 交办, six with the ground 涉及面广、处理难度大."""
    assigned = ctx.day("assigned_on") or ctx.on_date
    extended = bool(ctx.text("broad_ground"))
    return compute_due(
        rules.RULE_ANSWER, assigned, extended=extended, calendar=deadlines.calendar()
    ).due


DUE_AFTER_ASSIGNMENT = Guard(
    "due_after_assignment",
    "答复期限须由交办单位确定，且须晚于交办日",
    OFFICE,
    lambda ctx: (
        (due := ctx.day("answer_due")) is None
        and _suggestion(ctx.obj)  # a 建议's period is the statute's
        or due is not None
        and due > (ctx.day("assigned_on") or ctx.on_date)
    ),
)
SUGGESTION_IN_PERIOD = Guard(
    "suggestion_in_period",
    "人大代表建议应当自交办之日起三个月内答复；涉及面广、处理难度大的，应当自交办之日起六个月内"
    "答复（交办时须载明理由）：交办单位确定的答复期限不得晚于法定期限",
    rules.SUGGESTION_PERIOD.citation,
    lambda ctx: (
        not _suggestion(ctx.obj)
        or (due := ctx.day("answer_due")) is None
        or due <= statutory_due(ctx)
    ),
)
OPINION_GIVEN = Guard(
    "opinion_given", "协办意见不能为空", OFFICE, lambda ctx: bool(ctx.text("opinion"))
)
OPINION_UNIT = Guard(
    "opinion_unit",
    "只有本件的协办单位才能提出协办意见",
    OFFICE,
    lambda ctx: (ctx.integer("unit") or 0) in set(ctx.obj.co_units.values_list("pk", flat=True)),
)
OPINION_ONCE = Guard(
    "opinion_once",
    "该协办单位本轮已提出协办意见",
    OFFICE,
    lambda ctx: (
        not CoOpinion.objects.filter(
            proposal=ctx.obj, unit_id=ctx.data.get("unit"), round=_round(ctx.obj)
        ).exists()
    ),
)
OPINIONS_IN = Guard(
    "opinions_in",
    "协办单位的意见尚未全部送达主办单位，主办单位应综合协办意见后答复",
    OFFICE,
    lambda ctx: not missing_opinions(ctx.obj),
)
RESULT_KNOWN = Guard(
    "result_known",
    "答复须写明办理结果类别（A类已解决或采纳、B类正在解决或列入计划、C类留作参考）",
    OFFICE,
    lambda ctx: ctx.data.get("result") in rules.RESULTS,
)
ANSWER_GIVEN = Guard(
    "answer_given", "答复内容不能为空", OFFICE, lambda ctx: bool(ctx.text("answer"))
)
ANSWER_AFTER_ASSIGNMENT = not_before(
    "answer_after_assignment",
    step_day("answered_on"),
    on_record("assigned_on"),
    later_label="答复日",
    earlier_label="交办日",
    citation=OFFICE,
)
#: A proposal sent back for 重新办理 is answered again after the 不满意 feedback.
REANSWER_AFTER_FEEDBACK = not_before(
    "reanswer_after_feedback",
    step_day("answered_on"),
    on_record("feedback_on"),
    later_label="重新答复日",
    earlier_label="代表（委员）反馈日",
    citation=OFFICE,
    when=lambda ctx: ctx.obj.state == "rehandling",
)
OPINION_AFTER_ASSIGNMENT = not_before(
    "opinion_after_assignment",
    step_day("submitted_on"),
    on_record("assigned_on"),
    later_label="协办意见送达主办单位日",
    earlier_label="交办日",
    citation=OFFICE,
)
SATISFACTION_KNOWN = Guard(
    "satisfaction_known",
    "请选择代表（委员）的意见：满意、基本满意或不满意",
    OFFICE,
    lambda ctx: ctx.data.get("satisfaction") in rules.SATISFACTION,
)
FEEDBACK_AFTER_ANSWER = not_before(
    "feedback_after_answer",
    step_day("feedback_on"),
    on_record("answered_on"),
    later_label="反馈日",
    earlier_label="答复日",
    citation=OFFICE,
)
CONCLUDING = Guard(
    "concluding",
    "代表（委员）满意或基本满意的，方可办结",
    OFFICE,
    lambda ctx: ctx.data.get("satisfaction") in rules.CONCLUDING,
)
UNSATISFIED = Guard(
    "unsatisfied",
    "代表（委员）不满意的，方可交主办单位重新办理",
    OFFICE,
    lambda ctx: ctx.data.get("satisfaction") == rules.UNSATISFIED,
)
REHANDLE_DUE = Guard(
    "rehandle_due",
    "重新办理须由交办单位确定新的答复期限，且须晚于反馈日",
    OFFICE,
    lambda ctx: (
        (due := ctx.day("answer_due")) is not None and due > (ctx.day("feedback_on") or ctx.on_date)
    ),
)


# -- effects ---------------------------------------------------------------------------------


def _assign(ctx: Context) -> None:
    o = ctx.obj
    o.lead_unit_id = int(ctx.data["lead_unit"])
    o.assigned_on = ctx.day("assigned_on") or ctx.on_date
    o.answer_due = ctx.day("answer_due")
    o.broad_ground = ctx.text("broad_ground") if _suggestion(o) else ""
    o.co_units.set(_co_ids(ctx))


def _opinion(ctx: Context) -> None:
    CoOpinion.objects.create(
        proposal=ctx.obj,
        unit_id=int(ctx.data["unit"]),
        round=_round(ctx.obj),
        submitted_on=ctx.day("submitted_on") or ctx.on_date,
        opinion=ctx.text("opinion"),
        created_by=ctx.actor if getattr(ctx.actor, "pk", None) else None,
    )


def _answer(ctx: Context) -> None:
    o = ctx.obj
    o.answered_on = ctx.day("answered_on") or ctx.on_date
    o.answer = ctx.text("answer")
    o.answer_number = ctx.text("answer_number")
    o.result = ctx.data["result"]
    o.satisfaction, o.feedback_on, o.feedback_note = "", None, ""


def _feedback(ctx: Context) -> None:
    o = ctx.obj
    o.satisfaction = ctx.data["satisfaction"]
    o.feedback_on = ctx.day("feedback_on") or ctx.on_date
    o.feedback_note = ctx.text("feedback_note")


def _conclude(ctx: Context) -> None:
    _feedback(ctx)
    ctx.obj.concluded_on = ctx.obj.feedback_on


def _send_back(ctx: Context) -> None:
    _feedback(ctx)
    o = ctx.obj
    o.rehandle_count += 1
    o.answer_due = ctx.day("answer_due")


def _is_rehandle(ctx: Context) -> bool:
    return ctx.obj.rehandle_count > 0


# -- the workflow ----------------------------------------------------------------------------

T = Transition
ANSWER = rules.RULE_ANSWER
TRANSITIONS = [
    T(
        "assign",
        "交办",
        ("registered",),
        "assigned",
        guards=(
            LEAD_GIVEN,
            LEAD_NOT_CO,
            ASSIGNED_AFTER_RECEIPT,
            DUE_AFTER_ASSIGNMENT,
            SUGGESTION_IN_PERIOD,
        ),
        effect=_assign,
        timers=(
            # 建议: the statutory period from 交办, extended to six months with its ground.
            Timer(
                "start",
                ANSWER,
                key=rules.FIRST,
                on=lambda ctx: ctx.obj.assigned_on,
                assignee=lambda ctx: None,
                role=Role.PROPOSAL_STAFF,
                when=lambda ctx: _suggestion(ctx.obj),
            ),
            Timer(
                "extend",
                ANSWER,
                key=rules.FIRST,
                when=lambda ctx: _suggestion(ctx.obj) and bool(ctx.obj.broad_ground),
            ),
            # 提案: the date the office sets.
            Timer(
                "start",
                rules.RULE_CPPCC_ANSWER,
                key=rules.FIRST,
                on=lambda ctx: ctx.obj.answer_due,
                assignee=lambda ctx: None,
                role=Role.PROPOSAL_STAFF,
                when=lambda ctx: not _suggestion(ctx.obj),
            ),
        ),
        allowed=policies.can_office,
    ),
    T(
        "submit_opinion",
        "提出协办意见",
        OPEN,
        None,
        guards=(OPINION_UNIT, OPINION_GIVEN, OPINION_ONCE, OPINION_AFTER_ASSIGNMENT),
        effect=_opinion,
        allowed=policies.can_co_handle,
    ),
    T(
        "answer",
        "答复代表（委员）",
        OPEN,
        "answered",
        guards=(
            RESULT_KNOWN,
            ANSWER_GIVEN,
            OPINIONS_IN,
            ANSWER_AFTER_ASSIGNMENT,
            REANSWER_AFTER_FEEDBACK,
        ),
        effect=_answer,
        timers=(
            Timer(
                "stop",
                ANSWER,
                key=rules.FIRST,
                on=step_date("answered_on"),
                when=lambda ctx: _suggestion(ctx.obj),
            ),
            Timer(
                "stop",
                rules.RULE_CPPCC_ANSWER,
                key=rules.FIRST,
                on=step_date("answered_on"),
                when=lambda ctx: not _suggestion(ctx.obj),
            ),
            Timer(
                "stop",
                rules.RULE_REANSWER,
                key=rules.REHANDLE,
                on=step_date("answered_on"),
                when=_is_rehandle,
            ),
        ),
        allowed=policies.can_lead,
    ),
    T(
        "conclude",
        "征询意见：满意或基本满意，办结",
        ("answered",),
        "closed",
        guards=(SATISFACTION_KNOWN, CONCLUDING, FEEDBACK_AFTER_ANSWER),
        effect=_conclude,
        allowed=policies.can_office,
    ),
    T(
        "send_back",
        "征询意见：不满意，交主办单位重新办理",
        ("answered",),
        "rehandling",
        guards=(SATISFACTION_KNOWN, UNSATISFIED, FEEDBACK_AFTER_ANSWER, REHANDLE_DUE),
        effect=_send_back,
        timers=(
            Timer(
                "start",
                rules.RULE_REANSWER,
                key=rules.REHANDLE,
                on=lambda ctx: ctx.obj.answer_due,
                assignee=lambda ctx: None,
                role=Role.PROPOSAL_STAFF,
                title="重新办理后答复代表（委员）",
            ),
        ),
        allowed=policies.can_office,
    ),
]


def _label(obj: Proposal) -> str:
    return f"{rules.KINDS.get(obj.kind, '')} {obj.number}（{obj.author}）"


#: The steps an item waits for, in the proposal staff's queue: the office's 交办, then the lead
#: unit's 办复 on the date the office set (the co-units' opinions and the office's 征询意见 are
#: not declared: the item's agency is the lead unit's from 交办 on).
WAITING = (
    Waiting("registered", "待交办", Role.PROPOSAL_STAFF),
    Waiting("assigned", "待办复", Role.PROPOSAL_STAFF, ANSWER, rules.FIRST, when=_suggestion),
    Waiting(
        "assigned",
        "待办复",
        Role.PROPOSAL_STAFF,
        rules.RULE_CPPCC_ANSWER,
        rules.FIRST,
        when=lambda obj: not _suggestion(obj),
    ),
    Waiting("rehandling", "待重新办复", Role.PROPOSAL_STAFF, rules.RULE_REANSWER, rules.REHANDLE),
)


PROPOSAL_WORKFLOW = Workflow(
    "proposals.proposal",
    "建议提案办理",
    model=Proposal,
    states=STATES,
    initial="registered",
    transitions=TRANSITIONS,
    agency_of=lambda obj: obj.lead_unit_id or obj.agency_id,
    subject_label=_label,
    path=("registered", "assigned", "answered", "closed"),
    waiting=WAITING,
)

# The list's 答复期限 and 按期 columns copy the current round's answer clock (first handling or
# re-handling after 不满意): core rewrites them on every write of the clock.
mirror(Proposal, rules.ANSWER_RULES, None, due_field="answer_due", on_time_field="on_time")
