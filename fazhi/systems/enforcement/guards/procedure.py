"""Guards of the steps before the decision: 调查取证, 告知, 陈述申辩, 听证, 法制审核, 集体讨论,
决定, and the extension and suspension of the 办案期限. The limits of the penalty itself are in
:mod:`.penalty`; the steps after the decision in :mod:`.execution`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from fazhi.core.accounts.models import RoleAssignment
from fazhi.core.deadlines import services as deadlines
from fazhi.core.workflow.engine import Context
from fazhi.kernel.timelimits import compute_due, get_rule, latest_notice_date
from fazhi.systems.officers import selectors as officer_selectors

from .. import rules, sectors
from ..amounts import crosses_threshold
from ..roles import Role
from ..rules import GBF27, GBF118, XZCF
from .common import day, decided_fine, decided_types, guard, is_penalty, money


def window_due(case) -> date | None:
    """The last day the party may ask for a hearing (or make a statement) after 告知."""
    found = deadlines.find(case, rules.RULE_HEARING_REQUEST, running=False)
    if found is not None:
        return found.due
    if case.notice_served_on is None:
        return None
    return compute_due(
        rules.RULE_HEARING_REQUEST, case.notice_served_on, calendar=deadlines.calendar()
    ).due


def _window_over(ctx: Context) -> bool:
    due = window_due(ctx.obj)
    return due is not None and ctx.on_date > due


# -- 调查取证 -----------------------------------------------------------------------------------

#: Evidence taken from people in the course of 调查 or 检查 (笔录, 询问): the officer must affirm
#: having shown the certificate — never assumed when a caller leaves it out. Documents, things,
#: expert opinions and data received or produced otherwise are not taken face to face.
IN_PERSON_KINDS = frozenset({"record", "party", "witness"})

ID_SHOWN = guard(
    "id_shown",
    "执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件（笔录、询问须确认已出示）",
    f"{XZCF}第五十五条",
    lambda ctx: (
        ctx.data.get("id_shown") is True
        or ctx.data.get("kind") not in IN_PERSON_KINDS
        or bool(ctx.data.get("electronic_monitoring"))
    ),
)
EVIDENCE_PRESENT = guard(
    "evidence_present",
    "违法事实不清、证据不足的，不得给予行政处罚：调查终结前至少应当登记一份证据",
    f"{XZCF}第四十条",
    lambda ctx: ctx.obj.evidence.exists(),
)
MONITORING_AUDITED = guard(
    "monitoring_audited",
    "电子技术监控设备取得的证据未经审核或者经审核不符合要求的，不得作为行政处罚的证据",
    f"{XZCF}第四十一条第二款",
    lambda ctx: (
        not ctx.obj.evidence.filter(electronic_monitoring=True, monitoring_audited=False).exists()
    ),
)
PRESERVATIONS_DECIDED = guard(
    "preservations_decided",
    "先行登记保存的证据应当在七日内及时作出处理决定，调查终结前须对全部先行登记保存作出处理决定",
    f"{XZCF}第五十六条",
    lambda ctx: not ctx.obj.preservations.filter(decided_on__isnull=True).exists(),
)


def _approver_is_head(ctx: Context) -> bool:
    approver = ctx.data.get("approved_by")
    return (
        bool(approver)
        and RoleAssignment.objects.filter(
            user_id=approver, role=Role.AGENCY_HEAD, agency_id=ctx.obj.agency_id
        ).exists()
    )


PRESERVATION_APPROVED = guard(
    "preservation_approved",
    "先行登记保存须经行政机关负责人批准",
    f"{XZCF}第五十六条",
    _approver_is_head,
)
RECUSAL_OPEN = guard(
    "recusal_open",
    "该回避申请不存在或者已经作出决定",
    f"{XZCF}第四十三条",
    lambda ctx: ctx.obj.recusals.filter(pk=ctx.data.get("recusal"), decision="").exists(),
)
PRESERVATION_OPEN = guard(
    "preservation_open",
    "该先行登记保存不存在或者已经作出处理决定",
    f"{XZCF}第五十六条",
    lambda ctx: ctx.obj.preservations.filter(
        pk=ctx.data.get("preservation"), decided_on__isnull=True
    ).exists(),
)

# -- 告知 ------------------------------------------------------------------------------------------

NOTICE_CONTENT = guard(
    "notice_content",
    "告知书应当载明拟作出的行政处罚内容及事实、理由、依据，并告知陈述、申辩、要求听证等权利",
    f"{XZCF}第四十四条",
    lambda ctx: bool(
        ctx.data.get("types")
        and ctx.data.get("facts")
        and ctx.data.get("reasons")
        and ctx.data.get("basis_text")
    ),
)


def _range_ok(ctx: Context) -> bool:
    if not is_penalty(ctx) or "fine" not in decided_types(ctx):
        return True
    fine = decided_fine(ctx)
    basis = ctx.data.get("basis") or {}
    low, high = money(basis.get("fine_min")), money(basis.get("fine_max"))
    if fine is None or fine <= 0:
        return False
    if high is not None and fine > high:
        return False
    # 减轻 is by definition below the statutory minimum (国市监法规〔2022〕2号 第十条（二）).
    return not (low is not None and fine < low and ctx.data.get("tier") != "mitigated")


def _range_detail(ctx: Context) -> str:
    basis = ctx.data.get("basis") or {}
    fine = decided_fine(ctx)
    low, high = basis.get("fine_min"), basis.get("fine_max")
    where = f"{basis.get('instrument', '')}{basis.get('article', '')}"
    if fine is None or fine <= 0:
        return "处罚种类包括罚款，但未填写罚款数额"
    return (
        f"罚款{fine:,.2f}元超出{where or '所适用的罚则'}规定的罚款幅度"
        f"（{money(low) if low is not None else '—'}元至{money(high) if high is not None else '—'}元）"
    )


STATUTORY_RANGE = guard(
    "statutory_range",
    "罚款数额超出违法行为发生时（或者从旧兼从轻适用的）法律、法规、规章规定的罚款幅度",
    f"{XZCF}第三十七条",
    _range_ok,
    detail=_range_detail,
)


def _basis_ok(ctx: Context) -> bool:
    basis = ctx.data.get("basis") or {}
    if not is_penalty(ctx):
        return True
    return not basis.get("missing") and not basis.get("no_longer_punishable")


BASIS_IN_FORCE = guard(
    "basis_in_force",
    "违法行为发生时没有施行中的处罚依据，或者作出决定时新的规定不认为是违法，不得给予行政处罚",
    f"{XZCF}第三十七条",
    _basis_ok,
    detail=lambda ctx: (ctx.data.get("basis") or {}).get("explanation") or None,
)

# -- 陈述申辩与听证 --------------------------------------------------------------------------------

HEARING_RIGHT = guard(
    "hearing_right",
    "拟作出的处罚不属于当事人有权要求听证的情形",
    f"{XZCF}第六十三条",
    lambda ctx: ctx.obj.hearing_right,
)
HEARING_IN_TIME = guard(
    "hearing_request_in_time",
    "当事人要求听证的，应当在行政机关告知后五日（工作日）内提出",
    f"{XZCF}第六十四条",
    lambda ctx: (due := window_due(ctx.obj)) is not None and ctx.on_date <= due,
    detail=lambda ctx: f"听证申请期限已于{window_due(ctx.obj):%Y年%m月%d日}届满",
)


def _chair_ok(ctx: Context) -> bool:
    chair = ctx.data.get("chair")
    return bool(chair) and not ctx.obj.officers.filter(pk=chair).exists()


CHAIR_NOT_INVESTIGATOR = guard(
    "chair_not_investigator",
    "听证由行政机关指定的非本案调查人员主持",
    f"{XZCF}第六十四条第一款第四项",
    _chair_ok,
)


def _latest_notice(ctx: Context) -> date | None:
    """The last day a notice still leaves seven full working days (第八十五条) before the
    hearing. The kernel moves a latest day that falls on a weekend or holiday back to a working
    day (the agency's task date); a notice actually served on that closed day also leaves the
    seven working days, so the guard counts from the unmoved day."""
    when = day(ctx.data.get("scheduled_for"))
    if when is None:
        return None
    due = latest_notice_date(rules.RULE_HEARING_NOTICE, when, calendar=deadlines.calendar())
    return due.trace.natural_end


HEARING_NOTICE_7_DAYS = guard(
    "hearing_notice_7_days",
    "行政机关应当在举行听证的七日（工作日）前，通知当事人及有关人员听证的时间、地点",
    f"{XZCF}第六十四条第一款第二项",
    lambda ctx: (
        (latest := _latest_notice(ctx)) is not None
        and day(ctx.data.get("notified_on")) is not None
        and day(ctx.data.get("notified_on")) <= latest
    ),
    detail=lambda ctx: (
        f"听证定于{day(ctx.data.get('scheduled_for')):%Y年%m月%d日}举行，最迟应于"
        f"{_latest_notice(ctx):%Y年%m月%d日}通知"
        if _latest_notice(ctx)
        else None
    ),
)
HEARING_RECORD = guard(
    "hearing_record",
    "听证应当由非本案调查人员主持并制作笔录",
    f"{XZCF}第六十四条",
    lambda ctx: (
        ctx.data.get("outcome") != "held"
        or bool(ctx.data.get("record") and ctx.obj.hearings.filter(chair__isnull=False).exists())
    ),
)

# -- 法制审核 ------------------------------------------------------------------------------------


def _reviewer_check(ctx: Context):
    staff = getattr(ctx.actor, "staff", None)
    if staff is None:
        return None
    return officer_selectors.is_qualified_reviewer(staff, ctx.on_date)


REVIEWER_QUALIFIED = guard(
    "reviewer_qualified",
    "初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格",
    f"{XZCF}第五十八条第二款",
    lambda ctx: (c := _reviewer_check(ctx)) is not None and c.ok,
    detail=lambda ctx: (
        c.reason if (c := _reviewer_check(ctx)) is not None else "审核人没有登记为本机关工作人员"
    ),
)
CHECKLIST_COMPLETE = guard(
    "checklist_complete",
    "法制审核应当逐项审核执法主体、人员资格、程序、事实证据、适用依据与裁量、权限、文书、是否涉嫌犯罪",
    rules.REVIEW_CHECKLIST_CITATION,
    lambda ctx: all(
        code in (ctx.data.get("checklist") or {}) for code, _ in rules.REVIEW_CHECKLIST
    ),
)


def _result_consistent(ctx: Context) -> bool:
    items = ctx.data.get("checklist") or {}
    problems = [c for c, v in items.items() if not v.get("ok")]
    if ctx.data.get("result") == "passed":
        return not problems
    return bool(ctx.data.get("opinion"))


REVIEW_OPINION = guard(
    "review_opinion",
    "审核通过须各项均无问题；存在问题的，应当提出书面审核意见退回承办机构",
    f"{GBF118}四（十三）",
    _result_consistent,
)


def _crime_handled(ctx: Context) -> bool:
    if ctx.data.get("result") != "passed" or not crosses_threshold(ctx.obj):
        return True
    return ctx.obj.transfers.exclude(state__in=["raised", "dismissed"]).exists()


CRIME_HANDLED = guard(
    "crime_handled",
    "案件涉案金额达到刑事追诉标准、涉嫌犯罪，应当移送司法机关后方可审核通过",
    f"{GBF118}四（十三）",
    _crime_handled,
)

# -- 集体讨论 -------------------------------------------------------------------------------------

DISCUSSION_RECORD = guard(
    "discussion_record",
    "集体讨论应当由行政机关负责人集体参加，并记录参加人员、讨论情况和决定",
    f"{XZCF}第五十七条第二款",
    lambda ctx: (
        len(ctx.data.get("attendees") or ()) >= 2
        and bool(ctx.data.get("minutes"))
        and bool(ctx.data.get("result"))
    ),
)

# -- 决定 --------------------------------------------------------------------------------------------


def heavier(types, fine, confiscation, p_types, p_fine, p_confiscation) -> bool:
    """Whether a penalty is heavier than the one proposed: a new kind, or a larger amount."""
    if set(types) - set(p_types or ()):
        return True
    if (fine or Decimal(0)) > (p_fine or Decimal(0)):
        return True
    return (confiscation or Decimal(0)) > (p_confiscation or Decimal(0))


def _heavier_than_notified(ctx: Context) -> bool:
    c = ctx.obj
    return heavier(
        decided_types(ctx),
        decided_fine(ctx),
        money(ctx.data.get("confiscation")),
        c.proposed_types,
        c.proposed_fine,
        c.proposed_confiscation,
    )


def _statements_heard(case) -> bool:
    """The party made a statement on the notice in force and every statement was reviewed
    (第四十五条): a statement on an earlier notice does not answer a 重新告知."""
    if case.notice_delivered_on is None:
        return False
    since = case.statements.filter(received_on__gte=case.notice_delivered_on)
    return since.exists() and not case.statements.filter(review_result="").exists()


def _statement_waived(case) -> bool:
    """An explicit written waiver of 陈述申辩 on the notice in force (a 重新告知 clears it)."""
    waived = case.statement_waived_on
    given = case.notice_delivered_on
    return waived is not None and (given is None or waived >= given)


def _party_spoke(case) -> bool:
    return case.statements.exists() or case.hearings.filter(outcome="held").exists()


NOTICE_SERVED = guard(
    "notice_served",
    "未向当事人告知拟作出的行政处罚内容及事实、理由、依据，不得作出行政处罚决定",
    f"{XZCF}第六十二条、第四十四条",
    lambda ctx: not is_penalty(ctx) or ctx.obj.notice_served_on is not None,
)
HEARING_PERIOD_OVER = guard(
    "hearing_period_over",
    "当事人要求听证的期限（告知后五个工作日）届满前，不得作出行政处罚决定",
    f"{XZCF}第六十四条",
    lambda ctx: (
        not is_penalty(ctx)
        or not ctx.obj.hearing_right
        or ctx.obj.hearing_waived_on is not None
        or ctx.obj.hearings.exists()
        or _window_over(ctx)
    ),
    detail=lambda ctx: (
        f"听证申请期限至{window_due(ctx.obj):%Y年%m月%d日}届满" if window_due(ctx.obj) else None
    ),
)
# Whatever the hearing status: a waiver of the hearing is no waiver of 陈述申辩 (第六十二条), so
# the decision waits for a statement, a written waiver of it, or the end of its window.
PARTY_HEARD = guard(
    "party_heard",
    "未听取当事人的陈述、申辩（陈述申辩期限未届满，当事人也未书面放弃陈述申辩；放弃听证不等于放弃陈述申辩），"
    "不得作出行政处罚决定",
    f"{XZCF}第六十二条",
    lambda ctx: (
        not is_penalty(ctx)
        or _statement_waived(ctx.obj)
        or _window_over(ctx)
        or _statements_heard(ctx.obj)
    ),
    detail=lambda ctx: _unheard_detail(ctx.obj),
)


def _unheard_detail(case) -> str | None:
    due = window_due(case)
    if due is None:
        return None
    if (
        case.notice_delivered_on
        and case.statements.filter(received_on__gte=case.notice_delivered_on).exists()
    ):
        return f"当事人的陈述申辩尚未复核完毕，陈述申辩期限至{due:%Y年%m月%d日}届满"
    text = f"陈述申辩期限至{due:%Y年%m月%d日}届满，当事人未提出陈述申辩，也未书面放弃"
    if case.hearing_waived_on is not None:
        text += "（当事人仅书面放弃听证，放弃听证不等于放弃陈述申辩）"
    return text


HEARING_CONCLUDED = guard(
    "hearing_concluded",
    "当事人已要求听证，应当在听证结束后根据听证笔录作出决定",
    f"{XZCF}第六十五条",
    lambda ctx: not ctx.obj.hearings.filter(outcome="").exists(),
)
STATEMENTS_REVIEWED = guard(
    "statements_reviewed",
    "对当事人提出的事实、理由和证据，应当进行复核",
    f"{XZCF}第四十五条第一款",
    lambda ctx: not ctx.obj.statements.filter(review_result="").exists(),
)
NOT_HEAVIER_AFTER_STATEMENT = guard(
    "not_heavier_after_statement",
    "行政机关不得因当事人陈述、申辩而给予更重的处罚",
    f"{XZCF}第四十五条第二款",
    lambda ctx: not is_penalty(ctx) or not _party_spoke(ctx.obj) or not _heavier_than_notified(ctx),
)
AS_NOTIFIED = guard(
    "as_notified",
    "决定的处罚重于告知书拟作出的处罚，应当重新告知当事人",
    f"{XZCF}第四十四条",
    lambda ctx: not is_penalty(ctx) or _party_spoke(ctx.obj) or not _heavier_than_notified(ctx),
)


def _inside_recommendation(ctx: Context) -> bool:
    fine = decided_fine(ctx)
    low, high = money(ctx.data.get("recommended_min")), money(ctx.data.get("recommended_max"))
    if not is_penalty(ctx) or fine is None or (low is None and high is None):
        return True
    return (low is None or fine >= low) and (high is None or fine <= high)


BENCHMARK_REASON = guard(
    "benchmark_reason",
    "罚款数额在裁量基准建议幅度之外的，应当书面说明理由",
    f"{GBF27}五（十二）",
    lambda ctx: _inside_recommendation(ctx) or bool(ctx.data.get("deviation_reason")),
    detail=lambda ctx: (
        f"裁量基准建议幅度为{ctx.data.get('recommended_min')}元至{ctx.data.get('recommended_max')}元"
        f"（{ctx.data.get('tier_label', '')}），决定罚款{decided_fine(ctx)}元，须填写偏离理由"
    ),
)


def _review_passed(ctx: Context) -> bool:
    case = ctx.obj
    if not case.needs_legal_review:
        return True
    last = case.reviews.order_by("-round", "-id").first()
    return last is not None and last.result == "passed"


LEGAL_REVIEW_PASSED = guard(
    "legal_review_passed",
    "本案属于应当法制审核的情形（法制审核目录或者第五十八条所列情形），未经法制审核或者审核未通过的，不得作出决定",
    f"{XZCF}第五十八条第一款；{GBF118}四",
    _review_passed,
)
COLLECTIVE_DISCUSSION = guard(
    "collective_discussion",
    "对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定",
    f"{XZCF}第五十七条第二款",
    lambda ctx: not ctx.obj.complex_or_major or ctx.obj.discussions.exists(),
)
EDUCATION = guard(
    "education",
    "对当事人的违法行为依法不予行政处罚的，行政机关应当对当事人进行教育",
    f"{XZCF}第三十三条第三款",
    lambda ctx: ctx.data.get("outcome") != "no_penalty" or bool(ctx.data.get("education")),
)

# -- 期限的延长与扣除 -----------------------------------------------------------------------------


# The 办案期限 of 第六十条 and what may extend or suspend it are the rules of the case's sector
# (sectors.py): 第六十条 itself has neither, 「法律、法规、规章另有规定的，从其规定」.
_ART60 = f"{XZCF}第六十条"


def _period(ctx: Context):
    """The catalogue rule the case's 办案期限 runs under (its running clock's, else its sector's)."""
    return get_rule(sectors.decision_clock(ctx))


def _extension_fits(ctx: Context) -> bool:
    ext = _period(ctx).extension
    days = ctx.integer("days")
    return ext is not None and (days is None or 1 <= days <= ext.length)


def _extension_detail(ctx: Context) -> str:
    rule = _period(ctx)
    ext = rule.extension
    if ext is None:
        return (
            f"本案办案期限适用{rule.citation}（{rule.period_label}），没有延长期限的规定，不能延长"
        )
    days = ctx.integer("days")
    return (
        f"本案办案期限适用{rule.citation}，最多可延长{ext.label()}（经{ext.approver}批准；"
        f"依据：{ext.basis or rule.citation}），所请延长{days}日超出该规定"
    )


EXTENSION_ALLOWED = guard(
    "extension_allowed",
    "本案适用的办案期限规定不允许此项延长",
    f"{_ART60}（法律、法规、规章另有规定的，从其规定）",
    _extension_fits,
    detail=_extension_detail,
)


def _suspension_fits(ctx: Context) -> bool:
    grounds = _period(ctx).suspension
    ground = ctx.text("ground")
    return bool(grounds) and (not ground or ground in grounds)


def _suspension_detail(ctx: Context) -> str:
    rule = _period(ctx)
    if not rule.suspension:
        return f"本案办案期限适用{rule.citation}，没有不计入期限的情形的规定，不能中止计算"
    return (
        f"本案办案期限适用{rule.citation}，不计入期限的情形为：{'、'.join(rule.suspension)}；"
        f"“{ctx.text('ground')}”不在其中"
    )


SUSPENSION_ALLOWED = guard(
    "suspension_allowed",
    "本案适用的办案期限规定没有此项不计入期限的情形",
    f"{_ART60}（法律、法规、规章另有规定的，从其规定）",
    _suspension_fits,
    detail=_suspension_detail,
)


def _extended_detail(ctx: Context) -> str | None:
    if not ctx.data.get("reason"):
        return "延长办案期限须说明理由"
    ext = _period(ctx).extension
    return f"办案期限已经延长过，不能再次延长（依据：{ext.basis if ext else ''}）"


NOT_EXTENDED = guard(
    "not_extended",
    "办案期限已经延长过，不能再次延长；延长须说明理由",
    f"{_ART60}（法律、法规、规章另有规定的，从其规定）",
    lambda ctx: bool(ctx.data.get("reason")) and not _decision_clock(ctx, "extended"),
    detail=_extended_detail,
)


def _decision_clock(ctx: Context, attr: str):
    found = sectors.running_decision_clock(ctx.obj)
    return getattr(found, attr, None) if found is not None else None


CLOCK_RUNNING = guard(
    "clock_running",
    "办案期限未在计算中（已中止或已结束）",
    f"{_ART60}（法律、法规、规章另有规定的，从其规定）",
    lambda ctx: _decision_clock(ctx, "status") == "open" and bool(ctx.data.get("reason")),
)
CLOCK_SUSPENDED = guard(
    "clock_suspended",
    "办案期限未处于中止计算状态",
    f"{_ART60}（法律、法规、规章另有规定的，从其规定）",
    lambda ctx: _decision_clock(ctx, "status") == "suspended",
)
