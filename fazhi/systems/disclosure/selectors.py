"""Queries over requests: what a page shows, which steps a user may take, the clocks."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.services import deadlines_of
from fazhi.core.workflow.engine import labelled_history

from . import policies
from .models import Consultation, DisclosureRequest


def visible(user: Any) -> QuerySet[DisclosureRequest]:
    return policies.visible_requests(user).select_related("agency", "handler")


def clocks(req: DisclosureRequest) -> list[Deadline]:
    return deadlines_of(req)


def open_consultation(req: DisclosureRequest) -> Consultation | None:
    return req.consultations.filter(status=Consultation.Status.OPEN).order_by("-id").first()


def timeline(req: DisclosureRequest) -> list[Any]:
    return labelled_history(req)


def overdue(agency_ids: frozenset[int] | set[int], as_of: date) -> QuerySet[DisclosureRequest]:
    """Requests still unanswered at ``as_of`` whose answer period had run out by then."""
    return (
        DisclosureRequest.objects.filter(
            agency_id__in=agency_ids,
            received_on__lte=as_of,
            answer_due__lt=as_of,
        )
        .filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=as_of))
        .exclude(state="new")
    )


def answered_in(
    agency_ids: frozenset[int] | set[int], start: date, end: date
) -> QuerySet[DisclosureRequest]:
    """Requests answered within ``start..end`` (the base of the on-time figures)."""
    return DisclosureRequest.objects.filter(
        agency_id__in=agency_ids,
        state="answered",
        answered_on__gte=start,
        answered_on__lte=end,
    )


def received_in(
    agency_ids: frozenset[int] | set[int], start: date, end: date
) -> QuerySet[DisclosureRequest]:
    return DisclosureRequest.objects.filter(
        agency_id__in=agency_ids, received_on__gte=start, received_on__lte=end
    ).exclude(state="new")


def previous_answers(req: DisclosureRequest) -> QuerySet[DisclosureRequest]:
    """Answered requests of the same applicant at the same agency (for 重复申请, 第三十六条（六）)."""
    return (
        DisclosureRequest.objects.filter(
            agency_id=req.agency_id, applicant_name=req.applicant_name, state="answered"
        )
        .exclude(pk=req.pk)
        .order_by("-answered_on")
    )
