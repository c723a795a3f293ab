"""The guards of the 信访 workflow: each a condition of 《信访工作条例》 with its article and a
Chinese message, checked by :func:`fazhi.core.workflow.engine.perform` before anything is saved;
and the readers of a step's data that guards, effects and timers share.

Where the 条例 sets a duty with a time limit but does not make a late act void (第二十二条
routing, 第二十三条 notice, 第三十四条 handling), lateness is *flagged* on the clock (met late),
not refused. Where the time limit bounds a right (the 5-working-day objection of 第二十三条第三款,
the 30-day requests of 第三十五、三十六条), a late step is refused.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.workflow.dates import not_before, on_record, step_day
from fazhi.core.workflow.engine import Context, Guard

from . import rules
from .models import Petition, PetitionHearing
from .roles import Role


def due_of(obj: Any, rule_id: str, key: str = "") -> date | None:
    """The due date of the running clock ``rule_id`` of ``obj`` (None if none runs)."""
    from fazhi.core.deadlines.services import find

    d = find(obj, rule_id, key)
    return d.due if d is not None else None


def open_hearing(obj: Petition) -> PetitionHearing | None:
    return obj.hearings.filter(ended_on__isnull=True).order_by("-id").first()


def assignee_of(ctx: Context) -> Any:
    """Who sees the clock on 我的待办: the actor when acting for the body that bears it, else
    that body's (first) petition staff member."""
    from fazhi.core.accounts.models import RoleAssignment

    from .policies import can_act

    agency_id = ctx.obj.responsible_id or ctx.obj.agency_id
    if can_act(ctx.actor, agency_id):
        return ctx.actor
    grant = (
        RoleAssignment.objects.filter(agency_id=agency_id, role=Role.PETITION_STAFF)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return grant.user if grant is not None else None


def G(code: str, message: str, citation: str, check) -> Guard:  # noqa: N802 - reads as a table
    return Guard(code=code, message=message, citation=citation, check=check)


def _within(rule_id: str, key: str, rule_key: str = ""):
    """The step's date lies on or before the running clock's due date."""

    def check(ctx: Context) -> bool:
        due = due_of(ctx.obj, rule_id, rule_key)
        return due is None or (ctx.day(key) or ctx.on_date) <= due

    return check


# -- registration (第二十二条、第二十三条、第三十六条第三款) ------------------------------------

PETITIONER_NAMED = G(
    "petitioner",
    "登记信访事项须载明信访人",
    rules.ART22.citation,
    lambda ctx: bool(ctx.obj.petitioner_name.strip()),
)
CONTENT_GIVEN = G(
    "content",
    "登记信访事项须载明投诉请求",
    rules.ART22.citation,
    lambda ctx: bool(ctx.obj.content.strip()),
)


def _not_final_again(ctx: Context) -> bool:
    prev = ctx.obj.previous
    return prev is None or prev.state != "final" or bool(ctx.obj.new_facts.strip())


NOT_AFTER_RECHECK = G(
    "after_recheck",
    "该信访事项已经复核终结，信访人仍以同一事实和理由提出投诉请求的，不再受理（确有新的事实和理由的，"
    "须载明）",
    rules.ART36_FINAL.citation,
    _not_final_again,
)

# -- 转送、交办 and objection (第二十二条、第二十三条第三款) -----------------------------------

ROUTE_KNOWN = G(
    "route",
    "须选择转送或者交办，并指定有权处理的机关、单位",
    rules.ART22.citation,
    lambda ctx: ctx.data.get("route") in rules.ROUTES and bool(ctx.data.get("handler_agency")),
)
ROUTED_AFTER_RECEIPT = not_before(
    "routed_on",
    step_day("routed_on"),
    on_record("received_on"),
    later_label="转送、交办日",
    earlier_label="收到信访事项之日",
    citation=rules.ART22.citation,
)
OBJECTION_REASON = G(
    "objection_reason",
    "提出异议须说明不属于本机关、单位或者本系统职权范围的理由",
    rules.ART23_3.citation,
    lambda ctx: bool(ctx.text("reason")),
)
OBJECTION_IN_TIME = G(
    "objection_period",
    "异议须自收到转送、交办的信访事项之日起5个工作日内提出，逾期不能再提出异议",
    rules.ART23_3.citation,
    _within(rules.RULE_OBJECTION, "objection_on"),
)
OBJECTION_AFTER_ROUTING = not_before(
    "objection_after_routing",
    step_day("objection_on"),
    lambda ctx: ctx.obj.delivered_on or ctx.obj.routed_on,
    later_label="提出异议日",
    earlier_label="收到转送、交办的信访事项之日",
    citation=rules.ART23_3.citation,
)
ACCEPTED_AFTER_RECEIPT = not_before(
    "accepted_on",
    step_day("accepted_on"),
    lambda ctx: ctx.obj.delivered_on or ctx.obj.received_on,
    later_label="受理日",
    earlier_label="收到信访事项之日",
    citation=rules.ART34.citation,
)
DIVERSION_KNOWN = G(
    "diversion",
    "导入法定途径须选择所属情形",
    rules.ART31.citation,
    lambda ctx: ctx.data.get("diversion") in rules.DIVERSIONS,
)
NOTICE_AFTER_RECEIPT = not_before(
    "notice_on",
    step_day("notice_on"),
    on_record("received_on"),
    later_label="书面告知日",
    earlier_label="收到信访事项之日",
    citation=rules.ART23_2.citation,
)
DIVERTED_AFTER_RECEIPT = not_before(
    "diverted_after_receipt",
    step_day("closed_on"),
    on_record("received_on"),
    later_label="导入法定途径日",
    earlier_label="收到信访事项之日",
)
CLOSED_AFTER_RECEIPT = not_before(
    "closed_after_receipt",
    step_day("closed_on"),
    on_record("received_on"),
    later_label="办结日",
    earlier_label="收到信访事项之日",
)

# -- extension (第三十四条) -------------------------------------------------------------------

ART34 = rules.ART34.citation
EXTENSION_ONCE = G(
    "extension_once",
    "办理期限已经延长过，延长期限合计不得超过30日",
    ART34,
    lambda ctx: not ctx.obj.extended,
)
EXTENSION_APPROVED = G(
    "extension_approved",
    "延长办理期限须经本机关、单位负责人批准（须登记批准人和批准日）",
    ART34,
    lambda ctx: bool(ctx.text("approver")) and ctx.day("approved_on") is not None,
)
EXTENSION_NOTIFIED = G(
    "extension_notified",
    "延长办理期限须告知信访人延期理由（须登记告知日和延期理由）",
    ART34,
    lambda ctx: ctx.day("notified_on") is not None and bool(ctx.text("reason")),
)


def extension_days(ctx: Context) -> int:
    """The approved days of the extension (0 when missing or not a number): the clock moves by
    exactly these days, not by the 30 the article allows at most."""
    try:
        return int(ctx.data.get("days") or 0)
    except (TypeError, ValueError):
        return 0


def _days_ok(ctx: Context) -> bool:
    return 1 <= extension_days(ctx) <= rules.MAX_EXTENSION_DAYS


EXTENSION_DAYS = G("extension_days", "须登记批准延长的日数，延长期限不得超过30日", ART34, _days_ok)
EXTENSION_DATES = (
    not_before(
        "extension_after_acceptance",
        lambda ctx: ctx.day("approved_on"),
        on_record("accepted_on"),
        later_label="批准延长日",
        earlier_label="受理日",
        citation=ART34,
    ),
    not_before(
        "extension_notified_after_approval",
        lambda ctx: ctx.day("notified_on"),
        lambda ctx: ctx.day("approved_on"),
        later_label="告知信访人日",
        earlier_label="批准延长日",
        citation=ART34,
    ),
)
EXTENSION_IN_TIME = G(
    "extension_in_time",
    "须在60日办理期限届满前批准延长",
    ART34,
    _within(rules.RULE_RESOLUTION, "approved_on"),
)

# -- 处理意见书 (第三十二条) -------------------------------------------------------------------


def _opinion_complete(ctx: Context) -> bool:
    o = ctx.obj
    return all(
        (
            o.content.strip(),
            (ctx.text("facts_reasons") or o.facts_reasons).strip(),
            ctx.text("opinion"),
            ctx.text("legal_basis"),
        )
    )


OPINION_CONTENTS = G(
    "opinion_contents",
    "信访处理意见书应当载明信访人投诉请求、事实和理由、处理意见及其法律法规依据",
    rules.ART32.citation,
    _opinion_complete,
)
OPINION_AFTER_ACCEPTANCE = not_before(
    "opinion_on",
    step_day("opinion_on"),
    on_record("accepted_on"),
    later_label="处理意见日",
    earlier_label="受理日",
    citation=rules.ART34.citation,
)
SERVED_AFTER_OPINION = not_before(
    "served_on",
    step_day("served_on"),
    step_day("opinion_on"),
    later_label="书面答复送达日",
    earlier_label="出具意见之日",
    citation=rules.ART35.citation,
)

# -- 复查 (第三十五条) and 复核 (第三十六条) ----------------------------------------------------

REVIEW_BODY_NAMED = G(
    "review_body",
    "请求复查须向原办理机关、单位的上一级机关、单位提出（须指定复查机关）",
    rules.ART35.citation,
    lambda ctx: bool(ctx.data.get("body")) and ctx.data.get("body") != ctx.obj.handler_agency_id,
)
REVIEW_IN_TIME = G(
    "review_period",
    "请求复查须自收到书面答复之日起30日内提出",
    rules.ART35.citation,
    _within(rules.RULE_REVIEW_REQUEST, "requested_on"),
)


def _delivered(posted: str, served: str):
    """The day the answer reached the petitioner or was posted: for 公告送达 the 公告 itself (a
    request may come before the deemed 送达日), else the 送达日."""
    return lambda ctx: getattr(ctx.obj, posted) or getattr(ctx.obj, served)


REVIEW_AFTER_SERVICE = not_before(
    "review_after_service",
    step_day("requested_on"),
    _delivered("served_notice_on", "served_on"),
    later_label="收到复查请求日",
    earlier_label="信访人收到书面答复日",
    citation=rules.ART35.citation,
)
REVIEWED_AFTER_REQUEST = not_before(
    "reviewed_after_request",
    step_day("decided_on"),
    on_record("review_requested_on"),
    later_label="复查意见日",
    earlier_label="收到复查请求日",
    citation=rules.ART35.citation,
)
REVIEW_OPINION = G(
    "review_opinion",
    "复查须提出复查意见，并予以书面答复（须登记复查意见和送达日）",
    rules.ART35.citation,
    lambda ctx: bool(ctx.text("opinion")) and ctx.day("served_on") is not None,
)
RECHECK_BODY_NAMED = G(
    "recheck_body",
    "请求复核须向复查机关、单位的上一级机关、单位提出（须指定复核机关）",
    rules.ART36.citation,
    lambda ctx: bool(ctx.data.get("body")) and ctx.data.get("body") != ctx.obj.review_body_id,
)
RECHECK_IN_TIME = G(
    "recheck_period",
    "请求复核须自收到复查书面答复之日起30日内提出",
    rules.ART36.citation,
    _within(rules.RULE_RECHECK_REQUEST, "requested_on"),
)
RECHECK_AFTER_REVIEW = not_before(
    "recheck_after_review",
    step_day("requested_on"),
    _delivered("review_notice_on", "review_served_on"),
    later_label="收到复核请求日",
    earlier_label="复查意见送达日",
    citation=rules.ART36.citation,
)
RECHECKED_AFTER_REQUEST = not_before(
    "rechecked_after_request",
    step_day("decided_on"),
    on_record("recheck_requested_on"),
    later_label="复核意见日",
    earlier_label="收到复核请求日",
    citation=rules.ART36.citation,
)
HEARING_AFTER_RECHECK_REQUEST = not_before(
    "hearing_after_recheck_request",
    step_day("started_on"),
    on_record("recheck_requested_on"),
    later_label="听证开始日",
    earlier_label="收到复核请求日",
    citation=rules.ART36_HEARING.citation,
)
RECHECK_OPINION = G(
    "recheck_opinion",
    "复核须提出复核意见",
    rules.ART36.citation,
    lambda ctx: bool(ctx.text("opinion")),
)
NO_OPEN_HEARING = G(
    "hearing_open",
    "听证尚未结束（听证所需时间不计入复核期限，须先登记听证结束）",
    rules.ART36_HEARING.citation,
    lambda ctx: open_hearing(ctx.obj) is None,
)
HEARING_OPEN = G(
    "no_hearing",
    "没有进行中的听证",
    rules.ART36_HEARING.citation,
    lambda ctx: open_hearing(ctx.obj) is not None,
)


HEARING_DATES = not_before(
    "hearing_dates",
    step_day("ended_on"),
    lambda ctx: h.started_on if (h := open_hearing(ctx.obj)) is not None else None,
    later_label="听证结束日",
    earlier_label="开始日",
    citation=rules.ART36_HEARING.citation,
)


def _request_period_over(rule_id: str):
    def check(ctx: Context) -> bool:
        due = due_of(ctx.obj, rule_id)
        return due is None or (ctx.day("closed_on") or ctx.on_date) > due

    return check


NO_REVIEW_REQUESTED = G(
    "review_period_running",
    "信访人请求复查的30日期限尚未届满，不能按未请求复查办结",
    rules.ART35.citation,
    _request_period_over(rules.RULE_REVIEW_REQUEST),
)
NO_RECHECK_REQUESTED = G(
    "recheck_period_running",
    "信访人请求复核的30日期限尚未届满，不能按未请求复核办结",
    rules.ART36.citation,
    _request_period_over(rules.RULE_RECHECK_REQUEST),
)
