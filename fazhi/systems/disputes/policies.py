"""Who may see and do what in 行政复议 and 行政应诉.

- A 行政复议 case is handled by the 复议应诉工作人员 (role ``litigation_staff``) of the 复议机构 —
  the 司法局 acting for its government; the government is the 复议机关.
- An agency's answer as 被申请人 and its suits as 被告 are handled by its own litigation staff
  (the body's staff may also open the answer record when they send the copy).
- Supervisors read everything beneath their government.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from fazhi.core.accounts.policies import can_act_for, can_view_business, principal
from fazhi.core.orgs.models import Agency

from .roles import Role

#: The actor of automatic steps (deemed acceptance when the review period runs out).
SYSTEM = "system:disputes"


def can_handle_in(user: Any, agency_id: int) -> bool:
    """The user is 复议应诉工作人员 of that agency."""
    return can_act_for(user, agency_id, Role.LITIGATION_STAFF)


def can_handle(user: Any, obj: Any) -> bool:
    return can_handle_in(user, obj.agency_id)


def can_handle_or_system(user: Any, obj: Any) -> bool:
    return user == SYSTEM or can_handle(user, obj)


def can_handle_respondence(user: Any, obj: Any) -> bool:
    """The respondent's staff, or the body's staff for a copy they sent from the platform."""
    if can_handle(user, obj):
        return True
    return obj.case_id is not None and can_act_for(user, obj.case.agency_id, Role.LITIGATION_STAFF)


def body_offices(user: Any) -> QuerySet[Agency]:
    """The 复议机构 (司法局) for which this user handles cases: a justice agency with a government."""
    ids = [a for r, a in principal(user).grants if r == Role.LITIGATION_STAFF]
    return Agency.objects.filter(pk__in=ids, kind=Agency.Kind.JUSTICE, government__isnull=False)


def own_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies for which this user handles answers and suits."""
    ids = [a for r, a in principal(user).grants if r == Role.LITIGATION_STAFF]
    return Agency.objects.filter(pk__in=ids, active=True)


def visible(user: Any, qs: QuerySet) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(agency_id__in=sorted(principal(user).visible_agency_ids))


def get_visible(user: Any, model: Any, pk: int) -> Any:
    obj = model.objects.select_related("agency").filter(pk=pk).first()
    if obj is None or not can_view_business(user, obj.agency_id):
        raise Http404("没有找到该案件。")
    return obj


def can_use(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(principal(user).roles & {Role.LITIGATION_STAFF, Role.SUPERVISOR, Role.AGENCY_HEAD})
