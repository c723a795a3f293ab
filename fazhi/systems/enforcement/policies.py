"""Who may see and do what with 行政处罚 cases.

Officers work their own agency's cases; legal reviewers review them; the agency head approves
立案, the decision, 集体讨论, 回避, deferral and 结案; supervisors (司法局) read every case beneath
their government. Views, the API and the workflow ask these functions; none decides itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from fazhi.core.accounts.policies import can_act_for, can_view_business, principal
from fazhi.core.orgs.models import Agency

from .roles import Role


def _agency(obj: Any) -> int:
    case = getattr(obj, "case", None)
    return (case or obj).agency_id


def is_officer(user: Any, obj: Any) -> bool:
    return can_act_for(user, _agency(obj), Role.OFFICER)


def is_head(user: Any, obj: Any) -> bool:
    return can_act_for(user, _agency(obj), Role.AGENCY_HEAD)


def is_reviewer(user: Any, obj: Any) -> bool:
    return can_act_for(user, _agency(obj), Role.LEGAL_REVIEWER)


def officer_or_head(user: Any, obj: Any) -> bool:
    return can_act_for(user, _agency(obj), Role.OFFICER, Role.AGENCY_HEAD)


def can_view_case(user: Any, case: Any) -> bool:
    return can_view_business(user, case.agency_id)


def can_register(user: Any, agency_id: int) -> bool:
    """Opening a 案源 or a summary penalty: an officer of that agency."""
    return can_act_for(user, agency_id, Role.OFFICER)


REGISTER_REFUSED = "您不是行政执法人员，不能登记案源。"
SUMMARY_REFUSED = "您不是行政执法人员，不能当场作出处罚决定。"


def registering_agencies(user: Any) -> QuerySet[Agency]:
    """The agencies in which ``user`` may open a 案源 or make a summary penalty (:func:`can_register`)."""
    return Agency.objects.filter(pk__in={a for r, a in principal(user).grants if r == Role.OFFICER})


def can_register_any(user: Any) -> bool:
    """The 登记案源 and 当场处罚 entries, their pages and the API's POSTs: an officer of some agency
    (legal reviewers, agency heads and supervisors read cases but do not open them)."""
    return principal(user).has(Role.OFFICER)


def visible_cases(user: Any, qs: QuerySet) -> QuerySet:
    """The cases this user may read: own agencies, and for supervisors everything beneath.

    A supervisor who sees every agency gets the unfiltered list: the same rows, and a query
    plan that pages through an index instead of merging one index range per agency.
    """
    ids = principal(user).visible_agency_ids
    if ids and not Agency.objects.exclude(pk__in=ids).exists():
        return qs
    return qs.filter(agency_id__in=ids)


def can_use(user: Any) -> bool:
    """Whether the 行政处罚 pages appear in the user's navigation at all."""
    p = principal(user)
    return bool(p.roles & {Role.OFFICER, Role.AGENCY_HEAD, Role.LEGAL_REVIEWER, Role.SUPERVISOR})
