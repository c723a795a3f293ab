"""One FilterSet for the deadline lists of the UI and the API.

Every filter lands on an indexed column (agency, status, rule, due) or narrows an index range; the
level filter is translated into a range of due dates for today (see ``selectors.thresholds``),
so that it is both live and fast.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from fazhi.core.accounts.policies import principal
from fazhi.core.orgs.models import Agency
from fazhi.kernel.timelimits import RULES

from . import selectors
from .models import Deadline


def visible_agencies(request: Any) -> QuerySet[Agency]:
    """The agencies offered in the agency filter: those the user sees."""
    if request is None:
        return Agency.objects.none()
    return Agency.objects.filter(pk__in=principal(request.user).visible_agency_ids)


def rule_choices() -> list[tuple[str, str]]:
    """Every rule of the catalogue, labelled "title（id）", sorted by id."""
    return [(rid, f"{RULES[rid].title}（{rid}）") for rid in sorted(RULES)]


class DeadlineFilterSet(django_filters.FilterSet):
    agency = django_filters.ModelChoiceFilter(
        queryset=visible_agencies, label="承办机关", empty_label="全部机关"
    )
    status = django_filters.ChoiceFilter(
        choices=Deadline.Status.choices, label="状态", empty_label="全部状态"
    )
    level = django_filters.ChoiceFilter(
        choices=Deadline.Level.choices, label="提示", method="filter_level", empty_label="全部"
    )
    rule_id = django_filters.ChoiceFilter(
        choices=rule_choices, label="期限规则", empty_label="全部规则"
    )
    due_after = django_filters.DateFilter(field_name="due", lookup_expr="gte", label="届满日自")
    due_before = django_filters.DateFilter(field_name="due", lookup_expr="lte", label="届满日至")

    class Meta:
        model = Deadline
        fields: list[str] = []

    def filter_level(
        self, queryset: QuerySet[Deadline], name: str, value: str
    ) -> QuerySet[Deadline]:
        if not value:
            return queryset
        return selectors.by_level(queryset, value, selectors.thresholds())


class RiskFilterSet(DeadlineFilterSet):
    """The supervisor's risk list: only yellow and red are offered, status is always open."""

    level = django_filters.ChoiceFilter(
        choices=[(Deadline.Level.RED, "逾期"), (Deadline.Level.YELLOW, "临期")],
        label="提示",
        method="filter_level",
        empty_label="临期与逾期",
    )
    status = None  # type: ignore[assignment]
