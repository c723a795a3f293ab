"""Who may see and do what with petitions and 12345 tickets.

信访工作人员 (role ``petition_staff``) of an agency act on the matters that agency has: the body
that registered a petition, the agency it was routed to, the 复查 and 复核 bodies; for a ticket,
the hotline office that dispatched it and the unit it is assigned to. Supervisors (司法局 /
政府办) read everything beneath their government. A unit that returned a ticket keeps seeing it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from fazhi.core.accounts.policies import can_act_for, principal
from fazhi.core.orgs.models import Agency

from .models import HotlineTicket, Petition
from .roles import Role

STAFF = Role.PETITION_STAFF


def can_act(user: Any, agency_id: int | None) -> bool:
    return bool(agency_id) and can_act_for(user, agency_id, STAFF)


def staff_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies for which the user is petition staff (may register, dispatch, import)."""
    if not getattr(user, "is_authenticated", False):
        return Agency.objects.none()
    ids = [a for r, a in principal(user).grants if r == STAFF]
    return Agency.objects.filter(pk__in=ids, active=True)


# -- petitions -------------------------------------------------------------------------------


def can_register_for(user: Any, obj: Petition) -> bool:
    """Registration and routing: staff of the body that received the matter."""
    return can_act(user, obj.agency_id)


def can_handle(user: Any, obj: Petition) -> bool:
    """Objection, acceptance, notice, extension, the 处理意见书: staff of the responsible body."""
    return can_act(user, obj.responsible_id or obj.agency_id)


def can_take_request(user: Any, obj: Petition) -> bool:
    """Recording a 复查/复核 request: staff of any agency that has had the matter, or petition
    staff of the higher body the request goes to (the service checks the body named)."""
    return any(can_act(user, a) for a in obj.agency_ids) or any(
        r == STAFF for r, _ in principal(user).grants
    )


def visible_petitions(user: Any) -> QuerySet[Petition]:
    if not getattr(user, "is_authenticated", False):
        return Petition.objects.none()
    ids = sorted(principal(user).visible_agency_ids)
    return Petition.objects.filter(
        Q(agency_id__in=ids)
        | Q(handler_agency_id__in=ids)
        | Q(review_body_id__in=ids)
        | Q(recheck_body_id__in=ids)
    )


def get_visible_petition(user: Any, pk: int) -> Petition:
    """The petition if the user may read it; 404 otherwise (its existence is not revealed)."""
    obj = Petition.objects.select_related("agency", "handler_agency").filter(pk=pk).first()
    visible = principal(user).visible_agency_ids if obj is not None else frozenset()
    if obj is None or not (obj.agency_ids & visible):
        raise Http404("没有找到该信访事项。")
    return obj


# -- 12345 tickets ---------------------------------------------------------------------------


def can_dispatch(user: Any, obj: HotlineTicket) -> bool:
    """Dispatch, arbitration, extension approval, callback: staff of the hotline office."""
    return can_act(user, obj.office_id)


def can_work(user: Any, obj: HotlineTicket) -> bool:
    """Sign for, return, reply: staff of the unit the ticket is assigned to."""
    return can_act(user, obj.unit_id)


def visible_tickets(user: Any) -> QuerySet[HotlineTicket]:
    if not getattr(user, "is_authenticated", False):
        return HotlineTicket.objects.none()
    ids = sorted(principal(user).visible_agency_ids)
    bounced = HotlineTicket.objects.filter(bounces__unit_id__in=ids).values("pk")
    return HotlineTicket.objects.filter(
        Q(office_id__in=ids) | Q(unit_id__in=ids) | Q(pk__in=bounced)
    )


def get_visible_ticket(user: Any, pk: int) -> HotlineTicket:
    obj = visible_tickets(user).select_related("office", "unit").filter(pk=pk).first()
    if obj is None:
        raise Http404("没有找到该工单。")
    return obj


def can_use(user: Any) -> bool:
    """Whether the 信访 and 12345 pages appear in the user's navigation."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(principal(user).roles & {STAFF, Role.SUPERVISOR, Role.AGENCY_HEAD})
