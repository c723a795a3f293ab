"""Queries over 行政处罚 cases: what a user may see, what waits for whom, a case's history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from fazhi.core.orgs.models import Agency
from fazhi.core.workflow.engine import labelled_history

from . import policies
from .amounts import outstanding  # noqa: F401 - the case page reads what is owed from here
from .models import Case, Transfer
from .workflow import CASE_WORKFLOW


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
    qs = Case.objects.exclude(state="draft").select_related("matter").only(*LIST_FIELDS)
    qs = qs.prefetch_related(Prefetch("agency", queryset=Agency.objects.only("name", "short_name")))
    return policies.visible_cases(user, qs)


def case_for(user: Any, pk: int) -> Case | None:
    """The case if this user may see it; ``None`` otherwise (never reveals that it exists)."""
    case = Case.objects.select_related("agency", "matter").filter(pk=pk).first()
    if case is None or not policies.can_view_case(user, case):
        return None
    return case


def case_or_404(user: Any, pk: int) -> Case:
    """The case if this user may see it; 404 otherwise (the case pages, API and steps)."""
    case = case_for(user, pk)
    if case is None:
        raise Http404("没有找到该案件。")
    return case


def of_visible_cases(model: Any) -> Callable[[Any], QuerySet]:
    """The scope of a case's sub-records (evidence, 文书…): those of the cases the user may see,
    the same cases the case page opens for them (files are served through it)."""

    def scope(user: Any) -> QuerySet:
        return model.objects.filter(case__in=policies.visible_cases(user, Case.objects.all()))

    return scope


def document_versions(case: Case) -> list[tuple[Any, list[Any]]]:
    """The case's 文书 by kind, in the order first generated: (latest version, earlier versions
    newest first)."""
    by_kind: dict[str, list[Any]] = {}
    for doc in case.documents.select_related("file", "generated_by").order_by("generated_at", "id"):
        by_kind.setdefault(doc.kind, []).append(doc)
    return [(docs[-1], docs[-2::-1]) for docs in by_kind.values()]


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
    return CASE_WORKFLOW.available(case, user)


def case_history(case: Case) -> list:
    """The case's history rows in the order they were ledgered (the ledger sequence is the
    one order nobody can rewrite; wall-clock times may be adjusted), each with the step's and
    the states' Chinese labels (``action_label``, ``from_label``, ``to_label``)."""
    return sorted(labelled_history(case), key=lambda h: h.ledger_leaf)
