"""What a 行政处罚 case involves and owes: the criminal threshold (两法衔接), the 加处罚款 accrued
and what is still outstanding. Read by the guards and effects of the workflow and by the pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from . import rules
from .models import Case


def crosses_threshold(case: Case) -> bool:
    """两法衔接: the amount involved reaches the matter's criminal prosecution threshold."""
    matter = case.matter if case.matter_id else None
    threshold = getattr(matter, "criminal_threshold_amount", None)
    return bool(
        threshold and case.amount_involved is not None and case.amount_involved >= threshold
    )


def frozen_periods(case: Case) -> list[tuple[date, date | None]]:
    """复议/诉讼 periods during which no surcharge accrues (第七十三条第三款)."""
    return [(r.filed_on, r.ended_on) for r in case.remedies.all()]


def surcharge_owed(case: Case, on: date) -> Decimal:
    """加处罚款 accrued up to ``on`` (第七十二条第一款第一项), stopping the day the fine was paid."""
    fine = case.decided_fine or Decimal(0)
    due = case.deferral_until or case.payment_due
    if fine <= 0 or due is None:
        return Decimal("0.00")
    until = min(on, case.paid_on) if case.paid_on else on
    paid_fine_on = _fine_paid_on(case)
    if paid_fine_on is not None:
        until = min(until, paid_fine_on)
    return rules.surcharge(fine, due, until, frozen_periods(case))


def _fine_paid_on(case: Case) -> date | None:
    """The day the payments first covered the whole fine (surcharge stops accruing then)."""
    total = Decimal(0)
    for p in case.payments.all().order_by("paid_on", "id"):
        total += p.amount
        if total >= case.fine_due:
            return p.paid_on
    return None


def outstanding(case: Case, on: date) -> tuple[Decimal, Decimal]:
    """(罚没款 still owed, 加处罚款 still owed) on ``on``."""
    fine_left = max(case.fine_due - case.paid_amount, Decimal(0))
    surcharge_left = max(surcharge_owed(case, on) - case.surcharge_paid, Decimal(0))
    return fine_left, surcharge_left
