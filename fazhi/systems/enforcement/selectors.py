"""Queries over 行政处罚 cases: what is owed, what is due, what a user may see."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from . import policies, rules
from .models import Case, Transfer


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


def visible(user: Any) -> QuerySet[Case]:
    """Every case the user may read, cheapest joins for a list page."""
    qs = Case.objects.exclude(state="draft").select_related("agency", "matter")
    return policies.visible_cases(user, qs)


LIST_FIELDS = (
    "agency",
    "matter__name",
    "number",
    "source_number",
    "party_name",
    "procedure",
    "state",
    "registered_on",
    "opened_on",
    "decision_due",
    "decided_on",
    "outcome",
    "decided_fine",
    "decided_confiscation",
    "decision_on_time",
)


def list_rows(user: Any) -> QuerySet[Case]:
    """The visible cases with only the columns a list page shows.

    The agency comes by a second small query (``prefetch_related``) rather than a join: with no
    join to reorder, the database pages through the case table's own index, which keeps a page
    cheap on a million cases (SQLite otherwise loops over agencies and merges index ranges).
    """
    from django.db.models import Prefetch

    from fazhi.core.orgs.models import Agency

    qs = Case.objects.exclude(state="draft").select_related("matter").only(*LIST_FIELDS)
    qs = qs.prefetch_related(Prefetch("agency", queryset=Agency.objects.only("name", "short_name")))
    return policies.visible_cases(user, qs)


def case_for(user: Any, pk: int) -> Case | None:
    """The case if this user may see it; ``None`` otherwise (never reveals that it exists)."""
    case = Case.objects.select_related("agency", "matter").filter(pk=pk).first()
    if case is None or not policies.can_view_case(user, case):
        return None
    return case


def transfers_pending(agency_ids) -> QuerySet[Transfer]:
    """移送 tasks not yet carried out (待移送)."""
    return Transfer.objects.filter(case__agency_id__in=agency_ids, state="raised").select_related(
        "case"
    )


def flagged_decisions(agency_ids) -> QuerySet[Case]:
    """Decisions outside the benchmark's recommendation, for the legal reviewer's attention."""
    return Case.objects.filter(agency_id__in=agency_ids, flagged_for_review=True).order_by(
        "-decided_on"
    )


def available_actions(case: Case, user: Any) -> list:
    """Steps the user's policy allows from the case's state (guards are checked on submit)."""
    from .workflow import CASE_WORKFLOW

    return CASE_WORKFLOW.available(case, user)


def case_history(case: Case) -> list:
    """The case's history rows in the order they were ledgered (the ledger sequence is the
    one order nobody can rewrite; wall-clock times may be adjusted), each with the step's and
    the states' Chinese labels (``action_label``, ``from_label``, ``to_label``)."""
    from fazhi.core.workflow.engine import labelled_history

    return sorted(labelled_history(case), key=lambda h: h.ledger_seq)
