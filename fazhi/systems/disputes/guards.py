"""The guards of the 行政复议 and 行政应诉 workflows: each a statutory condition with its article
and a Chinese message, checked by :func:`fazhi.core.workflow.engine.perform` before anything is
saved; and the readers of a step's data the guards, effects and timers share."""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.deadlines import services as deadlines
from fazhi.core.workflow.engine import Context, Guard
from fazhi.kernel.timelimits import compute_due, latest_notice_date

from . import rules


def when(ctx: Context) -> date:
    """The business date of the step."""
    return ctx.on_date


def running_due(obj: Any, rule_id: str) -> date | None:
    d = deadlines.find(obj, rule_id)
    return d.due if d is not None else None


def G(code: str, message: str, citation: str, check) -> Guard:  # noqa: N802 - reads as a table
    return Guard(code=code, message=message, citation=citation, check=check)


# -- 行政复议: intake (第二十条、第三十条、第三十一条) -------------------------------------------


def application_due(case: Any) -> date:
    """The last day to apply (第二十条): 60 days from knowing the act; when the rights were not
    notified, 60 days from knowing them, but never more than one year from knowing the act."""
    cal = deadlines.calendar()
    if case.rights_notified:
        return compute_due(rules.R_APPLICATION, case.known_on, calendar=cal).due
    cap = compute_due(rules.R_APPLICATION_CAP, case.known_on, calendar=cal).due
    if case.rights_known_on is None:
        return cap
    return min(cap, compute_due(rules.R_APPLICATION, case.rights_known_on, calendar=cal).due)


def absolute_due(case: Any) -> date | None:
    """The absolute limit of 第二十一条: five years from the act, twenty for real property
    (None when the act's date is not recorded)."""
    if case.acted_on is None:
        return None
    rule = rules.R_ABSOLUTE_PROPERTY if case.real_property else rules.R_ABSOLUTE
    return compute_due(rule, case.acted_on, calendar=deadlines.calendar()).due


APPLICATION_NOT_BARRED = G(
    "application_not_barred",
    "因不动产提出的行政复议申请自行政行为作出之日起超过二十年，其他行政复议申请自行政行为作出之日起"
    "超过五年的，行政复议机关不予受理（耽误期限的理由不能延长此期限）",
    f"{rules.XZFY}第二十一条",
    lambda ctx: (due := absolute_due(ctx.obj)) is None or ctx.obj.received_on <= due,
)
APPLICATION_TIMELY = G(
    "application_timely",
    "行政复议申请超过法定申请期限（六十日；未告知复议权利的最长一年），且未说明"
    "耽误期限的正当理由，应当不予受理",
    f"{rules.XZFY}第二十条",
    lambda ctx: (
        ctx.obj.received_on <= application_due(ctx.obj) or bool(ctx.obj.delay_reason.strip())
    ),
)
ACCEPT_IN_REVIEW = G(
    "accept_in_review",
    "受理审查期限已经届满，依法自届满之日起视为受理，请执行“审查期限届满视为受理”",
    rules.ACCEPTANCE.citation,
    lambda ctx: (due := running_due(ctx.obj, rules.R_ACCEPTANCE)) is None or when(ctx) <= due,
)
REJECT_IN_REVIEW = G(
    "reject_in_review",
    "审查期限届满未作出不予受理决定的，已视为受理，不能再决定不予受理",
    rules.ACCEPTANCE.citation,
    lambda ctx: (due := running_due(ctx.obj, rules.R_ACCEPTANCE)) is None or when(ctx) <= due,
)
REJECTION_REASON = G(
    "rejection_reason",
    "不予受理须说明理由",
    rules.ACCEPTANCE.citation,
    lambda ctx: bool(ctx.text("rejection_reason")),
)
REVIEW_EXPIRED = G(
    "review_expired",
    "受理审查期限（五个工作日）尚未届满，不能视为受理",
    rules.ACCEPTANCE.citation,
    lambda ctx: (due := running_due(ctx.obj, rules.R_ACCEPTANCE)) is not None and when(ctx) > due,
)
CORRECTION_ITEMS = G(
    "correction_items",
    "补正通知应当一次性载明需要补正的事项",
    rules.CORRECTION.citation,
    lambda ctx: bool(ctx.text("correction_items")),
)
CORRECTION_ONCE = G(
    "correction_once",
    "补正通知应当一次性载明需要补正的事项，本案已通知过补正",
    rules.CORRECTION.citation,
    lambda ctx: ctx.obj.correction_notice_on is None,
)
CORRECTION_LAPSED = G(
    "correction_lapsed",
    "申请人提交补正材料的十日尚未届满，不能视为放弃申请",
    rules.CORRECTION_REPLY.citation,
    lambda ctx: (
        (due := running_due(ctx.obj, rules.R_CORRECTION_REPLY)) is not None and when(ctx) > due
    ),
)

# -- 行政复议: hearing (第五十条、第五十一条), committee (第五十二条) ------------------------------


def members_of(ctx: Context) -> list[str]:
    raw = ctx.data.get("members") or []
    if isinstance(raw, str):
        raw = raw.replace("，", ",").replace("、", ",").split(",")
    return [m.strip() for m in raw if str(m).strip()]


HEARING_PANEL = G(
    "hearing_panel",
    "听证须由一名行政复议人员任主持人、两名以上行政复议人员任听证员、一名记录员",
    rules.HEARING_PANEL.citation,
    lambda ctx: (
        bool(ctx.text("chair")) and len(members_of(ctx)) >= 2 and bool(ctx.text("recorder"))
    ),
)


def _notice_in_time(ctx: Context) -> bool:
    held, notice = ctx.day("held_on"), ctx.day("notice_on")
    if held is None or notice is None:
        return False
    return (
        notice
        <= latest_notice_date(rules.R_HEARING_NOTICE, held, calendar=deadlines.calendar()).due
    )


HEARING_NOTICE = G(
    "hearing_notice",
    "应当于举行听证的五日（工作日）前书面通知当事人",
    rules.HEARING_NOTICE.citation,
    _notice_in_time,
)


def truthy(value: Any) -> bool:
    return value in (True, "true", "True", "on", "1", 1)


def head_or_delegate(ctx: Context) -> bool:
    if truthy(ctx.data.get("head_attended")):
        return bool(ctx.text("head_name"))
    return bool(ctx.text("absence_reason")) and bool(ctx.text("delegate"))


RESPONDENT_HEAD = G(
    "respondent_head",
    "被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加",
    rules.HEARING_HEAD.citation,
    head_or_delegate,
)
COMMITTEE_OPINION = G(
    "committee_opinion",
    "请登记行政复议委员会的咨询意见",
    rules.COMMITTEE.citation,
    lambda ctx: bool(ctx.text("committee_opinion")),
)

# -- 行政复议: extension (第六十二条), suspension (第三十九条), decision (第六十一条) -----------------


def _days(ctx: Context) -> int | None:
    try:
        return int(ctx.data.get("extension_days"))
    except (TypeError, ValueError):
        return None


EXTENSION_APPROVED = G(
    "extension_approval",
    "延长审理期限须经行政复议机构的负责人批准（请登记批准人）",
    rules.EXTENSION.citation,
    lambda ctx: bool(ctx.text("approver")),
)
EXTENSION_NOTIFIED = G(
    "extension_notice",
    "延长审理期限须书面告知当事人（请登记告知日）",
    rules.EXTENSION.citation,
    lambda ctx: ctx.day("notified_on") is not None,
)
EXTENSION_LIMIT = G(
    "extension_limit",
    f"延长期限最多不得超过{rules.MAX_EXTENSION_DAYS}日",
    rules.EXTENSION.citation,
    lambda ctx: (n := _days(ctx)) is not None and 1 <= n <= rules.MAX_EXTENSION_DAYS,
)
EXTENSION_ONCE = G(
    "extension_once",
    f"审理期限已经延长，延长期限合计最多不得超过{rules.MAX_EXTENSION_DAYS}日",
    rules.EXTENSION.citation,
    lambda ctx: not ctx.obj.extended,
)
EXTENSION_ORDINARY = G(
    "extension_ordinary",
    "简易程序的案件应当在三十日内作出决定，不适用延长",
    f"{rules.XZFY}第六十二条第二款",
    lambda ctx: ctx.obj.procedure == rules.ORDINARY,
)
SUSPENSION_NOTIFIED = G(
    "suspension_notice",
    "中止、恢复审理应当书面告知当事人（请登记告知日和理由）",
    rules.SUSPENSION.citation,
    lambda ctx: (
        ctx.day("notified_on") is not None and bool(ctx.text("reason") or ctx.obj.suspension_reason)
    ),
)
DECISION_KNOWN = G(
    "decision_type",
    "请选择行政复议决定的类型（第六十三条至第六十九条等）",
    f"{rules.XZFY}第六十三条至第六十九条",
    lambda ctx: ctx.data.get("decision_type") in rules.RECONSIDERATION_DECISIONS,
)
DECISION_APPROVED = G(
    "decision_approval",
    "行政复议决定须经行政复议机关的负责人同意或者集体讨论通过",
    rules.DECISION_APPROVAL.citation,
    lambda ctx: bool(ctx.text("approval")),
)
MAJOR_HEARD = G(
    "major_heard",
    "重大、疑难、复杂的案件应当组织听证",
    rules.HEARING_REQUIRED.citation,
    lambda ctx: not ctx.obj.major or ctx.obj.hearings.exists(),
)
MAJOR_CONSULTED = G(
    "major_consulted",
    "案情重大、疑难、复杂的，应当提请行政复议委员会提出咨询意见",
    rules.COMMITTEE.citation,
    lambda ctx: not ctx.obj.major or ctx.obj.committee_consulted_on is not None,
)

# -- 行政复议: the respondent (第四十八条、第五十一条、第七十六条) --------------------------------

ANSWER_WITH_EVIDENCE = G(
    "answer_evidence",
    "被申请人应当提出书面答复，并提交作出行政行为的证据、依据和其他有关材料",
    rules.ANSWER.citation,
    lambda ctx: bool(ctx.text("answer_summary")) and bool(ctx.text("evidence")),
)
OPINION_REPORTED = G(
    "opinion_reported",
    "收到行政复议意见书的，应当将纠正情况报送行政复议机关后才能结案",
    rules.OPINION_REPORT.citation,
    lambda ctx: ctx.obj.opinion_received_on is None or ctx.obj.opinion_reported_on is not None,
)
CORRECTION_REPORT = G(
    "correction_report",
    "请写明纠正相关违法或者不当行政行为的情况",
    rules.OPINION_REPORT.citation,
    lambda ctx: bool(ctx.text("correction_report")),
)

# -- 行政应诉 (行政诉讼法, 行诉法解释, 法释〔2020〕3号) ------------------------------------------

DEFENCE_WITH_EVIDENCE = G(
    "defence_evidence",
    "被告应当提交作出行政行为的证据和所依据的规范性文件，并提出答辩状",
    rules.DEFENCE.citation,
    lambda ctx: bool(ctx.text("evidence")),
)
EXTENSION_REQUEST_IN_TIME = G(
    "evidence_extension_in_time",
    "申请延期提供证据应当在收到起诉状副本之日起十五日内书面提出",
    rules.EVIDENCE_EXTENSION.citation,
    lambda ctx: (
        (due := running_due(ctx.obj, rules.L_EVIDENCE_EXTENSION)) is not None and when(ctx) <= due
    ),
)


def appeared(ctx: Context) -> bool:
    return truthy(ctx.data.get("head_appeared"))


HEAD_OR_DELEGATE = G(
    "head_or_delegate",
    "被诉行政机关负责人应当出庭应诉；不能出庭的，应当说明正当理由并委托相应的工作人员出庭",
    rules.HEAD_MUST_APPEAR.citation,
    lambda ctx: (
        appeared(ctx)
        or (ctx.data.get("absence_reason") in rules.ABSENCE_REASONS and bool(ctx.text("delegate")))
    ),
)
HEAD_IS_HEAD = G(
    "head_is_head",
    "出庭的须是被诉行政机关的正职、副职负责人或者参与分管的负责人（请登记姓名和职务类别）",
    rules.WHO_IS_HEAD.citation,
    lambda ctx: (
        not appeared(ctx)
        or (bool(ctx.text("head_name")) and ctx.data.get("head_position") in rules.HEAD_POSITIONS)
    ),
)
HEAD_SPOKE = G(
    "head_spoke",
    "负责人出庭应诉的，应当就实质性解决行政争议发表意见",
    rules.SPEAK_ON_RESOLUTION.citation,
    lambda ctx: not appeared(ctx) or truthy(ctx.data.get("spoke_on_resolution")),
)
OUTCOME_KNOWN = G(
    "outcome",
    "请选择裁判文书类别和裁判结果",
    f"{rules.XZSS}第六十九条至第七十七条",
    lambda ctx: (
        ctx.data.get("outcome") in rules.LITIGATION_OUTCOMES
        and ctx.data.get("document_kind") in rules.DOCUMENT_KINDS
    ),
)


def _appeal_due(obj: Any) -> date | None:
    return running_due(obj, rules.L_APPEAL_JUDGMENT) or running_due(obj, rules.L_APPEAL_RULING)


APPEAL_IN_TIME = G(
    "appeal_in_time",
    "上诉期限（判决十五日、裁定十日，自送达之日起）已经届满，或者本裁判不可上诉",
    rules.APPEAL.citation,
    lambda ctx: (due := _appeal_due(ctx.obj)) is not None and when(ctx) <= due,
)
APPEAL_PERIOD_OVER = G(
    "appeal_period_over",
    "上诉期限尚未届满，裁判尚未生效，不能结案",
    rules.APPEAL.citation,
    lambda ctx: (due := _appeal_due(ctx.obj)) is None or when(ctx) > due,
)


def _instances_recorded(ctx: Context) -> bool:
    """Each instance tried in court has the head's appearance or the reason and delegate on
    record (法释〔2020〕3号 第七条: one appearance per instance)."""
    case = ctx.obj
    heard = set(case.hearings.values_list("instance", flat=True))
    if rules.FIRST not in heard and not ctx.text("no_hearing_reason"):
        return False
    return not (case.second_instance_heard and rules.SECOND not in heard)


HEAD_RECORDED = G(
    "head_recorded",
    "结案前须登记每一审级开庭时负责人出庭情况，或者不能出庭的理由和委托出庭人员"
    "（未开庭审理的，须说明原因）",
    f"{rules.HEAD_MUST_APPEAR.citation}、{rules.ONE_PER_INSTANCE.citation}",
    _instances_recorded,
)
