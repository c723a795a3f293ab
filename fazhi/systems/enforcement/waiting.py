"""Who does the next step of a 行政处罚 case and whose each clock is: the states a case waits in
(``WAITING``, see :class:`fazhi.core.workflow.engine.Waiting`) and the small predicates and
timer helpers the case's transitions share (the 主办, the court-application window, 当场收缴)."""

from __future__ import annotations

from fazhi.core.accounts.roles import Role
from fazhi.core.tasks.services import lead_of
from fazhi.core.workflow.engine import Timer, Waiting

from . import rules
from . import sectors as sec
from .guards import currency
from .guards import remedies as rm
from .guards import summary as sg
from .models import Remedy


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
