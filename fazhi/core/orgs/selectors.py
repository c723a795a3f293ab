"""Queries over the organisation tree."""

from __future__ import annotations

from .models import Agency


def agencies_under_government(government: Agency) -> set[int]:
    """Ids of a government, its departments, and recursively the lower governments' agencies."""
    seen: set[int] = set()
    frontier = [government.pk]
    while frontier:
        seen.update(frontier)
        frontier = list(
            Agency.objects.filter(government_id__in=frontier)
            .exclude(pk__in=seen)
            .values_list("pk", flat=True)
        )
    return seen


def supervised_agency_ids(agency: Agency) -> set[int]:
    """What a supervising body sees: everything beneath its own government."""
    government = agency if agency.kind == Agency.Kind.GOVERNMENT else agency.government
    if government is None:
        return {agency.pk}
    return agencies_under_government(government)
