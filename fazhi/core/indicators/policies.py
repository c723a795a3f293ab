"""Who may see which figures: only those over agencies the user may see (their own, and for a
supervising body everything beneath its government). A government's figure for a user covers
only the agencies beneath it that this user may see."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, QuerySet, Value, When

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency

from .registry import scope_for

DENIED = "您无权查看该机关的指标。"


def visible_agencies(user) -> QuerySet[Agency]:
    """The organisations a user may choose on the dashboard (governments first)."""
    ids = principal(user).visible_agency_ids
    governments_first = Case(
        When(kind__in=[Agency.Kind.GOVERNMENT, Agency.Kind.TOWNSHIP], then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        Agency.objects.filter(pk__in=ids)
        .annotate(governments_first=governments_first)
        .order_by("governments_first", "order", "name")
    )


def agency_scope(user, agency: Agency) -> frozenset[int]:
    """The agency ids a figure "for ``agency``" covers for this user; refused when the user may
    not see ``agency`` itself."""
    visible = principal(user).visible_agency_ids
    if agency.pk not in visible:
        raise PermissionDenied(DENIED)
    return scope_for(agency, visible)
