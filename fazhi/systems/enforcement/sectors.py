"""Which clocks time a case: the procedure settings of its sector (执法领域).

行政处罚法 第六十条 sets ninety days from 立案 and nothing else: 「法律、法规、规章另有规定的，从其规定」.
A sector's own rules (e.g. 《市场监督管理行政处罚程序规定》第六十四条: 30 more days with the
head's approval, hearing time not counted; 《治安管理处罚法》: 30 days for 治安 cases) and its
案源核查 and 法制审核 periods apply only to the cases of that sector. The periods, extensions (length
and approver) and suspension grounds are catalogue rules with their citations
(``fazhi/kernel/data/timelimits.toml``); this table only says which rule each sector uses. A
sector not listed gets the national rule and no 案源核查 or 法制审核 clock.

The sector of a case is its matter's ``field`` (执法领域, as on the officers' certificates); a case
without a matter yet (a 案源) takes the field shared by all its agency's penalty matters, if they
share one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fazhi.core.workflow.engine import Context
from fazhi.kernel.timelimits import Rule, get_rule

from . import rules


@dataclass(frozen=True)
class SectorProcedure:
    """The catalogue rules that time one sector's cases (None: the sector sets no such period)."""

    decision: str
    lead_check: str | None = None
    legal_review: str | None = None


NATIONAL = SectorProcedure(rules.RULE_DECISION)

#: By 执法领域; ``""`` is the default for every sector not listed (the national rule).
SECTOR_PROCEDURES: dict[str, SectorProcedure] = {
    "": NATIONAL,
    "市场监管": SectorProcedure(
        rules.RULE_DECISION_SCJG, rules.RULE_LEAD_CHECK, rules.RULE_LEGAL_REVIEW
    ),
    # 治安 cases of the 公安 organs; other 公安 cases follow the law that governs them.
    "公安": SectorProcedure(rules.RULE_DECISION_ZHIAN),
}

#: Every rule a case's 办案期限 may run under (the mirror of ``decision_due`` reads them all).
DECISION_RULES = tuple(dict.fromkeys(p.decision for p in SECTOR_PROCEDURES.values()))
LEAD_CHECK_RULES = tuple(
    dict.fromkeys(p.lead_check for p in SECTOR_PROCEDURES.values() if p.lead_check)
)
LEGAL_REVIEW_RULES = tuple(
    dict.fromkeys(p.legal_review for p in SECTOR_PROCEDURES.values() if p.legal_review)
)


def sector_of(case: Any) -> str:
    """The case's 执法领域: its matter's field, else the one field of its agency's penalty
    matters ("" when unknown)."""
    matter = getattr(case, "matter", None) if getattr(case, "matter_id", None) else None
    if matter is not None and matter.field:
        return str(matter.field)
    from fazhi.systems.matters.models import Matter

    fields = set(
        Matter.objects.filter(agency_id=case.agency_id, kind="penalty")
        .values_list("field", flat=True)
        .distinct()[:2]
    )
    return fields.pop() if len(fields) == 1 else ""


def procedure_for(field: str) -> SectorProcedure:
    """The settings of the 执法领域 ``field`` (the national rule when it has none)."""
    return SECTOR_PROCEDURES.get(field, NATIONAL)


def procedure_of(case: Any) -> SectorProcedure:
    return procedure_for(sector_of(case))


# -- per-record rule ids, for Timer(rule=…) (ctx) and Waiting(rule=…) (case) ---------------------


def decision_rule(case: Any) -> str:
    """The rule of the case's 办案期限 (第六十条 or its sector's rule)."""
    return procedure_of(case).decision


def lead_check_rule(case: Any) -> str | None:
    return procedure_of(case).lead_check


def legal_review_rule(case: Any) -> str | None:
    return procedure_of(case).legal_review


def decision_period(case: Any) -> Rule:
    return get_rule(decision_rule(case))


def _running(case: Any, candidates: tuple[str, ...], own: str | None) -> str | None:
    """The rule of the case's running clock among ``candidates`` (the one it started under,
    should the case's matter have changed since), else the case's own rule."""
    from fazhi.core.deadlines import services as deadlines

    for rule_id in dict.fromkeys(r for r in (own, *candidates) if r):
        if deadlines.find(case, rule_id) is not None:
            return rule_id
    return own


_NUMERALS = {30: "三十日", 60: "六十日", 90: "九十日"}


def period_words(case: Any) -> str:
    """The case's 办案期限 as a document states it, e.g. "九十日"."""
    rule = decision_period(case)
    return _NUMERALS.get(rule.length, f"{rule.length}日")


def decision_clock(ctx: Context) -> str:
    """The rule of the case's 办案期限: the running clock's, else the sector's."""
    return _running(ctx.obj, DECISION_RULES, decision_rule(ctx.obj)) or rules.RULE_DECISION


def lead_check_clock(ctx: Context) -> str | None:
    return _running(ctx.obj, LEAD_CHECK_RULES, lead_check_rule(ctx.obj))


def legal_review_clock(ctx: Context) -> str | None:
    return _running(ctx.obj, LEGAL_REVIEW_RULES, legal_review_rule(ctx.obj))


def hearing_suspends(case: Any) -> bool:
    """Whether the sector's rule leaves the hearing out of the 办案期限 (e.g. 《市场监督管理行政
    处罚程序规定》第六十四条第二款); 第六十条 itself does not."""
    return "听证" in decision_period(case).suspension


def hearing_clock(ctx: Context) -> str | None:
    """The 办案期限 to suspend from a hearing request to its record, if the sector says so."""
    rule_id = decision_clock(ctx)
    return rule_id if "听证" in get_rule(rule_id).suspension else None


def running_decision_clock(case: Any) -> Any:
    """The case's running 办案期限 (whatever sector rule it runs under), or None."""
    from fazhi.core.deadlines import services as deadlines

    rule_id = _running(case, DECISION_RULES, decision_rule(case))
    return deadlines.find(case, rule_id) if rule_id else None
