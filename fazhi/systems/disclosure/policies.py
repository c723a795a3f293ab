"""Who may see and do what with requests for government information.

The 信息公开工作人员 (role ``disclosure_staff``) of the agency that received a request handles
it; supervisors (司法局 / 政府办) read every request beneath their government. Views, the API
and the workflow ask these functions; none decides itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from fazhi.core.accounts.policies import can_act_for, can_view_business, principal
from fazhi.core.orgs.models import Agency

from .models import DisclosureRequest
from .roles import Role


def can_handle(user: Any, obj: Any) -> bool:
    """A step on a request: the user is disclosure staff of the receiving agency."""
    return can_act_for(user, obj.agency_id, Role.DISCLOSURE_STAFF)


def can_register(user: Any, agency_id: int) -> bool:
    return can_act_for(user, agency_id, Role.DISCLOSURE_STAFF)


def registering_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies for which this user may register a request."""
    ids = [a for r, a in principal(user).grants if r == Role.DISCLOSURE_STAFF]
    return Agency.objects.filter(pk__in=ids, active=True)


def can_view_request(user: Any, obj: DisclosureRequest) -> bool:
    return can_view_business(user, obj.agency_id)


def visible_requests(user: Any) -> QuerySet[DisclosureRequest]:
    """The requests this user may read: own agencies, and for supervisors all beneath."""
    if not getattr(user, "is_authenticated", False):
        return DisclosureRequest.objects.none()
    return DisclosureRequest.objects.filter(
        agency_id__in=sorted(principal(user).visible_agency_ids)
    )


def get_visible_request(user: Any, pk: int) -> DisclosureRequest:
    """The request if the user may read it; 404 otherwise (its existence is not revealed)."""
    obj = (
        DisclosureRequest.objects.select_related("agency", "handler", "letter")
        .filter(pk=pk)
        .first()
    )
    if obj is None or not can_view_request(user, obj):
        raise Http404("没有找到该政府信息公开申请。")
    return obj


def can_use(user: Any) -> bool:
    """Whether the 依申请公开 pages appear in the user's navigation."""
    if not getattr(user, "is_authenticated", False):
        return False
    p = principal(user)
    return bool(p.roles & {Role.DISCLOSURE_STAFF, Role.SUPERVISOR, Role.AGENCY_HEAD})


def report_agencies(user: Any) -> QuerySet[Agency]:
    return Agency.objects.filter(pk__in=sorted(principal(user).visible_agency_ids), active=True)
