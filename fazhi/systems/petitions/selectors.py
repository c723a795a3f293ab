"""Queries over petitions and tickets: what pages show, the steps a user may take, the clocks,
the earlier final matter (第三十六条第三款), and the rows behind the indicators."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from fazhi.core.deadlines.models import Deadline
from fazhi.core.deadlines.services import deadlines_of, find
from fazhi.core.workflow.engine import labelled_history

from . import policies
from .models import HotlineTicket, Petition, TicketBounce


def visible_petitions(user: Any) -> QuerySet[Petition]:
    return policies.visible_petitions(user).select_related("agency", "handler_agency")


def visible_tickets(user: Any) -> QuerySet[HotlineTicket]:
    return policies.visible_tickets(user).select_related("office", "unit")


def clocks(obj: Any) -> list[Deadline]:
    return deadlines_of(obj)


def timeline(obj: Any) -> list[Any]:
    return labelled_history(obj)


def due(obj: Any, rule_id: str, key: str = "") -> date | None:
    d = find(obj, rule_id, key)
    return d.due if d is not None else None


def final_same_matter(p: Petition) -> Petition | None:
    """A matter of the same petitioner closed by 复核 (第三十六条第三款) about the same act (the
    same linked record, or the same description of the act), or — when no act is given — with
    the same complaint. None if there is none."""
    qs = Petition.objects.filter(state="final", petitioner_name=p.petitioner_name)
    if p.petitioner_id_number:
        qs = qs.filter(Q(petitioner_id_number="") | Q(petitioner_id_number=p.petitioner_id_number))
    if p.act_type_id and p.act_id:
        qs = qs.filter(act_type_id=p.act_type_id, act_id=p.act_id)
    elif p.act_description:
        qs = qs.filter(act_description=p.act_description)
    else:
        qs = qs.filter(content=p.content)
    return qs.order_by("-recheck_on", "-id").first()


# -- indicator rows --------------------------------------------------------------------------


def received_in(ids: Any, start: date, end: date) -> QuerySet[Petition]:
    return Petition.objects.filter(
        agency_id__in=ids, received_on__gte=start, received_on__lte=end
    ).exclude(state="new")


def routed_in(ids: Any, start: date, end: date) -> QuerySet[Petition]:
    """Routed or accepted by a 信访部门 in the period (the base of the on-time routing rate)."""
    return Petition.objects.filter(
        agency_id__in=ids,
        received_by_office=True,
        routed_on_time__isnull=False,
        received_on__gte=start,
        received_on__lte=end,
    )


def handled_in(ids: Any, start: date, end: date) -> QuerySet[Petition]:
    """Matters whose 处理意见书 was issued in the period, by the body that handled them."""
    return Petition.objects.filter(
        handler_agency_id__in=ids,
        opinion_on__gte=start,
        opinion_on__lte=end,
        handled_on_time__isnull=False,
    )


def reviews_in(ids: Any, start: date, end: date) -> QuerySet[Petition]:
    return Petition.objects.filter(
        review_body_id__in=ids, review_requested_on__gte=start, review_requested_on__lte=end
    )


def rechecks_in(ids: Any, start: date, end: date) -> QuerySet[Petition]:
    return Petition.objects.filter(
        recheck_body_id__in=ids, recheck_requested_on__gte=start, recheck_requested_on__lte=end
    )


def overdue_petitions(ids: Any, as_of: date) -> QuerySet[Petition]:
    """Accepted matters still without an opinion whose handling period had run out."""
    return Petition.objects.filter(
        handler_agency_id__in=ids, state="accepted", resolution_due__lt=as_of
    )


def repeat_act_petitions(ids: Any, start: date, end: date) -> QuerySet[Petition]:
    """Petitions about an act (a linked record) that at least two petitions in the period are
    about: repeat complaints about the same act."""
    base = received_in(ids, start, end).filter(act_type__isnull=False, act_id__isnull=False)
    acts = (
        base.values("act_type", "act_id")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
        .values_list("act_type", "act_id")
    )
    q = Q(pk__in=[])
    for act_type, act_id in acts:
        q |= Q(act_type=act_type, act_id=act_id)
    return base.filter(q)


def repeat_petitioner_petitions(ids: Any, start: date, end: date) -> QuerySet[Petition]:
    """Petitions of petitioners who filed at least two in the period (重复信访)."""
    base = received_in(ids, start, end)
    names = (
        base.values("petitioner_name")
        .annotate(n=Count("id"))
        .filter(n__gte=2)
        .values("petitioner_name")
    )
    return base.filter(petitioner_name__in=names)


def tickets_received(ids: Any, start: date, end: date) -> QuerySet[HotlineTicket]:
    return HotlineTicket.objects.filter(
        Q(office_id__in=ids) | Q(unit_id__in=ids), received_on__gte=start, received_on__lte=end
    )


def bounces_in(ids: Any, start: date, end: date) -> QuerySet[TicketBounce]:
    return TicketBounce.objects.filter(
        unit_id__in=ids, returned_on__gte=start, returned_on__lte=end
    )


def bounces_by_unit(ids: Any, start: date, end: date) -> list[tuple[str, int, int]]:
    """(unit, returns, returns rejected by arbitration), most first."""
    rows = (
        bounces_in(ids, start, end)
        .values("unit__name")
        .annotate(n=Count("id"), rejected=Count("id", filter=Q(decision="reject")))
        .order_by("-n", "unit__name")
    )
    return [(r["unit__name"], r["n"], r["rejected"]) for r in rows]


def signed_in(ids: Any, start: date, end: date) -> QuerySet[HotlineTicket]:
    return HotlineTicket.objects.filter(
        unit_id__in=ids,
        signed_on__gte=start,
        signed_on__lte=end,
        signed_on_time__isnull=False,
    )


def called_back_in(ids: Any, start: date, end: date) -> QuerySet[HotlineTicket]:
    return HotlineTicket.objects.filter(
        unit_id__in=ids, callback_on__gte=start, callback_on__lte=end
    ).exclude(satisfaction="")
