"""Who may see and do what with 建议、提案.

The 建议提案办理人员 (role ``proposal_staff``) of the receiving government (its 政府办) registers,
assigns, sets the answer date and records the representative's satisfaction; the lead unit's
staff (建议提案办理人员 or 机关负责人) answers; a co-handling unit's staff sends its opinion to the
lead. Supervisors read everything beneath their government; a unit reads the items it handles.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from fazhi.core.accounts.policies import can_act_for, principal
from fazhi.core.orgs.models import Agency

from .models import Proposal
from .roles import Role

UNIT_ROLES = (Role.PROPOSAL_STAFF, Role.AGENCY_HEAD)


def can_office(user: Any, obj: Proposal) -> bool:
    """A step of the receiving office (交办, 征询意见): its 建议提案办理人员."""
    return can_act_for(user, obj.agency_id, Role.PROPOSAL_STAFF)


def can_lead(user: Any, obj: Proposal) -> bool:
    """The answer: the lead unit's staff, or the receiving office recording the answer the lead
    unit sent it (as when a register kept on paper is imported)."""
    if obj.lead_unit_id is None:
        return False
    return can_act_for(user, obj.lead_unit_id, *UNIT_ROLES) or can_office(user, obj)


def co_unit_ids_of(user: Any, obj: Proposal) -> list[int]:
    """The co-handling units of ``obj`` for which the user may send an opinion."""
    return [
        pk for pk in obj.co_units.values_list("pk", flat=True) if can_act_for(user, pk, *UNIT_ROLES)
    ]


def can_co_handle(user: Any, obj: Proposal) -> bool:
    return bool(co_unit_ids_of(user, obj))


def can_register(user: Any, agency_id: int) -> bool:
    return can_act_for(user, agency_id, Role.PROPOSAL_STAFF)


def registering_agencies(user: Any) -> QuerySet[Agency]:
    """The governments for which this user registers items (their 政府办 staff)."""
    ids = [a for r, a in principal(user).grants if r == Role.PROPOSAL_STAFF]
    return Agency.objects.filter(pk__in=ids, active=True, kind=Agency.Kind.GOVERNMENT)


def visible_proposals(user: Any) -> QuerySet[Proposal]:
    """Items of the governments the user sees, and those its units lead or co-handle."""
    if not getattr(user, "is_authenticated", False):
        return Proposal.objects.none()
    ids = sorted(principal(user).visible_agency_ids)
    return Proposal.objects.filter(
        Q(agency_id__in=ids)
        | Q(lead_unit_id__in=ids)
        | Q(pk__in=Proposal.co_units.through.objects.filter(agency_id__in=ids).values("proposal"))
    )


def get_visible(user: Any, pk: int) -> Proposal:
    """The item if the user may read it; 404 otherwise (its existence is not revealed)."""
    obj = visible_proposals(user).select_related("agency", "lead_unit").filter(pk=pk).first()
    if obj is None:
        raise Http404("没有找到该建议、提案。")
    return obj


def can_use(user: Any) -> bool:
    """Whether the 建议提案 pages appear in the user's navigation."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(principal(user).roles & {Role.PROPOSAL_STAFF, Role.SUPERVISOR, Role.AGENCY_HEAD})
