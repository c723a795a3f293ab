"""Queries over 建议、提案: what a page shows, which steps a user may take, the figures' bases."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.workflow.engine import labelled_history

from . import policies, rules
from .models import Proposal

#: States in which the answer has been given (办结 in the sense of the yearly figures).
ANSWERED = ("answered", "closed")


def visible(user: Any) -> QuerySet[Proposal]:
    return policies.visible_proposals(user).select_related("agency", "lead_unit")


def clocks(p: Proposal) -> list[Deadline]:
    return deadlines_of(p)


def timeline(p: Proposal) -> list[Any]:
    return labelled_history(p)


def _scope(agency_ids: Iterable[int]) -> Q:
    ids = list(agency_ids)
    return Q(agency_id__in=ids) | Q(lead_unit_id__in=ids)


def of_year(agency_ids: Iterable[int], kind: str, start, end) -> QuerySet[Proposal]:
    """Items of ``kind`` received in ``start..end`` that were assigned (the base of 办结率)."""
    return (
        Proposal.objects.filter(_scope(agency_ids), kind=kind)
        .filter(received_on__gte=start, received_on__lte=end)
        .exclude(state="registered")
    )


def with_feedback(agency_ids: Iterable[int], kind: str, start, end) -> QuerySet[Proposal]:
    """Items of ``kind`` received in the period whose representative gave feedback on the
    latest answer (the base of 满意率)."""
    return of_year(agency_ids, kind, start, end).exclude(satisfaction="")


SATISFIED = Q(satisfaction__in=rules.CONCLUDING)
DONE = Q(state__in=ANSWERED)
